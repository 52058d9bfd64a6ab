/**
 * Entra ID half: MSAL (7.2.3) configured with knownAuthorities and authorityMetadata gets tokens from the
 * sandbox with a client secret and with a certificate; the sandbox checks the assertion, counts
 * token requests, words errors as Entra does, and F&O refuses tokens with the wrong audience.
 */
import { ConfidentialClientApplication, ServerError } from '@azure/msal-node';
import { createHash, createPrivateKey, randomUUID, sign, constants } from 'node:crypto';

import { FaultInjector } from '../common/faults';
import { RequestLog } from '../common/requestLog';
import { startD365Sandbox, type D365Sandbox } from './index';
import { createSelfSignedCertificate } from './cert';

let sandbox: D365Sandbox;
let m: D365Sandbox['manifest'];

beforeAll(async () => {
	sandbox = await startD365Sandbox(
		{},
		{ host: '127.0.0.1', log: new RequestLog(), faults: new FaultInjector() },
	);
	m = sandbox.manifest;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

/** MSAL exactly as our credential builds it: fake https authority + knownAuthorities + authorityMetadata. */
function msal(
	auth: {
		clientSecret?: string;
		clientCertificate?: { thumbprintSha256: string; privateKey: string };
	},
	clientId = m.clientId,
) {
	return new ConfidentialClientApplication({
		auth: {
			clientId,
			...auth,
			authority: `${m.authorityHost}/${m.tenantId}`,
			knownAuthorities: [new URL(m.authorityHost).host],
			authorityMetadata: JSON.stringify({
				token_endpoint: m.tokenUrl,
				authorization_endpoint: m.tokenUrl.replace(/token$/, 'authorize'),
				issuer: `${m.authorityHost}/${m.tenantId}/v2.0`,
				jwks_uri: m.tokenUrl.replace(/oauth2\/v2\.0\/token$/, 'discovery/v2.0/keys'),
			}),
		},
	});
}

const decode = (jwt: string) =>
	JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

async function odataStatus(token: string): Promise<number> {
	const res = await fetch(`${m.environmentUrl}/data/`, {
		headers: { Authorization: `Bearer ${token}` },
	});
	return res.status;
}

async function tokenPost(form: Record<string, string>, tenant = m.tenantId) {
	const res = await fetch(m.tokenUrl.replace(m.tenantId, tenant), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
		body: new URLSearchParams(form).toString(),
	});
	return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('manifest', () => {
	it('describes a Way-1 MSAL setup: https authority host that never resolves, http token URL', () => {
		expect(m.authorityHost).toBe('https://login.sandbox.test');
		expect(m.tokenUrl).toMatch(
			new RegExp(`^http://127\\.0\\.0\\.1:\\d+/${m.tenantId}/oauth2/v2\\.0/token$`),
		);
		expect(m.environmentUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(m.scope).toBe(`${m.environmentUrl}/.default`);
		const der = Buffer.from(m.certificatePem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
		expect(createHash('sha256').update(der).digest('hex')).toBe(m.thumbprintSha256);
	});
});

describe('MSAL against the sandbox authority', () => {
	it('gets a token with the client secret; a second call is served from MSAL cache (1 request)', async () => {
		const app = msal({ clientSecret: m.clientSecret });
		const first = await app.acquireTokenByClientCredential({ scopes: [m.scope] });
		const second = await app.acquireTokenByClientCredential({ scopes: [m.scope] });
		expect(first?.accessToken).toBeTruthy();
		expect(second?.fromCache).toBe(true);
		const claims = decode(first!.accessToken);
		expect(claims).toMatchObject({
			aud: m.environmentUrl,
			tid: m.tenantId,
			appid: m.clientId,
			appidacr: '1',
		});
		expect(claims.oid).toBeTruthy();
		expect(claims.exp - claims.iat).toBe(3599);
		expect(await odataStatus(first!.accessToken)).toBe(200);
		const stats = sandbox.tokenStats();
		expect(stats).toMatchObject({
			tokenRequests: 1,
			issued: 1,
			byClient: { [m.clientId]: 1 },
			byCredential: { secret: 1 },
		});
	});

	it('gets a token with the certificate (PS256 assertion, x5t#S256), accepted by F&O', async () => {
		const app = msal({
			clientCertificate: { thumbprintSha256: m.thumbprintSha256, privateKey: m.privateKeyPem },
		});
		const result = await app.acquireTokenByClientCredential({ scopes: [m.scope] });
		expect(decode(result!.accessToken)).toMatchObject({ aud: m.environmentUrl, appidacr: '2' });
		expect(await odataStatus(result!.accessToken)).toBe(200);
		// MSAL reuses the same assertion with skipCache: a repeated jti must be accepted.
		await app.acquireTokenByClientCredential({ scopes: [m.scope], skipCache: true });
		expect(sandbox.tokenStats()).toMatchObject({
			tokenRequests: 2,
			issued: 2,
			byCredential: { certificate: 2 },
		});
	});

	it('refuses a certificate that is not registered on the app with AADSTS700027', async () => {
		const other = createSelfSignedCertificate();
		const app = msal({
			clientCertificate: {
				thumbprintSha256: other.thumbprintSha256,
				privateKey: other.privateKeyPem,
			},
		});
		const error = await app
			.acquireTokenByClientCredential({ scopes: [m.scope] })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ServerError);
		expect((error as ServerError).errorMessage).toContain('AADSTS700027');
	});

	it('answers a wrong secret with AADSTS7000215 that MSAL surfaces as invalid_client', async () => {
		const error = await msal({ clientSecret: 'wrong' })
			.acquireTokenByClientCredential({ scopes: [m.scope] })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ServerError);
		expect(error).toMatchObject({ errorCode: 'invalid_client' });
		expect((error as ServerError).errorMessage).toMatch(
			/AADSTS7000215: Invalid client secret provided\. Ensure the secret being sent/,
		);
		expect(sandbox.tokenStats()).toMatchObject({
			tokenRequests: 1,
			failed: 1,
			byError: { '7000215': 1 },
		});
	});

	it('counts injected failures; with expires_in 299 MSAL never caches (renewal offset 300)', async () => {
		await sandbox.admin('PUT', ['switches'], { expiresIn: 299 }, new URLSearchParams());
		const app = msal({ clientSecret: m.clientSecret });
		await app.acquireTokenByClientCredential({ scopes: [m.scope] });
		await app.acquireTokenByClientCredential({ scopes: [m.scope] });
		expect(sandbox.tokenStats().tokenRequests).toBe(2);
		await sandbox.admin(
			'POST',
			['entra', 'fail'],
			{ count: 1, status: 503 },
			new URLSearchParams(),
		);
		const error = await msal({ clientSecret: m.clientSecret })
			.acquireTokenByClientCredential({ scopes: [m.scope] })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ServerError);
		const stats = await sandbox.admin('GET', ['entra', 'stats'], undefined, new URLSearchParams());
		expect(stats?.body).toMatchObject({ tokenRequests: 3, issued: 2, failed: 1 });
	});
});

describe('token endpoint checks', () => {
	const base = () => ({
		grant_type: 'client_credentials',
		client_id: m.clientId,
		client_secret: m.clientSecret,
		scope: m.scope,
	});

	it('AADSTS bodies in Entra shape', async () => {
		const { status, body } = await tokenPost({
			...base(),
			client_secret: 'nope',
			'client-request-id': 'corr-1',
		});
		expect(status).toBe(401);
		expect(Object.keys(body).sort()).toEqual([
			'correlation_id',
			'error',
			'error_codes',
			'error_description',
			'error_uri',
			'timestamp',
			'trace_id',
		]);
		expect(body).toMatchObject({
			error: 'invalid_client',
			error_codes: [7000215],
			correlation_id: 'corr-1',
		});
		expect(body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
		expect(body.error_description).toContain(
			`Trace ID: ${body.trace_id} Correlation ID: corr-1 Timestamp: ${body.timestamp}`,
		);
		expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
	});

	it.each([
		[
			'unknown tenant',
			() => ({}),
			'00000000-0000-0000-0000-000000000001',
			90002,
			'invalid_request',
		],
		[
			'unknown client',
			() => ({ client_id: randomUUID() }),
			undefined,
			700016,
			'unauthorized_client',
		],
		[
			'scope without /.default',
			() => ({ scope: m.environmentUrl }),
			undefined,
			1002012,
			'invalid_scope',
		],
		[
			'another resource',
			() => ({ scope: 'https://other.operations.dynamics.com/.default' }),
			undefined,
			500011,
			'invalid_resource',
		],
	])('%s → AADSTS%s', async (_name, override, tenant, code, error) => {
		const { status, body } = await tokenPost({ ...base(), ...override() }, tenant ?? m.tenantId);
		expect(status).toBe(400);
		expect(body).toMatchObject({ error, error_codes: [code] });
		expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
	});

	it('checks the assertion: aud must be the token endpoint without query, exp in the future, signature', async () => {
		const key = createPrivateKey(m.privateKeyPem);
		const x5t = Buffer.from(m.thumbprintSha256, 'hex').toString('base64url');
		const now = Math.floor(Date.now() / 1000);
		const assertion = (payload: Record<string, unknown>, signer = key) => {
			const h = Buffer.from(JSON.stringify({ alg: 'PS256', typ: 'JWT', 'x5t#S256': x5t })).toString(
				'base64url',
			);
			const p = Buffer.from(
				JSON.stringify({
					aud: m.tokenUrl,
					iss: m.clientId,
					sub: m.clientId,
					jti: randomUUID(),
					nbf: now,
					iat: now,
					exp: now + 600,
					...payload,
				}),
			).toString('base64url');
			const s = sign('sha256', Buffer.from(`${h}.${p}`), {
				key: signer,
				padding: constants.RSA_PKCS1_PSS_PADDING,
				saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
			});
			return `${h}.${p}.${s.toString('base64url')}`;
		};
		const post = (jwt: string) =>
			tokenPost({
				grant_type: 'client_credentials',
				client_id: m.clientId,
				scope: m.scope,
				client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
				client_assertion: jwt,
			});
		expect((await post(assertion({}))).status).toBe(200);
		expect(
			(await post(assertion({ aud: `${m.tokenUrl}?client-request-id=x` }))).body.error_codes,
		).toEqual([700027]);
		expect((await post(assertion({ iss: 'someone-else' }))).body.error_codes).toEqual([700027]);
		expect((await post(assertion({ exp: now - 10 }))).body.error_codes).toEqual([700024]);
		const otherKey = createPrivateKey(createSelfSignedCertificate().privateKeyPem);
		const forged = await post(assertion({}, otherKey));
		expect(forged.body.error_codes).toEqual([700027]);
		expect(forged.body.error_description).toContain('signature');
	});

	it('forced failures: N times an AADSTS error, then 429 with Retry-After, then success', async () => {
		sandbox.entra.failNext({ count: 2, aadsts: 7000215 });
		sandbox.entra.failNext({ count: 1, status: 429, retryAfterSeconds: 7 });
		expect((await tokenPost(base())).body.error_codes).toEqual([7000215]);
		expect((await tokenPost(base())).body.error_codes).toEqual([7000215]);
		const res = await fetch(m.tokenUrl, { method: 'POST', body: new URLSearchParams(base()) });
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('7');
		expect((await tokenPost(base())).status).toBe(200);
		expect(sandbox.tokenStats()).toMatchObject({ tokenRequests: 4, issued: 1, failed: 3 });
	});

	it('serves the openid-configuration and JWKS', async () => {
		const oidc = (await (
			await fetch(
				`${m.tokenUrl.replace(/oauth2\/v2\.0\/token$/, '')}v2.0/.well-known/openid-configuration`,
			)
		).json()) as Record<string, string>;
		expect(oidc).toMatchObject({
			token_endpoint: m.tokenUrl,
			issuer: `${m.authorityHost}/${m.tenantId}/v2.0`,
		});
		const jwks = (await (await fetch(oidc.jwks_uri)).json()) as { keys: unknown[] };
		expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig' });
	});
});

describe('F&O token audience check (aud = environment URL, lower case, no slash)', () => {
	it('401 for a token whose audience has a trailing slash, other case, or another resource; 200 for the exact URL', async () => {
		const upper = m.environmentUrl.replace('http://', 'HTTP://');
		// Entra resolves the resource case-insensitively but puts the requested identifier in aud.
		const slash = await tokenPost({
			grant_type: 'client_credentials',
			client_id: m.clientId,
			client_secret: m.clientSecret,
			scope: `${m.environmentUrl}//.default`,
		});
		expect(decode(slash.body.access_token).aud).toBe(`${m.environmentUrl}/`);
		expect(await odataStatus(slash.body.access_token)).toBe(401);
		expect(await odataStatus(sandbox.entra.mintAccessToken({ aud: upper }))).toBe(401);
		expect(
			await odataStatus(
				sandbox.entra.mintAccessToken({ aud: 'https://other.operations.dynamics.com' }),
			),
		).toBe(401);
		expect(await odataStatus(sandbox.entra.mintAccessToken({ tid: randomUUID() }))).toBe(401);
		expect(
			await odataStatus(sandbox.entra.mintAccessToken({ exp: Math.floor(Date.now() / 1000) - 1 })),
		).toBe(401);
		expect(await odataStatus(sandbox.entra.mintAccessToken())).toBe(200);
	});
});
