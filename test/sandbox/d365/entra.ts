/**
 * Entra ID (v2.0) client-credentials token endpoint for the F&O sandbox, on its own loopback server.
 *
 * What it reproduces: Entra ID's token request and answer (`scope=<env>/.default`, an access token
 * whose `aud` is the environment URL, with `tid`, `oid` and `appid`), its AADSTS error bodies, and
 * what MSAL 7.2.3 sends and needs from a local authority: the token POST path with a
 * `?client-request-id` query, the certificate assertion's header and claims, the four-field
 * `authorityMetadata`, and the openid-configuration document when discovery is used.
 *
 * Routes (names for the fault injector / request log):
 *   POST /<tenant>/oauth2/v2.0/token                     entra.token
 *   GET  /<tenant>/v2.0/.well-known/openid-configuration entra.openid
 *   GET  /<tenant>/discovery/v2.0/keys                   entra.jwks
 *
 * Access tokens are RS256 JWTs signed with a key made at start (published in the JWKS), v1-shaped
 * like the tokens F&O accepts: `aud` (the requested resource exactly as sent), `iss`
 * `https://sts.windows.net/<tenant>/`, `tid`, `oid`, `appid`, `appidacr`, `iat`/`nbf`/`exp`.
 *
 * Split by responsibility: the shapes in ./entraTypes, the AADSTS error table and body in
 * ./entraErrors, the client-assertion check in ./entraAssertion, JWT signing in ./entraJwt; this file
 * is the server and its token endpoint, and still exports all it exported before the split.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { sendJson, Router, type SandboxRequest } from '../common/http';
import { startServiceServer, type RunningServer } from '../common/server';
import type { ServiceContext } from '../types';
import { createSelfSignedCertificate, type SandboxCertificate } from './cert';
import { checkClientAssertion } from './entraAssertion';
import { AADSTS, aadstsBody, KNOWN_AADSTS } from './entraErrors';
import { AccessTokenSigner } from './entraJwt';
import type {
	AccessTokenCheck,
	EntraApp,
	EntraFailure,
	EntraOptions,
	EntraStats,
} from './entraTypes';

export { ASSERTION_TYPE } from './entraAssertion';
export { aadstsBody, KNOWN_AADSTS } from './entraErrors';
export type * from './entraTypes';

export class EntraSandbox {
	readonly tenantId: string;
	readonly authorityHost: string;
	readonly apps = new Map<string, EntraApp>();
	readonly certificate: SandboxCertificate;
	expiresIn: number;
	/**
	 * HTTP status for `invalid_client` answers (7000215, 7000218, 700027). Entra sends 401 for them
	 * (RFC 6749 §5.2); Entra's status is only known for invalid_scope (400), so this is a switch.
	 */
	invalidClientStatus = 401;
	/** When set, token responses also carry `refresh_in` (MSAL then refreshes proactively). */
	refreshIn: number | undefined;
	/**
	 * When set, the token's own `exp` is this many seconds away while `expires_in` still says
	 * `expiresIn`: what a client sees when its clock runs behind F&O's, or a token is cut short.
	 * MSAL then serves a cached token F&O already refuses (a mid-run expiry).
	 */
	tokenLifetimeOverride: number | undefined;
	private failures: EntraFailure[] = [];
	private statsData: EntraStats = EntraSandbox.emptyStats();
	private readonly signer = new AccessTokenSigner();
	private server?: RunningServer;

	constructor(private readonly options: EntraOptions) {
		this.tenantId = options.tenantId.toLowerCase();
		this.authorityHost = options.authorityHost ?? 'https://login.sandbox.test';
		this.expiresIn = options.expiresIn ?? 3599;
		this.certificate = createSelfSignedCertificate();
		this.resetApps();
	}

	private static emptyStats(): EntraStats {
		return {
			tokenRequests: 0,
			issued: 0,
			failed: 0,
			byClient: {},
			byCredential: { secret: 0, certificate: 0, none: 0 },
			byError: {},
			scopes: [],
		};
	}

	resetApps(): void {
		this.apps.clear();
		this.apps.set(this.options.clientId.toLowerCase(), {
			clientId: this.options.clientId,
			clientSecret: this.options.clientSecret,
			certificates: [this.certificate],
			objectId: randomUUID(),
		});
	}

	get baseUrl(): string {
		if (!this.server) throw new Error('Entra sandbox not started');
		return this.server.baseUrl;
	}

	get tokenUrl(): string {
		return `${this.baseUrl}/${this.tenantId}/oauth2/v2.0/token`;
	}

	/** The four-field openid metadata MSAL takes as `authorityMetadata` (Way 1). */
	get authorityMetadata(): Record<string, string> {
		const base = `${this.baseUrl}/${this.tenantId}`;
		return {
			token_endpoint: `${base}/oauth2/v2.0/token`,
			authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
			issuer: `${this.authorityHost}/${this.tenantId}/v2.0`,
			jwks_uri: `${base}/discovery/v2.0/keys`,
		};
	}

	stats(): EntraStats {
		return structuredClone(this.statsData);
	}

	resetStats(): void {
		this.statsData = EntraSandbox.emptyStats();
	}

	failNext(failure: EntraFailure): void {
		if (failure.aadsts !== undefined && !AADSTS[failure.aadsts]) {
			throw new Error(`unknown AADSTS code ${failure.aadsts}; known: ${KNOWN_AADSTS.join(', ')}`);
		}
		this.failures.push({ ...failure });
	}

	pendingFailures(): EntraFailure[] {
		return this.failures.map((f) => ({ ...f }));
	}

	clearFailures(): void {
		this.failures = [];
	}

	/** Signs an access token; tests use the overrides to make tokens F&O must refuse. */
	mintAccessToken(overrides: Record<string, unknown> = {}, app?: EntraApp): string {
		const now = Math.floor(Date.now() / 1000);
		const client = app ?? [...this.apps.values()][0];
		const claims = {
			aud: this.options.resource(),
			iss: `https://sts.windows.net/${this.tenantId}/`,
			iat: now,
			nbf: now,
			exp: now + (this.tokenLifetimeOverride ?? this.expiresIn),
			aio: randomUUID(),
			appid: client.clientId,
			appidacr: '1',
			idp: `https://sts.windows.net/${this.tenantId}/`,
			idtyp: 'app',
			oid: client.objectId,
			sub: client.objectId,
			tid: this.tenantId,
			uti: randomUUID().replace(/-/g, '').slice(0, 22),
			ver: '1.0',
			...overrides,
		};
		for (const [k, v] of Object.entries(claims))
			if (v === undefined) delete (claims as Record<string, unknown>)[k];
		return this.signer.sign(claims);
	}

	/**
	 * What F&O checks on a bearer token: a valid signature from this tenant's
	 * keys, not expired, `aud` equal to the environment URL (lower case, no trailing slash; compared
	 * exactly), `tid` the environment's tenant, `oid` present, and the app registered in F&O.
	 */
	checkAccessToken(
		token: string,
		environmentUrl: string,
		isRegisteredInFo: (appId: string) => boolean,
	): AccessTokenCheck {
		const verified = this.signer.verifiedClaims(token);
		if ('reason' in verified) return { ok: false, reason: verified.reason };
		const { claims } = verified;
		const now = Math.floor(Date.now() / 1000);
		if (typeof claims.exp !== 'number' || claims.exp <= now)
			return { ok: false, reason: 'expired', claims };
		if (typeof claims.nbf === 'number' && claims.nbf > now + 300)
			return { ok: false, reason: 'not yet valid', claims };
		if (claims.aud !== environmentUrl)
			return { ok: false, reason: `audience ${String(claims.aud)}`, claims };
		if (claims.tid !== this.tenantId)
			return { ok: false, reason: `tenant ${String(claims.tid)}`, claims };
		if (!claims.oid) return { ok: false, reason: 'no oid', claims };
		if (!isRegisteredInFo(String(claims.appid ?? '')))
			return { ok: false, reason: 'app not registered in F&O', claims };
		return { ok: true, claims };
	}

	jwks(): { keys: Record<string, unknown>[] } {
		const jwk = this.signer.publicJwk();
		return {
			keys: [
				{
					kty: 'RSA',
					use: 'sig',
					kid: this.signer.kid,
					n: jwk.n,
					e: jwk.e,
					issuer: `https://sts.windows.net/${this.tenantId}/`,
				},
			],
		};
	}

	openidConfiguration(): Record<string, unknown> {
		return {
			...this.authorityMetadata,
			token_endpoint_auth_methods_supported: [
				'client_secret_post',
				'private_key_jwt',
				'client_secret_basic',
			],
			response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
			scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
			subject_types_supported: ['pairwise'],
			id_token_signing_alg_values_supported: ['RS256'],
			tenant_region_scope: 'EU',
			cloud_instance_name: 'microsoftonline.com',
		};
	}

	async start(ctx: ServiceContext): Promise<void> {
		const router = new Router();
		const tenantSeg = ':tenant';
		router.add('POST', `/${tenantSeg}/oauth2/v2.0/token`, 'entra.token', (req, res) =>
			this.token(req, res),
		);
		router.add(
			'GET',
			`/${tenantSeg}/v2.0/.well-known/openid-configuration`,
			'entra.openid',
			(req, res) =>
				this.knownTenant(req.params.tenant)
					? sendJson(res, 200, this.openidConfiguration())
					: this.sendError(res, 90002, { tenant: req.params.tenant }),
		);
		router.add('GET', `/${tenantSeg}/discovery/v2.0/keys`, 'entra.jwks', (_req, res) =>
			sendJson(res, 200, this.jwks()),
		);
		this.server = await startServiceServer({
			service: 'entra',
			host: ctx.host,
			port: this.options.port,
			router,
			log: ctx.log,
			faults: ctx.faults,
			notFound: (_req, res) => sendJson(res, 404, { error: 'not_found' }),
			errorResponse: (res, status) => this.sendTransient(res, status),
			throttleResponse: (res, action) =>
				this.sendTransient(res, 429, action.withHeaders ? action.retryAfterSeconds : undefined),
		});
	}

	async close(): Promise<void> {
		await this.server?.close();
	}

	private knownTenant(tenant: string): boolean {
		return tenant.toLowerCase() === this.tenantId;
	}

	private sendError(
		res: ServerResponse,
		code: number,
		context: Record<string, string>,
		correlationId?: string,
		retryAfter?: number,
	): void {
		const { status: defaultStatus, body } = aadstsBody(code, context, correlationId);
		const status =
			body.error === 'invalid_client' && defaultStatus === 401
				? this.invalidClientStatus
				: defaultStatus;
		this.statsData.failed++;
		this.statsData.byError[String(code)] = (this.statsData.byError[String(code)] ?? 0) + 1;
		sendJson(res, status, body, retryAfter !== undefined ? { 'Retry-After': retryAfter } : {});
	}

	/** 429 / 5xx: Entra answers `temporarily_unavailable` with an AADSTS body (50196 / 90033). */
	private sendTransient(res: ServerResponse, status: number, retryAfter?: number): void {
		const { body } = aadstsBody(status === 429 ? 50196 : 90033);
		this.statsData.failed++;
		this.statsData.byError[String(status)] = (this.statsData.byError[String(status)] ?? 0) + 1;
		sendJson(res, status, body, retryAfter !== undefined ? { 'Retry-After': retryAfter } : {});
	}

	private token(req: SandboxRequest, res: ServerResponse): void {
		const form = new URLSearchParams(req.rawBody.toString('utf8'));
		const clientId = form.get('client_id') ?? '';
		const correlationId =
			form.get('client-request-id') ??
			req.url.searchParams.get('client-request-id') ??
			randomUUID();
		const stats = this.statsData;
		stats.tokenRequests++;
		stats.byClient[clientId] = (stats.byClient[clientId] ?? 0) + 1;
		const credential = form.has('client_assertion')
			? 'certificate'
			: form.has('client_secret')
				? 'secret'
				: 'none';
		stats.byCredential[credential]++;
		stats.scopes.push(form.get('scope') ?? '');
		const fail = (code: number, context: Record<string, string> = {}) =>
			this.sendError(res, code, { tenant: req.params.tenant, clientId, ...context }, correlationId);

		const injected = this.failures[0];
		if (injected) {
			if (--injected.count <= 0) this.failures.shift();
			if (injected.aadsts !== undefined) {
				const { status, body } = aadstsBody(
					injected.aadsts,
					{
						tenant: req.params.tenant,
						clientId,
						scope: form.get('scope') ?? '',
						resource: '',
						parameter: '',
					},
					correlationId,
				);
				stats.failed++;
				stats.byError[String(injected.aadsts)] = (stats.byError[String(injected.aadsts)] ?? 0) + 1;
				return sendJson(
					res,
					injected.status ?? status,
					body,
					injected.retryAfterSeconds !== undefined
						? { 'Retry-After': injected.retryAfterSeconds }
						: {},
				);
			}
			return this.sendTransient(res, injected.status ?? 503, injected.retryAfterSeconds);
		}

		if (!this.knownTenant(req.params.tenant)) return fail(90002);
		if (form.get('grant_type') !== 'client_credentials') {
			return form.get('grant_type') ? fail(70003) : fail(900144, { parameter: 'grant_type' });
		}
		if (!clientId) return fail(900144, { parameter: 'client_id' });
		const app = this.apps.get(clientId.toLowerCase());
		if (!app) return fail(700016);

		let appidacr = '1';
		if (form.has('client_assertion')) {
			const problem = checkClientAssertion(form, app, `${this.baseUrl}${req.url.pathname}`);
			if (problem) return fail(problem.code, { reason: problem.reason });
			appidacr = '2';
		} else if (form.has('client_secret')) {
			if (form.get('client_secret') !== app.clientSecret) return fail(7000215);
		} else {
			return fail(7000218);
		}

		const scope = form.get('scope');
		if (!scope) return fail(900144, { parameter: 'scope' });
		const scopes = scope.split(/\s+/).filter(Boolean);
		const bad = scopes.find((s) => !s.endsWith('/.default'));
		if (bad) return fail(1002012, { scope: bad });
		if (scopes.length !== 1) return fail(70011, { scope });
		const requested = scopes[0].slice(0, -'/.default'.length);
		// Entra resolves the resource by its identifier URI regardless of case and trailing slash,
		// but puts the identifier into `aud` as requested: that is how a "valid" token with an upper
		// case or slash-terminated audience reaches F&O and gets a 401.
		const normalise = (u: string) => u.toLowerCase().replace(/\/+$/, '');
		if (normalise(requested) !== normalise(this.options.resource()))
			return fail(500011, { resource: requested });

		const accessToken = this.mintAccessToken({ aud: requested, appidacr }, app);
		stats.issued++;
		const body: Record<string, unknown> = {
			token_type: 'Bearer',
			expires_in: this.expiresIn,
			ext_expires_in: this.expiresIn,
			access_token: accessToken,
		};
		if (this.refreshIn !== undefined) body.refresh_in = this.refreshIn;
		sendJson(res, 200, body, {
			'client-request-id': correlationId,
			'x-ms-request-id': randomUUID(),
		});
	}
}
