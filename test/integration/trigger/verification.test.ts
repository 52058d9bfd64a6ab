/**
 * Verification through real deliveries: the sandbox signs and sends, the trigger answers. A genuine
 * delivery passes in each mode; forged, replayed, truncated, re-encoded, header-less and empty ones
 * get 401 (a malformed but authentic body 400) and start no execution. Duplicates are dropped
 * before any fetch; two updates of one order are not duplicates.
 */
import { createHmac } from 'node:crypto';

import { Webhook } from 'standardwebhooks';

import { HOOK_MARKER_HEADER } from '../../../nodes/BigCommerce/webhook/secret';
import type { DeliveryAttempt } from '../../sandbox/bigcommerce';
import { adminCall, createOrder, startStore, type StoreUnderTest } from '../bigcommerce/support';
import {
	activate,
	emitted,
	headerSecretOf,
	settle,
	startReceiver,
	type Receiver,
	type Run,
} from './support';

jest.setTimeout(30000);

let store: StoreUnderTest;
let receiver: Receiver;

async function setUp(parameters: Record<string, unknown> = {}) {
	receiver = await startReceiver(store, { parameters });
	await activate(store, receiver);
}

beforeEach(async () => {
	store = await startStore({ timeScale: 0.001, retryScheduleSeconds: [1] });
});
afterEach(async () => {
	await receiver?.close();
	await store.close();
});

const newOrder = (spec: Record<string, unknown> = {}) =>
	createOrder(store, { customer_id: 1, lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }], ...spec });

/** One genuine delivery, captured as the sandbox sent it. */
async function genuineDelivery(): Promise<DeliveryAttempt> {
	await newOrder();
	const attempts = await settle(store, receiver);
	const first = attempts.find((a) => a.scope === 'store/order/created' && a.status === 200);
	if (!first) throw new Error('no genuine delivery');
	return first;
}

const orderGets = () =>
	store.log.list({ service: 'bigcommerce' }).filter((c) => c.route === 'v2.orders.get').length;

function expectRejected(result: { status: number; run?: Run }, status = 401) {
	expect(result.status).toBe(status);
	expect(result.run?.result).toEqual({ noWebhookResponse: true }); // no workflowData: no execution
	expect(result.run?.items).toEqual([]);
}

const now = () => Math.floor(Date.now() / 1000);
const sign = (secret: string, id: string, ts: number, body: string | Buffer) =>
	`v1,${createHmac('sha256', secret).update(`${id}.${ts}.`).update(body).digest('base64')}`;

