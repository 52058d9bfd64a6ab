/**
 * Backfill throughput through the shipped backfill workflow's poll trigger, as a fraction of the
 * bound the APIs set. The orders are in the store before the workflow is activated (created more
 * than a minute ago, captured, no webhook: what the webhooks missed); the run lasts from the
 * poll's first BigCommerce request to the last sales order line, and to the last payment line,
 * F&O answered. The BigCommerce bound is the quota ÷ the BigCommerce calls per order measured in
 * the same run; the F&O bound is Parallel Items (4) writes in flight ÷ F&O's write time per order
 * (records written per order, counted in F&O, × its pace per record). The n8n main process's RSS
 * is sampled across the run.
 */
import type { SandboxFixture } from '../test/support/sandboxFixture';
import type { LoggedRequest } from '../test/sandbox/common/requestLog';
import { sleep } from '../test/e2e/support/lock';
import { progress } from '../test/e2e/support/log';
import {
	executionsRunning,
	mainPid,
	rssMb,
	setActive,
	TUNED_STATUS,
	type BenchN8n,
} from './harness';
import { createStoreOrder, orderReference, postedState, until } from './orders';
import { applyBehaviour, BIGCOMMERCE_WINDOW_MS } from './realistic';

/** The F&O node's Parallel Items as shipped. */
export const PARALLEL_ITEMS = 4;
const WRITTEN_SETS = [
	'SalesOrderHeadersV2',
	'SalesOrderLines',
	'CustomerPaymentJournalHeaders',
	'CustomerPaymentJournalLines',
	'CustomersV3',
];

export interface BackfillSpec {
	label: string;
	quota: number;
	lineLatencyMs: number;
	orders: number;
	lines?: number;
	/** Through the backfill with Max Records Per Poll raised (./harness.ts tunedBackfill). */
	tuned?: boolean;
}

export interface BackfillRun {
	label: string;
	tuned: boolean;
	quota: number;
	lineLatencyMs: number;
	orders: number;
	linesPerOrder: number;
	posted: number;
	paid: number;
	timedOut: boolean;
	secondsToSalesOrders: number;
	secondsToPayments: number;
	ordersPerMinuteToSalesOrders: number;
	ordersPerMinuteToPayments: number;
	bigcommerceCalls: number;
	bigcommerceCallsPerOrder: number;
	bigcommerce429: number;
	foCalls: number;
	foCallsPerOrder: number;
	fo429: number;
	foRecordsPerOrder: number;
	bigcommerceBoundPerMinute: number;
	foBoundPerMinute: number;
	bound: 'BigCommerce' | 'F&O';
	fractionToSalesOrders: number;
	fractionToPayments: number;
	rssBeforeMb?: number;
	rssAfterMb?: number;
	rssPeakMb?: number;
}

/**
 * The latest date_modified given so far: each run's orders come after the last run's cursor (the
 * poll's cursor stops at the last order it looked at; every other order the benchmark creates
 * before the backfill runs is dated outside the first look-back).
 */
let lastOrderDate = 0;

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function recordCount(fx: SandboxFixture): Promise<number> {
	let n = 0;
	for (const set of WRITTEN_SETS) n += (await fx.records(set, 'usmf')).length;
	return n;
}

/** Store orders dated apart and more than a minute in the past (the poll leaves the last minute). */
async function backdatedOrders(
	fx: SandboxFixture,
	count: number,
	lines: number,
	statusId?: number,
) {
	// Apart, but within two minutes whatever the count (a 10,000-order backlog shares seconds,
	// which the cursor handles), so the last is a minute old soon after it is made.
	const spacingMs = Math.min(200, Math.floor(120_000 / count));
	const base = Math.max(Date.now() - 3 * 60_000, lastOrderDate + 1_000);
	const orders = [];
	for (let i = 0; i < count; i++) {
		const dateCreated = new Date(base + i * spacingMs).toISOString();
		orders.push(
			await createStoreOrder(fx, {
				lines,
				buyer: { customerId: 1 + (i % 6) },
				capture: true,
				dateCreated,
				statusId,
			}),
		);
	}
	lastOrderDate = base + (count - 1) * spacingMs;
	const youngest = lastOrderDate + 65_000 - Date.now();
	if (youngest > 0) await sleep(youngest);
	return orders;
}

function lastAt(entries: LoggedRequest[], writes: (e: LoggedRequest) => boolean): number {
	let last = 0;
	for (const e of entries)
		if (e.method !== 'GET' && e.status >= 200 && e.status < 300 && writes(e))
			last = Math.max(last, Date.parse(e.at));
	return last;
}

