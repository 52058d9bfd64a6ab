/**
 * Seed data: an outdoor-gear store whose SKUs match the F&O seed (see ../catalog.ts), registered and
 * guest buyers, and orders covering coupons, shipping, tax, two currencies, an incomplete order,
 * captured and voided transactions, and partial, line-level and shipping-only refunds.
 */
import { CATALOG, type CatalogProduct, type CatalogVariant } from '../catalog';
import { iso } from './format';
import { BigCommerceStore, type ProductRec, type VariantRec } from './store';

export {
	CATALOG,
	CURRENCIES,
	foDimensions,
	foReleasedProducts,
	foReleasedProductVariants,
	skuIndex,
} from '../catalog';
export type { CatalogProduct, CatalogVariant } from '../catalog';

export const SEED_EPOCH = '2025-03-03T09:00:00Z';
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

/** Fill a store with the seed data (no webhooks fire: nothing is subscribed yet, and all is silent). */
export function seedStore(store: BigCommerceStore): void {
	const date = iso(new Date('2025-01-06T08:00:00Z'));
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

	const s = { silent: true };
	const c = (
		email: string,
		first: string,
		last: string,
		address: Record<string, string>,
		extra = {},
	) =>
		store.createCustomer(
			{
				email,
				first_name: first,
				last_name: last,
				addresses: [address],
				date,
				...extra,
			},
			s,
		);
	const ava = c(
		'ava.thompson@example.com',
		'Ava',
		'Thompson',
		{
			address1: '1420 Pearl St',
			city: 'Boulder',
			state_or_province: 'Colorado',
			postal_code: '80302',
			country_code: 'US',
		},
		{ phone: '3035550142', accepts_product_review_abandoned_cart_emails: true },
	);
	const liam = c(
		'liam.oconnor@example.com',
		'Liam',
		"O'Connor",
		{
			address1: '88 Summit Ave',
			address2: 'Apt 4',
			city: 'Seattle',
			state_or_province: 'Washington',
			postal_code: '98101',
			country_code: 'US',
		},
		{ phone: '2065550188' },
	);
	const jonas = c(
		'jonas.becker@example.de',
		'Jonas',
		'Becker',
		{
			address1: 'Bergstraße 12',
			city: 'München',
			state_or_province: 'Bayern',
			postal_code: '80331',
			country_code: 'DE',
		},
		{ phone: '+49 89 5550123' },
	);
	const summit = c(
		'purchasing@summitguides.example.com',
		'Maya',
		'Patel',
		{
			address1: '500 Canyon Rd',
			city: 'Salt Lake City',
			state_or_province: 'Utah',
			postal_code: '84101',
			country_code: 'US',
			address_type: 'commercial',
		},
		{
			company: 'Summit Guides LLC',
			phone: '8015550500',
			customer_group_id: 1,
			notes: 'Wholesale account',
		},
	);
	const emma = c(
		'emma.laurent@example.fr',
		'Emma',
		'Laurent',
		{
			address1: '7 Rue des Alpes',
			city: 'Annecy',
			state_or_province: 'Haute-Savoie',
			postal_code: '74000',
			country_code: 'FR',
		},
		{ phone: '+33 4 5055 0177' },
	);
	c(
		'noah.kim@example.com',
		'Noah',
		'Kim',
		{
			address1: '9 Lakeview Dr',
			city: 'Portland',
			state_or_province: 'Oregon',
			postal_code: '97205',
			country_code: 'US',
		},
		{ phone: '5035550909' },
	);

	const day = (n: number, hour = 10) =>
		new Date(Date.parse(SEED_EPOCH) + n * 86400000 + (hour - 9) * 3600000).toISOString();
	const o = (spec: Parameters<BigCommerceStore['createOrder']>[0]) => store.createOrder(spec, s);
	const pay = (orderId: number, event: string, when: string, extra = {}) =>
		store.addTransaction(orderId, { event, date: when, ...extra }, s);

	// 1. Registered US buyer, multi-line with coupon, captured and shipped.
	const o1 = o({
		customer_id: ava.id,
		lines: [
			{ sku: 'TENT-2P-ALPINE' },
			{ sku: 'SB-DOWN-20-REG' },
			{ sku: 'LAMP-HEAD-400', quantity: 2 },
		],
		coupon: { code: 'TRAIL10', percent: 10 },
		date_created: day(0),
	});
	pay(o1.id, 'authorization', day(0, 10));
	pay(o1.id, 'capture', day(0, 12));
	store.setStatus(o1.id, 2, s);

	// 2. Guest US buyer, variant jacket + socks, captured, awaiting fulfillment.
	const o2 = o({
		guest: {
			first_name: 'Riley',
			last_name: 'Nguyen',
			email: 'riley.nguyen@example.net',
			street_1: '301 Mesa Blvd',
			city: 'Flagstaff',
			state: 'Arizona',
			zip: '86001',
		},
		lines: [{ sku: 'JKT-RAIN-M-BLU' }, { sku: 'SOCK-MERINO-M', quantity: 3 }],
		date_created: day(1),
	});
	pay(o2.id, 'purchase', day(1, 10));

	// 3. German buyer in EUR, multi-line with a fixed-amount coupon, captured, then a partial line-level refund.
	const o3 = o({
		customer_id: jonas.id,
		currency: 'EUR',
		lines: [
			{ sku: 'JKT-DOWN-L-BLK' },
			{ sku: 'BOOT-HIKE-MID-43' },
			{ sku: 'SOCK-MERINO-L', quantity: 2 },
		],
		coupon: { code: 'WINTER15', amount: 15 },
		date_created: day(2),
	});
	pay(o3.id, 'authorization', day(2, 10));
	pay(o3.id, 'capture', day(2, 11));
	store.setStatus(o3.id, 2, s);
	store.addRefund(
		o3.id,
		{
			lines: [{ id: o3.lines[2].id, quantity: 1 }],
			reason: 'Wrong size',
			date: day(6),
		},
		s,
	);

	// 4. Incomplete order (status 0): failed checkout, no payment.
	o({
		customer_id: liam.id,
		status_id: 0,
		lines: [{ sku: 'STOVE-CANISTER' }, { sku: 'BOTTLE-STEEL-1L' }],
		date_created: day(3),
	});

	// 5. Wholesale buyer, large multi-line order with a handling fee, captured, shipping-only refund.
	const o5 = o({
		customer_id: summit.id,
		lines: [
			{ sku: 'TENT-4P-BASECAMP', quantity: 2 },
			{ sku: 'PACK-DAY-28-GRY', quantity: 4 },
			{ sku: 'PACK-DAY-28-ORG', quantity: 4 },
			{ sku: 'PAD-SLEEP-INSUL-WIDE', quantity: 4 },
			{ sku: 'STOVE-CANISTER', quantity: 2 },
		],
		shipping: 45,
		fees: [{ name: 'Package Protection', amount: 12.5 }],
		staff_notes: 'Net 30 approved',
		date_created: day(4),
	});
	pay(o5.id, 'purchase', day(4, 10));
	store.setStatus(o5.id, 10, s);
	store.addRefund(
		o5.id,
		{
			shipping: true,
			reason: 'Late delivery: shipping refunded',
			date: day(9),
		},
		s,
	);

	// 6. Authorization voided, order cancelled.
	const o6 = o({
		customer_id: liam.id,
		lines: [{ sku: 'JKT-RAIN-L-RED' }],
		date_created: day(5),
	});
	pay(o6.id, 'authorization', day(5, 10));
	pay(o6.id, 'void', day(5, 15));
	store.setStatus(o6.id, 5, s);

	// 7. French buyer in EUR with a deliberately unmapped variant and an unmapped product.
	const o7 = o({
		customer_id: emma.id,
		currency: 'EUR',
		lines: [{ sku: 'JKT-DOWN-XL-GRN' }, { sku: 'POLES-TREK-CARBON' }],
		date_created: day(6),
	});
	pay(o7.id, 'purchase', day(6, 10));

	// 8. Guest, fully refunded (an amount refund of the whole order).
	const o8 = o({
		guest: {
			first_name: 'Sam',
			last_name: 'Rivera',
			email: 'sam.rivera@example.org',
		},
		lines: [{ sku: 'BOOT-HIKE-MID-45' }],
		date_created: day(7),
	});
	pay(o8.id, 'purchase', day(7, 10));
	store.addRefund(
		o8.id,
		{
			amount: store.ordersTotal(o8).totalIncTax,
			reason: 'Order cancelled by customer',
			date: day(8),
		},
		s,
	);

	// 9. Registered buyer, awaiting payment (no transactions).
	o({
		customer_id: ava.id,
		status_id: 7,
		lines: [{ sku: 'SB-DOWN-20-LONG' }, { sku: 'PAD-SLEEP-INSUL-REG' }],
		date_created: day(8),
	});

	// 10. Registered, captured, awaiting shipment, with a partial amount refund (goodwill).
	const o10 = o({
		customer_id: liam.id,
		lines: [{ sku: 'JKT-DOWN-M-GRN' }, { sku: 'LAMP-HEAD-400' }],
		coupon: { code: 'TRAIL10', percent: 10 },
		date_created: day(9),
	});
	pay(o10.id, 'purchase', day(9, 10));
	store.setStatus(o10.id, 9, s);
	store.addRefund(o10.id, { amount: 20, reason: 'Goodwill credit', date: day(10) }, s);

	// Silent mutations above stamp "now"; give every order its seeded modification time instead.
	for (const order of store.orders.values()) {
		const times = [order.dateCreated.getTime()];
		for (const t of store.transactions)
			if (t.order_id === String(order.id)) times.push(Date.parse(t.date_created));
		for (const r of store.refunds) if (r.order_id === order.id) times.push(Date.parse(r.created));
		order.dateModified = new Date(Math.max(...times) + 3600000);
		if (order.dateShipped) order.dateShipped = new Date(order.dateCreated.getTime() + 86400000);
	}
}
