/**
 * `npm run benchmark` (scripts/benchmark.js builds first): the figures a merchant can plan with,
 * measured in one run against the sandbox set to realistic behaviour (./realistic.ts) and a real
 * n8n 2.x with the packed pack, written to BENCHMARKS.md and bench/results/latest.json (./report.ts).
 * Order: the pack's own overhead in this process; then one n8n in regular mode for the backfill
 * runs (first, while the store holds no recent orders the poll would also read), calls per order
 * (pack beside the HTTP Request baseline) and latency; then n8n in queue mode with 2 workers and 1.
 * A part that fails is named under "Not run" with its error and the rest still runs.
 * `--full`: a 10,000-order backlog through the poll raised to 1000 a poll, for the memory figure
 * and the backfill's steady pace over many polls (~40 minutes more).
 * `--only=overhead,backfill,calls,latency,returns,queue` runs a subset (for trying one part);
 * `--quick` a few orders per part; `--rerender` writes BENCHMARKS.md again from the last run's
 * bench/results/latest.json without measuring (after a change to the report's wording only).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startSandboxFixture, type SandboxFixture } from '../test/support/sandboxFixture';
import { REPO_ROOT } from '../test/e2e/support/hosts';
import { progress } from '../test/e2e/support/log';
import { measureCallsPerOrder } from './apiCalls';
import { PARALLEL_ITEMS, runBackfill, type BackfillSpec } from './backfill';
import { startBenchN8n, TUNED_MAX_PER_POLL, type BenchN8n } from './harness';
import { measureLatency } from './latency';
import { measureOverhead } from './overhead';
import { measureFulfilment, measureStock } from './returnFlows';
import { BIGCOMMERCE_QUOTAS, behaviourLines, FAST_LINE_MS, SCALED_LINE_MS } from './realistic';
import { writeReport, type BenchResults } from './report';

const ARGS = process.argv.slice(2);
const FULL = ARGS.includes('--full');
/** `--quick`: a few orders per part, to try the whole run in minutes (its report says so). */
const QUICK = ARGS.includes('--quick');
const only = ARGS.find((a) => a.startsWith('--only='))
	?.slice('--only='.length)
	.split(',');
const wanted = (part: string) => !only || only.includes(part);

/** The sizes of one run; the reduced backfill is what the shipped poll posts in a few minutes. */
const SIZE = {
	overhead: { lines: 50, iterations: 2000, heapOrders: 5000 },
	backfillOrders: QUICK ? 30 : 250,
	foBoundOrders: QUICK ? 20 : 100,
	tunedOrders: QUICK ? 30 : 300,
	memoryOrders: FULL ? 10_000 : 0,
	callLineCounts: QUICK ? [1, 50] : [1, 5, 50, 200],
	callOrdersPerCount: QUICK ? 1 : 2,
	packingSlips: QUICK ? 10 : 50,
	stockItems: 2000,
	latency: {
		orders: QUICK ? 20 : 200,
		ratePerSecond: 2,
		lines: 5,
		lineLatencyMs: SCALED_LINE_MS,
	},
};

async function part(results: BenchResults, name: string, run: () => Promise<void>) {
	try {
		await run();
	} catch (error) {
		progress(`benchmark: ${name} failed: ${(error as Error).stack ?? String(error)}`);
		results.notRun.push(`${name}: failed in this run: ${(error as Error).message}`);
	}
}

async function regularMode(fx: SandboxFixture, results: BenchResults): Promise<void> {
	const bench = await startBenchN8n(fx);
	results.n8nVersion = bench.n8n.host.version;
	try {
		if (wanted('backfill')) {
			results.backfill = [];
			const runs: BackfillSpec[] = [
				{
					label: 'quota 150',
					quota: BIGCOMMERCE_QUOTAS.standard,
					lineLatencyMs: FAST_LINE_MS,
					orders: SIZE.backfillOrders,
				},
				{
					label: 'quota 450',
					quota: BIGCOMMERCE_QUOTAS.pro,
					lineLatencyMs: FAST_LINE_MS,
					orders: SIZE.backfillOrders,
				},
				{
					label: 'F&O-bound (quota 150)',
					quota: BIGCOMMERCE_QUOTAS.standard,
					lineLatencyMs: SCALED_LINE_MS,
					orders: SIZE.foBoundOrders,
				},
				{
					label: `quota 150, Max Records Per Poll ${TUNED_MAX_PER_POLL}`,
					quota: BIGCOMMERCE_QUOTAS.standard,
					lineLatencyMs: FAST_LINE_MS,
					orders: SIZE.tunedOrders,
					tuned: true,
				},
				// The long run: many polls, so the figure is the backlog's steady pace and not one
				// poll's wait for the next minute; n8n's RSS across it is the memory figure.
				...(SIZE.memoryOrders
					? [
							{
								label: `backlog of ${SIZE.memoryOrders} orders, quota 150, Max Records Per Poll ${TUNED_MAX_PER_POLL}`,
								quota: BIGCOMMERCE_QUOTAS.standard,
								lineLatencyMs: FAST_LINE_MS,
								orders: SIZE.memoryOrders,
								tuned: true,
							},
						]
					: []),
			];
			for (const spec of runs)
				await part(results, `backfill ${spec.label}`, async () => {
					results.backfill?.push(await runBackfill(bench, fx, spec));
				});
		}
		if (wanted('calls'))
			await part(results, 'API calls per order', async () => {
				results.callsPerOrder = await measureCallsPerOrder(
					bench,
					fx,
					SIZE.callLineCounts,
					SIZE.callOrdersPerCount,
				);
			});
		if (wanted('latency'))
			await part(results, 'latency, regular mode', async () => {
				results.latency = [
					...(results.latency ?? []),
					await measureLatency(bench, fx, SIZE.latency),
				];
			});
		if (wanted('returns')) {
			results.returnFlows = [];
			await part(results, 'fulfilment-sync', async () => {
				results.returnFlows?.push(await measureFulfilment(bench, fx, SIZE.packingSlips));
			});
			await part(results, 'stock-sync', async () => {
				results.returnFlows?.push(await measureStock(bench, fx, SIZE.stockItems));
			});
		}
	} finally {
		await bench.stop();
	}
}

