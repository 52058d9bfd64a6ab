/**
 * API calls per order by line count, the pack's shipped order-sync beside the HTTP Request
 * baseline, in the same n8n against the same sandbox. One order at a time: each order's window in
 * the sandbox's request log runs from its creation until it is in F&O with all its lines and
 * nothing runs any more, so every call in the window is that order's. Orders are authorised, not
 * captured (the baseline posts no payments, so neither flow has one to post), from guest buyers
 * of each flow's own (two per flow: the first order of each creates its F&O customer, the later
 * ones find it), so both flows meet the same F&O state.
 */
import type { SandboxFixture } from '../test/support/sandboxFixture';
import {
	activateBaseline,
	activateOrderSync,
	executionsRunning,
	removeHook,
	setActive,
	type BenchN8n,
	type Flow,
} from './harness';
import {
	callsSince,
	createStoreOrder,
	orderReference,
	postedState,
	until,
	type CallCounts,
} from './orders';
import { applyBehaviour, BIGCOMMERCE_QUOTAS, FAST_LINE_MS } from './realistic';
import { sleep } from '../test/e2e/support/lock';
import { progress } from '../test/e2e/support/log';

export interface CallsPerOrder {
	lines: number;
	orders: number;
	pack: CallCounts;
	baseline: CallCounts;
	/** Orders that did not reach F&O in time, per flow (their calls are still counted). */
	missing: Record<Flow, number>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function mean(samples: CallCounts[]): CallCounts {
	const sum = (k: keyof CallCounts) =>
		round2(samples.reduce((s, c) => s + c[k], 0) / Math.max(1, samples.length));
	return {
		bigcommerce: sum('bigcommerce'),
		fo: sum('fo'),
		entra: sum('entra'),
		bigcommerce429: sum('bigcommerce429'),
		fo429: sum('fo429'),
	};
}

/** One order through one flow: its calls, and whether it reached F&O. */
async function oneOrder(
	bench: BenchN8n,
	fx: SandboxFixture,
	flow: Flow,
	lines: number,
	buyer: number,
): Promise<{ calls: CallCounts; posted: boolean }> {
	const since = fx.lastSeq();
	const guestEmail = `${flow}.buyer${buyer}@bench.example`;
	const order = await createStoreOrder(fx, { lines, buyer: { guestEmail } });
	const ref = orderReference(fx, flow, order.id);
	const expected = new Map([[ref, lines]]);
	const posted = await until(
		async () => (await postedState(fx, expected)).complete.has(ref),
		120_000 + lines * 1_000,
	);
	// Then until nothing runs and the log has been quiet for 2 s (the pack's Payments step, audit).
	let quietSince = Date.now();
	let seen = fx.lastSeq();
	await until(async () => {
		if (fx.lastSeq() !== seen || (await executionsRunning(bench))) {
			seen = fx.lastSeq();
			quietSince = Date.now();
		}
		return Date.now() - quietSince > 2_000;
	}, 60_000);
	return { calls: callsSince(fx, since), posted };
}

export async function measureCallsPerOrder(
	bench: BenchN8n,
	fx: SandboxFixture,
	lineCounts: number[],
	ordersPerCount: number,
): Promise<CallsPerOrder[]> {
	const samples = new Map<string, CallCounts[]>();
	const missing = new Map<string, number>();
	const key = (flow: Flow, lines: number) => `${flow}:${lines}`;
	const runFlow = async (flow: Flow) => {
		for (const lines of lineCounts) {
			for (let i = 0; i < ordersPerCount; i++) {
				const { calls, posted } = await oneOrder(bench, fx, flow, lines, i % 2);
				samples.set(key(flow, lines), [...(samples.get(key(flow, lines)) ?? []), calls]);
				if (!posted) missing.set(key(flow, lines), (missing.get(key(flow, lines)) ?? 0) + 1);
				progress(
					`benchmark: ${flow} ${lines}-line order: BigCommerce ${calls.bigcommerce}, F&O ${calls.fo}, Entra ${calls.entra}${posted ? '' : ' (NOT in F&O)'}`,
				);
			}
		}
	};
	// Counts do not depend on F&O's pace: a fast F&O keeps the 200-line orders short.
	await applyBehaviour(fx, { quota: BIGCOMMERCE_QUOTAS.standard, lineLatencyMs: FAST_LINE_MS });
	await activateOrderSync(bench, fx);
	await runFlow('pack');
	await setActive(bench, bench.workflows.orderSync, false);
	const hookId = await activateBaseline(bench, fx);
	await sleep(2_000);
	try {
		await runFlow('baseline');
	} finally {
		await removeHook(fx, hookId);
		await setActive(bench, bench.workflows.baseline, false);
	}
	return lineCounts.map((lines) => ({
		lines,
		orders: ordersPerCount,
		pack: mean(samples.get(key('pack', lines)) ?? []),
		baseline: mean(samples.get(key('baseline', lines)) ?? []),
		missing: {
			pack: missing.get(key('pack', lines)) ?? 0,
			baseline: missing.get(key('baseline', lines)) ?? 0,
		},
	}));
}
