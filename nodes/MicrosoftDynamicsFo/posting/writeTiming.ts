/**
 * How long an F&O write may take, and how long a write whose outcome is unknown is looked for
 * before it counts as absent. F&O writes sales order lines at seconds per line (a 9-line order
 * has been seen to take ~37 s), and a changeset is one transaction: none of its records is visible
 * until all of it commits. A write the client gave up on can therefore still commit minutes later;
 * a lookup right after the timeout sees nothing, and a re-send would then post the document twice.
 * So writes wait long, and after an unknown outcome the lookup polls with back-off through a
 * settle window; only a record still absent after it may be sent again.
 */
import { sleep } from 'n8n-workflow';

import { backoffDelayMs, type BackoffPolicy } from '../../common/backoff';
import { isServiceUnavailable } from '../../common/errors';
import { settle } from '../../common/settle';

/**
 * About 4 s per line (9 lines in ~37 s) × a 200-line order ≈ 13.5 minutes, rounded up: a large
 * order's changeset answers well within it, so a timeout means F&O is slower than that, not busy.
 */
export const DEFAULT_WRITE_TIMEOUT_MS = 15 * 60_000;

/** The write settings every posting takes (sales orders, credit notes, payments, customers). */
export interface WriteSettings {
	/** Changeset re-sends after throttling or an unknown outcome found nothing. */
	maxWriteRounds?: number;
	/** How long one write request may take before its outcome counts as unknown (ms). */
	writeTimeoutMs?: number;
	/**
	 * After an unknown outcome: how long lookups poll before the record counts as absent (ms);
	 * undefined = the write timeout, 0 = one lookup.
	 */
	settleWindowMs?: number;
}

export interface WriteTiming {
	timeoutMs: number;
	settleWindowMs: number;
}

const given = (value: number | undefined) =>
	value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;

/**
 * The window defaults to the write timeout: the timeout is sized for the longest transaction, so
 * one still running when its answer was lost has committed or rolled back within one more timeout.
 */
export function writeTimingOf(settings: WriteSettings): WriteTiming {
	const timeoutMs = given(settings.writeTimeoutMs) || DEFAULT_WRITE_TIMEOUT_MS;
	return { timeoutMs, settleWindowMs: given(settings.settleWindowMs) ?? timeoutMs };
}

/** Polls through a window: about 1/30 of it first (at most 2 s), waits doubling up to 1 min. */
export function settlePolicy(windowMs: number): BackoffPolicy {
	const baseDelayMs = Math.min(2000, Math.max(1, Math.round(windowMs / 30)));
	return {
		baseDelayMs,
		maxDelayMs: Math.min(60_000, Math.max(baseDelayMs, Math.round(windowMs / 6))),
	};
}

/**
 * After an unknown outcome: look until the record is found or the settle window has passed (one
 * last look at its end). Undefined means absent for good: only then may the write be sent again.
 * A look that fails because F&O is unavailable is tried again within the window; if the last look
 * fails too, its error is thrown, since nothing says the record is absent.
 */
export async function settledLookup<Found>(
	lookUp: () => Promise<Found | undefined>,
	timing: WriteTiming,
): Promise<Found | undefined> {
	const deadline = Date.now() + timing.settleWindowMs;
	const policy = settlePolicy(timing.settleWindowMs);
	for (let attempt = 1; ; attempt++) {
		const looked = await settle(lookUp());
		if (looked.ok && looked.value !== undefined) return looked.value;
		if (!looked.ok && !isServiceUnavailable(looked.error)) throw looked.error;
		const left = deadline - Date.now();
		if (left <= 0) {
			if (!looked.ok) throw looked.error;
			return undefined;
		}
		await sleep(Math.min(left, backoffDelayMs(attempt, policy)));
	}
}
