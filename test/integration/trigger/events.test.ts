/**
 * What the trigger emits for each event: full orders (products, shipping addresses, transactions)
 * for registered and guest buyers, never status 0, entry into a selected status once, transactions
 * and refunds with their order, customers with addresses.
 */
import type { IDataObject } from 'n8n-workflow';

import { adminCall, createOrder, startStore, type StoreUnderTest } from '../bigcommerce/support';
import { activate, emitted, settle, startReceiver, type Receiver } from './support';

jest.setTimeout(30000);

let store: StoreUnderTest;
let receiver: Receiver;

const ALL_EVENTS = [
	'store/order/created',
	'store/order/statusUpdated',
	'store/order/transaction/created',
	'store/order/refund/created',
	'store/customer/created',
	'store/customer/updated',
];

async function setUp(parameters: Record<string, unknown> = {}) {
	receiver = await startReceiver(store, { parameters: { events: ALL_EVENTS, ...parameters } });
	await activate(store, receiver);
}

beforeEach(async () => {
	store = await startStore();
});
afterEach(async () => {
	await receiver?.close();
	await store.close();
});

const items = () => emitted(receiver).flatMap((r) => r.items);
const byScope = (scope: string) => items().filter((i) => (i._event as IDataObject).scope === scope);

/** Create an order and capture it before its created event is delivered. */
async function paidOrder(spec: Record<string, unknown>): Promise<IDataObject> {
	await adminCall(store, 'PUT', 'switches', { holdDeliveries: true });
	const order = await createOrder(store, {
		lines: [
			{ sku: 'TENT-2P-ALPINE', quantity: 2 },
			{ sku: 'LAMP-HEAD-400', quantity: 1 },
		],
		...spec,
	});
	await adminCall(store, 'POST', `orders/${order.id}/transactions`, {
		event: 'capture',
		amount: 10,
	});
	await adminCall(store, 'PUT', 'switches', { holdDeliveries: false });
	store.sandbox.dispatcher.release('fifo');
	await settle(store, receiver);
	return order;
}

describe('order events', () => {
	it.each([
		['registered', { customer_id: 1 }],
		['guest', { guest: { first_name: 'Sam', last_name: 'Guest', email: 'sam@example.org' } }],
	])(
		'a %s order is emitted in full: products, shipping addresses, transactions, store hash',
		async (_kind, spec) => {
			await setUp({ events: ['store/order/created'] });
			const order = await paidOrder(spec);
			const [item] = byScope('store/order/created');
			expect(item.id).toBe(order.id);
			expect(item.customer_id).toBe((spec as IDataObject).customer_id ?? 0);
			expect(item.products).toHaveLength(2);
			expect((item.products as IDataObject[]).map((p) => p.sku).sort()).toEqual([
				'LAMP-HEAD-400',
				'TENT-2P-ALPINE',
			]);
			expect(item.shipping_addresses).toHaveLength(1);
			expect((item.shipping_addresses as IDataObject[])[0].street_1).toBeTruthy();
			expect(item.transactions).toEqual([
				expect.objectContaining({ event: 'capture', order_id: String(order.id) }),
			]);
			expect(item._event).toMatchObject({
				source: 'webhook',
				scope: 'store/order/created',
				store_hash: store.credentials.storeHash,
				store_id: '1025646',
				data: { type: 'order', id: order.id },
			});
		},
	);

	it('Fetch Full Order off: the order alone, in one call', async () => {
		await setUp({ events: ['store/order/created'], fetchFullOrder: false });
		const order = await createOrder(store, {
			customer_id: 1,
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }],
		});
		const seq = store.log.lastSeq;
		await settle(store, receiver);
		const [item] = items();
		expect(item.id).toBe(order.id);
		expect(item.products).toMatchObject({ resource: `/orders/${order.id}/products` }); // v2's link, not lines
		expect(item.transactions).toBeUndefined();
		expect(store.log.list({ service: 'bigcommerce', sinceSeq: seq }).map((c) => c.route)).toEqual([
			'v2.orders.get',
		]);
	});

	it('status 0 (incomplete) is never emitted; unselected statuses neither; entering the selection is emitted once', async () => {
		await setUp({
			events: ['store/order/created', 'store/order/statusUpdated', 'store/order/updated'],
		});
		const incomplete = await createOrder(store, {
			customer_id: 1,
			status_id: 0,
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }],
		});
		const awaiting = await createOrder(store, {
			customer_id: 1,
			status_id: 7,
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }],
		});
		await adminCall(store, 'PUT', `orders/${incomplete.id}`, { staff_notes: 'still a cart' });
		await settle(store, receiver);
		expect(items()).toEqual([]);
		expect(receiver.runs.length).toBeGreaterThanOrEqual(3); // delivered and answered, nothing emitted

		// 7 → 11 enters the selection: statusUpdated emits it (updated too: "any change").
		await adminCall(store, 'PUT', `orders/${awaiting.id}/status`, { status_id: 11 });
		await settle(store, receiver);
		expect(byScope('store/order/statusUpdated').map((i) => [i.id, i.status_id])).toEqual([
			[awaiting.id, 11],
		]);
		// 11 → 9 moves within the selection; 9 → 1 leaves it; 1 → 11 re-enters: no second statusUpdated item.
		for (const status of [9, 1, 11]) {
			await adminCall(store, 'PUT', `orders/${awaiting.id}/status`, { status_id: status });
			await settle(store, receiver);
		}
		expect(byScope('store/order/statusUpdated')).toHaveLength(1);
		expect(items().every((i) => i.status_id !== 0)).toBe(true);
	});

	it('an order created in a selected status is not emitted again when its status changes within the selection or back', async () => {
		await setUp({ events: ['store/order/created', 'store/order/statusUpdated'] });
		const order = await createOrder(store, {
			customer_id: 1,
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }],
		});
		await settle(store, receiver);
		for (const status of [5, 11]) {
			await adminCall(store, 'PUT', `orders/${order.id}/status`, { status_id: status });
			await settle(store, receiver);
		}
		expect(items().map((i) => (i._event as IDataObject).scope)).toEqual(['store/order/created']);
	});
});