export async function runBackfill(
	bench: BenchN8n,
	fx: SandboxFixture,
	spec: BackfillSpec,
): Promise<BackfillRun> {
	const linesPerOrder = spec.lines ?? 2;
	const workflow = spec.tuned ? bench.workflows.backfillTuned : bench.workflows.backfill;
	await applyBehaviour(fx, { quota: spec.quota, lineLatencyMs: spec.lineLatencyMs });
	const orders = await backdatedOrders(
		fx,
		spec.orders,
		linesPerOrder,
		spec.tuned ? TUNED_STATUS : undefined,
	);
	const expected = new Map(orders.map((o) => [orderReference(fx, 'pack', o.id), linesPerOrder]));
	const ids = orders.map((o) => String(o.id));
	const recordsBefore = await recordCount(fx);
	const pid = mainPid(bench);
	const rssBeforeMb = rssMb(pid);
	let rssPeakMb = rssBeforeMb;
	const since = fx.lastSeq();
	progress(`benchmark: backfill ${spec.label}: ${spec.orders} orders in the store, activating`);
	await setActive(bench, workflow, true);
	let state = await postedState(fx, expected);
	const timeoutMs = (spec.orders / 50 + 4) * 60_000;
	let done = false;
	try {
		done = await until(
			async () => {
				state = await postedState(fx, expected);
				rssPeakMb = Math.max(rssPeakMb ?? 0, rssMb(pid) ?? 0);
				return state.complete.size === spec.orders && ids.every((id) => state.paid.has(id));
			},
			timeoutMs,
			// Reading every F&O record the run wrote is the check: less often for a long backlog.
			spec.orders > 1_000 ? 10_000 : 2_000,
		);
	} finally {
		await setActive(bench, workflow, false);
	}
	await until(async () => !(await executionsRunning(bench)), 60_000);
	const rssAfterMb = rssMb(pid);
	const bc = fx.requests('bigcommerce', since);
	const fo = fx.requests('d365', since);
	const start = bc.length ? Date.parse(bc[0].at) - bc[0].durationMs : Date.now();
	const toSalesOrders =
		(lastAt(
			fo,
			(e) => e.route.includes('SalesOrderLines') || !!e.body?.includes('SalesOrderLines'),
		) -
			start) /
		1000;
	const toPayments =
		(lastAt(
			fo,
			(e) =>
				e.route.includes('CustomerPaymentJournalLines') ||
				!!e.body?.includes('CustomerPaymentJournalLines'),
		) -
			start) /
		1000;
	const n = spec.orders;
	const bcPerOrder = bc.length / n;
	const foRecordsPerOrder = ((await recordCount(fx)) - recordsBefore) / n;
	const bcBound = (spec.quota * 60_000) / BIGCOMMERCE_WINDOW_MS / bcPerOrder;
	const foBound = (PARALLEL_ITEMS * 60_000) / Math.max(1, foRecordsPerOrder * spec.lineLatencyMs);
	const bound = Math.min(bcBound, foBound);
	const perMinute = (seconds: number) => (seconds > 0 ? (n * 60) / seconds : 0);
	const run: BackfillRun = {
		label: spec.label,
		tuned: !!spec.tuned,
		quota: spec.quota,
		lineLatencyMs: spec.lineLatencyMs,
		orders: n,
		linesPerOrder,
		posted: state.complete.size,
		paid: ids.filter((id) => state.paid.has(id)).length,
		timedOut: !done,
		secondsToSalesOrders: round(toSalesOrders, 1),
		secondsToPayments: round(toPayments, 1),
		ordersPerMinuteToSalesOrders: round(perMinute(toSalesOrders), 1),
		ordersPerMinuteToPayments: round(perMinute(toPayments), 1),
		bigcommerceCalls: bc.length,
		bigcommerceCallsPerOrder: round(bcPerOrder),
		bigcommerce429: bc.filter((e) => e.status === 429).length,
		foCalls: fo.length,
		foCallsPerOrder: round(fo.length / n),
		fo429: fo.filter((e) => e.status === 429).length,
		foRecordsPerOrder: round(foRecordsPerOrder),
		bigcommerceBoundPerMinute: round(bcBound, 1),
		foBoundPerMinute: round(foBound, 1),
		bound: foBound < bcBound ? 'F&O' : 'BigCommerce',
		fractionToSalesOrders: round(perMinute(toSalesOrders) / bound),
		fractionToPayments: round(perMinute(toPayments) / bound),
		rssBeforeMb,
		rssAfterMb,
		rssPeakMb,
	};
	progress(
		`benchmark: backfill ${spec.label}: ${run.posted}/${n} posted, ${run.paid} paid in ${run.secondsToPayments} s; ` +
			`${run.ordersPerMinuteToSalesOrders} orders/min to the sales orders = ${run.fractionToSalesOrders} of the ${run.bound} bound`,
	);
	return run;
}
