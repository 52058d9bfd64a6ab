/**
 * Entra ID app-only tokens for F&O through @azure/msal-node, owned by the credential (as n8n's
 * Microsoft Entra service-principal credential owns its tokens); the credential's `authenticate`
 * is the only caller. One ConfidentialClientApplication per credential per process, so MSAL's
 * in-memory cache serves every request and renews the token 5 minutes before it expires (MSAL's
 * fixed renewal offset). The cache key hashes the secret; the secret itself is never a key, a log
 * line or part of an error.
 */
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { createHash } from 'node:crypto';

import { normaliseEnvironmentUrl } from './foEnvironment';

/**
 * Set by the node's request core on the one re-send after a 401; the credential then skips MSAL's
 * token cache and removes the header before the request leaves.
 */
export const FRESH_LOGIN_HEADER = 'x-n8n-fo-reauthenticate';

export interface FoAuthSettings {
	tenantId: string;
	clientId: string;
	authentication: 'clientSecret' | 'certificate';
	clientSecret?: string;
	privateKey?: string;
	/** SHA-256 thumbprint of the certificate, hex (colons and spaces are tolerated). */
	thumbprintSha256?: string;
	environmentUrl: string;
	authorityHost?: string;
	/** Advanced: a token endpoint that replaces the authority's own (sandbox, unusual authorities). */
	tokenEndpoint?: string;
}

export class EntraTokenError extends Error {
	readonly isEntraTokenError = true;

	constructor(
		message: string,
		readonly aadsts?: string,
	) {
		super(message);
		this.name = 'EntraTokenError';
	}
}

const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
const applications = new Map<string, ConfidentialClientApplication>();

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function normaliseThumbprint(value: string | undefined): string {
	return String(value ?? '')
		.replace(/[:\s]/g, '')
		.toLowerCase();
}

function authorityOf(settings: FoAuthSettings): { authority: string; host: string } {
	const host = (settings.authorityHost || DEFAULT_AUTHORITY_HOST).trim().replace(/\/+$/, '');
	if (!/^https:\/\//i.test(host)) {
		throw new EntraTokenError(
			'The authority host must be an https URL (Entra ID accepts no other).',
		);
	}
	return { authority: `${host}/${settings.tenantId.trim()}`, host: new URL(host).host };
}

function buildConfiguration(settings: FoAuthSettings): Configuration {
	const { authority, host } = authorityOf(settings);
	const auth: Configuration['auth'] = { clientId: settings.clientId.trim(), authority };
	if (settings.authentication === 'certificate') {
		const thumbprintSha256 = normaliseThumbprint(settings.thumbprintSha256);
		if (!/^[0-9a-f]{64}$/.test(thumbprintSha256)) {
			throw new EntraTokenError(
				'The certificate thumbprint must be the 64-digit SHA-256 thumbprint in hex.',
			);
		}
		if (!settings.privateKey || !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(settings.privateKey)) {
			throw new EntraTokenError(
				'The private key must be a PEM private key (-----BEGIN PRIVATE KEY-----).',
			);
		}
		auth.clientCertificate = { thumbprintSha256, privateKey: settings.privateKey };
	} else {
		if (!settings.clientSecret) throw new EntraTokenError('The client secret is empty.');
		auth.clientSecret = settings.clientSecret;
	}
	if (settings.tokenEndpoint) {
		// MSAL accepts a non-Microsoft authority when it is a known authority with supplied metadata;
		// only the token endpoint is ever called (measured with msal-node 7.x).
		const tenantBase = settings.tokenEndpoint.replace(/\/oauth2\/v2\.0\/token\/?$/, '');
		auth.knownAuthorities = [host];
		auth.authorityMetadata = JSON.stringify({
			token_endpoint: settings.tokenEndpoint,
			authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
			issuer: `${tenantBase}/v2.0`,
			jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
		});
	}
	return { auth };
}

