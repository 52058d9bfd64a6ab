/**
 * Signature checks over the raw request body: Standard Webhooks (what BigCommerce documents) and
 * the opt-in X-BC-Signature body HMAC used by some relays. Every comparison is constant-time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Libraries' and BigCommerce's replay window: 5 minutes either way. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Constant-time equality of two byte strings; different lengths are simply unequal. */
export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}

/** Constant-time equality of two strings that also hides their lengths (compares digests). */
export function secretsEqual(actual: string, expected: string): boolean {
	const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
	// Both digests are always computed and compared; the length check only adds the exact answer.
	const same = timingSafeEqual(digest(actual), digest(expected));
	return same && actual.length === expected.length;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

function fail(reason: string): SignatureCheck {
	return { ok: false, reason };
}

export interface StandardWebhookHeaders {
	id: string;
	timestamp: string;
	signature: string;
}

/**
 * The Standard Webhooks signature (`v1,<base64>`) of a delivery. The key is the raw UTF-8 bytes of
 * the client secret (BigCommerce's sample base64-encodes it only because the library decodes it
 * again); the signed content is `${id}.${timestamp}.` followed by the body bytes as received.
 */
export function signStandardWebhook(
	clientSecret: string,
	id: string,
	timestamp: string,
	rawBody: Buffer,
): string {
	return `v1,${standardWebhookDigest(clientSecret, id, timestamp, rawBody).toString('base64')}`;
}

function standardWebhookDigest(
	clientSecret: string,
	id: string,
	timestamp: string,
	rawBody: Buffer,
): Buffer {
	return createHmac('sha256', Buffer.from(clientSecret, 'utf8'))
		.update(`${id}.${timestamp}.`, 'utf8')
		.update(rawBody)
		.digest();
}

const TIMESTAMP = /^[1-9][0-9]{0,11}$/;
const MAX_SIGNATURE_ENTRIES = 16;

/**
 * Verify Standard Webhooks headers against the raw body: the timestamp must lie within
 * `toleranceSeconds` of `now` in both directions, and any one `v1` entry of the space-separated
 * signature list must match (other versions are skipped).
 */
export function verifyStandardWebhook(
	headers: StandardWebhookHeaders,
	rawBody: Buffer,
	clientSecret: string,
	now: Date,
	toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
	if (!clientSecret) return fail('No client secret is configured to verify the signature');
	if (!headers.id) return fail('The webhook-id header is empty');
	if (!TIMESTAMP.test(headers.timestamp)) {
		return fail('The webhook-timestamp header is not Unix seconds');
	}

	const nowSeconds = Math.floor(now.getTime() / 1000);
	const timestamp = Number(headers.timestamp);
	const age = nowSeconds - timestamp;
	if (age > toleranceSeconds) return fail('The delivery timestamp is too old');
	if (-age > toleranceSeconds) return fail('The delivery timestamp is in the future');

	const digest = standardWebhookDigest(clientSecret, headers.id, headers.timestamp, rawBody);
	const expected = Buffer.from(digest.toString('base64'));
	const entries = headers.signature.split(' ').filter((entry) => entry !== '');
	let matched = false;
	for (const entry of entries.slice(0, MAX_SIGNATURE_ENTRIES)) {
		const comma = entry.indexOf(',');
		if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
		// No early exit: every v1 entry is compared, so timing does not reveal which one matched.
		if (constantTimeEqual(Buffer.from(entry.slice(comma + 1)), expected)) matched = true;
	}
	return matched ? { ok: true } : fail('No webhook-signature entry matches');
}

export type XBcEncoding = 'hex' | 'base64' | 'auto';

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const BASE64_SHA256 = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * Verify `X-BC-Signature: HMAC-SHA256(raw body, shared secret)` in hex or base64 (standard or
 * url-safe, padding optional), optionally prefixed `sha256=`. `auto` accepts either encoding.
 */
export function verifyXBcSignature(
	signatureHeader: string,
	rawBody: Buffer,
	secret: string,
	encoding: XBcEncoding = 'auto',
): SignatureCheck {
	if (!secret) return fail('No X-BC-Signature secret is configured');
	const value = signatureHeader.trim().replace(/^sha256=/i, '');
	let provided: Buffer | undefined;
	if ((encoding === 'hex' || encoding === 'auto') && HEX_SHA256.test(value)) {
		provided = Buffer.from(value, 'hex');
	} else if ((encoding === 'base64' || encoding === 'auto') && BASE64_SHA256.test(value)) {
		provided = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
	}
	if (!provided) {
		return fail('The X-BC-Signature header is not a SHA-256 HMAC in the expected encoding');
	}
	const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(rawBody).digest();
	return constantTimeEqual(provided, expected)
		? { ok: true }
		: fail('The X-BC-Signature header does not match the body');
}
