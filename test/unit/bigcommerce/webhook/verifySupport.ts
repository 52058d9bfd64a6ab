/**
 * Shared by the webhook verification tests (verify.test.ts, verify.standardWebhooks.test.ts):
 * verify(), which asserts that verifyDelivery never throws and records every result it returns,
 * expectRejected(), and the inputs both files build on. Importing this module also registers an
 * afterAll that checks every recorded result for secrets (expectNoSecretsIn), so no file that
 * verifies deliveries can forget the leak check. Jest loads this module afresh for each test file,
 * so `outputs` holds the results of the file that imports it.
 */
import { HOOK_MARKER_HEADER } from '../../../../nodes/BigCommerce/webhook/secret';
import {
	verifyDelivery,
	type DeliveryVerification,
	type VerifyDeliveryInput,
} from '../../../../nodes/BigCommerce/webhook/verify';
import {
	CLIENT_SECRET,
	HEADER_SECRET,
	librarySign,
	NOW,
	NOW_SECONDS,
	orderBody,
	signedHeaders,
} from './helpers';

export const STRICT = { mode: 'strict' as const };
export const SECRET_ONLY = { [HOOK_MARKER_HEADER]: HEADER_SECRET };
export const at = (offsetSeconds: number) => new Date((NOW_SECONDS + offsetSeconds) * 1000);
/** The X-BC-Signature secret of the opt-in relay mode. */
export const X_BC_SECRET = 'relay-shared-secret-7f3a';

/** Every result produced in the importing test file, to check that none of them leaks a secret. */
export const outputs: DeliveryVerification[] = [];
export function verify(i: VerifyDeliveryInput): DeliveryVerification {
	let result: DeliveryVerification | undefined;
	expect(() => {
		result = verifyDelivery(i);
	}).not.toThrow();
	outputs.push(result!);
	return result!;
}

afterAll(() => expectNoSecretsIn(outputs));

export function expectRejected(result: DeliveryVerification, status: 400 | 401): void {
	expect(result.ok).toBe(false);
	if (!result.ok) {
		expect(result.status).toBe(status);
		expect(result.reason).toEqual(expect.any(String));
	}
}

/**
 * None of these results contains the client secret, the header secret, the X-BC secret or an
 * expected signature, and no rejection reason carries anything secret-shaped.
 */
export function expectNoSecretsIn(results: DeliveryVerification[]): void {
	const text = JSON.stringify(results);
	const body = orderBody();
	const id = signedHeaders(body)['webhook-id'] as string;
	const expectedSignature = librarySign(CLIENT_SECRET, id, NOW, body).slice(3);
	for (const secret of [CLIENT_SECRET, HEADER_SECRET, X_BC_SECRET, expectedSignature]) {
		expect(text).not.toContain(secret);
	}
	for (const result of results) {
		if (!result.ok) expect(result.reason).not.toMatch(/[A-Za-z0-9+/_-]{32,}/);
	}
}
