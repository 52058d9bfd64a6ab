/**
 * Orders through the node against the BigCommerce sandbox: a full order in two calls, lines from
 * `include=consignments.line_items`, `/products` paged only past the 50-line cap, order lists
 * paged v2-style (page/limit, a short page or a 204 ends them) at one call per page of orders.
 */
import type { IDataObject } from 'n8n-workflow';

import { listOrders } from '../../../nodes/BigCommerce/api';
import type { FullOrder } from '../../../nodes/BigCommerce/model';
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
beforeEach(async () => {
	store.faults.clear();
	await adminCall(store, 'PUT', 'switches', {
		consignmentLineItemCap: 50,
		consignmentCapWarning: true,
	});
});

const skusOf = (order: IDataObject) => (order.products as IDataObject[]).map((p) => p.sku);

describe('order: get', () => {
	it('returns the order with lines, shipping address and transactions in two calls', async () => {
		const created = await createOrder(store, { customer_id: 1, lines: lines(3), status_id: 11 });
		const id = created.id as number;
		await adminCall(store, 'POST', `orders/${id}/transactions`, { event: 'authorization' });
		await adminCall(store, 'POST', `orders/${id}/transactions`, { event: 'capture' });
		const seq = store.log.lastSeq;

		const output = await runNode(store, {
			resource: 'order',
			operation: 'get',
			orderId: String(id),
			include: ['products', 'shippingAddresses', 'transactions'],
		});

		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual(['v2.orders.get 200', 'v3.transactions 200']);
		expect(calls[0].query).toMatchObject({
			include: 'consignments.line_items',
			consignment_structure: 'object',
		});

		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const order = output[0].json as FullOrder;
		expect(order.id).toBe(id);
		expect(skusOf(order)).toEqual(['TENT-2P-ALPINE', 'LAMP-HEAD-400', 'STOVE-CANISTER']);
		expect(order.products!.map((p) => p.quantity)).toEqual([1, 2, 3]);
		expect(order.products!.every((p) => p.order_id === id)).toBe(true);
		expect(order.shipping_addresses).toHaveLength(1);
		expect(order.shipping_addresses![0]).not.toHaveProperty('line_items');
		expect(order.shipping_addresses![0].id).toBe(order.products![0].order_address_id);
		expect(order.transactions!.map((t) => t.event)).toEqual(['authorization', 'capture']);
		expect(order.transactions!.every((t) => t.order_id === String(id))).toBe(true);
		// The lines moved to `products`: the consignments no longer repeat them.
		const consignments = order.consignments as { shipping: IDataObject[] };
		expect(consignments.shipping[0]).not.toHaveProperty('line_items');
	});

	it('an order without transactions (204) still costs two calls and has an empty list', async () => {
		const { id } = await createOrder(store, { customer_id: 1, lines: lines(1) });
		const seq = store.log.lastSeq;
		const [item] = await runNode(store, {
			resource: 'order',
			operation: 'get',
			orderId: String(id),
			include: ['products', 'shippingAddresses', 'transactions'],
		});
		expect(routesOf(await callsSince(store, seq))).toEqual([
			'v2.orders.get 200',
			'v3.transactions 204',
		]);
		expect(item.json.transactions).toEqual([]);
	});

	it('coupons cost one more call; nothing included costs one call and keeps the link objects', async () => {
		const { id } = await createOrder(store, {
			customer_id: 1,
			lines: lines(2),
			coupon: { code: 'TRAIL10', percent: 10 },
		});
		let seq = store.log.lastSeq;
		const [withCoupons] = await runNode(store, {
			resource: 'order',
			operation: 'get',
			orderId: String(id),
			include: ['coupons', 'products'],
		});
		expect(routesOf(await callsSince(store, seq))).toEqual([
			'v2.orders.get 200',
			'v2.orders.coupons 200',
		]);
		expect((withCoupons.json.coupons as IDataObject[]).map((c) => c.code)).toEqual(['TRAIL10']);
		expect(withCoupons.json.products).toHaveLength(2);

		seq = store.log.lastSeq;
		const [bare] = await runNode(store, {
			resource: 'order',
			operation: 'get',
			orderId: String(id),
			include: [],
		});
		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual(['v2.orders.get 200']);
		expect(calls[0].query).not.toHaveProperty('include');
		expect(bare.json.products).toMatchObject({ resource: `/orders/${id}/products` });
	});

	it('past the 50-line cap pages /products (50 a page) for every line', async () => {
		const { id } = await createOrder(store, { customer_id: 1, lines: lines(57) });
		const seq = store.log.lastSeq;
		const [item] = await runNode(store, {
			resource: 'order',
			operation: 'get',
			orderId: String(id),
			include: ['products', 'shippingAddresses', 'transactions'],
		});
		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual([
			'v2.orders.get 200',
			'v2.orders.products 200',
			'v2.orders.products 200',
			'v3.transactions 204',
		]);
		expect(calls.slice(1, 3).map((c) => c.query)).toEqual([
			{ page: '1', limit: '50' },
			{ page: '2', limit: '50' },
		]);
		const products = item.json.products as IDataObject[];
		expect(products).toHaveLength(57);
		expect(new Set(products.map((p) => p.id)).size).toBe(57);
		expect(item.json).not.toHaveProperty('__warning__');
	});

	it('a consignment holding exactly the cap fetches /products even without a warning', async () => {
		await adminCall(store, 'PUT', 'switches', { consignmentCapWarning: false });
		const { id } = await createOrder(store, { customer_id: 1, lines: lines(60) });
		const seq = store.log.lastSeq;
		const [item] = await runNode(store, {
			resource: 'order',
			operation: 'get',
			orderId: String(id),
			include: ['products'],
		});
		expect(routesOf(await callsSince(store, seq))).toEqual([
			'v2.orders.get 200',
			'v2.orders.products 200',
			'v2.orders.products 200',
		]);
		expect(item.json.products).toHaveLength(60);
	});
});

