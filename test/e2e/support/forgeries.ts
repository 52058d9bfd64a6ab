/**
 * Forged webhook deliveries for the reliability suite: at least 200 requests that must not start
 * an execution of the shipped order-sync workflow, generated from one genuine delivery (which the
 * suite sends first and which does start one). Kinds: wrong or missing secret header, replays of
 * the genuine delivery, timestamp skew, mutated and re-serialised bodies under the genuine
 * signature, header smuggling (repeated and combined headers, conflicting framing on a raw socket),
 * oversized, non-JSON and wrongly typed bodies, and deliveries naming another store or a bad id.
 */
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';

import { signStandardWebhook } from '../../../nodes/BigCommerce/webhook/signature';

export interface DeliveryRequest {
	kind: string;
	headers: Array<[string, string]>;
	body: Buffer;
	/** Send on a raw socket with these exact bytes instead (framing attacks). */
	raw?: Buffer;
}

export interface ForgeryContext {
	clientSecret: string;
	secretHeaderName: string;
	secretHeaderValue: string;
	storeHash: string;
	/** An order id the genuine delivery names. */
	orderId: number;
}

const now = (): number => Math.floor(Date.now() / 1000);

export function payload(ctx: ForgeryContext, over: Record<string, unknown> = {}, n = 0): Buffer {
	return Buffer.from(
		JSON.stringify({
			scope: 'store/order/created',
			store_id: '1',
			data: { type: 'order', id: ctx.orderId },
			hash: createHash('sha1').update(`reliability ${ctx.orderId} ${n}`).digest('hex'),
			created_at: now(),
			producer: `stores/${ctx.storeHash}`,
			...over,
		}),
	);
}

function signed(ctx: ForgeryContext, body: Buffer, ts = now(), id = `msg_${randomHex(8)}`) {
	return [
		['webhook-id', id],
		['webhook-timestamp', String(ts)],
		['webhook-signature', signStandardWebhook(ctx.clientSecret, id, String(ts), body)],
	] as Array<[string, string]>;
}

function randomHex(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}

const json: [string, string] = ['content-type', 'application/json'];

/** A genuine delivery (secret header + Standard Webhooks signature) of `body`. */
export function genuine(ctx: ForgeryContext, body: Buffer): DeliveryRequest {
	return {
		kind: 'genuine',
		headers: [json, [ctx.secretHeaderName, ctx.secretHeaderValue], ...signed(ctx, body)],
		body,
	};
}

