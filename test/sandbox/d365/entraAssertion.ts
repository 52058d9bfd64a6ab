/**
 * The certificate client-assertion check of the Entra ID sandbox's token endpoint (./entra.ts), kept
 * apart from the server because it is a verification in its own right: it checks what Entra checks
 * of the assertion MSAL 7.x builds for the pack's certificate credential (assertion type, thumbprint
 * header, signature, audience, issuer/subject, time range), so an assertion real Entra would refuse
 * fails here too, with Entra's AADSTS700027 / 700024.
 */
import { constants, verify } from 'node:crypto';

import { decodeJwtSegment } from './entraJwt';
import type { EntraApp } from './entraTypes';

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * The certificate assertion as MSAL 7.x builds it: header `x5t#S256`
 * (PS256) or the deprecated `x5t` (RS256) naming a certificate registered on the app; payload
 * `aud` = the token endpoint without query, `iss` = `sub` = client id, `exp` in the future;
 * signature verified against that certificate. A reused `jti` is accepted (MSAL reuses it).
 */
export function checkClientAssertion(
	form: URLSearchParams,
	app: EntraApp,
	tokenEndpoint: string,
): { code: number; reason: string } | undefined {
	const bad = (reason: string) => ({ code: 700027, reason });
	if (form.get('client_assertion_type') !== ASSERTION_TYPE)
		return bad(`client_assertion_type must be ${ASSERTION_TYPE}`);
	const parts = (form.get('client_assertion') ?? '').split('.');
	if (parts.length !== 3) return bad('The client assertion is not a JWT.');
	let header: Record<string, unknown>;
	let payload: Record<string, unknown>;
	try {
		header = decodeJwtSegment(parts[0]);
		payload = decodeJwtSegment(parts[1]);
	} catch {
		return bad('The client assertion is not a JWT.');
	}
	const sha256 = header['x5t#S256'];
	const sha1 = header.x5t;
	const cert = app.certificates.find((c) =>
		typeof sha256 === 'string'
			? Buffer.from(c.thumbprintSha256, 'hex').toString('base64url') === sha256
			: typeof sha1 === 'string' &&
				Buffer.from(c.thumbprintSha1, 'hex').toString('base64url') === sha1,
	);
	const presented = typeof sha256 === 'string' ? sha256 : String(sha1 ?? '');
	if (!cert) {
		return bad(
			`The key was not found., Thumbprint of key used by client: '${presented}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.clientId}'.`,
		);
	}
	const data = Buffer.from(`${parts[0]}.${parts[1]}`);
	const signature = Buffer.from(parts[2], 'base64url');
	let signed = false;
	if (header.alg === 'PS256') {
		signed = verify(
			'sha256',
			data,
			{
				key: cert.publicKey,
				padding: constants.RSA_PKCS1_PSS_PADDING,
				saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
			},
			signature,
		);
	} else if (header.alg === 'RS256') {
		signed = verify('sha256', data, cert.publicKey, signature);
	}
	if (!signed)
		return bad(
			'The signature of the client assertion does not verify against the registered certificate.',
		);
	if (payload.aud !== tokenEndpoint)
		return bad(
			`Client assertion audience '${String(payload.aud)}' does not match the token endpoint '${tokenEndpoint}'.`,
		);
	if (payload.iss !== app.clientId || payload.sub !== app.clientId)
		return bad('Client assertion iss and sub must be the client id.');
	const now = Math.floor(Date.now() / 1000);
	if (typeof payload.exp !== 'number' || payload.exp <= now)
		return { code: 700024, reason: 'expired' };
	if (typeof payload.nbf === 'number' && payload.nbf > now + 300)
		return { code: 700024, reason: 'not yet valid' };
	return undefined;
}
