/** Retry timing, kept pure so the policy is tested without waiting. */

export interface BackoffPolicy {
	/** First retry waits about this long (ms). */
	baseDelayMs: number;
	/** No single wait is longer than this (ms), whatever a server asks for. */
	maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 500, maxDelayMs: 60_000 };

/**
 * Exponential back-off with "full jitter": a random wait in [delay/2, delay], delay doubling per
 * attempt. Jitter keeps many executions that failed together from retrying together.
 */
export function backoffDelayMs(
	attempt: number,
	policy: BackoffPolicy = DEFAULT_BACKOFF,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A server-requested wait, bounded by the policy (a wait of 0 still yields a small pause). */
export function boundedServerDelayMs(
	requestedMs: number,
	policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
	if (!Number.isFinite(requestedMs) || requestedMs < 0) return policy.baseDelayMs;
	return Math.min(policy.maxDelayMs, Math.max(50, Math.round(requestedMs)));
}
