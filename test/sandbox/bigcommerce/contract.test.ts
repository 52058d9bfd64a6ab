/**
 * Contract tests: every response the sandbox produces validates against the BigCommerce specs in
 * ../shared/specs/bigcommerce (openapi-response-validator), and every order, product line, address,
 * transaction, refund, customer, catalog record and hook carries every property its schema declares.
 */
import {
	BIGCOMMERCE_SPECS,
	missingProperties,
	responseSchema,
	validateResponse,
	type KnownDefect,
} from '../../support/bigcommerceSpecs';
import { specOrderExamples } from '../../support/orderCorpus';
import { describeWithShared } from '../../support/specs';
import { start, type Started } from './testSupport';

/** Every block here validates against the specs: skipped in a bare clone, never under CI. */
const describeWithSpecs = describeWithShared(BIGCOMMERCE_SPECS);

const V2 = 'orders.v2.oas2.yml';
const V3 = 'orders.v3.yml';

jest.setTimeout(60000);

let s: Started;
beforeAll(async () => {
	s = await start();
});
afterAll(async () => s.bc.close());

/**
 * Known defects of the specs themselves, each checked separately below:
 * - order `consignments` is `oneOf` [resource link, consignments object] and neither branch has required
 *   properties, so every object matches both and `oneOf` can never pass; the branch is checked by hand.
 * - catalog `base_variant_id` "is null for complex products" (its description) but is not nullable.
 * - refund item `requested_amount` is `null` for product items in the spec's own example
 *   (`RefundID_Response`) but is not nullable in the schema; and the get-by-id schema types it
 *   `string|null` while the list schemas type it `number`. The sandbox sends null for product items and
 *   a number where an amount was requested.
 * - the order example `order_Resp` (order 218): its subtotal_ex_tax 62.6793 contradicts its own
 *   subtotal_inc_tax − subtotal_tax (63.44). Its discounts show how BigCommerce's totals add
 *   (subtotal_inc_tax 67.84 + shipping 12.00 − discount_amount 5.00 − coupon_discount 5.00 =
 *   total_inc_tax 69.84), which the sandbox's orders are held to below.
 */
const DEFECTS: KnownDefect[] = [
	{ path: /^(\d+\/)?consignments$/, message: 'must match exactly one schema in oneOf' },
	{ path: /^data\/\d+\/base_variant_id$/, message: 'must be integer' },
	{ path: /^data\/(\d+\/)?items\/\d+\/requested_amount$/, message: 'must be number' },
	{ path: /^data\/items\/\d+\/requested_amount$/, message: 'must be string,null' },
];

async function check(file: string, method: string, specPath: string, url: string, body?: unknown) {
	const res = await s.call(method.toUpperCase(), url, body);
	const json = res.text ? res.json() : undefined;
	const errors = validateResponse(file, method, specPath, res.status, json, DEFECTS);
	expect({ url, errors }).toEqual({ url, errors: undefined });
	return { status: res.status, json };
}

const orderIds = () => [...s.bc.store.orders.keys()];

