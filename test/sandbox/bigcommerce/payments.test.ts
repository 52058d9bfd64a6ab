/**
 * The sandbox store refuses payments as BigCommerce does: a capture beyond the authorised amount
 * (and so a second full capture) or after a void, a refund beyond what the order paid less what was
 * already refunded, store credit for a guest. Each refusal is a 422 with BigCommerce's body for that
 * call, changes nothing and fires no webhook. The admin order view lists the order's lines.
 */
import { start, type Started } from './testSupport';

jest.setTimeout(30000);

let s: Started;
beforeEach(async () => {
	s = await start();
});
afterEach(async () => s.bc.close());

type Json = Record<string, unknown>;
const admin = async (method: string, path: string, body?: unknown) => {
	const res = await s.admin(method, path, body);
	return { status: res.status, body: res.body as Json };
};
const events = () => s.bc.dispatcher.events.map((e) => e.scope);

async function newOrder(): Promise<{ id: number; total: number; lines: Json[] }> {
	const { status, body } = await admin('POST', 'orders', {
		customer_id: 1,
		lines: [
			{ sku: 'TENT-2P-ALPINE', quantity: 2 },
			{ sku: 'LAMP-HEAD-400', quantity: 1 },
		],
	});
	expect(status).toBe(201);
	return {
		id: body.id as number,
		total: Number(body.total_inc_tax),
		lines: body.products as Json[],
	};
}

/** BigCommerce's v3 422 for a payment action: `{status, title, type}`. */
const captureRefusal = {
	error: expect.any(String),
	status: 422,
	title: expect.any(String),
	type: '/api-docs/getting-started/api-status-codes',
};
/** BigCommerce's refund-create 422: the errors wrapped in `data`. */
const refundRefusal = {
	error: expect.any(String),
	data: [
		{
			status: 422,
			title: expect.any(String),
			type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
		},
	],
};

describe('the admin order view', () => {
	it('lists the lines under products (each id is the refund item id); /products gives them alone', async () => {
		const order = await newOrder();
		expect(order.lines.map((l) => [l.sku, l.quantity, l.order_id])).toEqual([
			['TENT-2P-ALPINE', 2, order.id],
			['LAMP-HEAD-400', 1, order.id],
		]);
		const lines = await admin('GET', `orders/${order.id}/products`);
		expect(lines.status).toBe(200);
		expect(lines.body).toEqual(order.lines);
		const viewed = await admin('GET', `orders/${order.id}`);
		expect(viewed.body.products).toEqual(order.lines);
		// The v2 API itself still links the products, as BigCommerce does.
		const v2 = (await s.call('GET', `/v2/orders/${order.id}`)).json() as Json;
		expect(v2.products).toMatchObject({ resource: `/orders/${order.id}/products` });
	});
});

describe('captures', () => {
	it('a capture takes the whole authorisation; a second full capture is refused and fires nothing', async () => {
		const order = await newOrder();
		const first = await admin('POST', `orders/${order.id}/transactions`, {
			event: 'capture',
		});
		expect(first.status).toBe(201);
		expect(first.body.amount).toBe(order.total);
		const before = events().length;
		const second = await admin('POST', `orders/${order.id}/transactions`, {
			event: 'capture',
		});
		expect(second).toEqual({ status: 422, body: captureRefusal });
		expect(second.body.error).toMatch(/already been captured in full/);
		expect(events().length).toBe(before);
		expect(s.bc.store.transactions.filter((t) => t.order_id === String(order.id))).toHaveLength(1);
	});

	it('partial captures add up to the authorised amount, never beyond it', async () => {
		const order = await newOrder();
		const path = `orders/${order.id}/transactions`;
		expect((await admin('POST', path, { event: 'authorization', amount: 100 })).status).toBe(201);
		expect((await admin('POST', path, { event: 'capture', amount: 60 })).status).toBe(201);
		const over = await admin('POST', path, { event: 'capture', amount: 40.01 });
		expect(over).toEqual({ status: 422, body: captureRefusal });
		expect(over.body.error).toMatch(/exceeds what is left of the authorised amount .*40\.00/);
		const rest = await admin('POST', path, { event: 'capture' });
		expect(rest.body.amount).toBe(40);
		expect((await admin('POST', path, { event: 'capture', amount: 1 })).status).toBe(422);
		// A failed capture attempt is a transaction of its own and takes nothing.
		expect((await admin('POST', path, { event: 'capture', status: 'error' })).status).toBe(201);
	});

	it('with partialCaptures off, any capture after the first is refused (switch)', async () => {
		await admin('PUT', 'switches', { partialCaptures: false });
		const order = await newOrder();
		const path = `orders/${order.id}/transactions`;
		expect((await admin('POST', path, { event: 'capture', amount: 10 })).status).toBe(201);
		const second = await admin('POST', path, { event: 'capture', amount: 10 });
		expect(second.status).toBe(422);
		expect(second.body.error).toMatch(/already been captured/);
	});

	it('a voided authorisation cannot be captured', async () => {
		const order = await newOrder();
		const path = `orders/${order.id}/transactions`;
		await admin('POST', path, { event: 'authorization' });
		await admin('POST', path, { event: 'void' });
		const capture = await admin('POST', path, { event: 'capture' });
		expect(capture.status).toBe(422);
		expect(capture.body.error).toMatch(/voided/);
	});
});