describe('default mode (secret header + signature when present)', () => {
	it('a genuine signed delivery passes: 200 at once, then one execution with the full order', async () => {
		await setUp();
		const order = await newOrder();
		await settle(store, receiver);
		const [run] = emitted(receiver);
		expect(run.status).toBe(200);
		expect(run.answeredBeforeReturn).toBe(true);
		// The 200 went out before the order was fetched.
		const fetches = store.log.list({ service: 'bigcommerce', sinceSeq: run.seqAtAnswer });
		expect(fetches.map((c) => c.route)).toContain('v2.orders.get');
		expect(run.items[0]).toMatchObject({ id: order.id, _event: { scope: 'store/order/created' } });
	});

	it('rejects forged, replayed, truncated, re-encoded, header-less and empty deliveries without an execution', async () => {
		await setUp();
		const genuine = await genuineDelivery();
		const before = emitted(receiver).length;
		const getsBefore = orderGets();
		const secret = store.credentials.clientSecret;
		const base: Record<string, string> = { ...genuine.headers };
		const signed = (
			body: string | Buffer,
			ts = now(),
			id = genuine.webhookId,
		): Record<string, string> => ({
			...base,
			'webhook-id': id,
			'webhook-timestamp': String(ts),
			'webhook-signature': sign(secret, id, ts, body),
		});
		const body = genuine.body;

		// Control: re-signed now with the real secret, it passes (then counts as a duplicate).
		expect((await receiver.post(body, signed(body))).status).toBe(200);
		// Forged: signed with another secret.
		expectRejected(
			await receiver.post(body, {
				...signed(body),
				'webhook-signature': sign('not-the-secret', genuine.webhookId, now(), body),
			}),
		);
		// Forged: right signature, wrong secret header.
		expectRejected(await receiver.post(body, { ...signed(body), [HOOK_MARKER_HEADER]: 'guessed' }));
		// Replayed: the captured delivery as it was sent, ten minutes later.
		const old = now() - 600;
		expectRejected(await receiver.post(body, signed(body, old)));
		// Truncated and re-encoded bodies under the original signature.
		const sig = signed(body);
		expectRejected(await receiver.post(body.slice(0, -5), sig));
		expectRejected(await receiver.post(JSON.stringify(JSON.parse(body), null, 2), sig));
		expectRejected(await receiver.post(Buffer.from(body, 'utf16le'), sig));
		// Missing headers: the secret header; one signature header.
		const { [HOOK_MARKER_HEADER]: _secret, ...noSecret } = signed(body);
		expectRejected(await receiver.post(body, noSecret));
		const { 'webhook-signature': _sig, ...noSignature } = signed(body);
		expectRejected(await receiver.post(body, noSignature));
		// Empty body.
		expectRejected(await receiver.post('', signed('')), 400);
		expectRejected(await receiver.post('', sig));

		expect(emitted(receiver).length).toBe(before);
		expect(orderGets()).toBe(getsBefore); // nothing rejected (or duplicate) was fetched
	});

	it('a delivery signed by the public standardwebhooks package verifies', async () => {
		await setUp();
		const order = await newOrder();
		await settle(store, receiver);
		const body = JSON.stringify({
			scope: 'store/order/created',
			store_id: '1025646',
			data: { type: 'order', id: order.id },
			hash: 'b1946ac92492d2347c6235b4d2611184aaaaaaaa',
			created_at: now(),
			producer: `stores/${store.credentials.storeHash}`,
		});
		const lib = new Webhook(Buffer.from(store.credentials.clientSecret).toString('base64'));
		const id = 'msg_2ZxQ4lV0pR8s';
		const at = new Date();
		const result = await receiver.post(body, {
			'webhook-id': id,
			'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
			'webhook-signature': lib.sign(id, at, body),
			[HOOK_MARKER_HEADER]: headerSecretOf(store),
		});
		expect(result.status).toBe(200);
		expect(result.run?.items[0]).toMatchObject({ id: order.id, _event: { webhook_id: id } });
	});

	it('with signing switched off in the sandbox, genuine deliveries are still accepted', async () => {
		await setUp();
		await adminCall(store, 'PUT', 'switches', { signWebhooks: false });
		await newOrder();
		const attempts = await settle(store, receiver);
		expect(attempts[0].headers['webhook-signature']).toBeUndefined();
		expect(emitted(receiver)).toHaveLength(1);
		expect(emitted(receiver)[0].items[0]._event).toMatchObject({ webhook_id: null });
	});

	it('an authentic but malformed body gets 400 and no execution', async () => {
		await setUp();
		const ts = now();
		for (const bad of [
			'{"scope":"store/order/created"',
			'[1,2]',
			'{"scope":"store/order/created","data":{}}',
		]) {
			expectRejected(
				await receiver.post(bad, {
					'webhook-id': `m-${bad.length}`,
					'webhook-timestamp': String(ts),
					'webhook-signature': sign(store.credentials.clientSecret, `m-${bad.length}`, ts, bad),
					[HOOK_MARKER_HEADER]: headerSecretOf(store),
				}),
				400,
			);
		}
	});

	it('never copies the secret header into the output, even with headers included', async () => {
		await setUp({ options: { includeHeaders: true } });
		await newOrder();
		await settle(store, receiver);
		const [run] = emitted(receiver);
		const headers = run.items[0]._event as { headers: Record<string, string> };
		expect(headers.headers['webhook-id']).toBeDefined();
		expect(JSON.stringify(run.items)).not.toContain(headerSecretOf(store));
		expect(Object.keys(headers.headers)).not.toContain(HOOK_MARKER_HEADER);
	});
});