describeWithSpecs('v2 orders', () => {
	it('every order validates and is complete, in the list and alone', async () => {
		const schema = responseSchema(V2, 'get', '/orders/{order_id}');
		const list = await check(V2, 'get', '/orders', '/v2/orders?limit=250&status_id=0');
		expect(Array.isArray(list.json)).toBe(true);
		for (const id of orderIds()) {
			const { json } = await check(V2, 'get', '/orders/{order_id}', `/v2/orders/${id}`);
			// credit_card_type is in the spec's example but not in its schema; nothing is exempt the other way.
			expect({ id, missing: missingProperties(V2, schema, json) }).toEqual({ id, missing: [] });
		}
		const all = await check(V2, 'get', '/orders', '/v2/orders?limit=250');
		for (const o of all.json as unknown[]) expect(missingProperties(V2, schema, o)).toEqual([]);
	});

	it('includes (consignments, consignments.line_items, fees) validate on the list and on one order', async () => {
		for (const include of [
			'consignments',
			'consignments.line_items',
			'fees',
			'consignments.line_items,fees',
		]) {
			const q = `include=${include}&consignment_structure=object`;
			const list = await check(V2, 'get', '/orders', `/v2/orders?${q}`);
			const first = (list.json as Record<string, unknown>[])[0];
			if (include.includes('consignments')) {
				expect(Object.keys(first.consignments as object).sort()).toEqual([
					'downloads',
					'email',
					'pickups',
					'shipping',
				]);
			} else expect(Object.keys(first.consignments as object).sort()).toEqual(['resource', 'url']);
			if (include.includes('fees')) expect(Array.isArray(first.fees)).toBe(true);
			for (const id of orderIds())
				await check(V2, 'get', '/orders/{order_id}', `/v2/orders/${id}?${q}`);
		}
		const withLines = await s.call(
			'GET',
			`/v2/orders/${orderIds()[0]}?include=consignments.line_items&consignment_structure=object`,
		);
		const shipping = (
			withLines.json() as {
				consignments: { shipping: { line_items: Record<string, unknown>[] }[] };
			}
		).consignments.shipping[0];
		expect(
			missingProperties(
				V2,
				responseSchema(V2, 'get', '/orders/{order_id}/products'),
				shipping.line_items,
			),
		).toEqual([]);
	});

	it('products, shipping addresses and coupons validate and are complete', async () => {
		const products = responseSchema(V2, 'get', '/orders/{order_id}/products');
		const addresses = responseSchema(V2, 'get', '/orders/{order_id}/shipping_addresses');
		const coupons = responseSchema(V2, 'get', '/orders/{order_id}/coupons');
		let couponCount = 0;
		for (const id of orderIds()) {
			const p = await check(V2, 'get', '/orders/{order_id}/products', `/v2/orders/${id}/products`);
			expect(missingProperties(V2, products, p.json)).toEqual([]);
			const a = await check(
				V2,
				'get',
				'/orders/{order_id}/shipping_addresses',
				`/v2/orders/${id}/shipping_addresses`,
			);
			expect(missingProperties(V2, addresses, a.json)).toEqual([]);
			const c = await check(V2, 'get', '/orders/{order_id}/coupons', `/v2/orders/${id}/coupons`);
			expect(missingProperties(V2, coupons, c.json)).toEqual([]);
			couponCount += (c.json as unknown[]).length;
		}
		expect(couponCount).toBeGreaterThan(0);
	});

	it("the spec's order 218: the two discounts add; its subtotal_ex_tax is a known defect", () => {
		const example = specOrderExamples().find((e) => e.order.id === 218)?.order;
		const n = (field: string) => Math.round(Number(example?.[field]) * 100);
		expect(
			n('subtotal_inc_tax') +
				n('shipping_cost_inc_tax') +
				n('handling_cost_inc_tax') +
				n('wrapping_cost_inc_tax') -
				n('discount_amount') -
				n('coupon_discount'),
		).toBe(n('total_inc_tax'));
		expect([n('discount_amount'), n('coupon_discount')]).toEqual([500, 500]);
		// The defect: fixed in the spec, this fails and the note above goes.
		expect(n('subtotal_ex_tax')).not.toBe(n('subtotal_inc_tax') - n('subtotal_tax'));
	});

	it("every sandbox order adds up as BigCommerce's do: discount_amount and coupon_discount add", async () => {
		let couponOrders = 0;
		for (const id of orderIds()) {
			const o = (await s.call('GET', `/v2/orders/${id}?include=fees`)).json() as Record<
				string,
				unknown
			>;
			const n = (v: unknown) => Math.round(Number(v) * 100);
			const fees = (o.fees as Array<{ cost_ex_tax: string }>).reduce(
				(sum, f) => sum + n(f.cost_ex_tax),
				0,
			);
			const products = (await s.call('GET', `/v2/orders/${id}/products`)).json() as Array<{
				applied_discounts: Array<{ amount: string; target: string }>;
			}>;
			const couponLines = products
				.flatMap((p) => p.applied_discounts.filter((d) => d.target === 'order'))
				.reduce((sum, d) => sum + n(d.amount), 0);
			if (n(o.coupon_discount)) couponOrders += 1;
			expect({ id, coupons: n(o.coupon_discount) }).toEqual({ id, coupons: couponLines });
			expect({ id, total: n(o.total_ex_tax) }).toEqual({
				id,
				total:
					n(o.subtotal_ex_tax) -
					n(o.discount_amount) -
					n(o.coupon_discount) +
					n(o.shipping_cost_ex_tax) +
					n(o.handling_cost_ex_tax) +
					n(o.wrapping_cost_ex_tax) +
					fees,
			});
		}
		expect(couponOrders).toBeGreaterThan(0);
	});

	it('errors validate as the v2 array', async () => {
		const res = await check(V2, 'get', '/orders/{order_id}', '/v2/orders/999999');
		expect(res.status).toBe(404);
		expect(res.json).toEqual([{ status: 404, message: expect.any(String) }]);
	});
});

