/**
 * Rate limits and errors through the node against the BigCommerce sandbox: a 429 is waited out
 * (visible in the request log), never surfaced while attempts remain; failures carry
 * BigCommerce's message and their item; `continueOnFail` puts the error on the item and goes on.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	callsSince,
	createOrder,
	lines,
	routesOf,
	runNode,
	startStore,
	type StoreUnderTest,
} from './support';

let store: StoreUnderTest;
let orderId: string;

beforeAll(async () => {
	store = await startStore({ windowMs: 1000 });
	orderId = String((await createOrder(store, { customer_id: 1, lines: lines(2) })).id);
});
afterAll(async () => {
	await store.close();
});
beforeEach(() => {
	store.faults.clear();
	store.sandbox.limiter.refill();
});

const getOrder = (id: string) => ({
	resource: 'order',
	operation: 'get',
	orderId: id,
	include: ['products', 'shippingAddresses', 'transactions'],
});

describe('429 from the store', () => {
	it('a quota spent by other apps is waited out until the window resets, then the order arrives', async () => {
		// Another client spends the store's shared quota at the start of a 1 s window.
		const windowStart = Date.now();
		const limiter = store.sandbox.limiter;
		while (limiter.take());
		const seq = store.log.lastSeq;

		const output = await runNode(store, getOrder(orderId));

		const calls = await callsSince(store, seq);
		expect(routesOf(calls)).toEqual([
			'v2.orders.get 429',
			'v2.orders.get 200',
			'v3.transactions 204',
		]);
		// The retry waited for X-Rate-Limit-Time-Reset-Ms: it cannot have arrived before the reset.
		expect(Date.parse(calls[1].at)).toBeGreaterThanOrEqual(windowStart + 990);
		expect(output).toHaveLength(1);
		expect(output[0].json.id).toBe(Number(orderId));
		expect(output[0].json.products).toHaveLength(2);
	});

	it('an injected 429 (with rate-limit headers) on the transactions call is retried, not surfaced', async () => {
		store.faults.add({ route: 'v3.transactions', throttle: 1 });
		const seq = store.log.lastSeq;
		const output = await runNode(store, getOrder(orderId));
		expect(routesOf(await callsSince(store, seq))).toEqual([
			'v2.orders.get 200',
			'v3.transactions 429',
			'v3.transactions 204',
		]);
		expect(output[0].json).not.toHaveProperty('error');
		expect(output[0].json.transactions).toEqual([]);
	});

	it('a 429 without headers (platform load) is backed off and retried', async () => {
		store.faults.add({ route: 'v2.orders.get', throttle: 2, throttleWithoutHeaders: true });
		const seq = store.log.lastSeq;
		const output = await runNode(store, getOrder(orderId));
		expect(routesOf(await callsSince(store, seq))).toEqual([
			'v2.orders.get 429',
			'v2.orders.get 429',
			'v2.orders.get 200',
			'v3.transactions 204',
		]);
		expect(output[0].json.id).toBe(Number(orderId));
	});

	it('with continueOnFail, an item still throttled after every attempt carries the error; the next item runs', async () => {
		store.faults.add({ route: 'v2.orders.get', throttle: 5, throttleWithoutHeaders: true });
		const seq = store.log.lastSeq;
		const output = await runNode(store, getOrder(orderId), {
			items: [{ json: { n: 1 } }, { json: { n: 2 } }],
			continueOnFail: true,
		});
		const calls = await callsSince(store, seq);
		expect(calls.filter((c) => c.status === 429)).toHaveLength(5);
		expect(output).toHaveLength(2);
		expect(output[0]).toEqual({
			json: {
				error: {
					message: expect.stringMatching(
						/^BigCommerce: rate limited after 5 attempts: Too many requests/,
					),
					itemIndex: 0,
					httpCode: '429',
				},
			},
			pairedItem: { item: 0 },
		});
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[1].json.id).toBe(Number(orderId));
	}, 30_000);
});

describe('errors', () => {
	it("carry BigCommerce's message, status and the failing item", async () => {
		const error = await runNode(store, getOrder(orderId), {
			itemParameters: [{}, { orderId: '987654' }],
			items: [{ json: {} }, { json: {} }],
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe(
			'BigCommerce: The requested resource was not found.',
		);
		expect((error as NodeApiError).httpCode).toBe('404');
		expect((error as NodeApiError).context.itemIndex).toBe(1);
	});

	it('with continueOnFail, the failing item gets { error: { message, itemIndex, … } } and the others their results, each paired', async () => {
		const output = await runNode(store, getOrder(orderId), {
			itemParameters: [
				{ orderId: '987654' },
				{},
				{ resource: 'customer', operation: 'get', customerId: '999999' },
			],
			items: [{ json: {} }, { json: {} }, { json: {} }],
			continueOnFail: true,
		});
		expect(output).toEqual([
			{
				json: {
					error: {
						message: 'BigCommerce: The requested resource was not found.',
						itemIndex: 0,
						httpCode: '404',
					},
				},
				pairedItem: { item: 0 },
			},
			{ json: expect.objectContaining({ id: Number(orderId) }), pairedItem: { item: 1 } },
			{
				json: { error: { message: 'BigCommerce: no customer with ID 999999', itemIndex: 2 } },
				pairedItem: { item: 2 },
			},
		]);
	});

	it('a missing parameter is an operation error on its item, sent nowhere', async () => {
		const seq = store.log.lastSeq;
		const error = await runNode(store, getOrder('  ')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('Order ID is empty');
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
		expect(await callsSince(store, seq)).toEqual([]);
	});
});
