/**
 * BigCommerce webhook verification outside the Standard Webhooks signature itself (that is in
 * verify.standardWebhooks.test.ts): default mode's secret header, the opt-in X-BC-Signature mode,
 * authentic deliveries with malformed bodies (400), and that no result carries a secret. The leak
 * test runs last, over every result this file produced (more than 50), which is why these topics
 * share a file.
 */
import { createHmac } from 'node:crypto';

import { HOOK_MARKER_HEADER } from '../../../../nodes/BigCommerce/webhook/secret';
import {
	withoutSecretHeader,
	type VerifyDeliveryInput,
} from '../../../../nodes/BigCommerce/webhook/verify';
import { HEADER_SECRET, input, orderBody, signedHeaders } from './helpers';
import {
	at,
	expectNoSecretsIn,
	expectRejected,
	outputs,
	SECRET_ONLY,
	STRICT,
	verify,
	X_BC_SECRET,
} from './verifySupport';

describe('default mode', () => {
	const body = orderBody();

	it('accepts an unsigned delivery that carries the right secret header', () => {
		const result = verify(input(body, { ...SECRET_ONLY, 'content-type': 'application/json' }));
		expect(result).toMatchObject({ ok: true, signed: false, webhookId: undefined });
		if (result.ok) {
			// The same identity as the signed delivery of this body (issue 16: it was hash + created_at).
			const signed = verify(input(body, signedHeaders(body)));
			expect(signed.ok && result.deliveryId === signed.deliveryId).toBe(true);
			expect(result.deliveryId).toMatch(/^bc:/);
			expect(result.payload).toEqual(JSON.parse(body));
		}
	});

	it('finds the secret header whatever its case', () => {
		expect(verify(input(body, { 'X-N8N-BigCommerce-D365-Secret': HEADER_SECRET })).ok).toBe(true);
	});

	it('rejects a wrong, missing, duplicated or empty secret header', () => {
		expectRejected(verify(input(body, { [HOOK_MARKER_HEADER]: `${HEADER_SECRET}x` })), 401);
		expectRejected(verify(input(body, { [HOOK_MARKER_HEADER]: HEADER_SECRET.slice(1) })), 401);
		expectRejected(verify(input(body, {})), 401);
		expectRejected(
			verify(input(body, { [HOOK_MARKER_HEADER]: [HEADER_SECRET, HEADER_SECRET] })),
			401,
		);
		expectRejected(verify(input(body, { [HOOK_MARKER_HEADER]: '' })), 401);
		// A valid signature does not replace the secret header in default mode.
		expectRejected(verify(input(body, signedHeaders(body, { headerSecret: null }))), 401);
	});

	it('fails closed when the trigger has no expected secret header value', () => {
		expectRejected(verify(input(body, SECRET_ONLY, { expectedHeaderSecret: undefined })), 401);
	});

	it('verifies signature headers whenever they are present', () => {
		expect(verify(input(body, signedHeaders(body)))).toMatchObject({ ok: true, signed: true });
		expectRejected(verify(input(body, signedHeaders(body, { secret: 'someone-else' }))), 401);
		expectRejected(verify(input(body, signedHeaders(body, { at: at(-3600) }))), 401);
		const { 'webhook-signature': _omit, ...partial } = signedHeaders(body);
		expectRejected(verify(input(body, partial)), 401);
	});

	it('rejects an unauthenticated delivery with 401 whatever the body', () => {
		expectRejected(verify(input('not json', {})), 401);
		expectRejected(verify(input('', {})), 401);
	});
});