describe('strict mode (signature required)', () => {
	it('accepts signed deliveries and rejects unsigned ones', async () => {
		await setUp({ verification: 'strict' });
		await newOrder();
		await settle(store, receiver);
		expect(emitted(receiver)).toHaveLength(1);

		await adminCall(store, 'PUT', 'switches', { signWebhooks: false });
		await newOrder();
		const attempts = await settle(store, receiver);
		const unsigned = attempts.filter((a) => !a.headers['webhook-signature']);
		expect(unsigned.length).toBeGreaterThan(0);
		expect(unsigned.every((a) => a.status === 401)).toBe(true);
		expect(emitted(receiver)).toHaveLength(1);
	});

	it('requires the secret header as well: a genuine signed delivery without it gets 401', async () => {
		await setUp({ verification: 'strict' });
		const genuine = await genuineDelivery();
		const { [HOOK_MARKER_HEADER]: _header, ...signatureOnly } = genuine.headers;
		const body = genuine.body.replace(/"created_at":\d+/, `"created_at":${now()}`);
		const ts = now();
		const id = `${genuine.webhookId}-again`;
		const headers = {
			...signatureOnly,
			'webhook-id': id,
			'webhook-timestamp': String(ts),
			'webhook-signature': sign(store.credentials.clientSecret, id, ts, body),
		};
		expectRejected(await receiver.post(body, headers));
		// Control: the same, with the header, passes (a new event: another created_at).
		expect(
			(await receiver.post(body, { ...headers, [HOOK_MARKER_HEADER]: headerSecretOf(store) }))
				.status,
		).toBe(200);
	});

	it('verifies the Standard Webhooks test vector', async () => {
		// The vector is signed with "abc123clientsecret" at 1700000000; the trigger checks the
		// timestamp against the clock, so it is checked through the same pipeline at that time in
		// test/unit/bigcommerce/webhook/delivery.test.ts. Here: a fresh delivery with the vector's body passes.
		await setUp({ verification: 'strict' });
		const order = await newOrder();
		await settle(store, receiver);
		const body = `{"scope":"store/order/created","store_id":"1025646","data":{"type":"order","id":${order.id}},"hash":"dd70c0976e06b67aaf671e73f49dcb79230ebf9d","created_at":1700000000,"producer":"stores/${store.credentials.storeHash}"}`;
		const ts = now();
		const id = '5e7f0c52-0000-4000-8000-000000000001';
		const result = await receiver.post(body, {
			'webhook-id': id,
			'webhook-timestamp': String(ts),
			'webhook-signature': sign(store.credentials.clientSecret, id, ts, body),
			[HOOK_MARKER_HEADER]: headerSecretOf(store),
		});
		expect(result.status).toBe(200);
		expect(result.run?.items[0]).toMatchObject({ id: order.id });
	});
});

describe('X-BC-Signature mode (opt-in)', () => {
	const xbc = 'relay-shared-secret-42';
	const relayHeaders = (signature: string) => ({
		[HOOK_MARKER_HEADER]: headerSecretOf(store),
		'x-bc-signature': signature,
	});

	it('accepts hex and base64 HMAC-SHA256 of the raw body, rejects wrong or missing ones', async () => {
		await setUp({ verification: 'xBcSignature', xBcSecret: xbc, xBcEncoding: 'auto' });
		const order = await newOrder();
		await settle(store, receiver);
		// The sandbox does not send X-BC-Signature: its own deliveries are refused.
		expect(emitted(receiver)).toHaveLength(0);
		expect(receiver.runs.every((r) => r.status === 401)).toBe(true);

		const body = (n: number) =>
			JSON.stringify({
				scope: 'store/order/created',
				store_id: '1025646',
				data: { type: 'order', id: order.id },
				hash: `a${n}`.padEnd(40, '0'),
				created_at: now() - n,
				producer: `stores/${store.credentials.storeHash}`,
			});
		const mac = (b: string, encoding: 'hex' | 'base64') =>
			createHmac('sha256', xbc).update(b).digest(encoding);
		expect((await receiver.post(body(1), relayHeaders(mac(body(1), 'hex')))).status).toBe(200);
		expect((await receiver.post(body(2), relayHeaders(mac(body(2), 'base64')))).status).toBe(200);
		expectRejected(await receiver.post(body(3), relayHeaders(mac(body(2), 'hex'))));
		expectRejected(
			await receiver.post(
				body(4),
				relayHeaders(createHmac('sha256', 'other').update(body(4)).digest('hex')),
			),
		);
		expectRejected(await receiver.post(body(5), { [HOOK_MARKER_HEADER]: headerSecretOf(store) }));
		expect(emitted(receiver)).toHaveLength(2);
	});
});

