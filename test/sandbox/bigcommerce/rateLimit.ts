/**
 * Per-store rate limit: a quota refreshed every 30 s window, 1 unit per request,
 * shared by all clients of the store, and the four `X-Rate-Limit-*` headers on every response.
 */
export const RATE_LIMIT_WINDOW_MS = 30000;
export const DEFAULT_QUOTA = 150;

export class RateLimiter {
	private windowStart = 0;
	private used = 0;

	constructor(
		public quota = DEFAULT_QUOTA,
		public windowMs = RATE_LIMIT_WINDOW_MS,
		private readonly clock: () => number = Date.now,
	) {}

	private roll(): void {
		const now = this.clock();
		if (now - this.windowStart >= this.windowMs) {
			this.windowStart = now;
			this.used = 0;
		}
	}

	/** Spend one unit; false when the quota is spent. */
	take(): boolean {
		this.roll();
		if (this.used >= this.quota) return false;
		this.used++;
		return true;
	}

	/** Start a fresh window (after a quota change or reset). */
	refill(): void {
		this.windowStart = 0;
		this.used = 0;
	}

	state(): { quota: number; left: number; windowMs: number; resetMs: number } {
		this.roll();
		return {
			quota: this.quota,
			left: Math.max(0, this.quota - this.used),
			windowMs: this.windowMs,
			resetMs: Math.max(0, this.windowMs - (this.clock() - this.windowStart)),
		};
	}

	headers(): Record<string, string> {
		const s = this.state();
		return {
			'X-Rate-Limit-Time-Window-Ms': String(s.windowMs),
			'X-Rate-Limit-Time-Reset-Ms': String(s.resetMs),
			'X-Rate-Limit-Requests-Quota': String(s.quota),
			'X-Rate-Limit-Requests-Left': String(s.left),
		};
	}
}