describe('X-BC-Signature (opt-in)', () => {
	const body = orderBody();
	const xBcSecret = X_BC_SECRET;
	const mac = createHmac('sha256', xBcSecret).update(body).digest();
	const hex = mac.toString('hex');
	const xBc = (extra: Partial<VerifyDeliveryInput> = {}) => ({
		mode: 'xBcSignature' as const,
		xBcSecret,
		expectedHeaderSecret: undefined,
		...extra,
	});

	it('accepts hex and base64, in auto and in the matching fixed encoding', () => {
		const b64 = mac.toString('base64');
		for (const [value, encoding] of [
			[hex, 'auto'],
			[hex.toUpperCase(), 'hex'],
			[`sha256=${hex}`, 'auto'],
			[b64, 'auto'],
			[b64, 'base64'],
			[mac.toString('base64url'), 'base64'],
		] as const) {
			const result = verify(
				input(body, { 'X-BC-Signature': value }, xBc({ xBcEncoding: encoding })),
			);
			expect(result).toMatchObject({ ok: true, signed: false });
		}
	});

	it('rejects a wrong signature, the wrong encoding, a missing header or no configured secret', () => {
		const forged = Buffer.from(mac);
		forged[0] ^= 1;
		const b64 = mac.toString('base64');
		const rejected: Array<[Record<string, string>, Partial<VerifyDeliveryInput>]> = [
			[{ 'x-bc-signature': forged.toString('hex') }, {}],
			[{ 'x-bc-signature': hex }, { xBcEncoding: 'base64' }],
			[{ 'x-bc-signature': b64 }, { xBcEncoding: 'hex' }],
			[{ 'x-bc-signature': 'zz' }, {}],
			[{}, {}],
			[{ 'x-bc-signature': hex }, { xBcSecret: undefined }],
		];
		for (const [headers, extra] of rejected) {
			expectRejected(verify(input(body, headers, xBc(extra))), 401);
		}
		const otherBody = orderBody({ created_at: 1 });
		expectRejected(verify(input(otherBody, { 'x-bc-signature': hex }, xBc())), 401);
	});

	it('also checks a configured secret header and present Standard Webhooks headers', () => {
		const headers = { 'x-bc-signature': hex };
		const withSecret = xBc({ expectedHeaderSecret: HEADER_SECRET });
		expectRejected(verify(input(body, headers, withSecret)), 401);
		expect(verify(input(body, { ...headers, ...SECRET_ONLY }, withSecret)).ok).toBe(true);
		const wrongSigned = signedHeaders(body, { secret: 'someone-else', headerSecret: null });
		expectRejected(verify(input(body, { ...headers, ...wrongSigned }, xBc())), 401);
	});

	it('is not accepted in default or strict mode', () => {
		const headers = { 'x-bc-signature': hex };
		expectRejected(verify(input(body, headers, { xBcSecret })), 401);
		expectRejected(verify(input(body, headers, { xBcSecret, ...STRICT })), 401);
	});
});

describe('authentic but malformed bodies get 400', () => {
	const notUtf8 = Buffer.concat([
		Buffer.from('{"scope":"'),
		Buffer.from([0xc3, 0x28]),
		Buffer.from('"}'),
	]);
	const cases: Array<[string, string | Buffer]> = [
		['invalid JSON', '{"scope":'],
		['an empty body', ''],
		['a JSON array', '[]'],
		['JSON null', 'null'],
		['invalid UTF-8', notUtf8],
		['no scope', orderBody({ scope: undefined })],
		['a numeric scope', orderBody({ scope: 5 })],
		['no store_id', orderBody({ store_id: undefined })],
		['data not an object', orderBody({ data: [1] })],
		['data null', orderBody({ data: null })],
		['no hash', orderBody({ hash: undefined })],
		['created_at not a number', orderBody({ created_at: 'yesterday' })],
		['created_at fractional', orderBody({ created_at: 1.5 })],
		['no producer', orderBody({ producer: undefined })],
	];

	it.each(cases)('%s (signed, strict)', (_name, body) => {
		expectRejected(verify(input(body, signedHeaders(body), STRICT)), 400);
	});

	it.each(cases)('%s (secret header, default)', (_name, body) => {
		expectRejected(verify(input(body, SECRET_ONLY)), 400);
	});

	it('accepts documented variants: integer store_id, digit-string created_at, extras, channel data', () => {
		const body = orderBody({
			store_id: 1025646,
			created_at: '1700000000',
			data: { order_id: 127 },
			extra: true,
		});
		expect(verify(input(body, SECRET_ONLY))).toMatchObject({
			ok: true,
			payload: {
				store_id: '1025646',
				created_at: 1700000000,
				data: { order_id: 127 },
				extra: true,
			},
		});
	});
});

describe('secrets stay out of the results', () => {
	it('never returns the client secret, the header secret, the X-BC secret or an expected signature', () => {
		// Runs last in this file, over every result the tests above produced (verifySupport's
		// afterAll checks them again, and those of verify.standardWebhooks.test.ts).
		expect(outputs.length).toBeGreaterThan(50);
		expectNoSecretsIn(outputs);
	});

	it('drops the secret header from headers meant for output', () => {
		const headers = {
			'X-N8N-BigCommerce-D365-Secret': HEADER_SECRET,
			'webhook-id': 'msg_1',
			'content-type': 'application/json',
		};
		expect(withoutSecretHeader(headers)).toEqual({
			'webhook-id': 'msg_1',
			'content-type': 'application/json',
		});
	});
});
