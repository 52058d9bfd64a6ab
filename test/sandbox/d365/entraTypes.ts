/**
 * The shapes the Entra ID sandbox (./entra.ts) is configured and inspected with: its options, the
 * app registrations it knows, the token failures tests queue, and the counters tests assert on.
 * They live apart from the server so the error table, the assertion check and the admin routes can
 * name them without importing the server class.
 */
import type { SandboxCertificate } from './cert';

export interface EntraApp {
	clientId: string;
	clientSecret: string;
	/** Certificates registered on the app (the sandbox's own is registered on the default app). */
	certificates: SandboxCertificate[];
	/** Object id of the service principal (`oid` in tokens). */
	objectId: string;
}

export interface EntraFailure {
	/** How many upcoming token requests fail this way. */
	count: number;
	/** One of the AADSTS codes the sandbox knows (see AADSTS in ./entraErrors), answered as Entra does. */
	aadsts?: number;
	/** Or a bare status: 429 / 5xx answered with a temporarily_unavailable body. */
	status?: number;
	retryAfterSeconds?: number;
}

export interface EntraStats {
	/** Every POST to the token endpoint, answered or not. */
	tokenRequests: number;
	issued: number;
	failed: number;
	byClient: Record<string, number>;
	byCredential: { secret: number; certificate: number; none: number };
	byError: Record<string, number>;
	/** The `scope` values requested, in order. */
	scopes: string[];
}

export interface EntraOptions {
	host: string;
	port?: number;
	tenantId: string;
	clientId: string;
	clientSecret: string;
	/** The one resource tokens are issued for (the F&O environment URL); read per request. */
	resource: () => string;
	expiresIn?: number;
	/** https host MSAL is configured with; it never resolves (MSAL is given knownAuthorities and authorityMetadata, so it never calls it). */
	authorityHost?: string;
}

export interface AccessTokenCheck {
	ok: boolean;
	reason?: string;
	claims?: Record<string, unknown>;
}