function cacheKey(settings: FoAuthSettings): string {
	const secret =
		settings.authentication === 'certificate'
			? `${normaliseThumbprint(settings.thumbprintSha256)}:${settings.privateKey ?? ''}`
			: (settings.clientSecret ?? '');
	return [
		settings.tenantId.trim().toLowerCase(),
		settings.clientId.trim().toLowerCase(),
		(settings.authorityHost || DEFAULT_AUTHORITY_HOST).toLowerCase(),
		settings.tokenEndpoint ?? '',
		settings.authentication,
		sha256(secret),
	].join('|');
}

function application(settings: FoAuthSettings): ConfidentialClientApplication {
	const key = cacheKey(settings);
	let app = applications.get(key);
	if (!app) {
		app = new ConfidentialClientApplication(buildConfiguration(settings));
		applications.set(key, app);
	}
	return app;
}

/** Entra's "AADSTS7000215: Invalid client secret provided. ..." without the trace/correlation tail. */
export function aadstsMessage(raw: string): { code?: string; text: string } | undefined {
	const match =
		/(AADSTS(\d+):[\s\S]*?)(?:\s+Trace ID:|\s+-\s+Correlation ID:|\s+-\s+Timestamp:|$)/.exec(raw);
	if (!match) return undefined;
	return { code: match[2], text: match[1].trim() };
}

const AADSTS_HINTS: Record<string, string> = {
	'7000215': 'The client secret is wrong or expired: create a new one in the app registration.',
	'7000222': 'The client secret has expired: create a new one in the app registration.',
	'700016': 'No app with this client ID exists in this tenant: check the client ID and tenant ID.',
	'90002': 'The tenant was not found: check the tenant ID.',
	'900023': 'The tenant ID is not a valid tenant identifier.',
	'700027':
		'The certificate assertion was rejected: check that the certificate is uploaded to the app and the thumbprint matches.',
	'500011': 'The environment URL is not a resource this tenant knows: check the environment URL.',
	'70011': 'The scope is invalid: check the environment URL.',
};

export function scopeFor(environmentUrl: string): string {
	return `${normaliseEnvironmentUrl(environmentUrl)}/.default`;
}

/** Turn what MSAL threw into a message a person can act on (AADSTS code and a hint). */
export function describeTokenFailure(error: unknown): EntraTokenError {
	if (error instanceof EntraTokenError) return error;
	const e = error as { errorCode?: string; errorMessage?: string; message?: string };
	const aadsts = aadstsMessage(`${e.errorMessage ?? ''} ${e.message ?? ''}`);
	if (aadsts) {
		const hint = aadsts.code ? AADSTS_HINTS[aadsts.code] : undefined;
		return new EntraTokenError(
			`Entra ID refused the token request: ${aadsts.text}${hint ? ` ${hint}` : ''}`,
			aadsts.code,
		);
	}
	// MSAL's own configuration and network errors carry no secret; keep their code for diagnosis.
	return new EntraTokenError(
		`Could not get an Entra ID token (${e.errorCode ?? 'error'}): ${(e.errorMessage || e.message || '').slice(0, 300)}`,
	);
}

/** An access token for the environment; MSAL answers from its cache until renewal is due. */
export async function acquireFoToken(
	settings: FoAuthSettings,
	options: { renew?: boolean } = {},
): Promise<string> {
	const app = application(settings);
	const result = await app
		.acquireTokenByClientCredential({
			scopes: [scopeFor(settings.environmentUrl)],
			skipCache: options.renew === true,
		})
		.catch((error: unknown) => ({ failure: describeTokenFailure(error) }));
	if (result && 'failure' in result) throw result.failure;
	if (!result?.accessToken) throw new EntraTokenError('Entra ID returned no access token.');
	return result.accessToken;
}

/** Drop every cached application (tests; a credential edit creates a new key anyway). */
export function clearTokenApplications(): void {
	applications.clear();
}
