/**
 * The BigCommerce webhook callback envelope: parsing, shape check, and the delivery's identity.
 * Call only after the delivery has been authenticated.
 */

/** The documented callback stub. `data` varies by scope; the payload is "light", always refetch. */
export interface WebhookPayload {
	scope: string;
	/** A string of digits in current docs (very old docs showed an integer; normalised to string). */
	store_id: string;
	data: Record<string, unknown>;
	/** SHA-1 of the event data; the same for every delivery of one event. */
	hash: string;
	/** Unix seconds of the event. */
	created_at: number;
	/** `stores/{store_hash}` */
	producer: string;
	[extra: string]: unknown;
}

export type PayloadParse = { ok: true; payload: WebhookPayload } | { ok: false; reason: string };

const MAX_FIELD_LENGTH = 256;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShortString(value: unknown): value is string {
	return typeof value === 'string' && value !== '' && value.length <= MAX_FIELD_LENGTH;
}

/**
 * Decode the body as strict UTF-8, parse it as JSON and check the envelope. Unknown extra fields
 * are kept. `store_id` may be a string or an integer; `created_at` an integer or a digit string.
 */
export function parseWebhookPayload(rawBody: Buffer): PayloadParse {
	if (rawBody.length === 0) return { ok: false, reason: 'The request body is empty' };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
	} catch {
		return { ok: false, reason: 'The request body is not valid UTF-8' };
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { ok: false, reason: 'The request body is not valid JSON' };
	}
	if (!isPlainObject(parsed)) return { ok: false, reason: 'The request body is not a JSON object' };

	const { scope, store_id: storeId, data, hash, created_at: createdAt, producer } = parsed;
	if (!isShortString(scope)) return { ok: false, reason: 'The payload has no valid "scope"' };
	const storeIdText = typeof storeId === 'number' && Number.isSafeInteger(storeId) ? String(storeId) : storeId;
	if (!isShortString(storeIdText)) return { ok: false, reason: 'The payload has no valid "store_id"' };
	if (!isPlainObject(data)) return { ok: false, reason: 'The payload has no "data" object' };
	if (!isShortString(hash)) return { ok: false, reason: 'The payload has no valid "hash"' };
	const createdAtNumber =
		typeof createdAt === 'string' && /^[0-9]{1,15}$/.test(createdAt) ? Number(createdAt) : createdAt;
	if (typeof createdAtNumber !== 'number' || !Number.isSafeInteger(createdAtNumber) || createdAtNumber < 0) {
		return { ok: false, reason: 'The payload has no valid "created_at"' };
	}
	if (!isShortString(producer)) return { ok: false, reason: 'The payload has no valid "producer"' };

	return {
		ok: true,
		payload: { ...parsed, scope, store_id: storeIdText, data, hash, created_at: createdAtNumber, producer },
	};
}

/**
 * Identities of a delivery for deduplication, primary first:
 * - `wh:<webhook-id>` when the (authenticated) Standard Webhooks id is present: it stays the same
 *   across retries of one event;
 * - `bc:<hash>:<created_at>` always: BigCommerce says a hook firing twice for one event sends the
 *   same hash. `hash` covers only the event data, which is the same for every update of one order,
 *   so `created_at` is part of the key and two different updates stay distinct.
 */
export function deliveryIdentities(payload: WebhookPayload, webhookId?: string): string[] {
	const byHash = `bc:${payload.hash}:${payload.created_at}`;
	if (webhookId) return [`wh:${webhookId}`, byHash];
	return [byHash];
}
