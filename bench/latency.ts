/**
 * Webhook → F&O sales order latency: orders created in the store at a steady rate, each delivered
 * by the store's real webhook to order-sync's trigger, until its sales order is in F&O with all its
 * lines. An order's latency runs from its creation in the store to F&O's answer to the last write
 * naming its sales order (the lines' changeset), both read off the sandbox (admin call, request
 * log). Throughput is the orders posted per minute from the first posting to the last, so a mode
 * that cannot keep up with the arrival rate shows as throughput below it and a growing p95.
 */
import type { IDataObject } from 'n8n-workflow';

import type { SandboxFixture } from '../test/support/sandboxFixture';
import { sleep } from '../test/e2e/support/lock';
import { progress } from '../test/e2e/support/log';
import { activateOrderSync, executionsRunning, type BenchN8n } from './harness';
import { createStoreOrder, orderReference, postedState, until } from './orders';
import { applyBehaviour, BIGCOMMERCE_QUOTAS } from './realistic';

export interface LatencyRun {
	mode: string;
	orders: number;
	ratePerSecond: number;
	linesPerOrder: number;
	lineLatencyMs: number;
	posted: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
	throughputPerMinute: number;
	bigcommerce429: number;
	fo429: number;
}

/** Orders posted per minute between the first posting and the last (steady state, no ramp-up). */
function throughput(postedAt: number[]): number {
	if (postedAt.length < 2) return 0;
	const span = Math.max(...postedAt) - Math.min(...postedAt);
	return span > 0 ? Math.round(((postedAt.length - 1) * 60_000 * 10) / span) / 10 : 0;
}

const percentile = (sorted: number[], q: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;

export async function measureLatency(
	bench: BenchN8n,
	fx: SandboxFixture,
	spec: { orders: number; ratePerSecond: number; lines: number; lineLatencyMs: number },
): Promise<LatencyRun> {
	await applyBehaviour(fx, {
		quota: BIGCOMMERCE_QUOTAS.standard,
		lineLatencyMs: spec.lineLatencyMs,
	});
	await activateOrderSync(bench, fx);
	const since = fx.lastSeq();
	const created: Array<{ order: IDataObject; at: number }> = [];
	const started = Date.now();
	progress(`benchmark: latency (${bench.mode}): ${spec.orders} orders at ${spec.ratePerSecond}/s`);
	for (let i = 0; i < spec.orders; i++) {
		const due = started + (i * 1000) / spec.ratePerSecond;
		if (due > Date.now()) await sleep(due - Date.now());
		const at = Date.now();
		const order = await createStoreOrder(fx, {
			lines: spec.lines,
			buyer: { customerId: 1 + (i % 6) },
		});
		created.push({ order, at });
	}
	const expected = new Map(
		created.map(({ order }) => [orderReference(fx, 'pack', order.id), spec.lines]),
	);
	let state = await postedState(fx, expected);
	await until(
		async () => {
			state = await postedState(fx, expected);
			return state.complete.size === spec.orders;
		},
		10 * 60_000,
		2_000,
	);
	await until(async () => !(await executionsRunning(bench)), 60_000);
	const writes = fx
		.requests('d365', since)
		.filter((e) => e.method !== 'GET' && e.status >= 200 && e.status < 300 && e.body);
	const latencies: number[] = [];
	const postedAt: number[] = [];
	for (const { order, at } of created) {
		const so = state.complete.get(orderReference(fx, 'pack', order.id));
		if (!so) continue;
		const needle = `"${so}"`;
		let done = 0;
		for (const e of writes) if (e.body?.includes(needle)) done = Math.max(done, Date.parse(e.at));
		if (!done) continue;
		latencies.push(done - at);
		postedAt.push(done);
	}
	latencies.sort((a, b) => a - b);
	const run: LatencyRun = {
		mode: bench.mode,
		orders: spec.orders,
		ratePerSecond: spec.ratePerSecond,
		linesPerOrder: spec.lines,
		lineLatencyMs: spec.lineLatencyMs,
		posted: latencies.length,
		p50Ms: percentile(latencies, 0.5),
		p95Ms: percentile(latencies, 0.95),
		maxMs: latencies[latencies.length - 1] ?? 0,
		throughputPerMinute: throughput(postedAt),
		bigcommerce429: fx.requests('bigcommerce', since).filter((e) => e.status === 429).length,
		fo429: fx.requests('d365', since).filter((e) => e.status === 429).length,
	};
	progress(
		`benchmark: latency (${bench.mode}): ${run.posted}/${run.orders} posted, p50 ${run.p50Ms} ms, p95 ${run.p95Ms} ms, ${run.throughputPerMinute}/min`,
	);
	return run;
}
