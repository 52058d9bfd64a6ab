/**
 * Authenticate one BigCommerce webhook delivery, then parse it. Pure: the trigger passes the raw
 * body and headers and answers 401 or 400 itself, without starting an execution.
 *
 * Modes:
 * - `default`: the derived secret header is required; the Standard Webhooks signature is verified
 *   whenever any of its headers is present (not every store is known to sign REST-created hooks).
 *   It trusts the header alone when the store does not sign, and the header is readable by anyone
 *   who can list the store's hooks with this API account's token.
 * - `strict`: the Standard Webhooks signature AND the secret header are both required. The
 *   signature proves BigCommerce sent this body within the last 5 minutes, but it is keyed by the
 *   API account's client secret, which every hook of that account shares, and it does not cover the
 *   destination: a signed delivery for another workflow's hook could be replayed here within the
 *   window. The header is derived per workflow and node, so it binds the delivery to this hook.
 *   BigCommerce sends the headers given at hook creation with every delivery, so requiring it
 *   costs a genuine delivery nothing.
 * - `xBcSignature` (opt-in, for relays): `X-BC-Signature` = HMAC-SHA256 of the raw body is
 *   required; a present Standard Webhooks signature and a configured secret header are checked too.
 *
 * Reasons are safe to show and log: they never contain secrets, expected values or header values.
 */
import { HOOK_MARKER_HEADER } from './secret';
import { deliveryIdentity, parseWebhookPayload, type WebhookPayload } from './payload';
import {
	DEFAULT_TOLERANCE_SECONDS,
	secretsEqual,
	verifyStandardWebhook,
	verifyXBcSignature,
	type XBcEncoding,
} from './signature';

export type VerificationMode = 'default' | 'strict' | 'xBcSignature';

export type IncomingHeaders = Record<string, string | string[] | undefined>;

export interface VerifyDeliveryInput {
	/** The body bytes exactly as received (n8n: `req.rawBody`), never re-serialised JSON. */
	rawBody: Buffer;
	headers: IncomingHeaders;
	mode: VerificationMode;
	/** The API account's client secret: the Standard Webhooks key (its raw UTF-8 bytes). */
	clientSecret: string;
	/** The value of {@link HOOK_MARKER_HEADER} the trigger registered (`deriveHookSecret`). */
	expectedHeaderSecret?: string;
	/** Shared secret for `X-BC-Signature` (mode `xBcSignature` only). */
	xBcSecret?: string;
	xBcEncoding?: XBcEncoding;
	now?: Date;
	/** Allowed clock difference for `webhook-timestamp`, both directions; 300 by default. */
	toleranceSeconds?: number;
}

export interface VerifiedDelivery {
	ok: true;
	payload: WebhookPayload;
	/** The dedupe identity, from the payload alone, signed or not (see `deliveryIdentity`). */
	deliveryId: string;
	/** Whether a Standard Webhooks signature was present and verified. */
	signed: boolean;
	webhookId?: string;
}

export interface RejectedDelivery {
	ok: false;
	/** 401: not authentic, start no execution. 400: authentic but not a valid callback body. */
	status: 400 | 401;
	reason: string;
}

export type DeliveryVerification = VerifiedDelivery | RejectedDelivery;

export const X_BC_SIGNATURE_HEADER = 'x-bc-signature';
export const STANDARD_WEBHOOK_HEADERS = [
	'webhook-id',
	'webhook-timestamp',
	'webhook-signature',
] as const;

type HeaderLookup = { present: false } | { present: true; values: string[] };

/** All values of a header, whatever the case of its name and whether it came as a list. */
function lookupHeader(headers: IncomingHeaders, name: string): HeaderLookup {
	const values: string[] = [];
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== name || value === undefined) continue;
		if (Array.isArray(value)) values.push(...value);
		else values.push(value);
	}
	return values.length === 0 ? { present: false } : { present: true, values };
}

/** A header that must occur once; several copies are treated as not valid. */
function singleHeader(headers: IncomingHeaders, name: string): string | undefined | null {
	const found = lookupHeader(headers, name);
	if (!found.present) return undefined;
	return found.values.length === 1 ? found.values[0] : null;
}

