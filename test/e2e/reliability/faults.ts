/**
 * Orders under injected faults (issue 16 item 5, first bullet): batches of orders with duplicate
 * and out-of-order deliveries while both APIs fail about one request in ten (standing 5xx rates,
 * and pumped in turn: 429 with and without rate-limit headers, dropped connections, F&O writes that
 * commit and then lose their answer), F&O slow per line. The backfill is on, as shipped, so what
 * the webhooks miss it must catch. Counts: lost, duplicated, half-posted, failed-and-visible.
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
	pollLogLines,
	settle,
} from './orders';
import type { Section } from './report';
import {
	activate,
	ARRIVAL_PACE_MS,
	executionsOf,
	SCALED_SALES_ORDER_WAIT_S,
	SIZE,
	suite,
} from './suite';

type Service = 'bigcommerce' | 'd365';

/** The pumped kinds, one armed in turn for roughly every 14th request. */
const KINDS: Array<[Service, FaultRule, string]> = [
	['bigcommerce', { route: 'v2.orders', throttle: 1 }, 'BigCommerce 429 with headers'],
	[
		'bigcommerce',
		{ route: 'v2.orders', throttle: 1, throttleWithoutHeaders: true },
		'BigCommerce 429 without headers',
	],
	['bigcommerce', { route: 'v2.orders', drop: 1 }, 'BigCommerce dropped connection'],
	['d365', { route: 'odata', throttle: 1, retryAfterSeconds: 1 }, 'F&O 429 (Retry-After 1 s)'],
	['d365', { route: 'odata', drop: 1 }, 'F&O dropped connection'],
	[
		'd365',
		{ route: 'odata.batch', method: 'POST', timeoutAfterCommit: 1 },
		'F&O changeset committed, answer lost',
	],
	[
		'd365',
		{ route: 'odata', method: 'POST', timeoutAfterCommit: 1 },
		'F&O write committed, answer lost',
	],
];

/** A one-shot rule of the same kind on the same route that has not hit a request yet. */
function sameKindUnspent(armed: FaultRule, kind: FaultRule): boolean {
	if (armed.route !== kind.route || armed.method !== kind.method) return false;
	if (kind.throttle) return (armed.throttle ?? 0) > 0;
	if (kind.drop) return (armed.drop ?? 0) > 0;
	return (armed.timeoutAfterCommit ?? 0) > 0 && Boolean(kind.timeoutAfterCommit);
}

/** Arms faults while the scenario runs; tallies what armed and what hit a request. */
function faultPump() {
	const { fx } = suite;
	const faults = fx.sandbox.faults;
	const standing: Record<Service, FaultRule[]> = {
		bigcommerce: [
			{ route: 'v2.orders', errorRate: 0.02, errorStatus: 500 },
			{ route: 'v3.transactions', errorRate: 0.02, errorStatus: 503 },
		],
		d365: [{ route: 'odata', errorRate: 0.03, errorStatus: 503 }],
	};
	for (const [service, rules] of Object.entries(standing))
		for (const r of rules) faults[service].add(r);
	const injected: Record<string, number> = {};
	const pumped: Record<string, number> = {};
	let seq = fx.lastSeq();
	let pumping = true;
	let tick = 0;
	const loop = (async () => {
		while (pumping) {
			await sleep(1000);
			const fresh = [...fx.requests('bigcommerce', seq), ...fx.requests('d365', seq)];
			seq = Math.max(seq, ...fresh.map((r) => r.seq));
			for (const r of fresh) {
				if (!r.fault) continue;
				const key = `${r.service} ${r.fault}${r.fault === 'error' ? ` ${r.status}` : ''}`;
				injected[key] = (injected[key] ?? 0) + 1;
			}
			const due = Math.round(fresh.length * 0.07);
			for (let k = 0; k < due; k++) {
				const [service, rule, label] = KINDS[tick++ % KINDS.length];
				// One armed and unspent per kind: faults armed while traffic is low must not pile up
				// and then hit one request's every retry (a burst, not one request in ten).
				if (faults[service].list().some((r) => sameKindUnspent(r, rule))) continue;
				faults[service].add(rule);
				pumped[label] = (pumped[label] ?? 0) + 1;
			}
		}
	})();
	return {
		injected,
		pumped,
		async stop() {
			pumping = false;
			await loop;
			for (const service of ['bigcommerce', 'd365']) faults[service].clear();
		},
	};
}