describeWithSpecs('v3 orders: transactions and refunds', () => {
	it('transactions validate and are complete; 204 without any', async () => {
		const schema = responseSchema(V3, 'get', '/orders/{order_id}/transactions');
		const events = new Set<string>();
		let empty = 0;
		for (const id of orderIds()) {
			const res = await check(
				V3,
				'get',
				'/orders/{order_id}/transactions',
				`/v3/orders/${id}/transactions`,
			);
			if (res.status === 204) {
				empty++;
				continue;
			}
			expect(missingProperties(V3, schema, res.json)).toEqual([]);
			for (const t of (res.json as { data: { event: string; order_id: unknown }[] }).data) {
				events.add(t.event);
				expect(typeof t.order_id).toBe('string');
			}
		}
		expect(empty).toBeGreaterThan(0);
		expect([...events].sort()).toEqual(
			expect.arrayContaining(['authorization', 'capture', 'purchase', 'refund', 'void']),
		);
	});

	it('refunds validate and are complete: store-wide, per order, by id', async () => {
		const listSchema = responseSchema(V3, 'get', '/orders/payment_actions/refunds');
		const all = await check(
			V3,
			'get',
			'/orders/payment_actions/refunds',
			'/v3/orders/payment_actions/refunds',
		);
		const refunds = (
			all.json as { data: { id: number; order_id: number; items: { item_type: string }[] }[] }
		).data;
		expect(missingProperties(V3, listSchema, all.json)).toEqual([]);
		expect(new Set(refunds.flatMap((r) => r.items.map((i) => i.item_type)))).toEqual(
			new Set(['PRODUCT', 'SHIPPING', 'ORDER']),
		);
		for (const r of refunds) {
			await check(
				V3,
				'get',
				'/orders/payment_actions/refunds/{refund_id}',
				`/v3/orders/payment_actions/refunds/${r.id}`,
			);
			const per = await check(
				V3,
				'get',
				'/orders/{order_id}/payment_actions/refunds',
				`/v3/orders/${r.order_id}/payment_actions/refunds`,
			);
			expect((per.json as { data: { id: number }[] }).data.map((x) => x.id)).toContain(r.id);
		}
		const since = await check(
			V3,
			'get',
			'/orders/payment_actions/refunds',
			`/v3/orders/payment_actions/refunds?created:min=${encodeURIComponent('2025-03-11T00:00:00+00:00')}`,
		);
		const ids = (since.json as { data: { created: string }[] }).data;
		expect(ids.length).toBeGreaterThan(0);
		expect(ids.length).toBeLessThan(refunds.length);
		for (const r of ids)
			expect(Date.parse(r.created)).toBeGreaterThanOrEqual(Date.parse('2025-03-11T00:00:00Z'));
	});
});

