/** Auth, store info, v2 paging and 204, filters, includes and the 50-line cap, rate limits, faults. */
import { start, type Started } from './testSupport';

jest.setTimeout(30000);

let s: Started;
beforeEach(async () => {
	s = await start();
});
afterEach(async () => s.bc.close());

const ids = (json: unknown) => (json as { id: number }[]).map((o) => o.id);

describe('auth and store', () => {
	it('answers 401 without or with a wrong X-Auth-Token, v2 and v3 worded', async () => {
		const v2 = await s.call('GET', '/v2/store', undefined, { 'x-auth-token': 'wrong' });
		expect(v2.status).toBe(401);
		expect(v2.json()).toEqual([{ status: 401, message: expect.any(String) }]);
		const v3 = await s.call('GET', '/v3/customers', undefined, { 'x-auth-token': '' });
		expect(v3.status).toBe(401);
		expect(v3.json()).toMatchObject({
			status: 401,
			type: '/api-docs/getting-started/api-status-codes',
		});
	});

	it('serves GET /v2/store only under its own store hash', async () => {
		const res = await s.call('GET', '/v2/store');
		expect(res.status).toBe(200);
		expect(res.json()).toMatchObject({
			id: (s.bc.manifest as { storeHash: string }).storeHash,
			currency: 'USD',
		});
		const m = s.bc.manifest as { baseUrl: string; accessToken: string };
		const other = await fetch(`${m.baseUrl}/stores/otherhash/v2/store`, {
			headers: { 'x-auth-token': m.accessToken },
		});
		expect(other.status).toBe(404);
	});
});

describe('v2 orders', () => {
	it('pages with page/limit, sorts by id by default, and answers 204 with no body past the end', async () => {
		const all = ids((await s.call('GET', '/v2/orders')).json());
		expect(all).toEqual([...all].sort((a, b) => a - b));
		const p1 = await s.call('GET', '/v2/orders?limit=3&page=1');
		const p2 = await s.call('GET', '/v2/orders?limit=3&page=2');
		expect([...ids(p1.json()), ...ids(p2.json())]).toEqual(all.slice(0, 6));
		const beyond = await s.call('GET', `/v2/orders?limit=3&page=${Math.ceil(all.length / 3) + 1}`);
		expect(beyond.status).toBe(204);
		expect(beyond.text).toBe('');
		const none = await s.call('GET', '/v2/orders?min_id=999999');
		expect(none.status).toBe(204);
		const desc = ids((await s.call('GET', '/v2/orders?sort=id:desc')).json());
		expect(desc).toEqual([...all].reverse());
	});

	it('limit over 250: 413 by default, capped with the switch', async () => {
		expect((await s.call('GET', '/v2/orders?limit=251')).status).toBe(413);
		await s.admin('PUT', 'switches', { v2LimitOverMax: 'cap' });
		expect((await s.call('GET', '/v2/orders?limit=251')).status).toBe(200);
	});

	it('filters by date modified, min_id, status_id and customer_id; incomplete orders behind a switch', async () => {
		const all = (await s.call('GET', '/v2/orders')).json() as {
			id: number;
			status_id: number;
			date_modified: string;
			customer_id: number;
		}[];
		expect(all.some((o) => o.status_id === 0)).toBe(false);
		const incomplete = (await s.call('GET', '/v2/orders?status_id=0')).json() as {
			status_id: number;
		}[];
		expect(incomplete.length).toBeGreaterThan(0);
		await s.admin('PUT', 'switches', { listIncludesIncomplete: true });
		const withIncomplete = (await s.call('GET', '/v2/orders')).json() as unknown[];
		expect(withIncomplete.length).toBe(all.length + incomplete.length);

		const cut = Date.parse('2025-03-08T00:00:00Z');
		const since = await s.call(
			'GET',
			`/v2/orders?min_date_modified=${encodeURIComponent('Sat, 08 Mar 2025 00:00:00 +0000')}&status_id=2`,
		);
		for (const o of since.status === 204 ? [] : (since.json() as typeof all)) {
			expect(Date.parse(o.date_modified)).toBeGreaterThanOrEqual(cut);
			expect(o.status_id).toBe(2);
		}
		const iso = (
			await s.call(
				'GET',
				`/v2/orders?max_date_modified=${encodeURIComponent('2025-03-08T00:00:00Z')}`,
			)
		).json() as typeof all;
		expect(iso.length).toBeGreaterThan(0);
		for (const o of iso) expect(Date.parse(o.date_modified)).toBeLessThanOrEqual(cut);
		const guests = (await s.call('GET', '/v2/orders?customer_id=0')).json() as typeof all;
		expect(guests.length).toBeGreaterThan(0);
		for (const o of guests) expect(o.customer_id).toBe(0);
		const fromId = ids((await s.call('GET', `/v2/orders?min_id=${all[3].id}`)).json());
		expect(fromId[0]).toBe(all[3].id);
	});

	it('wire formats: money strings, RFC 2822 dates, two currencies', async () => {
		const all = (await s.call('GET', '/v2/orders')).json() as Record<string, unknown>[];
		for (const o of all) {
			expect(o.total_inc_tax).toMatch(/^\d+\.\d{4}$/);
			expect(o.date_created).toMatch(
				/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/,
			);
		}
		expect(new Set(all.map((o) => o.currency_code))).toEqual(new Set(['USD', 'EUR']));
	});

	it('order products page at 50; consignments.line_items caps at 50 with a warning (switchable)', async () => {
		const lines = Array.from({ length: 60 }, (_, i) => ({
			sku: i % 2 ? 'LAMP-HEAD-400' : 'SOCK-MERINO-M',
		}));
		const created = await s.admin('POST', 'orders', { customer_id: 1, lines });
		const id = (created.body as { id: number }).id;
		const p1 = (await s.call('GET', `/v2/orders/${id}/products`)).json() as unknown[];
		const p2 = (await s.call('GET', `/v2/orders/${id}/products?page=2`)).json() as unknown[];
		expect([p1.length, p2.length]).toEqual([50, 10]);
		const q = `/v2/orders/${id}?include=consignments.line_items&consignment_structure=object`;
		const capped = (await s.call('GET', q)).json() as {
			consignments: { shipping: { line_items: unknown[] }[] };
			__warning__?: unknown;
		};
		expect(capped.consignments.shipping[0].line_items).toHaveLength(50);
		expect(capped.__warning__).toBeDefined();
		await s.admin('PUT', 'switches', { consignmentLineItemCap: null });
		const full = (await s.call('GET', q)).json() as typeof capped;
		expect(full.consignments.shipping[0].line_items).toHaveLength(60);
		expect(full.__warning__).toBeUndefined();
	});

	it('guest orders carry customer_id 0 and the billing e-mail', async () => {
		const created = await s.admin('POST', 'orders', {
			guest: { email: 'g@example.org' },
			lines: [{ sku: 'BOTTLE-STEEL-1L' }],
		});
		const order = (
			await s.call('GET', `/v2/orders/${(created.body as { id: number }).id}`)
		).json() as {
			customer_id: number;
			billing_address: { email: string };
		};
		expect(order.customer_id).toBe(0);
		expect(order.billing_address.email).toBe('g@example.org');
	});
});

