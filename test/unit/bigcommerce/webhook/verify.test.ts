import { createHmac } from 'node:crypto';

import { HOOK_MARKER_HEADER } from '../../../../nodes/BigCommerce/webhook/secret';
import {
	verifyDelivery,
	withoutSecretHeader,
	type DeliveryVerification,
	type VerifyDeliveryInput,
} from '../../../../nodes/BigCommerce/webhook/verify';
import {
	CLIENT_SECRET,
	HEADER_SECRET,
	input,
	librarySign,
	NOW,
	NOW_SECONDS,
	orderBody,
	signedHeaders,
	STANDARD_WEBHOOKS_VECTOR,
} from './helpers';

const STRICT = { mode: 'strict' as const };
const SECRET_ONLY = { [HOOK_MARKER_HEADER]: HEADER_SECRET };
const at = (offsetSeconds: number) => new Date((NOW_SECONDS + offsetSeconds) * 1000);

/** Every result produced in this file, to check that none of them leaks a secret. */
const outputs: DeliveryVerification[] = [];
function verify(i: VerifyDeliveryInput): DeliveryVerification {
	let result: DeliveryVerification | undefined;
	expect(() => {
		result = verifyDelivery(i);
	}).not.toThrow();
	outputs.push(result!);
	return result!;
}

function expectRejected(result: DeliveryVerification, status: 400 | 401): void {
	expect(result.ok).toBe(false);
	if (!result.ok) {
		expect(result.status).toBe(status);
		expect(result.reason).toEqual(expect.any(String));
	}
}

describe('the Standard Webhooks test vector', () => {
	it('the vector is what the standardwebhooks package signs', () => {
		const signed = librarySign(
			STANDARD_WEBHOOKS_VECTOR.secret,
			STANDARD_WEBHOOKS_VECTOR.id,
			new Date(Number(STANDARD_WEBHOOKS_VECTOR.timestamp) * 1000),
			STANDARD_WEBHOOKS_VECTOR.body,
		);
		expect(signed).toBe(STANDARD_WEBHOOKS_VECTOR.signature);
	});

	it('verifies at its own timestamp, with the raw client secret as key', () => {
		const { secret, id, timestamp, body, signature } = STANDARD_WEBHOOKS_VECTOR;
		const result = verify({
			rawBody: Buffer.from(body, 'utf8'),
			headers: {
				'Webhook-Id': id,
				'Webhook-Timestamp': timestamp,
				'Webhook-Signature': signature,
				...SECRET_ONLY, // strict mode requires the secret header too
			},
			mode: 'strict',
			clientSecret: secret,
			expectedHeaderSecret: HEADER_SECRET,
			now: new Date(Number(timestamp) * 1000),
		});
		expect(result).toMatchObject({ ok: true, signed: true, webhookId: id });
		// The identity comes from the payload, not the webhook-id (issue 16).
		expect(result.ok && result.deliveryId).toMatch(/^bc:/);
		if (result.ok) expect(result.payload.scope).toBe('store/order/created');
	});

	it('fails six minutes later (replay window)', () => {
		const { secret, id, timestamp, body, signature } = STANDARD_WEBHOOKS_VECTOR;
		const result = verify({
			rawBody: Buffer.from(body, 'utf8'),
			headers: {
				'webhook-id': id,
				'webhook-timestamp': timestamp,
				'webhook-signature': signature,
				...SECRET_ONLY,
			},
			mode: 'strict',
			clientSecret: secret,
			expectedHeaderSecret: HEADER_SECRET,
			now: new Date((Number(timestamp) + 360) * 1000),
		});
		expectRejected(result, 401);
		if (!result.ok) expect(result.reason).not.toMatch(/secret header/);
	});
});

