/**
 * Entra ID's error answers for the sandbox token endpoint (./entra.ts): the AADSTS codes it knows,
 * worded as Entra words them, and the body shape Entra sends (`error`, `error_description` with the
 * trace/correlation/timestamp trailer, `error_codes`, ...). MSAL parses that body into its
 * `errorCode` / `errorMessage`, and the pack (credentials/common/foToken.ts) cuts the AADSTS line out
 * of it and adds a hint, so code, wording and trailer are all part of what is tested. One table
 * serves the endpoint's own checks and the failures tests inject alike.
 */
import { randomUUID } from 'node:crypto';

/**
 * AADSTS codes the sandbox answers with, worded as Entra words them. `error` is the OAuth error
 * code Entra pairs with each; MSAL surfaces it as `errorCode`.
 */
export const AADSTS: Record<
	number,
	{ error: string; status: number; text: (c: Record<string, string>) => string }
> = {
	7000215: {
		error: 'invalid_client',
		status: 401,
		text: (c) =>
			`Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${c.clientId}'.`,
	},
	7000218: {
		error: 'invalid_client',
		status: 401,
		text: () =>
			"The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
	},
	90002: {
		error: 'invalid_request',
		status: 400,
		text: (c) =>
			`Tenant '${c.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
	},
	700016: {
		error: 'unauthorized_client',
		status: 400,
		text: (c) =>
			`Application with identifier '${c.clientId}' was not found in the directory '${c.tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
	},
	700027: {
		error: 'invalid_client',
		status: 401,
		text: (c) =>
			`Client assertion failed signature validation. [Reason - ${c.reason ?? 'The key was not found.'}]`,
	},
	700024: {
		error: 'invalid_client',
		status: 400,
		text: () => 'Client assertion is not within its valid time range.',
	},
	500011: {
		error: 'invalid_resource',
		status: 400,
		text: (c) =>
			`The resource principal named ${c.resource} was not found in the tenant named ${c.tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
	},
	1002012: {
		error: 'invalid_scope',
		status: 400,
		text: (c) =>
			`The provided value for scope ${c.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
	},
	70011: {
		error: 'invalid_scope',
		status: 400,
		text: (c) =>
			`The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${c.scope} is not valid.`,
	},
	900144: {
		error: 'invalid_request',
		status: 400,
		text: (c) => `The request body must contain the following parameter: '${c.parameter}'.`,
	},
	70003: {
		error: 'unsupported_grant_type',
		status: 400,
		text: () => 'The app requested an unsupported grant type.',
	},
	50196: {
		error: 'temporarily_unavailable',
		status: 429,
		text: () =>
			'The server terminated an operation because it encountered a client request loop. Please contact your app vendor.',
	},
	90033: {
		error: 'temporarily_unavailable',
		status: 503,
		text: () => 'A transient error has occurred. Please try again.',
	},
};

export const KNOWN_AADSTS = Object.keys(AADSTS).map(Number);

/** `2026-11-27 10:00:00Z`, the form Entra's `timestamp` and description trailer use. */
const entraTimestamp = () =>
	new Date()
		.toISOString()
		.replace('T', ' ')
		.replace(/\.\d{3}Z$/, 'Z');

/** An error body in Entra's shape: description = `AADSTS<n>: <text>` + trace/correlation/timestamp trailer. */
export function aadstsBody(
	code: number,
	context: Record<string, string> = {},
	correlationId: string = randomUUID(),
) {
	const def = AADSTS[code];
	if (!def) throw new Error(`unknown AADSTS code ${code}`);
	const timestamp = entraTimestamp();
	const traceId = randomUUID();
	return {
		status: def.status,
		body: {
			error: def.error,
			error_description: `AADSTS${code}: ${def.text(context)} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
			error_codes: [code],
			timestamp,
			trace_id: traceId,
			correlation_id: correlationId,
			error_uri: `https://login.microsoftonline.com/error?code=${code}`,
		},
	};
}
