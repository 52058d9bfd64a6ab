/**
 * The BigCommerce webhook callback envelope: parsing, shape check, and the delivery's identity.
 * Call only after the delivery has been authenticated.
 */
import { createHash } from 'node:crypto';

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

function invalid(reason: string): PayloadParse {
	return { ok: false, reason };
}

const MAX_FIELD_LENGTH = 256;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isShortString(value: unknown): value is string {
	return typeof value === 'string' && value !== '' && value.length <= MAX_FIELD_LENGTH;
}

/** A non-negative integer, given as a number or as a string of digits. */
function unixSeconds(value: unknown): number | undefined {
	const n = typeof value === 'string' && /^[0-9]{1,15}$/.test(value) ? Number(value) : value;
	return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Decode the body as strict UTF-8, parse it as JSON and check the envelope. Unknown extra fields
 * are kept. `store_id` may be a string or an integer; `created_at` an integer or a digit string.
 */
export function parseWebhookPayload(rawBody: Buffer): PayloadParse {
	if (rawBody.length === 0) return invalid('The request body is empty');
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
	} catch {
		return invalid('The request body is not valid UTF-8');
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return invalid('The request body is not valid JSON');
	}
	if (!isPlainObject(parsed)) return invalid('The request body is not a JSON object');

	const { scope, store_id: storeId, data, hash, created_at: createdAt, producer } = parsed;
	if (!isShortString(scope)) return invalid('The payload has no valid "scope"');
	const storeIdText =
		typeof storeId === 'number' && Number.isSafeInteger(storeId) ? String(storeId) : storeId;
	if (!isShortString(storeIdText)) return invalid('The payload has no valid "store_id"');
	if (!isPlainObject(data)) return invalid('The payload has no "data" object');
	if (!isShortString(hash)) return invalid('The payload has no valid "hash"');
	const createdAtNumber = unixSeconds(createdAt);
	if (createdAtNumber === undefined) return invalid('The payload has no valid "created_at"');
	if (!isShortString(producer)) return invalid('The payload has no valid "producer"');

	return {
		ok: true,
		payload: {
			...parsed,
			scope,
			store_id: storeIdText,
			data,
			hash,
			created_at: createdAtNumber,
			producer,
		},
	};
}

/** JSON with every object's keys sorted, so two serialisations of one value read the same. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (isPlainObject(value)) {
		const keys = Object.keys(value).sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * The delivery's one identity for deduplication, read from the authenticated payload alone:
 * `bc:` + SHA-256 of scope, `hash`, `created_at` and `data` (keys sorted).
 *
 * Why the payload and not `webhook-id`: BigCommerce repeats the same body on every retry and
 * duplicate of one event ("if a hook fires twice for the same event, both request bodies rely on
 * the same hash"), but does not confirm that `webhook-id` stays the same across retries, which is
 * only what the Standard Webhooks spec asks. An identity taken from the headers also changes with
 * them: a signed delivery replayed with its signature headers stripped, or the same body under a
 * new `webhook-id`, would pass as new. These four fields are inside the signed body, so they are
 * as authentic as `webhook-id`, and the same whether the delivery is signed or not.
 *
 * Why all four: `hash` covers the event data only, which is the same for every update of one
 * order, so `created_at` (Unix seconds) tells two updates apart, and scope + data keep two
 * different events of one second apart. Two changes of one order within the same second are one
 * delivery: the order is fetched when it arrives, and the poll trigger (cursor `date_modified`)
 * catches a change made after that fetch.
 */
export function deliveryIdentity(payload: WebhookPayload): string {
	const fields = canonicalJson([payload.scope, payload.hash, payload.created_at, payload.data]);
	return `bc:${createHash('sha256').update(fields, 'utf8').digest('base64url')}`;
}
