/**
 * The F&O environment URL rules, in one place for the credential and the node. The URL is both
 * the OData base and the token audience, and F&O compares the audience exactly: so it is always
 * lower case without a trailing slash, and https (F&O serves nothing else; loopback http is
 * allowed for local test doubles). The credential owns these rules; the node imports them.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Trimmed, lower case, no trailing slash: the form F&O accepts as the token audience. */
export function normaliseEnvironmentUrl(value: unknown): string {
	return String(value ?? '')
		.trim()
		.toLowerCase()
		.replace(/\/+$/, '');
}

/** The normalised URL, or an error a person can act on when it is not an https URL. */
export function validatedEnvironmentUrl(value: unknown): string {
	const url = normaliseEnvironmentUrl(value);
	const parsed = URL.canParse(url) ? new URL(url) : undefined;
	if (!parsed) {
		throw new Error(
			'The environment URL is not a URL (expected e.g. https://contoso.operations.dynamics.com).',
		);
	}
	if (
		parsed.protocol !== 'https:' &&
		!(parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname))
	) {
		throw new Error('The environment URL must use https.');
	}
	return url;
}