describeWithSpecs('v3 customers and catalog', () => {
	it('customers validate and are complete with every include; email filter', async () => {
		const C = 'customers.v3.yml';
		const schema = responseSchema(C, 'get', '/customers');
		const full = await check(
			C,
			'get',
			'/customers',
			'/v3/customers?include=addresses,attributes,formfields,storecredit',
		);
		expect(missingProperties(C, schema, full.json)).toEqual([]);
		const one = await check(
			C,
			'get',
			'/customers',
			'/v3/customers?email:in=ava.thompson@example.com',
		);
		expect((one.json as { data: { email: string }[] }).data.map((c) => c.email)).toEqual([
			'ava.thompson@example.com',
		]);
		const page2 = await check(C, 'get', '/customers', '/v3/customers?page=2&limit=2');
		expect(
			(page2.json as { meta: { pagination: { current_page: number } } }).meta.pagination
				.current_page,
		).toBe(2);
	});

	it('catalog products and variants validate and are complete; SKU filters', async () => {
		const P = 'products_catalog.v3.yml';
		const V = 'product-variants_catalog.v3.yml';
		const products = await check(P, 'get', '/catalog/products', '/v3/catalog/products?limit=250');
		// Documented conflict: base_variant_id "is null for complex products" but the schema is not nullable.
		const complex = (products.json as { data: { base_variant_id: number | null }[] }).data.filter(
			(p) => p.base_variant_id === null,
		);
		expect(complex.length).toBeGreaterThan(0);
		// Sub-resources (images, variants, options, ...) come only with include=...; scalar fields are all there.
		const includeOnly = [
			'custom_fields',
			'bulk_pricing_rules',
			'images',
			'primary_image',
			'videos',
			'parent_relations',
			'options',
			'modifiers',
			'channels',
			'variants',
		];
		const schema = responseSchema(P, 'get', '/catalog/products');
		expect(
			missingProperties(
				P,
				schema,
				products.json,
				includeOnly.map((k) => `data[].${k}`),
			),
		).toEqual([]);
		const simple = await check(
			P,
			'get',
			'/catalog/products',
			'/v3/catalog/products?sku=TENT-2P-ALPINE',
		);
		expect((simple.json as { data: { sku: string }[] }).data.map((p) => p.sku)).toEqual([
			'TENT-2P-ALPINE',
		]);
		const variants = await check(V, 'get', '/catalog/variants', '/v3/catalog/variants?limit=250');
		expect(
			missingProperties(V, responseSchema(V, 'get', '/catalog/variants'), variants.json),
		).toEqual([]);
		const bySku = await check(
			V,
			'get',
			'/catalog/variants',
			'/v3/catalog/variants?sku=JKT-RAIN-M-BLU',
		);
		const v = (bySku.json as { data: { sku: string; option_values: { label: string }[] }[] }).data;
		expect(v.map((x) => x.sku)).toEqual(['JKT-RAIN-M-BLU']);
		expect(v[0].option_values.map((o) => o.label).sort()).toEqual(['BLU', 'M']);
	});
});

describeWithSpecs('v3 hooks', () => {
	it('CRUD responses validate and are complete; 404 and 422 validate', async () => {
		const W = 'webhooks.v3.yml';
		const created = await check(W, 'post', '/hooks', '/v3/hooks', {
			scope: 'store/order/*',
			destination: 'https://hooks.example.com/bc',
			is_active: true,
			headers: { 'X-Secret': 's3cret' },
		});
		const hook = (created.json as { data: { id: number } }).data;
		expect(missingProperties(W, responseSchema(W, 'post', '/hooks'), created.json)).toEqual([]);
		const list = await check(W, 'get', '/hooks', '/v3/hooks');
		expect(missingProperties(W, responseSchema(W, 'get', '/hooks'), list.json)).toEqual([]);
		await check(W, 'get', '/hooks/{webhook_id}', `/v3/hooks/${hook.id}`);
		const updated = await check(W, 'put', '/hooks/{webhook_id}', `/v3/hooks/${hook.id}`, {
			is_active: false,
		});
		expect((updated.json as { data: { is_active: boolean } }).data.is_active).toBe(false);
		await check(W, 'delete', '/hooks/{webhook_id}', `/v3/hooks/${hook.id}`);
		const gone = await check(W, 'get', '/hooks/{webhook_id}', `/v3/hooks/${hook.id}`);
		expect(gone.status).toBe(404);
		const invalid = await check(W, 'post', '/hooks', '/v3/hooks', { scope: 'store/order/created' });
		expect(invalid.status).toBe(422);
	});
});
