/**
 * BigCommerce webhook verification, the Standard Webhooks scheme (webhook-id / webhook-timestamp /
 * webhook-signature, HMAC-SHA256 keyed with the app's client secret): the published test vector,
 * deliveries signed by the standardwebhooks package in default and strict mode, secret rotation,
 * the ±300 s replay window, and every way a signature can be wrong (401, never a throw).
 * The secret-header and X-BC-Signature modes and malformed bodies are in verify.test.ts; every
 * result here is checked for secrets by the afterAll that verifySupport registers.
 */
import type { VerifyDeliveryInput } from '../../../../nodes/BigCommerce/webhook/verify';
import {
	HEADER_SECRET,
	input,
	librarySign,
	NOW,
	orderBody,
	signedHeaders,
	STANDARD_WEBHOOKS_VECTOR,
} from './helpers';
import { at, expectRejected, SECRET_ONLY, STRICT, verify } from './verifySupport';

describe('the Standard Webhooks test vector', () => {
	/**
	 * The vector as a strict-mode delivery (strict mode requires the secret header too), its
	 * id / timestamp / signature headers under these names, verified `secondsLater` after signing.
	 */
	const vectorDelivery = (
		[idHeader, timestampHeader, signatureHeader]: readonly [string, string, string],
		secondsLater: number,
	): VerifyDeliveryInput => {
		const { secret, id, timestamp, body, signature } = STANDARD_WEBHOOKS_VECTOR;
		return {
			rawBody: Buffer.from(body, 'utf8'),
			headers: {
				[idHeader]: id,
				[timestampHeader]: timestamp,
				[signatureHeader]: signature,
				...SECRET_ONLY,
			},
			mode: 'strict',
			clientSecret: secret,
			expectedHeaderSecret: HEADER_SECRET,
			now: new Date((Number(timestamp) + secondsLater) * 1000),
		};
	};

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
		const result = verify(
			vectorDelivery(['Webhook-Id', 'Webhook-Timestamp', 'Webhook-Signature'], 0),
		);
		expect(result).toMatchObject({
			ok: true,
			signed: true,
			webhookId: STANDARD_WEBHOOKS_VECTOR.id,
		});
		// The identity comes from the payload, not the webhook-id (issue 16).
		expect(result.ok && result.deliveryId).toMatch(/^bc:/);
		if (result.ok) expect(result.payload.scope).toBe('store/order/created');
	});

	it('fails six minutes later (replay window)', () => {
		const result = verify(
			vectorDelivery(['webhook-id', 'webhook-timestamp', 'webhook-signature'], 360),
		);
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
