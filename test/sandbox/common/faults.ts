/**
 * Fault rules per route, flipped by tests through the admin API: error rates, added latency,
 * bursts of 429, dropped connections, and "timeout after commit" (the handler runs, so a write lands,
 * but the client never hears back; with `commitDelayMs` it lands only after the client gave up).
 */

export interface FaultRule {
	/** Route name prefix (`v2.orders`, `odata.SalesOrderHeadersV2`), or `*` for every route. */
	route: string;
	method?: string;
	/** Probability 0..1 of answering `errorStatus` instead of handling. */
	errorRate?: number;
	errorStatus?: number;
	latencyMs?: number;
	/**
	 * With `latencyMs`: up to this many ms more, drawn uniformly per request (latencyMs 50 with
	 * jitterMs 50 is 50–100 ms), as a real API's answer times spread instead of repeating one value.
	 */
	jitterMs?: number;
	/** Answer `errorStatus` (default 500) to the next N matching requests. */
	errors?: number;
	/** Answer 429 to the next N matching requests. */
	throttle?: number;
	/** With `throttle`: leave out the service's rate-limit headers (BigCommerce does so under platform load). */
	throttleWithoutHeaders?: boolean;
	/** F&O: seconds in Retry-After for throttled answers. */
	retryAfterSeconds?: number;
	/** Destroy the connection before handling the next N matching requests. */
	drop?: number;
	/** Handle the next N matching requests, then destroy the connection instead of answering. */
	timeoutAfterCommit?: number;
	/**
	 * With `timeoutAfterCommit`: answer nothing, wait until the client gives up (its own timeout
	 * closes the connection), and only this many ms later handle the request: the write commits
	 * after the client gave up and is invisible to lookups until then, as a slow F&O transaction.
	 */
	commitDelayMs?: number;
}

export type FaultAction =
	| { kind: 'none'; latencyMs: number }
	| { kind: 'error'; latencyMs: number; status: number; rule: FaultRule }
	| {
			kind: 'throttle';
			latencyMs: number;
			withHeaders: boolean;
			retryAfterSeconds: number;
			rule: FaultRule;
	  }
	| { kind: 'drop'; latencyMs: number; rule: FaultRule }
	| { kind: 'timeoutAfterCommit'; latencyMs: number; rule: FaultRule };

export class FaultInjector {
	private rules: FaultRule[] = [];

	constructor(private readonly random: () => number = Math.random) {}

	add(rule: FaultRule): void {
		this.rules.push({ ...rule });
	}

	set(rules: FaultRule[]): void {
		this.rules = rules.map((r) => ({ ...r }));
	}

	list(): FaultRule[] {
		return this.rules.map((r) => ({ ...r }));
	}

	clear(): void {
		this.rules = [];
	}

	/** Decide what happens to one request; counted rules are consumed here. */
	decide(route: string, method: string): FaultAction {
		let latencyMs = 0;
		for (const rule of this.rules) {
			if (!(rule.route === '*' || route === rule.route || route.startsWith(`${rule.route}.`)))
				continue;
			if (rule.method && rule.method.toUpperCase() !== method) continue;
			latencyMs += (rule.latencyMs ?? 0) + (rule.jitterMs ? this.random() * rule.jitterMs : 0);
			if (rule.drop && rule.drop > 0) {
				rule.drop--;
				return { kind: 'drop', latencyMs, rule };
			}
			if (rule.throttle && rule.throttle > 0) {
				rule.throttle--;
				return {
					kind: 'throttle',
					latencyMs,
					withHeaders: !rule.throttleWithoutHeaders,
					retryAfterSeconds: rule.retryAfterSeconds ?? 1,
					rule,
				};
			}
			if (rule.timeoutAfterCommit && rule.timeoutAfterCommit > 0) {
				rule.timeoutAfterCommit--;
				return { kind: 'timeoutAfterCommit', latencyMs, rule };
			}
			if (rule.errors && rule.errors > 0) {
				rule.errors--;
				return { kind: 'error', latencyMs, status: rule.errorStatus ?? 500, rule };
			}
			if (rule.errorRate && this.random() < rule.errorRate) {
				return { kind: 'error', latencyMs, status: rule.errorStatus ?? 500, rule };
			}
		}
		return { kind: 'none', latencyMs };
	}
}
