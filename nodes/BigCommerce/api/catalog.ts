/** The BigCommerce catalog as this pack needs it: which product or variant a SKU names. */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { listAll } from './paging';

export interface SkuMatch extends IDataObject {
	sku: string;
	found: boolean;
	/** `product`: the product's own (base variant) SKU; `variant`: one of its variants' SKUs. */
	matchedOn?: 'product' | 'variant';
	product_id?: number;
	variant_id?: number;
	product?: IDataObject;
	variant?: IDataObject;
}

/** SKUs per `sku:in` call: keeps the URL short. */
const SKUS_PER_CALL = 50;

/**
 * Look SKUs up in the catalog: product (base variant) SKUs with `sku:in` in batches, then each
 * SKU still unmatched by variant SKU (`/catalog/variants?sku=`, the filter BigCommerce documents).
 * One result per distinct SKU, in the order given.
 */
export async function findProductsBySku(
	context: HttpContext,
	skus: string[],
	options: { itemIndex?: number } = {},
): Promise<SkuMatch[]> {
	const wanted = [...new Set(skus.map((s) => s.trim()).filter(Boolean))];
	const matches = new Map<string, SkuMatch>();
	for (let i = 0; i < wanted.length; i += SKUS_PER_CALL) {
		const batch = wanted.slice(i, i + SKUS_PER_CALL);
		const products = await listAll(context, 'v3', '/catalog/products', {
			qs: { 'sku:in': batch.join(',') },
			itemIndex: options.itemIndex,
		});
		for (const product of products) {
			const sku = String(product.sku ?? '');
			if (!batch.includes(sku) || matches.has(sku)) continue;
			matches.set(sku, {
				sku,
				found: true,
				matchedOn: 'product',
				product_id: product.id as number,
				variant_id: (product.base_variant_id as number | undefined) ?? undefined,
				product,
			});
		}
	}
	for (const sku of wanted) {
		if (matches.has(sku)) continue;
		const variants = await listAll(context, 'v3', '/catalog/variants', {
			qs: { sku },
			itemIndex: options.itemIndex,
			limit: 1,
		});
		const variant = variants.find((v) => v.sku === sku) ?? variants[0];
		if (variant) {
			matches.set(sku, {
				sku,
				found: true,
				matchedOn: 'variant',
				product_id: variant.product_id as number,
				variant_id: variant.id as number,
				variant,
			});
		}
	}
	return wanted.map((sku) => matches.get(sku) ?? { sku, found: false });
}
