import { createHmac } from 'node:crypto';

import { Webhook } from 'standardwebhooks';

import { deriveHookSecret, HOOK_MARKER_HEADER } from '../../../../nodes/BigCommerce/webhook/secret';
import type {
	IncomingHeaders,
	VerifyDeliveryInput,
} from '../../../../nodes/BigCommerce/webhook/verify';

export const CLIENT_SECRET = 'abc123clientsecret';
export const WORKFLOW_ID = 'wf_8Hq2LkP0';
export const NODE_ID = '4f1c2a9e-6b0d-4e57-9a3c-1d2e3f405162';
export const HEADER_SECRET = deriveHookSecret(CLIENT_SECRET, WORKFLOW_ID, NODE_ID);

/** Unix seconds used as "now" throughout. */
export const NOW_SECONDS = 1_700_000_000;
export const NOW = new Date(NOW_SECONDS * 1000);

/**
 * A Standard Webhooks test vector: a BigCommerce order-created body signed with the client secret
 * "abc123clientsecret" as webhook id `5e7f0c52-…0001` at Unix second 1700000000. The standardwebhooks
 * package produces this signature (the verify tests check that), so it pins the signing scheme.
 */
export const STANDARD_WEBHOOKS_VECTOR = {
	secret: 'abc123clientsecret',
	id: '5e7f0c52-0000-4000-8000-000000000001',
	timestamp: '1700000000',
	body:
		'{"scope":"store/order/created","store_id":"1025646","data":{"type":"order","id":250},' +
		'"hash":"dd70c0976e06b67aaf671e73f49dcb79230ebf9d","created_at":1700000000,' +
		'"producer":"stores/abc123"}',
	signature: 'v1,FeZYpnOTyW2W3Di2jSBxIH3O/kLSAfQAyjzzvRW+sBg=',
};

export function orderBody(overrides: Record<string, unknown> = {}): string {
	return JSON.stringify({
		scope: 'store/order/updated',
		store_id: '1025646',
		data: { type: 'order', id: 250 },
		hash: 'dd70c0976e06b67aaf671e73f49dcb79230ebf9d',
		created_at: NOW_SECONDS - 2,
		producer: 'stores/abc123',
		...overrides,
	});
}

/** Sign with the public standardwebhooks library, keyed the way BigCommerce's sample does. */
export function librarySign(secret: string, id: string, at: Date, body: string | Buffer): string {
	return new Webhook(Buffer.from(secret).toString('base64')).sign(id, at, body);
}

/**
 * Sign over the raw bytes. The library decodes a Buffer to a string first, which replaces invalid
 * UTF-8; for valid UTF-8 both give the same signature.
 */
export function rawBytesSign(secret: string, id: string, at: Date, body: Buffer): string {
	const mac = createHmac('sha256', secret)
		.update(`${id}.${Math.floor(at.getTime() / 1000)}.`)
		.update(body);
	return `v1,${mac.digest('base64')}`;
}

export function signedHeaders(
	body: string | Buffer,
	opts: { id?: string; at?: Date; secret?: string; headerSecret?: string | null } = {},
): IncomingHeaders {
	const id = opts.id ?? 'msg_2b7f0c52-0000-4000-8000-000000000001';
	const at = opts.at ?? NOW;
	const headers: IncomingHeaders = {
		'webhook-id': id,
		'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
		'webhook-signature': Buffer.isBuffer(body)
			? rawBytesSign(opts.secret ?? CLIENT_SECRET, id, at, body)
			: librarySign(opts.secret ?? CLIENT_SECRET, id, at, body),
	};
	if (opts.headerSecret !== null) headers[HOOK_MARKER_HEADER] = opts.headerSecret ?? HEADER_SECRET;
	return headers;
}

export function input(
	body: string | Buffer,
	headers: IncomingHeaders,
	extra: Partial<VerifyDeliveryInput> = {},
): VerifyDeliveryInput {
	return {
		rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
		headers,
		mode: 'default',
		clientSecret: CLIENT_SECRET,
		expectedHeaderSecret: HEADER_SECRET,
		now: NOW,
		...extra,
	};
}