/** Every forgery, built around `original` (a genuine delivery already sent). */
export function forgeries(ctx: ForgeryContext, original: DeliveryRequest): DeliveryRequest[] {
	const out: DeliveryRequest[] = [];
	const secret: [string, string] = [ctx.secretHeaderName, ctx.secretHeaderValue];
	const add = (kind: string, headers: Array<[string, string]>, body: Buffer) =>
		out.push({ kind, headers, body });

	// Wrong secret header (signature valid for the body, so only the header is wrong), and none.
	const wrongValues = [
		'',
		'x',
		ctx.secretHeaderValue.slice(0, -1),
		`${ctx.secretHeaderValue}0`,
		ctx.secretHeaderValue.toUpperCase(),
		ctx.secretHeaderValue.split('').reverse().join(''),
		...Array.from({ length: 34 }, () => randomHex(ctx.secretHeaderValue.length / 2 || 32)),
	];
	wrongValues.forEach((value, i) => {
		const body = payload(ctx, {}, 1000 + i);
		add('wrong secret header', [json, [ctx.secretHeaderName, value], ...signed(ctx, body)], body);
	});
	for (let i = 0; i < 10; i++) {
		const body = payload(ctx, {}, 2000 + i);
		add('no secret header', [json, ...signed(ctx, body)], body);
	}
	// Replays: the same request again, and the same body under a new webhook-id and signature.
	for (let i = 0; i < 30; i++) add('replay (identical)', original.headers, original.body);
	for (let i = 0; i < 20; i++)
		add('replay (new webhook-id)', [json, secret, ...signed(ctx, original.body)], original.body);
	// Timestamp skew beyond the 300 s tolerance, both directions, correctly signed.
	[900, 1800, 3600, 86_400, 31_536_000].forEach((skew, i) => {
		for (const sign of [1, -1])
			for (let k = 0; k < 3; k++) {
				const ts = now() + sign * skew;
				const body = payload(ctx, { created_at: ts }, 3000 + i * 10 + k * 2 + (sign > 0 ? 1 : 0));
				add('timestamp skew', [json, secret, ...signed(ctx, body, ts)], body);
			}
	});
	// Mutated bodies under the original body's signature.
	const originalJson = JSON.parse(original.body.toString('utf8')) as Record<string, unknown>;
	const signatureHeaders = original.headers.filter(([name]) => name.startsWith('webhook-'));
	const mutations: Array<Record<string, unknown>> = [
		...Array.from({ length: 12 }, (_, i) => ({ data: { type: 'order', id: ctx.orderId + 1 + i } })),
		...Array.from({ length: 6 }, (_, i) => ({ hash: randomHex(20), created_at: now() - i })),
		{ scope: 'store/order/statusUpdated' },
		{ scope: 'store/order/transaction/created' },
		{ scope: 'store/order/created', extra: true },
		{ data: { type: 'order', id: String(ctx.orderId) } },
		{ data: { type: 'order', id: ctx.orderId, status: { new_status_id: 11 } } },
		{ producer: `stores/${ctx.storeHash}x` },
		{ store_id: '2' },
		{ created_at: Number(originalJson.created_at) + 1 },
		{ created_at: String(originalJson.created_at) },
		{ data: null },
	];
	for (const mutation of mutations) {
		const body = Buffer.from(JSON.stringify({ ...originalJson, ...mutation }));
		add('mutated body, original signature', [json, secret, ...signatureHeaders], body);
	}
	// Re-serialised: the same JSON value, other bytes.
	const reorder = Object.fromEntries(Object.entries(originalJson).reverse());
	const reserialised = [
		JSON.stringify(originalJson, null, 2),
		JSON.stringify(originalJson, null, '\t'),
		JSON.stringify(reorder),
		` ${original.body.toString('utf8')}`,
		`${original.body.toString('utf8')}\n`,
		original.body.toString('utf8').replace(/,/g, ', '),
		original.body.toString('utf8').replace(/:/g, ': '),
		original.body.toString('utf8').replace(/"/g, '"').replace('store', '\\u0073tore'),
		JSON.stringify(originalJson).replace(/\//g, '\\/'),
		`\ufeff${original.body.toString('utf8')}`,
	];
	for (let i = 0; i < 20; i++)
		add(
			're-serialised body, original signature',
			[json, secret, ...signatureHeaders],
			Buffer.from(reserialised[i % reserialised.length] + ' '.repeat(Math.floor(i / 10))),
		);
	// Header smuggling: a wrong secret combined with the right one, repeated signature headers.
	for (let i = 0; i < 20; i++) {
		const body = payload(ctx, {}, 4000 + i);
		const sig = signed(ctx, body);
		const variants: Array<Array<[string, string]>> = [
			[json, [ctx.secretHeaderName, `${randomHex(16)}, ${ctx.secretHeaderValue}`], ...sig],
			[json, [ctx.secretHeaderName, `${ctx.secretHeaderValue}, ${randomHex(16)}`], ...sig],
			[json, [ctx.secretHeaderName.toUpperCase(), randomHex(16)], ...sig],
			[json, [ctx.secretHeaderName, randomHex(16)], ['x-forwarded-for', '127.0.0.1'], ...sig],
			[
				json,
				[ctx.secretHeaderName, randomHex(16)],
				['webhook-id', sig[0][1]],
				['webhook-timestamp', sig[1][1]],
				['webhook-signature', `v1,${randomHex(32)} v1,${randomHex(32)}`],
			],
		];
		add('header smuggling', variants[i % variants.length], body);
	}
	// Conflicting framing on a raw socket (Content-Length and Transfer-Encoding, two lengths).
	for (let i = 0; i < 6; i++) {
		const body = payload(ctx, {}, 5000 + i);
		const head = [
			`${ctx.secretHeaderName}: ${ctx.secretHeaderValue}`,
			...signed(ctx, body).map(([k, v]) => `${k}: ${v}`),
			'content-type: application/json',
		];
		const framing =
			i % 2 === 0
				? [`content-length: ${body.length}`, 'transfer-encoding: chunked']
				: [`content-length: ${body.length}`, `content-length: ${body.length + 5}`];
		out.push({
			kind: 'header smuggling (raw framing)',
			headers: [],
			body,
			raw: Buffer.concat([
				Buffer.from(
					`POST {PATH} HTTP/1.1\r\nhost: 127.0.0.1\r\n${[...head, ...framing].join('\r\n')}\r\n\r\n`,
				),
				body,
			]),
		});
	}
	// Oversized (above n8n's 16 MiB default body limit), with the right secret header.
	for (let i = 0; i < 3; i++) {
		const body = Buffer.from(
			JSON.stringify({
				...JSON.parse(payload(ctx, {}, 6000 + i).toString()),
				pad: 'x'.repeat(17 * 1024 * 1024),
			}),
		);
		add('oversized body', [json, secret, ...signed(ctx, body)], body);
	}
	// Not JSON, with the right secret header and a valid signature of those bytes.
	const notJson = [
		'hello',
		'<order id="1"/>',
		'{"scope":',
		'[]',
		'null',
		'42',
		'"text"',
		'',
		'scope=store/order/created',
	];
	notJson.forEach((text) => {
		const body = Buffer.from(text);
		add('non-JSON body', [json, secret, ...signed(ctx, body)], body);
	});
	for (let i = 0; i < 6; i++) {
		const body = randomBytes(64 + i);
		add('non-JSON body', [json, secret, ...signed(ctx, body)], body);
	}
	// Wrong content type: JSON bytes declared as something else, no valid secret; and form bodies.
	const types = [
		'text/plain',
		'application/x-www-form-urlencoded',
		'application/xml',
		'multipart/form-data; boundary=x',
		'application/octet-stream',
	];
	types.forEach((type, i) => {
		const body = payload(ctx, {}, 7000 + i);
		add(
			'wrong content type',
			[['content-type', type], [ctx.secretHeaderName, randomHex(16)], ...signed(ctx, body)],
			body,
		);
		const form = Buffer.from(`scope=store%2Forder%2Fcreated&data%5Bid%5D=${ctx.orderId}`);
		add('wrong content type', [['content-type', type], secret, ...signed(ctx, form)], form);
	});
	// Authentic-looking deliveries for another store or a record id that is not a positive integer.
	const addressees: Array<Record<string, unknown>> = [
		{ producer: 'stores/otherstore1' },
		{ producer: 'stores/' },
		{ producer: 'otherstore' },
		{ store_id: '0' },
		{ store_id: '-1' },
		{ store_id: 'abc' },
		{ data: { type: 'order', id: -1001 } },
		{ data: { type: 'order', id: 0 } },
		{ data: { type: 'order', id: 1.5 } },
		{ data: { type: 'order', id: '1 OR 1=1' } },
	];
	addressees.forEach((over, i) => {
		for (let k = 0; k < 2; k++) {
			const body = payload(ctx, over, 8000 + i * 2 + k);
			add('another store or a bad id', [json, secret, ...signed(ctx, body)], body);
		}
	});
	return out;
}

/** Send one request to `url`; resolves with the HTTP status (0: the connection closed, no answer). */
export async function send(url: string, request: DeliveryRequest): Promise<number> {
	if (request.raw) {
		const target = new URL(url);
		const bytes = Buffer.from(
			request.raw.toString('latin1').replace('{PATH}', target.pathname),
			'latin1',
		);
		return await new Promise<number>((resolve) => {
			const socket = connect(Number(target.port), target.hostname, () => socket.end(bytes));
			let answer = '';
			socket.setTimeout(15_000, () => socket.destroy());
			socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
			socket.on('error', () => undefined);
			socket.on('close', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0)));
		});
	}
	const headers = new Headers();
	for (const [name, value] of request.headers) headers.append(name, value);
	const response = await fetch(url, { method: 'POST', headers, body: request.body }).catch(
		() => undefined,
	);
	await response?.arrayBuffer().catch(() => undefined);
	return response?.status ?? 0;
}