describe('refunds', () => {
	it('refunds up to what was captured; beyond it is refused with the refund body and fires nothing', async () => {
		const order = await newOrder();
		await admin('POST', `orders/${order.id}/transactions`, {
			event: 'authorization',
		});
		await admin('POST', `orders/${order.id}/transactions`, {
			event: 'capture',
			amount: 50,
		});
		const refunds = `orders/${order.id}/refunds`;
		expect((await admin('POST', refunds, { amount: 30 })).status).toBe(201);
		const before = events().length;
		const over = await admin('POST', refunds, { amount: 20.01 });
		expect(over).toEqual({ status: 422, body: refundRefusal });
		expect(over.body.error).toMatch(
			/available to refund .*20\.00 USD: paid 50\.00, refunded 30\.00/,
		);
		expect(events().length).toBe(before);
		expect(s.bc.store.refunds.filter((r) => r.order_id === order.id)).toHaveLength(1);
		expect((await admin('POST', refunds, { amount: 20 })).status).toBe(201);
		expect((await admin('POST', refunds, { amount: 0.01 })).status).toBe(422);
	});

	it('an order with only an authorisation has paid nothing to refund', async () => {
		const order = await newOrder();
		await admin('POST', `orders/${order.id}/transactions`, {
			event: 'authorization',
		});
		const refund = await admin('POST', `orders/${order.id}/refunds`, { amount: 1 });
		expect(refund.status).toBe(422);
		expect(refund.body.error).toMatch(/paid 0\.00/);
	});

	it('an item refund names a line by the id the order view lists; more than was bought is refused', async () => {
		const order = await newOrder();
		await admin('POST', `orders/${order.id}/transactions`, { event: 'capture' });
		const tent = order.lines[0];
		const refunds = `orders/${order.id}/refunds`;
		const one = await admin('POST', refunds, { lines: [{ id: tent.id, quantity: 1 }] });
		expect(one.status).toBe(201);
		expect(one.body.items).toEqual([
			expect.objectContaining({ item_type: 'PRODUCT', item_id: tent.id }),
		]);
		const lines = (await admin('GET', `orders/${order.id}/products`)).body as unknown as Json[];
		expect(lines[0].quantity_refunded).toBe(1);
		const tooMany = await admin('POST', refunds, { lines: [{ id: tent.id, quantity: 2 }] });
		expect(tooMany).toEqual({ status: 422, body: refundRefusal });
	});

	it("a guest's refund to store credit is refused with BigCommerce's documented title", async () => {
		const { body } = await admin('POST', 'orders', {
			guest: { first_name: 'Sam', email: 'sam@example.org' },
			lines: [{ sku: 'TENT-2P-ALPINE' }],
		});
		const refund = await admin('POST', `orders/${String(body.id)}/refunds`, {
			amount: 5,
			provider_id: 'storecredit',
		});
		expect(refund.status).toBe(422);
		expect((refund.body.data as Json[])[0].title).toBe(
			'Unable to provide store credit for a guest customer.',
		);
	});
});