describe('rate limiting', () => {
	it('sends the four X-Rate-Limit headers on every response and 429 once the quota is spent', async () => {
		await s.admin('PUT', 'rate-limit', { quota: 3 });
		const answers = [];
		for (let i = 0; i < 4; i++) answers.push(await s.call('GET', '/v2/orders?limit=1'));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
		expect(answers.map((a) => a.headers.get('x-rate-limit-requests-left'))).toEqual([
			'2',
			'1',
			'0',
			'0',
		]);
		for (const a of answers) {
			expect(a.headers.get('x-rate-limit-requests-quota')).toBe('3');
			expect(a.headers.get('x-rate-limit-time-window-ms')).toBe('30000');
			expect(Number(a.headers.get('x-rate-limit-time-reset-ms'))).toBeGreaterThan(0);
		}
		expect(Number(answers[3].headers.get('x-rate-limit-time-reset-ms'))).toBeLessThanOrEqual(30000);
		const v3 = await s.call('GET', '/v3/customers');
		expect(v3.status).toBe(429);
		expect(v3.json()).toMatchObject({ status: 429 });
	});

	it('refills after the window', async () => {
		await s.admin('PUT', 'rate-limit', { quota: 1, windowMs: 300 });
		expect((await s.call('GET', '/v2/store')).status).toBe(200);
		expect((await s.call('GET', '/v2/store')).status).toBe(429);
		await new Promise((r) => setTimeout(r, 350));
		expect((await s.call('GET', '/v2/store')).status).toBe(200);
	});
});

describe('faults', () => {
	it('429 bursts with and without rate-limit headers, errors and dropped connections, per route', async () => {
		s.faults.add({ route: 'v2.orders.list', throttle: 1 });
		const withHeaders = await s.call('GET', '/v2/orders');
		expect(withHeaders.status).toBe(429);
		expect(withHeaders.headers.get('x-rate-limit-time-reset-ms')).not.toBeNull();
		s.faults.add({ route: 'v2.orders.list', throttle: 1, throttleWithoutHeaders: true });
		const bare = await s.call('GET', '/v2/orders');
		expect(bare.status).toBe(429);
		expect(bare.headers.get('x-rate-limit-time-reset-ms')).toBeNull();
		expect((await s.call('GET', '/v2/orders/101')).status).toBe(200);
		s.faults.add({ route: 'v3.transactions', errorRate: 1, errorStatus: 503 });
		expect((await s.call('GET', '/v3/orders/101/transactions')).status).toBe(503);
		s.faults.clear();
		s.faults.add({ route: 'v2.orders.get', drop: 1 });
		await expect(s.call('GET', '/v2/orders/101')).rejects.toThrow();
		expect((await s.call('GET', '/v2/orders/101')).status).toBe(200);
		expect(s.log.list({ route: 'v2.orders.list' }).map((e) => e.fault)).toEqual([
			'throttle',
			'throttle',
		]);
	});
});

describe('admin', () => {
	it('reset brings back the seed data and default switches', async () => {
		const before = s.bc.store.orders.size;
		await s.admin('POST', 'orders', { lines: [{ sku: 'TENT-2P-ALPINE' }] });
		await s.admin('PUT', 'switches', { signWebhooks: false });
		await s.admin('POST', 'reset');
		expect(s.bc.store.orders.size).toBe(before);
		expect(
			((await s.admin('GET', 'switches')).body as { signWebhooks: boolean }).signWebhooks,
		).toBe(true);
		expect((await s.admin('PUT', 'switches', { nope: 1 })).status).toBe(400);
		expect((await s.admin('POST', 'orders', { lines: [{ sku: 'NOT-A-SKU' }] })).status).toBe(400);
	});
});
