/** What every sandbox service received, readable by tests and through the admin API. */

export interface LoggedRequest {
	seq: number;
	at: string;
	service: string;
	route: string;
	method: string;
	path: string;
	query: Record<string, string>;
	status: number;
	/** Header names only for credentials; values of the rest (tests assert on e.g. Prefer, If-Match). */
	headers: Record<string, string>;
	/** The request body as text (bodies are small in tests; secrets in form bodies are masked). */
	body?: string;
	fault?: string;
	durationMs: number;
}

const SECRET_HEADERS = new Set(['authorization', 'x-auth-token', 'cookie']);
const SECRET_FORM_FIELDS = /(client_secret|client_assertion)=[^&]*/g;

export function maskHeaders(
	headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) continue;
		out[name] = SECRET_HEADERS.has(name) ? '***' : Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

export function maskBody(body: string): string {
	return body.replace(SECRET_FORM_FIELDS, '$1=***');
}

export class RequestLog {
	private entries: LoggedRequest[] = [];
	private seq = 0;

	constructor(private readonly limit = 20000) {}

	record(entry: Omit<LoggedRequest, 'seq' | 'at'>): LoggedRequest {
		const full = { ...entry, seq: ++this.seq, at: new Date().toISOString() };
		this.entries.push(full);
		if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
		return full;
	}

	/** Entries after `sinceSeq`, optionally of one service or route (prefix match on route). */
	list(filter: { service?: string; route?: string; sinceSeq?: number } = {}): LoggedRequest[] {
		return this.entries.filter(
			(e) =>
				(filter.service === undefined || e.service === filter.service) &&
				(filter.route === undefined || e.route.startsWith(filter.route)) &&
				(filter.sinceSeq === undefined || e.seq > filter.sinceSeq),
		);
	}

	get lastSeq(): number {
		return this.seq;
	}

	clear(): void {
		this.entries = [];
	}
}
