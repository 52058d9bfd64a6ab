/**
 * Crash, outage and restart (issue 16 item 5, second bullet): three batches of orders, each
 * created while one disruption happens — a worker SIGKILLed and restarted, F&O answering 503 to
 * everything for two minutes, the suite's private Redis restarted — then the same counts as under
 * faults, per batch and for all three, and how long each backlog took to clear (measured only).
 */
import type { IDataObject } from 'n8n-workflow';

import type { FaultRule } from '../../sandbox/common/faults';
import { sleep } from '../support/lock';
import { deliveryDiagnosis } from './deliveryDiagnosis';
import {
	counts,
	countsFigures,
	countTargets,
	createOrders,
	executionsHolding,
	settle,
	type Counts,
} from './orders';
import type { Section } from './report';
import { ARRIVAL_PACE_MS, SIZE, suite } from './suite';

export async function crashOutageRestart(): Promise<Section> {
	const { fx, n8n, redis } = suite;
	const figures: Array<[string, string | number]> = [];
	const notes: string[] = [];
	const phases: Counts[] = [];
	const batches: IDataObject[][] = [];
	// A worker SIGKILLed while orders are being processed, restarted 10 s later.
	let orders = createOrders(SIZE.perDisruption, 'k');
	await sleep(2_000);
	await n8n.workers[0].kill();
	const killedAt = Date.now();
	await sleep(10_000);
	await n8n.workers[0].restart();
	figures.push([
		'worker-1: seconds from SIGKILL until it answered /healthz again',
		Math.round((Date.now() - killedAt) / 1000),
	]);
	let batch = await orders;
	batches.push(batch);
	figures.push([
		'worker kill: seconds until the backlog cleared (after restart)',
		await settle(batch, 'worker kill'),
	]);
	phases.push(await counts(batch));
	// F&O answers 503 to everything (token endpoint included) for two minutes.
	orders = createOrders(SIZE.perDisruption, 'u');
	const down: FaultRule = { route: '*', errorRate: 1, errorStatus: 503 };
	fx.sandbox.faults.d365.add(down);
	await sleep(SIZE.foDownMs);
	fx.sandbox.faults.d365.clear();
	batch = await orders;
	batches.push(batch);
	figures.push([
		`F&O unavailable ${SIZE.foDownMs / 1000} s: seconds until the backlog cleared (after F&O returned)`,
		await settle(batch, 'F&O outage'),
	]);
	phases.push(await counts(batch));
	// Redis restarted (the suite's own Redis; the machine's shared Redis is never touched).
	if (redis) {
		orders = createOrders(SIZE.perDisruption, 'r');
		await sleep(2_000);
		const offMs = await redis.restart();
		figures.push(['Redis: milliseconds unreachable during the restart', offMs]);
		batch = await orders;
		batches.push(batch);
		figures.push([
			'Redis restart: seconds until the backlog cleared',
			await settle(batch, 'Redis restart'),
		]);
		phases.push(await counts(batch));
		const dead = n8n.workers.filter((w) => !w.running).map((w) => w.name);
		figures.push([
			'n8n workers not running after the Redis restart',
			dead.length ? dead.join(', ') : 'none',
		]);
	} else
		notes.push(
			'Redis restart skipped: no redis-server on PATH for a private Redis (the shared one is never restarted).',
		);
	const total = await counts(batches.flat());
	const labels = ['worker kill', 'F&O unavailable', 'Redis restart'];
	phases.forEach((p, i) =>
		figures.push(
			[
				`${labels[i]}: orders / in F&O / failed-and-visible / lost`,
				`${p.orders} / ${p.posted} / ${p.failedVisible} / ${p.lost}`,
			],
			[
				`${labels[i]}: duplicated sales orders / payment lines`,
				`${p.duplicatedSalesOrders} / ${p.duplicatedPaymentLines}`,
			],
		),
	);
	const lostNotes: string[] = [];
	for (const id of total.lostIds)
		lostNotes.push(`lost order ${id}: ${await executionsHolding(id)}`);
	return {
		title: 'Crash, outage and restart',
		setup:
			`Three batches of ${SIZE.perDisruption} orders arriving ${1000 / ARRIVAL_PACE_MS} a second, each while one disruption happens: worker-1 ` +
			`SIGKILLed 2 s in and restarted 10 s later; F&O answering 503 to every request (token endpoint ` +
			`included) for ${SIZE.foDownMs / 1000} s; the suite's private Redis (append-only, password) stopped ` +
			'and started again. Counts per batch after it settled, then for all three.',
		figures: [...figures, ...countsFigures(total)],
		targets: countTargets(total),
		notes: [...notes, ...(await deliveryDiagnosis(fx, total.lostIds)), ...lostNotes],
	};
}