export async function ordersUnderFaults(): Promise<Section> {
	const { fx } = suite;
	await activate(suite.workflows.backfill, true);
	const pump = faultPump();
	const started = Date.now();
	const orders: IDataObject[] = [];
	const batch = 10;
	for (let b = 0; b * batch < SIZE.orders; b++) {
		// Every other batch is delivered twice; every third is held and released shuffled.
		await fx.admin('PUT', '/bigcommerce/switches', {
			duplicateDeliveries: b % 2,
			holdDeliveries: b % 3 === 0,
		});
		orders.push(...(await createOrders(Math.min(batch, SIZE.orders - b * batch), `f${b}`)));
		if (b % 3 === 0) await fx.admin('POST', '/bigcommerce/deliveries/release?order=shuffle');
	}
	await fx.admin('PUT', '/bigcommerce/switches', { duplicateDeliveries: 0, holdDeliveries: false });
	const settled = await settle(orders, 'faults');
	await pump.stop();
	const c = await counts(orders);
	const deliveries = ((await fx.admin('GET', '/bigcommerce/deliveries')) as IDataObject)
		.deliveries as IDataObject[];
	const lostNotes: string[] = [];
	for (const id of c.lostIds) lostNotes.push(`lost order ${id}: ${await executionsHolding(id)}`);
	const backfillRuns = (await executionsOf(suite.workflows.backfill)).length;
	return {
		title: `${SIZE.orders} orders under injected faults`,
		notes: [
			`backfill executions so far: ${backfillRuns}`,
			...(c.lost ? pollLogLines() : []),
			...(await deliveryDiagnosis(fx, c.lostIds)),
			...lostNotes,
		],
		setup:
			`${SIZE.orders} orders (2 lines and a capture each, registered and guest buyers) arriving ` +
			`${1000 / ARRIVAL_PACE_MS} a second, in batches of ${batch}: every other batch delivered twice (duplicateDeliveries), every third held and released ` +
			'shuffled (out of order). Faults on both APIs for about one request in ten: standing 5xx rates ' +
			'(BigCommerce 2 %, F&O 3 %) and, pumped in turn (at most one armed and unspent per kind), 429 with and ' +
			'without rate-limit headers, dropped ' +
			`connections, F&O writes that commit and then lose their answer; F&O spends ${SIZE.lineMs} ms per ` +
			'record written (slow lines, scaled); its write timeout and lost-answer settle window are scaled to ' +
			`1 min and 30 s (shipped: 15 min each), Wait for Sales Order to ${SCALED_SALES_ORDER_WAIT_S} s (shipped: 120 s). ` +
			'Backfill as shipped (polls every minute, leaves the last ' +
			"minute's changes to the webhooks). The store waits 10 s for an answer to a delivery and retries " +
			'60, 180 and 300 s later as BigCommerce does, then deactivates the hook (BigCommerce retries for 48 h).',
		figures: [
			...countsFigures(c),
			['webhook delivery attempts', deliveries.length],
			...Object.entries(pump.pumped).map(([k, v]) => [`faults armed: ${k}`, v] as [string, number]),
			...Object.entries(pump.injected).map(
				([k, v]) => [`faults that hit a request (sandbox log): ${k}`, v] as [string, number],
			),
			['seconds from the first order until settled', Math.round((Date.now() - started) / 1000)],
			['seconds settling after the last order', settled],
		],
		targets: countTargets(c),
	};
}
