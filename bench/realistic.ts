/**
 * The sandbox set to behave as the real services do for `npm run benchmark`, in one place, so the
 * report states exactly what the figures were measured against. Latency: 50–100 ms per request on
 * both APIs (and Entra), drawn per request. BigCommerce: the Standard/Plus quota (150 per 30 s) or
 * Pro (450). F&O: its user-based request limit (6,000 per 5 min, Retry-After 60 s) and its pace per
 * record written, which is seconds in a real environment and scaled down here (LINE_TIME_SCALE):
 * the F&O-bound figures are fractions of a bound computed in the same scaled world, and the report
 * scales the orders per minute back to real seconds.
 */
import type { SandboxFixture } from '../test/support/sandboxFixture';

export const API_LATENCY = { latencyMs: 50, jitterMs: 50 };

export const BIGCOMMERCE_QUOTAS = { standard: 150, pro: 450 };
export const BIGCOMMERCE_WINDOW_MS = 30_000;

/** F&O's user-based limit as documented: requests per window, Retry-After on the 429. */
export const FO_THROTTLING = {
	requestBudget: 6000,
	budgetWindowSeconds: 300,
	retryAfterSeconds: 60,
};

/**
 * F&O's seconds per record written: a 9-line sales order has been seen at ~37 s (~4 s a line).
 * The benchmark runs it 1/LINE_TIME_SCALE as fast.
 */
export const REAL_SECONDS_PER_LINE = 4;
export const LINE_TIME_SCALE = 10;
export const SCALED_LINE_MS = (REAL_SECONDS_PER_LINE * 1000) / LINE_TIME_SCALE;
/** Where BigCommerce is to be the bound, F&O writes a record in this many ms (a fast F&O). */
export const FAST_LINE_MS = 10;

export interface Behaviour {
	quota: number;
	lineLatencyMs: number;
}

/** Latency on every route of both services, the quota and F&O's switches; counters refilled. */
export async function applyBehaviour(fx: SandboxFixture, behaviour: Behaviour): Promise<void> {
	for (const service of ['bigcommerce', 'd365'])
		await fx.admin('PUT', `/faults/${service}`, [{ route: '*', ...API_LATENCY }]);
	await fx.admin('PUT', '/bigcommerce/rate-limit', {
		quota: behaviour.quota,
		windowMs: BIGCOMMERCE_WINDOW_MS,
	});
	await fx.admin('PUT', '/d365/switches', {
		...FO_THROTTLING,
		lineLatencyMs: behaviour.lineLatencyMs,
	});
}

/** The setup lines of the report. */
export function behaviourLines(): string[] {
	return [
		`API latency: ${API_LATENCY.latencyMs}–${API_LATENCY.latencyMs + API_LATENCY.jitterMs} ms per request (uniform, drawn per request) on BigCommerce, F&O OData and Entra ID`,
		`BigCommerce rate limit: ${BIGCOMMERCE_QUOTAS.standard} requests per ${BIGCOMMERCE_WINDOW_MS / 1000} s (Standard/Plus) unless a figure says ${BIGCOMMERCE_QUOTAS.pro} (Pro); X-Rate-Limit-* headers and 429 as BigCommerce answers`,
		`F&O throttling: ${FO_THROTTLING.requestBudget} requests per ${FO_THROTTLING.budgetWindowSeconds} s, then 429 with Retry-After ${FO_THROTTLING.retryAfterSeconds} s`,
		`F&O pace per record written: real ~${REAL_SECONDS_PER_LINE} s, run at ${SCALED_LINE_MS} ms (time factor 1/${LINE_TIME_SCALE}) where F&O is to be the bound, ${FAST_LINE_MS} ms elsewhere`,
	];
}