describe('order: get many', () => {
	/** Orders created for one test, found again by min_id. */
	async function freshOrders(count: number, spec: IDataObject = {}): Promise<number[]> {
		const ids: number[] = [];
		for (let i = 0; i < count; i++) {
			ids.push(
				(await createOrder(store, { customer_id: 1, lines: lines(2), ...spec })).id as number,
			);
		}
		return ids;
	}

	it('a page of orders with lines and shipping addresses costs one call', async () => {
		const ids = await freshOrders(5);
		const seq = store.log.lastSeq;
		const output = await runNode(store, {
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			filters: { minId: ids[0] },
			include: ['products', 'shippingAddresses'],
		});
		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual(['v2.orders.list 200']);
		expect(calls[0].query).toMatchObject({
			min_id: String(ids[0]),
			page: '1',
			limit: '250',
			include: 'consignments.line_items',
			consignment_structure: 'object',
		});
		expect(output.map((o) => o.json.id)).toEqual(ids);
		expect(output.every((o) => (o.json.products as IDataObject[]).length === 2)).toBe(true);
		expect(output.every((o) => (o.json.shipping_addresses as IDataObject[]).length === 1)).toBe(
			true,
		);
		expect(output.every((o) => (o.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('pages with page/limit and stops at a short page', async () => {
		const ids = await freshOrders(5);
		const seq = store.log.lastSeq;
		const pages: number[][] = [];
		const orders = await listOrders(
			storeContext(store),
			{ minId: ids[0] },
			{ pageSize: 2, onPage: (page) => void pages.push(page.map((o) => o.id)) },
		);
		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual([
			'v2.orders.list 200',
			'v2.orders.list 200',
			'v2.orders.list 200',
		]);
		expect(calls.map((c) => c.query.page)).toEqual(['1', '2', '3']);
		expect(pages).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
		expect(orders.map((o) => o.id)).toEqual(ids);
	});

	it('stops at the 204 that follows a full last page', async () => {
		const ids = await freshOrders(4);
		const seq = store.log.lastSeq;
		const orders = await listOrders(storeContext(store), { minId: ids[0] }, { pageSize: 2 });
		expect(routesOf(await callsSince(store, seq))).toEqual([
			'v2.orders.list 200',
			'v2.orders.list 200',
			'v2.orders.list 204',
		]);
		expect(orders.map((o) => o.id)).toEqual(ids);
	});

	it('nothing matching is a 204 and no items', async () => {
		const seq = store.log.lastSeq;
		const output = await runNode(store, {
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			filters: { minId: 9_000_000 },
			include: ['products'],
		});
		expect(routesOf(await callsSince(store, seq))).toEqual(['v2.orders.list 204']);
		expect(output).toEqual([]);
	});

	it('a limit asks for no more than it needs', async () => {
		const ids = await freshOrders(4);
		const seq = store.log.lastSeq;
		const output = await runNode(store, {
			resource: 'order',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			filters: { minId: ids[0] },
			include: ['products'],
		});
		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual(['v2.orders.list 200']);
		expect(calls[0].query).toMatchObject({ page: '1', limit: '3' });
		expect(output.map((o) => o.json.id)).toEqual(ids.slice(0, 3));
	});

	it('an order past the cap in a list pages its own /products; the others cost nothing more', async () => {
		const [small] = await freshOrders(1);
		const big = (await createOrder(store, { customer_id: 1, lines: lines(53) })).id as number;
		const seq = store.log.lastSeq;
		const orders = await listOrders(storeContext(store), { minId: small });
		expect(routesOf(await callsSince(store, seq))).toEqual([
			'v2.orders.list 200',
			'v2.orders.products 200',
			'v2.orders.products 200',
		]);
		expect(orders.find((o) => o.id === big)!.products).toHaveLength(53);
		expect(orders.find((o) => o.id === small)!.products).toHaveLength(2);
	});

	it('filters by status, customer and creation dates (sent as RFC 2822 UTC)', async () => {
		const march = await createOrder(store, {
			customer_id: 2,
			lines: lines(1),
			status_id: 9,
			date_created: '2031-03-10T12:00:00Z',
		});
		await createOrder(store, {
			customer_id: 2,
			lines: lines(1),
			status_id: 11,
			date_created: '2031-03-11T12:00:00Z',
		});
		await createOrder(store, {
			customer_id: 1,
			lines: lines(1),
			status_id: 9,
			date_created: '2031-03-12T12:00:00Z',
		});
		await createOrder(store, {
			customer_id: 2,
			lines: lines(1),
			status_id: 9,
			date_created: '2031-04-20T12:00:00Z',
		});
		const seq = store.log.lastSeq;
		const output = await runNode(store, {
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			filters: {
				statusId: 9,
				customerId: 2,
				// Naive wall-clock times are read in the workflow's time zone (UTC here).
				createdFrom: '2031-03-01T00:00:00',
				createdTo: '2031-03-31T23:59:59',
			},
			include: [],
		});
		const calls = await callsSince(store, seq);
		expect(calls[0].query).toMatchObject({
			status_id: '9',
			customer_id: '2',
			min_date_created: 'Sat, 01 Mar 2031 00:00:00 +0000',
			max_date_created: 'Mon, 31 Mar 2031 23:59:59 +0000',
		});
		expect(output.map((o) => o.json.id)).toEqual([march.id]);
	});
});

describe('order: fees', () => {
	it('get includes Fees by default; with them the order read asks include=…,fees and carries its fees, in the same call', async () => {
		const { description } = await import('../../../nodes/BigCommerce/actions/order/get.operation');
		expect(description.find((p) => p.name === 'include')?.default).toContain('fees');
		const created = await createOrder(store, {
			customer_id: 1,
			lines: lines(1),
			fees: [{ name: 'Package Protection', amount: 3.5 }],
		});
		const id = created.id as number;
		const seq = store.log.lastSeq;
		const output = await runNode(store, {
			resource: 'order',
			operation: 'get',
			orderId: String(id),
			include: ['fees', 'products', 'shippingAddresses'],
		});
		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual(['v2.orders.get 200']);
		expect(calls[0].query).toMatchObject({
			include: 'consignments.line_items,fees',
			consignment_structure: 'object',
		});
		const fees = output[0].json.fees as IDataObject[];
		expect(fees.map((f) => [f.display_name_customer, f.cost_ex_tax])).toEqual([
			['Package Protection', '3.5000'],
		]);
	});

	it('the F&O-bound full order (trigger / backfill) carries its fees: getOrder asks for them unless told not to', async () => {
		const created = await createOrder(store, {
			customer_id: 1,
			lines: lines(1),
			fees: [{ name: 'Eco fee', amount: 1.25 }],
		});
		const id = created.id as number;
		const seq = store.log.lastSeq;
		const { getOrder } = await import('../../../nodes/BigCommerce/api');
		const order = await getOrder(storeContext(store), id);
		const bare = await getOrder(storeContext(store), id, {
			products: false,
			shippingAddresses: false,
			transactions: false,
			fees: false,
		});
		const calls = await callsSince(store, seq);
		expect(calls[0].query).toMatchObject({ include: 'consignments.line_items,fees' });
		expect((order.fees as IDataObject[]).map((f) => f.cost_ex_tax)).toEqual(['1.2500']);
		expect(calls.at(-1)?.query?.include).toBeUndefined();
		expect(Array.isArray(bare.fees)).toBe(false);
	});
});
