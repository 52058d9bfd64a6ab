/**
 * Inventory locations and absolute stock adjustments (v3 Inventory API). The stored OpenAPI specs
 * do not include inventory.v3.yml or locations.v3.yml; the behaviour here follows the research note
 * (fulfilment-inventory.md §4.3, quoting BigCommerce's inventory reference and guide):
 *
 *   GET /v3/inventory/locations                      the store's locations
 *   GET /v3/inventory/locations/{id}/items           stock per item at a location (≤ 1,000 per page)
 *   PUT /v3/inventory/adjustments/absolute           {reason?, items:[{location_id, quantity,
 *                                                    variant_id | sku | product_id}]} → 200 {transaction_id}
 *
 * Limits as documented: at most 2,000 items per adjustment (more → 422), quantities 0..2,147,483,647
 * (an over-limit write is not saved), an item of a product tracked by product named by variant_id →
 * 422 "Item with variant_id N is tracked by product, please update stock by product id". "Wait to
 * send new requests until the current request returns a 200": an adjustment that arrives while one
 * is being applied is answered 409 [inferred status] and counted (`overlapping`), and
 * `inventoryWriteLatencyMs` makes each adjustment take that long so overlaps can happen. Every item
 * written fires `store/sku/inventory/updated` (variant tracking) or `store/product/inventory/updated`
 * (product tracking) with method "absolute" — the echo a stock sync must ignore. A write at the
 * default location also sets the catalog's inventory_level (the Catalog API shows only the default
 * location).
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { sendJson, type Router, type SandboxRequest } from '../common/http';
import { sendV3Error } from './format';
import type { BigCommerceStore, ProductRec, VariantRec } from './store';
import type { BigCommerceSwitches } from './switches';

export const MAX_ADJUSTMENT_ITEMS = 2000;
export const MAX_READ_PAGE = 1000;
const MAX_QUANTITY = 2147483647;

export interface LocationRec {
	id: number;
	code: string;
	label: string;
	enabled: boolean;
	is_default: boolean;
}

export const SEED_LOCATIONS: LocationRec[] = [
	{ id: 1, code: 'BC-MAIN', label: 'Ridgeline Main Warehouse', enabled: true, is_default: true },
	{ id: 2, code: 'BC-EAST', label: 'East Coast Store', enabled: true, is_default: false },
	{ id: 3, code: 'BC-WEST', label: 'West Coast Store', enabled: true, is_default: false },
];

/** Stock per location and variant, beside the store (reset with it). */
export class InventoryBook {
	locations: LocationRec[] = structuredClone(SEED_LOCATIONS);
	/** `${locationId}:${variantId}` → on hand. */
	levels = new Map<string, number>();
	/** Every adjustment accepted: how many items each carried, for tests of the limits. */
	adjustments: { items: number; reason: string }[] = [];
	/** Adjustments refused because another was still being applied. */
	overlapping = 0;
	busy = false;

	clear(): void {
		this.locations = structuredClone(SEED_LOCATIONS);
		this.levels.clear();
		this.adjustments = [];
		this.overlapping = 0;
		this.busy = false;
	}

	level(locationId: number, variantId: number): number {
		return this.levels.get(`${locationId}:${variantId}`) ?? 0;
	}
}

export interface InventoryContext {
	store: BigCommerceStore;
	switches: BigCommerceSwitches;
	inventory: InventoryBook;
}

type Body = Record<string, unknown>;

const problem = (res: ServerResponse, title: string, errors: Record<string, string> = {}) =>
	sendJson(
		res,
		422,
		{
			status: 422,
			title,
			type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
			errors,
		},
		{ 'Content-Type': 'application/problem+json' },
	);

interface Target {
	product: ProductRec;
	variant: VariantRec;
}

/** The variant an item names, or the refusal BigCommerce gives for it. */
function target(store: BigCommerceStore, item: Body): Target | string {
	const byProductTracking = (p: ProductRec) => p.inventory_tracking === 'product';
	if (item.variant_id !== undefined) {
		const variant = store.variants.get(Number(item.variant_id));
		const product = variant && store.products.get(variant.product_id);
		if (!variant || !product) return `Variant with id ${String(item.variant_id)} not found`;
		if (byProductTracking(product))
			return `Item with variant_id ${variant.id} is tracked by product, please update stock by product id`;
		return { product, variant };
	}
	if (item.product_id !== undefined) {
		const product = store.products.get(Number(item.product_id));
		const variant = product && store.variants.get(Number(product.base_variant_id));
		if (!product || !variant) return `Product with id ${String(item.product_id)} not found`;
		if (!byProductTracking(product))
			return `Item with product_id ${product.id} is tracked by variant, please update stock by variant id`;
		return { product, variant };
	}
	if (typeof item.sku === 'string') {
		const found = store.productBySku(item.sku);
		if (!found) return `Item with sku ${item.sku} not found`;
		return found;
	}
	return 'Each item needs one of variant_id, sku or product_id';
}

