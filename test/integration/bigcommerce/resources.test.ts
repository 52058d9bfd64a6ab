/**
 * Transactions, refunds, customers, catalog SKUs and webhooks through the node against the
 * BigCommerce sandbox, and v3 paging (`meta.pagination`) through the shared paginator.
 */
import type { IDataObject } from 'n8n-workflow';

import { getRefund, paginate } from '../../../nodes/BigCommerce/api';
import {
	adminCall,
	callsSince,
	createOrder,
	lines,
	routesOf,
	runNode,
	startStore,
	storeContext,
	type StoreUnderTest,
} from './support';

let store: StoreUnderTest;

beforeAll(async () => {
	store = await startStore();
});
afterAll(async () => {
	await store.close();
});
beforeEach(() => store.faults.clear());

/** A paid order with `lineCount` lines, ready to be refunded. */
async function paidOrder(lineCount = 3): Promise<IDataObject> {
	const order = await createOrder(store, {
		customer_id: 1,
		lines: lines(lineCount),
		status_id: 11,
	});
	await adminCall(store, 'POST', `orders/${order.id}/transactions`, { event: 'purchase' });
	return order;
}

async function lineIds(orderId: unknown): Promise<number[]> {
	const [item] = await runNode(store, {
		resource: 'order',
		operation: 'get',
		orderId: String(orderId),
		include: ['products'],
	});
	return (item.json.products as IDataObject[]).map((p) => p.id as number);
}