describe('duplicates', () => {
	it('duplicate deliveries of one event emit once and fetch once', async () => {
		await setUp();
		await adminCall(store, 'PUT', 'switches', { duplicateDeliveries: 2 });
		await newOrder();
		const attempts = await settle(store, receiver);
		expect(attempts.filter((a) => a.status === 200)).toHaveLength(3);
		expect(emitted(receiver)).toHaveLength(1);
		expect(orderGets()).toBe(1);
	});

	it('unsigned deliveries dedupe on the payload identity', async () => {
		await setUp();
		await adminCall(store, 'PUT', 'switches', { signWebhooks: false, duplicateDeliveries: 2 });
		await newOrder();
		const attempts = await settle(store, receiver);
		expect(attempts.filter((a) => a.status === 200)).toHaveLength(3);
		expect(emitted(receiver)).toHaveLength(1);
		expect(JSON.stringify(emitted(receiver)[0])).toMatch(/"delivery_id":"bc:/);
	});

	it('the same event under a new webhook-id is a duplicate (one execution, one fetch)', async () => {
		// Changed by issue 16: this pinned two executions (the identity was the webhook-id when
		// signed); the identity is now read from the payload, which BigCommerce repeats on retries.
		await setUp();
		await adminCall(store, 'PUT', 'switches', { webhookIdPerAttempt: true });
		await newOrder();
		await settle(store, receiver);
		const [event] = (await adminCall(store, 'GET', 'events')) as unknown as Array<{
			eventId: string;
		}>;
		await adminCall(store, 'POST', `events/${event.eventId}/redeliver`);
		const attempts = await settle(store, receiver);
		expect(new Set(attempts.map((a) => a.webhookId)).size).toBe(2);
		expect(attempts.every((a) => a.status === 200)).toBe(true);
		expect(emitted(receiver)).toHaveLength(1);
		expect(orderGets()).toBe(1);
	});

	it('a signed delivery replayed with its signature headers stripped is a duplicate', async () => {
		await setUp();
		const genuine = await genuineDelivery();
		expect(emitted(receiver)).toHaveLength(1);
		const stripped = Object.fromEntries(
			Object.entries(genuine.headers).filter(([name]) => !name.startsWith('webhook-')),
		);
		expect(stripped[HOOK_MARKER_HEADER]).toBe(headerSecretOf(store));
		const result = await receiver.post(genuine.body, stripped);
		expect(result.status).toBe(200);
		expect(result.run?.result).toEqual({ noWebhookResponse: true }); // no execution
		expect(emitted(receiver)).toHaveLength(1);
		expect(orderGets()).toBe(1);
	});

	it('two different updates of the same order are two executions', async () => {
		await setUp({ events: ['store/order/updated'] });
		const order = await newOrder();
		await adminCall(store, 'PUT', `orders/${order.id}`, { staff_notes: 'first' });
		await settle(store, receiver);
		await adminCall(store, 'PUT', `orders/${order.id}`, { staff_notes: 'second' });
		await settle(store, receiver);
		expect(emitted(receiver).map((r) => r.items[0].staff_notes)).toEqual(['first', 'second']);
	});
});