function unauthorized(reason: string): RejectedDelivery {
	return { ok: false, status: 401, reason };
}

function checkSecretHeader(
	headers: IncomingHeaders,
	expected: string,
): RejectedDelivery | undefined {
	const actual = singleHeader(headers, HOOK_MARKER_HEADER);
	if (actual === undefined) return unauthorized('The secret header is missing');
	if (actual === null) return unauthorized('The secret header occurs more than once');
	if (!secretsEqual(actual, expected)) return unauthorized('The secret header does not match');
	return undefined;
}

/** Authenticate the delivery per `mode`, then parse and check the callback envelope. */
export function verifyDelivery(input: VerifyDeliveryInput): DeliveryVerification {
	const { rawBody, headers, mode, clientSecret, expectedHeaderSecret } = input;
	if (mode !== 'default' && mode !== 'strict' && mode !== 'xBcSignature') {
		return unauthorized('Unknown verification mode');
	}
	if (!Buffer.isBuffer(rawBody)) return unauthorized('The raw request body is not available');
	const now = input.now ?? new Date();
	const requested = input.toleranceSeconds;
	const tolerance =
		requested !== undefined && Number.isFinite(requested) && requested >= 0
			? requested
			: DEFAULT_TOLERANCE_SECONDS;

	// 1. The secret header: required in default and strict mode, checked for relays when configured.
	if (mode !== 'xBcSignature' && !expectedHeaderSecret) {
		return unauthorized('No secret header value is configured for this trigger');
	}
	if (expectedHeaderSecret) {
		const rejected = checkSecretHeader(headers, expectedHeaderSecret);
		if (rejected) return rejected;
	}

	// 2. Standard Webhooks: required in strict mode, verified whenever present otherwise.
	const [id, timestamp, signature] = STANDARD_WEBHOOK_HEADERS.map((name) =>
		lookupHeader(headers, name),
	);
	const anyPresent = id.present || timestamp.present || signature.present;
	let signed = false;
	let webhookId: string | undefined;
	if (mode === 'strict' || anyPresent) {
		if (!id.present || !timestamp.present || !signature.present) {
			return unauthorized(
				mode === 'strict' && !anyPresent
					? 'The delivery is not signed (webhook-id, webhook-timestamp, webhook-signature are required)'
					: 'The signature headers are incomplete',
			);
		}
		if (id.values.length !== 1 || timestamp.values.length !== 1) {
			return unauthorized('The webhook-id or webhook-timestamp header occurs more than once');
		}
		const check = verifyStandardWebhook(
			{ id: id.values[0], timestamp: timestamp.values[0], signature: signature.values.join(' ') },
			rawBody,
			clientSecret,
			now,
			tolerance,
		);
		if (!check.ok) return unauthorized(check.reason);
		signed = true;
		webhookId = id.values[0];
	}

	// 3. X-BC-Signature, opt-in only.
	if (mode === 'xBcSignature') {
		const header = singleHeader(headers, X_BC_SIGNATURE_HEADER);
		if (header === undefined) return unauthorized('The X-BC-Signature header is missing');
		if (header === null) return unauthorized('The X-BC-Signature header occurs more than once');
		const check = verifyXBcSignature(
			header,
			rawBody,
			input.xBcSecret ?? '',
			input.xBcEncoding ?? 'auto',
		);
		if (!check.ok) return unauthorized(check.reason);
	}

	// 4. Authentic: only now look at the body.
	const parsed = parseWebhookPayload(rawBody);
	if (!parsed.ok) return { ok: false, status: 400, reason: parsed.reason };
	return {
		ok: true,
		payload: parsed.payload,
		deliveryId: deliveryIdentity(parsed.payload),
		signed,
		webhookId,
	};
}

/** A copy of the request headers without the secret header, for output items and logs. */
export function withoutSecretHeader(headers: IncomingHeaders): IncomingHeaders {
	const copy: IncomingHeaders = {};
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== HOOK_MARKER_HEADER) copy[key] = value;
	}
	return copy;
}