describe('transaction: get many', () => {
	it("returns the order's transactions, one item each, paired with the input", async () => {
		const order = await paidOrder();
		await adminCall(store, 'POST', `orders/${order.id}/transactions`, {
			event: 'refund',
			amount: 5,
		});
		const seq = store.log.lastSeq;
		const output = await runNode(store, {
			resource: 'transaction',
			operation: 'getAll',
			orderId: String(order.id),
		});
		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual(['v3.transactions 200']);
		// The endpoint takes no page/limit.
		expect(calls[0].query).toEqual({});
		expect(output.map((o) => o.json.event)).toEqual(['purchase', 'refund']);
		expect(output.every((o) => o.json.order_id === String(order.id))).toBe(true);
		expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('an order without transactions (204) gives no items', async () => {
		const order = await createOrder(store, { customer_id: 1, lines: lines(1) });
		expect(
			await runNode(store, {
				resource: 'transaction',
				operation: 'getAll',
				orderId: String(order.id),
			}),
		).toEqual([]);
	});
});

describe('refund: get many', () => {
	it("an order's refunds", async () => {
		const order = await paidOrder();
		const [first, second] = await lineIds(order.id);
		await adminCall(store, 'POST', `orders/${order.id}/refunds`, {
			lines: [{ id: first, quantity: 1 }],
			reason: 'damaged',
		});
		await adminCall(store, 'POST', `orders/${order.id}/refunds`, {
			lines: [{ id: second, quantity: 1 }],
		});
		const seq = store.log.lastSeq;
		const output = await runNode(store, {
			resource: 'refund',
			operation: 'getAll',
			source: 'order',
			orderId: String(order.id),
			returnAll: true,
		});
		expect(routesOf(await callsSince(store, seq))).toEqual(['v3.refunds.order 200']);
		expect(output).toHaveLength(2);
		expect(output.every((o) => o.json.order_id === order.id)).toBe(true);
		expect((output[0].json.items as IDataObject[])[0]).toMatchObject({
			item_type: 'PRODUCT',
			item_id: first,
		});
	});

	it('one refund by id (the id a refund webhook carries); an unknown id is undefined', async () => {
		const order = await paidOrder(1);
		const [lineId] = await lineIds(order.id);
		const created = await adminCall(store, 'POST', `orders/${order.id}/refunds`, {
			lines: [{ id: lineId, quantity: 1 }],
		});
		const seq = store.log.lastSeq;
		const refund = await getRefund(storeContext(store), created.id as number);
		expect(routesOf(await callsSince(store, seq))).toEqual(['v3.refunds.get 200']);
		expect(refund).toMatchObject({ id: created.id, order_id: order.id });
		expect(await getRefund(storeContext(store), 987654)).toBeUndefined();
	});

	it('store-wide since a date (created:min as RFC 3339), paged by meta.pagination', async () => {
		const refundIds: number[] = [];
		for (let i = 0; i < 6; i++) {
			const order = await paidOrder(1);
			const [lineId] = await lineIds(order.id);
			const refund = await adminCall(store, 'POST', `orders/${order.id}/refunds`, {
				lines: [{ id: lineId, quantity: 1 }],
				date: `2032-06-0${i + 1}T10:00:00Z`,
			});
			refundIds.push(refund.id as number);
		}

		let seq = store.log.lastSeq;
		const output = await runNode(store, {
			resource: 'refund',
			operation: 'getAll',
			source: 'store',
			createdSince: '2032-06-02T00:00:00',
			createdUntil: '',
			returnAll: true,
		});
		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual(['v3.refunds.list 200']);
		expect(calls[0].query).toMatchObject({ 'created:min': '2032-06-02T00:00:00Z' });
		expect(output.map((o) => o.json.id)).toEqual(refundIds.slice(1));

		// The same five two at a time: three pages, ended by total_pages (no fourth call).
		seq = store.log.lastSeq;
		const paged = await paginate(storeContext(store), {
			version: 'v3',
			path: '/orders/payment_actions/refunds',
			qs: { 'created:min': '2032-06-02T00:00:00Z' },
			pageSize: 2,
		});
		const pageCalls = await callsSince(store, seq);
		expect(pageCalls.map((c) => c.query.page)).toEqual(['1', '2', '3']);
		expect(paged.map((r) => r.id)).toEqual(refundIds.slice(1));
	});
});

describe('customer', () => {
	it('get one by ID (v3 id:in), with addresses on request', async () => {
		const seq = store.log.lastSeq;
		const [item] = await runNode(store, {
			resource: 'customer',
			operation: 'get',
			customerId: '1',
			includeAddresses: true,
		});
		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual(['v3.customers 200']);
		expect(calls[0].query).toMatchObject({ 'id:in': '1', include: 'addresses' });
		expect(item.json.id).toBe(1);
		expect(Array.isArray(item.json.addresses)).toBe(true);
	});

	it('get many by e-mail', async () => {
		const output = await runNode(store, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: { email: 'jonas.becker@example.de' },
			includeAddresses: false,
		});
		expect(output.map((o) => o.json.email)).toEqual(['jonas.becker@example.de']);
		expect(output[0].json).not.toHaveProperty('addresses');
	});

	it('get many, every page (meta.pagination), equals one large page', async () => {
		const all = await paginate(storeContext(store), { version: 'v3', path: '/customers' });
		expect(all.length).toBeGreaterThan(3);
		const seq = store.log.lastSeq;
		const paged = await paginate(storeContext(store), {
			version: 'v3',
			path: '/customers',
			pageSize: 2,
		});
		const calls = await callsSince(store, seq);
		expect(calls).toHaveLength(Math.ceil(all.length / 2));
		expect(paged.map((c) => c.id)).toEqual(all.map((c) => c.id));
	});
});

describe('product: find by SKU', () => {
	it('finds product SKUs in one call and variant SKUs one by one; reports what is missing', async () => {
		const seq = store.log.lastSeq;
		const output = await runNode(store, {
			resource: 'product',
			operation: 'findBySku',
			skus: 'TENT-2P-ALPINE, JKT-RAIN-M-BLU, STOVE-CANISTER, NO-SUCH-SKU, TENT-2P-ALPINE',
		});
		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual([
			'v3.catalog.products 200',
			'v3.catalog.variants 200',
			'v3.catalog.variants 200',
		]);
		expect(calls[0].query['sku:in']).toBe(
			'TENT-2P-ALPINE,JKT-RAIN-M-BLU,STOVE-CANISTER,NO-SUCH-SKU',
		);
		expect(calls.slice(1).map((c) => c.query.sku)).toEqual(['JKT-RAIN-M-BLU', 'NO-SUCH-SKU']);

		expect(output.map((o) => [o.json.sku, o.json.found, o.json.matchedOn])).toEqual([
			['TENT-2P-ALPINE', true, 'product'],
			['JKT-RAIN-M-BLU', true, 'variant'],
			['STOVE-CANISTER', true, 'product'],
			['NO-SUCH-SKU', false, undefined],
		]);
		const variant = output[1].json;
		expect((variant.variant as IDataObject).sku).toBe('JKT-RAIN-M-BLU');
		expect(variant.product_id).toBe((variant.variant as IDataObject).product_id);
		expect(typeof output[0].json.product_id).toBe('number');
	});
});

describe('webhook', () => {
	const destination = 'https://hooks.example.com/bigcommerce/node-test';

	it('create, list, update (reactivate) and delete', async () => {
		const [created] = await runNode(store, {
			resource: 'webhook',
			operation: 'create',
			scope: 'store/customer/deleted',
			destination,
			additionalFields: {
				isActive: false,
				headers: { header: [{ name: 'X-Shared-Secret', value: 's3cret' }] },
			},
		});
		const hookId = created.json.id as number;
		expect(created.json).toMatchObject({
			scope: 'store/customer/deleted',
			destination,
			is_active: false,
			headers: { 'X-Shared-Secret': 's3cret' },
		});

		const listed = await runNode(store, {
			resource: 'webhook',
			operation: 'getAll',
			returnAll: true,
			filters: { destination },
		});
		expect(listed.map((o) => o.json.id)).toEqual([hookId]);

		const seq = store.log.lastSeq;
		const [updated] = await runNode(store, {
			resource: 'webhook',
			operation: 'update',
			webhookId: String(hookId),
			updateFields: { isActive: true },
		});
		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual(['v3.hooks.update 200']);
		expect(JSON.parse(calls[0].body ?? '{}')).toEqual({ is_active: true });
		expect(updated.json).toMatchObject({ id: hookId, is_active: true });

		const [deleted] = await runNode(store, {
			resource: 'webhook',
			operation: 'delete',
			webhookId: String(hookId),
		});
		expect(deleted.json.id).toBe(hookId);
		expect(
			await runNode(store, {
				resource: 'webhook',
				operation: 'getAll',
				returnAll: true,
				filters: { destination },
			}),
		).toEqual([]);
	});

	it("BigCommerce's own words when it refuses a hook", async () => {
		const [item] = await runNode(
			store,
			{
				resource: 'webhook',
				operation: 'create',
				scope: 'store/order/created',
				destination: 'ftp://nope',
				additionalFields: {},
			},
			{ continueOnFail: true },
		);
		expect((item.json.error as { message: string }).message).toBe(
			'BigCommerce: JSON data is missing or invalid',
		);
		expect(item.pairedItem).toEqual({ item: 0 });
	});
});
