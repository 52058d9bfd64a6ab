/**
 * v3 catalog (catalog products and variants): products by sku, ids, id or name, one product, a
 * product's variants, and variants by sku, ids or product; `include=variants` nests them. The pack
 * reads these to find what an order line's SKU is in BigCommerce.
 */
import { sendJson, type Router } from '../common/http';
import type { ProductRec } from './records';
import type { V3Context } from './v3';
import { list, notFound, pageOf, sendPage } from './v3Collections';

/** The filters products and variants share: `sku`, `sku:in` and `id:in`. */
function bySkuAndId<T extends { id: number; sku: string }>(rows: T[], q: URLSearchParams): T[] {
	const sku = q.get('sku');
	if (sku !== null) rows = rows.filter((r) => r.sku === sku);
	const skus = list(q, 'sku:in');
	if (skus) rows = rows.filter((r) => skus.includes(r.sku));
	const ids = list(q, 'id:in')?.map(Number);
	if (ids) rows = rows.filter((r) => ids.includes(r.id));
	return rows;
}

export function registerV3CatalogRoutes(router: Router, ctx: V3Context): void {
	const { store } = ctx;
	const variantsOf = (product: ProductRec) =>
		[...store.variants.values()].filter((v) => v.product_id === product.id);
	const renderProduct = (p: ProductRec, include: string[]) => {
		const { brand_name: _brand, ...rest } = p as Record<string, unknown>;
		void _brand;
		const out: Record<string, unknown> = { ...rest };
		if (include.includes('variants')) out.variants = variantsOf(p);
		return out;
	};
	router.add('GET', '/v3/catalog/products', 'v3.catalog.products', (req, res) => {
		const q = req.url.searchParams;
		let rows = bySkuAndId([...store.products.values()], q);
		if (q.has('id')) rows = rows.filter((p) => p.id === Number(q.get('id')));
		const name = q.get('name');
		if (name) rows = rows.filter((p) => p.name === name);
		rows.sort((a, b) => a.id - b.id);
		const page = pageOf(req, res, rows);
		if (!page) return;
		const include = list(q, 'include') ?? [];
		sendPage(
			res,
			page.data.map((p) => renderProduct(p, include)),
			page.pagination,
		);
	});
	router.add('GET', '/v3/catalog/products/:pid(\\d+)', 'v3.catalog.products.get', (req, res) => {
		const p = store.products.get(Number(req.params.pid));
		if (!p) return notFound(res, `Product with id ${req.params.pid}`);
		sendJson(res, 200, {
			data: renderProduct(p, list(req.url.searchParams, 'include') ?? []),
			meta: {},
		});
	});
	router.add(
		'GET',
		'/v3/catalog/products/:pid(\\d+)/variants',
		'v3.catalog.variants.product',
		(req, res) => {
			const p = store.products.get(Number(req.params.pid));
			if (!p) return notFound(res, `Product with id ${req.params.pid}`);
			const page = pageOf(req, res, variantsOf(p));
			if (page) sendPage(res, page.data, page.pagination);
		},
	);
	router.add('GET', '/v3/catalog/variants', 'v3.catalog.variants', (req, res) => {
		const q = req.url.searchParams;
		let rows = bySkuAndId([...store.variants.values()], q);
		const pids = list(q, 'product_id:in')?.map(Number);
		if (pids) rows = rows.filter((v) => pids.includes(v.product_id));
		rows.sort((a, b) => a.id - b.id);
		const page = pageOf(req, res, rows);
		if (page) sendPage(res, page.data, page.pagination);
	});
}
