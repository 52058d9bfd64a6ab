/** Keeps secrets out of error messages, log lines and output items. */

const BEARER = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const FORM_SECRETS = /\b(client_secret|client_assertion|access_token)=[^&\s"]+/gi;

/** Replace every known secret value, bearer token, JWT and secret form field in `text`. */
export function redactSecrets(text: string, secrets: Array<string | undefined> = []): string {
	let out = text;
	for (const secret of secrets) {
		// Very short values would mangle ordinary words; credentials here are long random strings.
		if (!secret || secret.length < 6) continue;
		out = out.split(secret).join('[redacted]');
	}
	return out
		.replace(BEARER, '$1[redacted]')
		.replace(JWT, '[redacted]')
		.replace(FORM_SECRETS, '$1=[redacted]');
}

/** The string values of a credential's secret fields, for redactSecrets. */
export function secretValues(
	credentials: Record<string, unknown> | undefined,
	fields: string[],
): string[] {
	if (!credentials) return [];
	return fields
		.map((f) => credentials[f])
		.filter((v): v is string => typeof v === 'string' && v !== '');
}