describe('Standard Webhooks deliveries', () => {
	const body = orderBody();

	it('accepts a delivery signed by the standardwebhooks library, in every mode that checks it', () => {
		for (const mode of ['default', 'strict'] as const) {
			const result = verify(input(body, signedHeaders(body), { mode }));
			expect(result).toMatchObject({ ok: true, signed: true });
		}
	});

	it('accepts several space-separated signatures when one matches (secret rotation)', () => {
		const headers = signedHeaders(body);
		const ours = headers['webhook-signature'] as string;
		const id = headers['webhook-id'] as string;
		const other = librarySign('the-previous-client-secret', id, NOW, body);
		const lists = [
			`${other} ${ours}`,
			`${ours} ${other}`,
			`v1a,${ours.slice(3)} ${ours}`,
			`v2,abc  ${ours}`,
		];
		for (const signature of lists) {
			const result = verify(input(body, { ...headers, 'webhook-signature': signature }, STRICT));
			expect(result).toMatchObject({ ok: true, signed: true });
		}
	});

	it('accepts the timestamp at exactly ±300 s and honours a custom tolerance', () => {
		for (const offset of [-300, 300]) {
			expect(verify(input(body, signedHeaders(body, { at: at(offset) }), STRICT)).ok).toBe(true);
		}
		const headers = signedHeaders(body, { at: at(-100) });
		expectRejected(verify(input(body, headers, { ...STRICT, toleranceSeconds: 60 })), 401);
	});

	it('accepts repeated header values given as a list', () => {
		const headers = signedHeaders(body);
		const other = librarySign('another-secret-entirely', 'x', NOW, body);
		headers['webhook-signature'] = [other, headers['webhook-signature'] as string];
		expect(verify(input(body, headers, STRICT)).ok).toBe(true);
	});

	describe('rejects with 401 and does not throw', () => {
		const cases: Array<[string, () => VerifyDeliveryInput]> = [
			[
				'a forged signature',
				() => {
					const headers = signedHeaders(body);
					const sig = headers['webhook-signature'] as string;
					headers['webhook-signature'] = `v1,${sig[3] === 'A' ? 'B' : 'A'}${sig.slice(4)}`;
					return input(body, headers, STRICT);
				},
			],
			[
				'a signature made with another secret',
				() => input(body, signedHeaders(body, { secret: 'not-the-secret' }), STRICT),
			],
			[
				'a signature of the wrong length',
				() => input(body, { ...signedHeaders(body), 'webhook-signature': 'v1,c2hvcnQ=' }, STRICT),
			],
			[
				'a signature with only an unknown version',
				() => {
					const headers = signedHeaders(body);
					headers['webhook-signature'] = `v1a,${(headers['webhook-signature'] as string).slice(3)}`;
					return input(body, headers, STRICT);
				},
			],
			[
				'a replay with an old timestamp',
				() => input(body, signedHeaders(body, { at: at(-301) }), STRICT),
			],
			[
				'a timestamp in the future',
				() => input(body, signedHeaders(body, { at: at(301) }), STRICT),
			],
			[
				'a timestamp that is not Unix seconds',
				() => input(body, { ...signedHeaders(body), 'webhook-timestamp': '1700000000x' }, STRICT),
			],
			[
				'a different webhook-id than was signed',
				() => input(body, { ...signedHeaders(body), 'webhook-id': 'msg_other' }, STRICT),
			],
			['a truncated body', () => input(body.slice(0, -1), signedHeaders(body), STRICT)],
			[
				'a body re-serialised with different whitespace',
				() => input(JSON.stringify(JSON.parse(body), null, 2), signedHeaders(body), STRICT),
			],
			[
				'a body re-encoded with unicode escapes',
				() => input(body.replace('"scope"', '"\\u0073cope"'), signedHeaders(body), STRICT),
			],
			['an empty body', () => input('', signedHeaders(body), STRICT)],
			['an empty body in default mode', () => input('', signedHeaders(body))],
			['no signature headers in strict mode', () => input(body, SECRET_ONLY, STRICT)],
			[
				'only some signature headers in strict mode',
				() => {
					const { 'webhook-timestamp': _omit, ...headers } = signedHeaders(body);
					return input(body, headers, STRICT);
				},
			],
			[
				'the right signature but a wrong secret header in strict mode',
				() => input(body, signedHeaders(body, { headerSecret: 'wrong' }), STRICT),
			],
			[
				'the right signature without the secret header in strict mode',
				() => input(body, signedHeaders(body, { headerSecret: null }), STRICT),
			],
			[
				'strict mode with no secret header configured',
				() => input(body, signedHeaders(body), { ...STRICT, expectedHeaderSecret: undefined }),
			],
		];
		const reasons: Record<string, RegExp> = {
			'a replay with an old timestamp': /too old/,
			'a timestamp in the future': /in the future/,
			'a timestamp that is not Unix seconds': /not Unix seconds/,
			'no signature headers in strict mode': /not signed/,
			'only some signature headers in strict mode': /incomplete/,
			'the right signature but a wrong secret header in strict mode':
				/secret header does not match/,
			'the right signature without the secret header in strict mode': /secret header is missing/,
			'strict mode with no secret header configured': /No secret header value is configured/,
		};
		it.each(cases)('%s', (name, make) => {
			const result = verify(make());
			expectRejected(result, 401);
			if (!result.ok)
				expect(result.reason).toMatch(reasons[name] ?? /No webhook-signature entry matches/);
		});
	});
});

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
	const xBcSecret = 'relay-shared-secret-7f3a';
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
		// Runs last in this file, over every result the tests above produced.
		expect(outputs.length).toBeGreaterThan(50);
		const text = JSON.stringify(outputs);
		const body = orderBody();
		const id = signedHeaders(body)['webhook-id'] as string;
		const expectedSignature = librarySign(CLIENT_SECRET, id, NOW, body).slice(3);
		for (const secret of [
			CLIENT_SECRET,
			HEADER_SECRET,
			'relay-shared-secret-7f3a',
			expectedSignature,
		]) {
			expect(text).not.toContain(secret);
		}
		for (const result of outputs) {
			if (!result.ok) expect(result.reason).not.toMatch(/[A-Za-z0-9+/_-]{32,}/);
		}
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