async function queueMode(fx: SandboxFixture, results: BenchResults): Promise<void> {
	let bench: BenchN8n | undefined;
	try {
		bench = await startBenchN8n(fx, { queueWorkers: 2 });
		const queued = bench;
		await part(results, 'latency, queue mode 2 workers', async () => {
			results.latency = [
				...(results.latency ?? []),
				await measureLatency(queued, fx, SIZE.latency),
			];
		});
		await queued.n8n.workers[1].kill();
		queued.mode = queued.mode.replace('2 workers', '1 worker');
		await part(results, 'latency, queue mode 1 worker', async () => {
			results.latency = [
				...(results.latency ?? []),
				await measureLatency(queued, fx, SIZE.latency),
			];
		});
	} finally {
		await bench?.stop();
	}
}

async function main(): Promise<void> {
	if (ARGS.includes('--rerender')) {
		writeReport(
			JSON.parse(readFileSync(join(REPO_ROOT, 'bench', 'results', 'latest.json'), 'utf8')),
		);
		progress('benchmark: BENCHMARKS.md written again from bench/results/latest.json');
		return;
	}
	const results: BenchResults = {
		startedAt: new Date().toISOString(),
		finishedAt: '',
		command: ARGS.length ? `npm run benchmark -- ${ARGS.join(' ')}` : 'npm run benchmark',
		size: FULL ? 'full' : QUICK ? 'quick' : 'reduced',
		setup: [
			...behaviourLines(),
			`F&O node Parallel Items ${PARALLEL_ITEMS} (shipped default); workflows as shipped (regular mode: posting lock In This Process; queue mode: Redis)`,
		],
		notRun: [],
	};
	if (!FULL)
		results.notRun.push(
			`The 10,000-order backlog for the memory target and the backfill's steady pace over many polls (\`npm run benchmark -- --full\`, Max Records Per Poll ${TUNED_MAX_PER_POLL} at the 150 quota: ~40 minutes more), beyond this run's 30-minute budget; the RSS delta under Memory is across the ${SIZE.backfillOrders * 2 + SIZE.tunedOrders + SIZE.foBoundOrders} orders of the backfill runs.`,
		);
	if (only) results.notRun.push(`Only the parts ${only.join(', ')} were asked for (--only).`);
	// The log is where every count comes from: it keeps the whole run (a full run logs ~100,000).
	const fx = await startSandboxFixture({ logLimit: 250_000 });
	// Interrupted (Ctrl-C, a deadline): the report still says what was measured so far.
	for (const signal of ['SIGINT', 'SIGTERM'] as const)
		process.once(signal, () => {
			results.notRun.push(
				`The run was interrupted (${signal}) before it ended: what follows it is missing.`,
			);
			results.finishedAt = new Date().toISOString();
			writeReport(results);
			process.exit(130);
		});
	try {
		if (wanted('overhead'))
			await part(results, 'pack overhead', async () => {
				results.overhead = await measureOverhead(fx, SIZE.overhead);
				progress(
					`benchmark: pack overhead ${results.overhead.totalMs} ms per ${SIZE.overhead.lines}-line order`,
				);
			});
		if (['backfill', 'calls', 'latency', 'returns'].some(wanted))
			await part(results, 'regular-mode n8n', () => regularMode(fx, results));
		if (wanted('queue')) await part(results, 'queue-mode n8n', () => queueMode(fx, results));
	} finally {
		results.finishedAt = new Date().toISOString();
		writeReport(results);
		progress('benchmark: BENCHMARKS.md and bench/results/latest.json written');
		await fx.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