export function registerInventoryRoutes(router: Router, ctx: InventoryContext): void {
	const { store, switches, inventory } = ctx;

	router.add('GET', '/v3/inventory/locations', 'v3.inventory.locations', (_req, res) =>
		sendJson(res, 200, {
			data: inventory.locations.map((l) => ({
				id: l.id,
				code: l.code,
				label: l.label,
				description: '',
				managed_by_external_source: false,
				type_id: 'PHYSICAL',
				enabled: l.enabled,
				storefront_visibility: l.is_default,
			})),
			meta: {},
		}),
	);

	router.add(
		'GET',
		'/v3/inventory/locations/:lid(\\d+)/items',
		'v3.inventory.items',
		(req, res) => {
			const location = inventory.locations.find((l) => l.id === Number(req.params.lid));
			if (!location) return sendV3Error(res, 404, 'Location not found');
			const q = req.url.searchParams;
			const page = Number(q.get('page') ?? 1);
			const limit = Number(q.get('limit') ?? 50);
			if (!(page >= 1) || !(limit >= 1 && limit <= MAX_READ_PAGE))
				return sendV3Error(res, 422, 'The query parameter page or limit is invalid.');
			const skus = q.get('sku:in')?.split(',');
			const variantIds = q.get('variant_id:in')?.split(',').map(Number);
			const rows = [...store.variants.values()]
				.filter(
					(v) => (!skus || skus.includes(v.sku)) && (!variantIds || variantIds.includes(v.id)),
				)
				.sort((a, b) => a.id - b.id);
			const data = rows.slice((page - 1) * limit, page * limit).map((v) => ({
				identity: {
					sku: v.sku,
					variant_id: v.id,
					product_id: v.product_id,
					sku_id: v.sku_id ?? null,
				},
				available_to_sell: inventory.level(location.id, v.id),
				total_inventory_onhand: inventory.level(location.id, v.id),
				settings: {
					safety_stock: 0,
					is_in_stock: inventory.level(location.id, v.id) > 0,
					warning_level: 0,
					bin_picking_number: '',
				},
			}));
			sendJson(res, 200, {
				data,
				meta: {
					pagination: {
						total: rows.length,
						count: data.length,
						per_page: limit,
						current_page: page,
						total_pages: Math.max(1, Math.ceil(rows.length / limit)),
					},
				},
			});
		},
	);

	router.add(
		'PUT',
		'/v3/inventory/adjustments/absolute',
		'v3.inventory.absolute',
		async (req: SandboxRequest, res) => {
			if (inventory.busy) {
				inventory.overlapping++;
				return sendV3Error(
					res,
					409,
					'Another inventory adjustment is still being processed; wait for its answer.',
				);
			}
			let body: Body;
			try {
				body = JSON.parse(req.rawBody.toString('utf8')) as Body;
			} catch {
				return problem(res, 'The request body is not valid JSON.');
			}
			const items = body?.items;
			if (!Array.isArray(items) || !items.length)
				return problem(res, 'items: at least one item is required');
			if (items.length > MAX_ADJUSTMENT_ITEMS)
				return problem(res, `items: at most ${MAX_ADJUSTMENT_ITEMS} items per request`);
			const writes: { location: LocationRec; target: Target; quantity: number }[] = [];
			for (const [i, item] of (items as Body[]).entries()) {
				const location = inventory.locations.find((l) => l.id === Number(item?.location_id));
				if (!location || !location.enabled)
					return problem(res, `items.${i}.location_id: location not found`);
				if (
					!Number.isInteger(item.quantity) ||
					(item.quantity as number) < 0 ||
					(item.quantity as number) > MAX_QUANTITY
				)
					return problem(res, `items.${i}.quantity: must be an integer 0..${MAX_QUANTITY}`);
				const found = target(store, item);
				if (typeof found === 'string') return problem(res, found);
				writes.push({ location, target: found, quantity: item.quantity as number });
			}
			inventory.busy = true;
			try {
				if (switches.inventoryWriteLatencyMs > 0)
					await new Promise((resolve) => setTimeout(resolve, switches.inventoryWriteLatencyMs));
				for (const { location, target: t, quantity } of writes) {
					inventory.levels.set(`${location.id}:${t.variant.id}`, quantity);
					if (location.is_default) {
						t.variant.inventory_level = quantity;
						if (t.product.inventory_tracking === 'product') t.product.inventory_level = quantity;
					}
					if (t.product.inventory_tracking === 'product')
						store.emit('store/product/inventory/updated', {
							type: 'product',
							id: t.product.id,
							inventory: { product_id: t.product.id, method: 'absolute', value: quantity },
						});
					else
						store.emit('store/sku/inventory/updated', {
							type: 'sku',
							id: t.variant.sku_id ?? t.variant.id,
							inventory: {
								product_id: t.product.id,
								variant_id: t.variant.id,
								method: 'absolute',
								value: quantity,
							},
						});
				}
				inventory.adjustments.push({ items: writes.length, reason: String(body.reason ?? '') });
			} finally {
				inventory.busy = false;
			}
			sendJson(res, 200, { transaction_id: randomUUID() });
		},
	);
}

/**
 * Bulk catalog for stock tests: `count` simple products tracked by product, each its own base
 * variant with SKU `${prefix}${n}` (zero-padded to 5 digits), cloned from a seeded simple product.
 */
export function addBulkProducts(
	store: BigCommerceStore,
	count: number,
	prefix = 'BULK-',
): string[] {
	const template = [...store.products.values()].find((p) => p.inventory_tracking === 'product');
	const baseVariant = template && store.variants.get(Number(template.base_variant_id));
	if (!template || !baseVariant) throw new Error('no simple product to clone');
	let productId = Math.max(...store.products.keys());
	let variantId = Math.max(...store.variants.keys());
	const skus: string[] = [];
	for (let n = 1; n <= count; n++) {
		const sku = `${prefix}${String(n).padStart(5, '0')}`;
		const product = {
			...structuredClone(template),
			id: ++productId,
			sku,
			name: `Bulk item ${n}`,
		} as ProductRec;
		const variant = {
			...structuredClone(baseVariant),
			id: ++variantId,
			product_id: product.id,
			sku,
			sku_id: variantId + 5000,
		} as VariantRec;
		product.base_variant_id = variant.id;
		store.products.set(product.id, product);
		store.variants.set(variant.id, variant);
		skus.push(sku);
	}
	return skus;
}
