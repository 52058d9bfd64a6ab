/**
 * The seed's catalog: every product and variant of ../catalog.ts as a v3 catalog record, with the
 * category, brand and option ids a real store would give them. Apart from the seed's shoppers and
 * orders (./seed.ts) because it is the bulk of the seed's wire fields and changes with the catalog.
 */
import { CATALOG, type CatalogProduct, type CatalogVariant } from '../catalog';
import type { ProductRec, VariantRec } from './records';
import type { BigCommerceStore } from './store';

const CATEGORY_IDS: Record<string, number> = {
	Tents: 23,
	'Sleeping Bags': 24,
	Jackets: 25,
	Lighting: 26,
	Cooking: 27,
	Packs: 28,
	Footwear: 29,
	Accessories: 30,
};
const BRAND_IDS: Record<string, number> = {
	Ridgeline: 36,
	Northfell: 37,
	Lumentrail: 38,
	Emberpeak: 39,
};
const OPTION_IDS = { size: 101, color: 102, style: 103 };
const OPTION_NAMES = { size: 'Size', color: 'Color', style: 'Style' };

function slug(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

function productRecord(
	p: CatalogProduct,
	id: number,
	date: string,
	baseVariantId: number | null,
): ProductRec {
	const costPrice = Math.round(p.price * 0.45 * 100) / 100;
	return {
		id,
		name: p.name,
		type: 'physical',
		sku: p.sku,
		description: `<p>${p.name} by ${p.brand}.</p>`,
		weight: p.weight,
		width: 10,
		depth: 6,
		height: 4,
		price: p.price,
		cost_price: costPrice,
		retail_price: Math.round(p.price * 1.15 * 100) / 100,
		sale_price: 0,
		map_price: 0,
		tax_class_id: 0,
		product_tax_code: '',
		categories: [CATEGORY_IDS[p.category]],
		brand_id: BRAND_IDS[p.brand],
		brand_name: p.brand,
		inventory_level: p.variants ? 0 : 40,
		inventory_warning_level: 5,
		inventory_tracking: p.variants ? 'variant' : 'product',
		fixed_cost_shipping_price: 0,
		is_free_shipping: false,
		is_visible: true,
		is_featured: false,
		related_products: [-1],
		warranty: '',
		bin_picking_number: '',
		layout_file: 'product.html',
		upc: p.upc,
		search_keywords: p.category.toLowerCase(),
		availability_description: '',
		availability: 'available',
		gift_wrapping_options_type: 'any',
		gift_wrapping_options_list: [],
		sort_order: 0,
		condition: 'New',
		is_condition_shown: false,
		order_quantity_minimum: 0,
		order_quantity_maximum: 0,
		page_title: '',
		meta_keywords: [],
		meta_description: '',
		view_count: 0,
		preorder_release_date: null,
		preorder_message: '',
		is_preorder_only: false,
		is_price_hidden: false,
		price_hidden_label: '',
		custom_url: { url: `/${slug(p.name)}/`, is_customized: false, create_redirect: false },
		open_graph_type: 'product',
		open_graph_title: '',
		open_graph_description: '',
		open_graph_use_meta_description: true,
		open_graph_use_product_name: true,
		open_graph_use_image: true,
		gtin: '',
		mpn: '',
		date_last_imported: '',
		reviews_rating_sum: 0,
		reviews_count: 0,
		total_sold: 0,
		date_created: date,
		date_modified: date,
		// "null for complex products" per the field's description, though the schema is not nullable.
		base_variant_id: baseVariantId,
		calculated_price: p.price,
		option_set_id: 0,
		option_set_display: 'right',
	} as ProductRec;
}

function variantRecord(
	p: CatalogProduct,
	product: ProductRec,
	v: CatalogVariant | undefined,
	id: number,
	optionValueIds: Map<string, number>,
): VariantRec {
	const price = v?.price ?? p.price;
	const dims = (['size', 'color', 'style'] as const).filter((k) => v?.[k]);
	return {
		id,
		product_id: product.id,
		sku: v?.sku ?? p.sku,
		sku_id: id + 5000,
		cost_price: product.cost_price as number,
		price,
		sale_price: 0,
		retail_price: Math.round(price * 1.15 * 100) / 100,
		weight: p.weight,
		width: 10,
		height: 4,
		depth: 6,
		is_free_shipping: false,
		fixed_cost_shipping_price: 0,
		purchasing_disabled: false,
		purchasing_disabled_message: '',
		upc: v ? `${p.upc.slice(0, 9)}${String(id).padStart(3, '0')}` : p.upc,
		inventory_level: v ? 12 : 40,
		inventory_warning_level: 2,
		bin_picking_number: '',
		calculated_price: price,
		option_values: dims.map((dim) => {
			const label = v?.[dim] as string;
			const key = `${dim}:${label}`;
			if (!optionValueIds.has(key)) optionValueIds.set(key, 200 + optionValueIds.size);
			return {
				id: optionValueIds.get(key) as number,
				label,
				option_id: OPTION_IDS[dim],
				option_display_name: OPTION_NAMES[dim],
			};
		}),
	} as VariantRec;
}

/** Put the catalog's products and variants in the store, all dated `date`. */
export function seedCatalog(store: BigCommerceStore, date: string): void {
	const optionValueIds = new Map<string, number>();
	let productId = 110;
	let variantId = 300;
	for (const p of CATALOG) {
		productId++;
		const simple = !p.variants?.length;
		const product = productRecord(p, productId, date, simple ? variantId + 1 : null);
		store.products.set(product.id, product);
		for (const v of simple ? [undefined] : (p.variants ?? [])) {
			const variant = variantRecord(p, product, v, ++variantId, optionValueIds);
			store.variants.set(variant.id, variant);
		}
	}
}
