/**
 * Webhook delivery: the Standard Webhooks test vector, signed deliveries verified with the public
 * `standardwebhooks` package, payloads valid against webhook-callbacks/, retries on the (scaled)
 * schedule with a stable webhook-id and fresh timestamps, deactivation, duplicates, out-of-order.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import Ajv from 'ajv';
import { load } from 'js-yaml';
import { Webhook } from 'standardwebhooks';

import { RETRY_SCHEDULE_SECONDS, signWebhook } from './webhooks';
import {
	BIGCOMMERCE_RESEARCH,
	BIGCOMMERCE_SPECS,
	RESEARCH_FILE,
	SPEC_DIR,
} from '../../support/bigcommerceSpecs';
import { itWithShared } from '../../support/specs';
import { receiver, start, type Started } from './testSupport';

jest.setTimeout(30000);

describe('Standard Webhooks signer', () => {
	itWithShared(BIGCOMMERCE_RESEARCH)('reproduces the test vector in the research', () => {
		const text = readFileSync(RESEARCH_FILE, 'utf8');
		const field = (name: string) =>
			(new RegExp(`^${name}\\s*: (.*)$`, 'm').exec(text) as RegExpExecArray)[1].trim();
		const secret = field('secret \\(utf-8\\)');
		const id = field('webhook-id');
		const ts = field('webhook-timestamp');
		const body = field('body \\(exact bytes\\)');
		expect(signWebhook(secret, id, ts, body)).toBe(field('webhook-signature'));
		expect(field('webhook-signature')).toBe('v1,FeZYpnOTyW2W3Di2jSBxIH3O/kLSAfQAyjzzvRW+sBg=');
	});
});

let s: Started;
let secret: string;
const createHook = async (
	destination: string,
	scope = 'store/order/*',
	headers?: Record<string, string>,
) => {
	const res = await s.call('POST', '/v3/hooks', { scope, destination, is_active: true, headers });
	expect(res.status).toBe(200);
	return (res.json() as { data: { id: number } }).data.id;
};

beforeEach(async () => {
	// 60 s → 6 ms: the whole 48 h schedule takes about 17 s of real time at 0.0001.
	s = await start({ timeScale: 0.0001 });
	secret = (s.bc.manifest as { clientSecret: string }).clientSecret;
});
afterEach(async () => s.bc.close());

const restart = async (options: Parameters<typeof start>[0]) => {
	await s.bc.close();
	s = await start(options);
};

const callbackSchema = (scope: string) => {
	const file = path.join(SPEC_DIR, 'webhook-callbacks', `${scope.replace(/\//g, '_')}.yml`);
	const doc = load(readFileSync(file, 'utf8')) as { properties: Record<string, object> };
	return doc.properties[scope];
};

describe('deliveries', () => {
	itWithShared(BIGCOMMERCE_SPECS)(
		'every store event reaches matching hooks signed, with custom headers, valid against webhook-callbacks',
		async () => {
			const rx = await receiver();
			try {
				await createHook(rx.url, 'store/order/*', { 'X-Shared-Secret': 'hunter2' });
				await createHook(rx.url, 'store/customer/*');
				await createHook(`${rx.url}/inactive`, 'store/order/created');
				await s.call('PUT', `/v3/hooks/${[...s.bc.store.hooks.keys()][2]}`, { is_active: false });
				const order = await s.admin('POST', 'orders', {
					customer_id: 1,
					lines: [{ sku: 'TENT-2P-ALPINE' }],
				});
				const id = (order.body as { id: number }).id;
				await s.admin('PUT', `orders/${id}`, { staff_notes: 'gift' });
				await s.admin('PUT', `orders/${id}/status`, { status_id: 9 });
				await s.admin('POST', `orders/${id}/transactions`, { event: 'capture' });
				const products = (await s.call('GET', `/v2/orders/${id}/products`)).json() as {
					id: number;
				}[];
				await s.admin('POST', `orders/${id}/refunds`, {
					lines: [{ id: products[0].id, quantity: 1 }],
				});
				const customer = await s.admin('POST', 'customers', {
					email: 'new@example.com',
					first_name: 'N',
					last_name: 'E',
				});
				await s.admin('PUT', `customers/${(customer.body as { id: number }).id}`, { phone: '123' });
				expect(await s.bc.whenIdle(10000)).toBe(true);

				const scopes = rx.received.map((r) => (JSON.parse(r.body) as { scope: string }).scope);
				// Deliveries run concurrently (no ordering promise from BigCommerce): compare as a multiset.
				expect(scopes.sort()).toEqual(
					[
						'store/order/created',
						'store/order/updated',
						'store/order/statusUpdated',
						'store/order/updated',
						'store/order/transaction/created',
						'store/order/refund/created',
						'store/order/statusUpdated',
						'store/order/updated',
						'store/customer/created',
						'store/customer/updated',
					].sort(),
				);
				const wh = new Webhook(Buffer.from(secret).toString('base64'));
				const ajv = new Ajv({ strict: false });
				for (const r of rx.received) {
					expect(() => wh.verify(r.body, r.headers as Record<string, string>)).not.toThrow();
					const payload = JSON.parse(r.body) as Record<string, unknown>;
					expect(Object.keys(payload).sort()).toEqual([
						'created_at',
						'data',
						'hash',
						'producer',
						'scope',
						'store_id',
					]);
					expect(payload.store_id).toMatch(/^\d+$/);
					expect(payload.hash).toMatch(/^[0-9a-f]{40}$/);
					expect(payload.producer).toBe(
						`stores/${(s.bc.manifest as { storeHash: string }).storeHash}`,
					);
					const validate = ajv.compile(callbackSchema(payload.scope as string));
					expect({ scope: payload.scope, ok: validate(payload), errors: validate.errors }).toEqual({
						scope: payload.scope,
						ok: true,
						errors: null,
					});
					if ((payload.scope as string).startsWith('store/order/'))
						expect(r.headers['x-shared-secret']).toBe('hunter2');
				}
				const status = rx.received
					.map((r) => JSON.parse(r.body))
					.find((p) => p.scope === 'store/order/statusUpdated');
				expect(status.data).toEqual({
					type: 'order',
					id,
					status: { previous_status_id: 11, new_status_id: 9 },
				});
				const tx = rx.received
					.map((r) => JSON.parse(r.body))
					.find((p) => p.scope === 'store/order/transaction/created');
				expect(tx.data.order_id).toBe(String(id));
				expect(tx.data.transaction_type).toBe('capture');
				expect(rx.received.some((r) => r.headers['x-shared-secret'] === undefined)).toBe(true);
				expect(new Set(rx.received.map((r) => r.headers['webhook-id'])).size).toBe(
					rx.received.length,
				);
			} finally {
				await rx.close();
			}
		},
	);

	it('with signing off, deliveries carry no Standard Webhooks headers', async () => {
		const rx = await receiver();
		try {
			await createHook(rx.url);
			await s.admin('PUT', 'switches', { signWebhooks: false });
			await s.admin('POST', 'orders', { lines: [{ sku: 'LAMP-HEAD-400' }] });
			await s.bc.whenIdle(5000);
			expect(rx.received).toHaveLength(1);
			expect(rx.received[0].headers['webhook-signature']).toBeUndefined();
			expect(rx.received[0].headers['webhook-id']).toBeUndefined();
		} finally {
			await rx.close();
		}
	});

	it('retries on the schedule with one webhook-id and fresh timestamps, then succeeds', async () => {
		const rx = await receiver((n) => (n <= 3 ? 500 : 200));
		try {
			const hookId = await createHook(rx.url);
			await s.admin('POST', 'orders', { lines: [{ sku: 'LAMP-HEAD-400' }] });
			await s.bc.whenIdle(10000);
			const log = (await s.admin('GET', `deliveries?hook=${hookId}`)).body as {
				deliveries: {
					attempt: number;
					status: number;
					outcome: string;
					webhookId: string;
					body: string;
				}[];
			};
			expect(log.deliveries.map((d) => [d.attempt, d.status, d.outcome])).toEqual([
				[1, 500, 'failed'],
				[2, 500, 'failed'],
				[3, 500, 'failed'],
				[4, 200, 'delivered'],
			]);
			expect(new Set(rx.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
			expect(new Set(rx.received.map((r) => r.body)).size).toBe(1);
			// Gaps follow the schedule's order (60, 180, 300 s scaled): each longer than the one before.
			const gaps = rx.received.slice(1).map((r, i) => r.at - rx.received[i].at);
			expect(gaps[2]).toBeGreaterThanOrEqual(gaps[0]);
			const wh = new Webhook(Buffer.from(secret).toString('base64'));
			for (const r of rx.received)
				expect(() => wh.verify(r.body, r.headers as Record<string, string>)).not.toThrow();
			expect(s.bc.store.hooks.get(hookId)?.is_active).toBe(true);
		} finally {
			await rx.close();
		}
	});

	it('each attempt is signed with a fresh timestamp', async () => {
		// Real-time gaps of 1.1 s so that Unix-second timestamps must differ.
		await restart({ timeScale: 1, retryScheduleSeconds: [1.1, 1.1] });
		const rx = await receiver((n) => (n <= 2 ? 500 : 200));
		try {
			await createHook(rx.url);
			await s.admin('POST', 'orders', { lines: [{ sku: 'LAMP-HEAD-400' }] });
			await s.bc.whenIdle(10000);
			const stamps = rx.received.map((r) => Number(r.headers['webhook-timestamp']));
			expect(stamps).toHaveLength(3);
			expect(stamps[1]).toBeGreaterThan(stamps[0]);
			expect(stamps[2]).toBeGreaterThan(stamps[1]);
			expect(new Set(rx.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
			const wh = new Webhook(Buffer.from(secret).toString('base64'));
			for (const r of rx.received)
				expect(() => wh.verify(r.body, r.headers as Record<string, string>)).not.toThrow();
		} finally {
			await rx.close();
		}
	});

	it('with webhookIdPerAttempt, every attempt gets its own id', async () => {
		const rx = await receiver((n) => (n <= 2 ? 503 : 200));
		try {
			await createHook(rx.url);
			await s.admin('PUT', 'switches', { webhookIdPerAttempt: true });
			await s.admin('POST', 'orders', { lines: [{ sku: 'LAMP-HEAD-400' }] });
			await s.bc.whenIdle(10000);
			expect(rx.received).toHaveLength(3);
			expect(new Set(rx.received.map((r) => r.headers['webhook-id'])).size).toBe(3);
		} finally {
			await rx.close();
		}
	});

	it('deactivates the hook after the last retry fails, and delivers nothing more', async () => {
		await restart({ timeScale: 0.00002 });
		const rx = await receiver(() => 500);
		try {
			const hookId = await createHook(rx.url);
			await s.admin('POST', 'orders', { lines: [{ sku: 'LAMP-HEAD-400' }] });
			expect(await s.bc.whenIdle(25000)).toBe(true);
			expect(rx.received).toHaveLength(1 + RETRY_SCHEDULE_SECONDS.length);
			const hook = (await s.call('GET', `/v3/hooks/${hookId}`)).json() as {
				data: { is_active: boolean };
			};
			expect(hook.data.is_active).toBe(false);
			const last = s.bc.dispatcher.deliveries[s.bc.dispatcher.deliveries.length - 1];
			expect(last.deactivatedHook).toBe(true);
			await s.admin('POST', 'orders', { lines: [{ sku: 'LAMP-HEAD-400' }] });
			await s.bc.whenIdle(5000);
			expect(rx.received).toHaveLength(1 + RETRY_SCHEDULE_SECONDS.length);
		} finally {
			await rx.close();
		}
	});

	it('an unreachable destination counts as a failure', async () => {
		const rx = await receiver();
		const url = rx.url;
		await rx.close();
		const hookId = await createHook(url);
		await s.admin('POST', 'orders', { lines: [{ sku: 'LAMP-HEAD-400' }] });
		await new Promise((r) => setTimeout(r, 200));
		const first = s.bc.dispatcher.deliveries.find((d) => d.hookId === hookId);
		expect(first).toMatchObject({ status: 0, outcome: 'failed' });
	});

	it('duplicates on demand: same body, hash and webhook-id', async () => {
		const rx = await receiver();
		try {
			await createHook(rx.url);
			await s.admin('PUT', 'switches', { duplicateDeliveries: 1 });
			await s.admin('POST', 'orders', { lines: [{ sku: 'LAMP-HEAD-400' }] });
			await s.bc.whenIdle(5000);
			expect(rx.received).toHaveLength(2);
			expect(rx.received[0].body).toBe(rx.received[1].body);
			expect(rx.received[0].headers['webhook-id']).toBe(rx.received[1].headers['webhook-id']);
			await s.admin('PUT', 'switches', { duplicateDeliveries: 0 });
			const events = (await s.admin('GET', 'events')).body as { eventId: string }[];
			const again = await s.admin('POST', `events/${events[0].eventId}/redeliver`);
			expect(again.body).toEqual({ deliveries: 1 });
			await s.bc.whenIdle(5000);
			expect(rx.received).toHaveLength(3);
			expect(rx.received[2].body).toBe(rx.received[0].body);
		} finally {
			await rx.close();
		}
	});

	it('out of order on demand: held events are released in reverse', async () => {
		const rx = await receiver();
		try {
			await createHook(rx.url);
			await s.admin('PUT', 'switches', { holdDeliveries: true });
			const order = await s.admin('POST', 'orders', { lines: [{ sku: 'LAMP-HEAD-400' }] });
			await s.admin('PUT', `orders/${(order.body as { id: number }).id}/status`, { status_id: 2 });
			await s.bc.whenIdle(2000);
			expect(rx.received).toHaveLength(0);
			expect(((await s.admin('GET', 'deliveries')).body as { held: number }).held).toBe(3);
			await s.admin('POST', 'deliveries/release?order=reverse');
			await s.bc.whenIdle(5000);
			expect(rx.received.map((r) => JSON.parse(r.body).scope)).toEqual([
				'store/order/updated',
				'store/order/statusUpdated',
				'store/order/created',
			]);
		} finally {
			await rx.close();
		}
	});
});

describe('hook destinations', () => {
	it('real BigCommerce rules apply with allowLoopbackHttp off: https on 443 only', async () => {
		expect(
			(
				await s.call('POST', '/v3/hooks', {
					scope: 'store/order/created',
					destination: 'http://127.0.0.1:9/x',
				})
			).status,
		).toBe(200);
		await s.admin('PUT', 'switches', { allowLoopbackHttp: false });
		for (const destination of [
			'http://127.0.0.1:9/y',
			'https://hooks.example.com:8443/x',
			'http://hooks.example.com/x',
		]) {
			const res = await s.call('POST', '/v3/hooks', { scope: 'store/order/created', destination });
			expect({ destination, status: res.status }).toEqual({ destination, status: 422 });
		}
		const ok = await s.call('POST', '/v3/hooks', {
			scope: 'store/order/created',
			destination: 'https://hooks.example.com/x',
		});
		expect(ok.status).toBe(200);
		const dup = await s.call('POST', '/v3/hooks', {
			scope: 'store/order/created',
			destination: 'https://hooks.example.com/x',
		});
		expect(dup.status).toBe(422);
	});
});