describe('transactions, refunds, customers', () => {
	it('a transaction is emitted with its order', async () => {
		await setUp({ events: ['store/order/transaction/created'] });
		const order = await createOrder(store, {
			customer_id: 1,
			status_id: 7,
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }],
		});
		const transaction = await adminCall(store, 'POST', `orders/${order.id}/transactions`, {
			event: 'capture',
			amount: 12.5,
		});
		await settle(store, receiver);
		const [item] = items();
		expect(item).toMatchObject({ id: transaction.id, event: 'capture', order: { id: order.id } });
		expect((item.order as IDataObject).products).toHaveLength(1);
		expect((item.order as IDataObject).transactions).toHaveLength(1);
	});

	it('a refund is emitted with its order (a refunded order is emitted even though Refunded is not selected)', async () => {
		await setUp({ events: ['store/order/refund/created'] });
		const order = await createOrder(store, {
			customer_id: 1,
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 2 }],
		});
		await adminCall(store, 'POST', `orders/${order.id}/transactions`, { event: 'capture' });
		const lineId = [...store.sandbox.store.orders.get(order.id as number)!.lines][0].id;
		const refund = await adminCall(store, 'POST', `orders/${order.id}/refunds`, {
			lines: [{ id: lineId, quantity: 1 }],
		});
		await settle(store, receiver);
		const [item] = items();
		expect(item).toMatchObject({ id: refund.id, order_id: order.id, order: { id: order.id } });
		expect((item.order as IDataObject).products).toBeDefined();
	});

	it('customers are emitted as the v3 customer with addresses', async () => {
		await setUp({ events: ['store/customer/created', 'store/customer/updated'] });
		const customer = await adminCall(store, 'POST', 'customers', {
			email: 'new.buyer@example.org',
			first_name: 'New',
			last_name: 'Buyer',
			addresses: [
				{
					address1: '1 Main St',
					city: 'Austin',
					country_code: 'US',
					first_name: 'New',
					last_name: 'Buyer',
					postal_code: '78701',
					state_or_province: 'Texas',
				},
			],
		});
		await adminCall(store, 'PUT', `customers/${customer.id}`, { phone: '5125550100' });
		await settle(store, receiver);
		expect(items().map((i) => [(i._event as IDataObject).scope, i.id, i.email])).toEqual([
			['store/customer/created', customer.id, 'new.buyer@example.org'],
			['store/customer/updated', customer.id, 'new.buyer@example.org'],
		]);
		expect(items()[1].phone).toBe('5125550100');
		expect(items()[0].addresses).toEqual([expect.objectContaining({ city: 'Austin' })]);
	});
});

describe('a fetch that fails after the 200', () => {
	it('is logged and emitted with _event.fetch_error (never thrown onto the answered request)', async () => {
		await setUp({ events: ['store/order/created'] });
		store.faults.add({ route: 'v2.orders.get', errorRate: 1, errorStatus: 404 });
		await createOrder(store, { customer_id: 1, lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }] });
		await settle(store, receiver);
		const [run] = receiver.runs;
		expect(run.status).toBe(200);
		expect(run.error).toBeUndefined();
		expect(run.items[0]._event).toMatchObject({ fetch_error: { message: expect.any(String) } });
	});
});
