/**
 * What the reliability scenarios measure, in one place: store orders created through the sandbox's
 * admin API, whether each reached F&O once (header with all its lines, payment line) or failed
 * visibly (a failed execution naming it), waiting until the run has settled, and why a lost order
 * was lost (executions holding it, the poll trigger's log lines). Counting reads F&O's records and
 * n8n's executions only, never the suite's own bookkeeping.
 */
import { readFileSync } from 'node:fs';

import type { IDataObject } from 'n8n-workflow';

import { MAPPED_SKUS } from '../../support/salesOrderParameters';
import { sleep } from '../support/lock';
import { progress } from '../support/log';
import { run } from '../support/proc';
import type { Target } from './report';
import { ARRIVAL_PACE_MS, executionsOf, SIZE, suite } from './suite';

const seenFailures = new Map<string, string>();

/** Order ids named by a failed execution ("… failed for order <id>: …") of any workflow. */
export async function visibleFailures(): Promise<{ byOrder: Map<number, string>; failed: number }> {
	const byOrder = new Map<number, string>();
	let failed = 0;
	for (const wf of Object.values(suite.workflows)) {
		for (const e of await executionsOf(wf)) {
			if (e.status === 'success' || e.status === 'running' || e.status === 'new') continue;
			failed++;
			const id = String(e.id);
			if (!seenFailures.has(id)) {
				const full = await suite.n8n.api('GET', `/executions/${id}?includeData=true`);
				const error = full.body?.data?.resultData?.error as IDataObject | undefined;
				seenFailures.set(id, String(error?.message ?? JSON.stringify(error ?? full.body)));
			}
			const text = seenFailures.get(id) as string;
			for (const m of text.matchAll(/failed for (?:order |[^:;"]*?\b)(\d+)\b/g))
				if (!byOrder.has(Number(m[1]))) byOrder.set(Number(m[1]), text.slice(0, 300));
		}
	}
	return { byOrder, failed };
}

export interface Counts {
	orders: number;
	posted: number;
	paid: number;
	lost: number;
	lostIds: number[];
	duplicatedSalesOrders: number;
	duplicatedPaymentLines: number;
	failedVisible: number;
	halfPosted: number;
	failedExecutions: number;
}

const reference = (o: IDataObject) =>
	`BC-${String(suite.fx.bigCommerceCredentials.storeHash)}-${o.id}`;

/** Whether each order is in F&O (header with all its product lines, payment line), and the rest. */
export async function counts(orders: IDataObject[], expectPayment = true): Promise<Counts> {
	const { fx } = suite;
	const headers = await fx.records('SalesOrderHeadersV2', 'usmf');
	const lines = await fx.records('SalesOrderLines', 'usmf');
	const payments = await fx.records('CustomerPaymentJournalLines', 'usmf');
	const linesBySo = new Map<string, number>();
	for (const l of lines)
		linesBySo.set(String(l.SalesOrderNumber), (linesBySo.get(String(l.SalesOrderNumber)) ?? 0) + 1);
	const headersByRef = new Map<string, IDataObject[]>();
	for (const h of headers) {
		const key = String(h.CustomersOrderReference);
		headersByRef.set(key, [...(headersByRef.get(key) ?? []), h]);
	}
	const paymentsByOrder = new Map<string, Map<string, number>>();
	for (const p of payments) {
		const id = /^BC-(\d+)-T/.exec(String(p.PaymentReference))?.[1];
		if (!id) continue;
		const refs = paymentsByOrder.get(id) ?? new Map<string, number>();
		refs.set(String(p.PaymentReference), (refs.get(String(p.PaymentReference)) ?? 0) + 1);
		paymentsByOrder.set(id, refs);
	}
	const { byOrder, failed } = await visibleFailures();
	const c: Counts = {
		orders: orders.length,
		posted: 0,
		paid: 0,
		lost: 0,
		lostIds: [],
		duplicatedSalesOrders: 0,
		duplicatedPaymentLines: 0,
		failedVisible: 0,
		halfPosted: 0,
		failedExecutions: failed,
	};
	for (const o of orders) {
		const hs = headersByRef.get(reference(o)) ?? [];
		const productLines = Number(
			o.items_total ?? (o.products as unknown[] | undefined)?.length ?? 1,
		);
		const complete = hs.some(
			(h) => (linesBySo.get(String(h.SalesOrderNumber)) ?? 0) >= productLines,
		);
		c.halfPosted += hs.filter(
			(h) => (linesBySo.get(String(h.SalesOrderNumber)) ?? 0) < productLines,
		).length;
		if (hs.length > 1) c.duplicatedSalesOrders += hs.length - 1;
		const refs = paymentsByOrder.get(String(o.id));
		for (const n of refs?.values() ?? []) if (n > 1) c.duplicatedPaymentLines += n - 1;
		const paid = !expectPayment || (refs?.size ?? 0) > 0;
		if (complete) c.posted++;
		if (paid && expectPayment) c.paid++;
		if (complete && paid) continue;
		if (byOrder.has(Number(o.id))) c.failedVisible++;
		else {
			c.lost++;
			c.lostIds.push(Number(o.id));
		}
	}
	return c;
}

/**
 * Orders of two lines each, captured, registered and guest buyers in turn, `pace` ms apart (the
 * suite's steady arrival rate).
 */
export async function createOrders(
	count: number,
	tag: string,
	pace = ARRIVAL_PACE_MS,
): Promise<IDataObject[]> {
	const orders: IDataObject[] = [];
	for (let i = 0; i < count; i++) {
		const buyer =
			i % 4 === 3
				? {
						guest: {
							first_name: 'Guest',
							last_name: `${tag}${i % 5}`,
							email: `g${i % 5}.${tag}@example.org`,
						},
					}
				: { customer_id: 1 + (i % 6) };
		const order = await suite.fx.admin('POST', '/bigcommerce/orders', {
			...buyer,
			lines: [
				{ sku: MAPPED_SKUS[i % MAPPED_SKUS.length] },
				{ sku: MAPPED_SKUS[(i + 3) % MAPPED_SKUS.length], quantity: 1 + (i % 3) },
			],
		});
		await suite.fx.admin('POST', `/bigcommerce/orders/${order.id}/transactions`, {
			event: 'capture',
		});
		orders.push({ ...order, items_total: 2 });
		if (pace) await sleep(pace);
	}
	suite.allOrders.push(...orders);
	return orders;
}

/**
 * Waits until every order is posted and paid, or nothing has moved for 75 s (no execution running,
 * the store's deliveries and retries done, the same counts): seconds taken, "until the backlog
 * cleared". A visible failure does not end the wait: a later delivery of the order (another of
 * its hooks, or the store's retry of an unanswered one) or the backfill may still post it (after
 * F&O's outage an earlier cut here ended 6 s after F&O returned with 6 of 20 orders
 * failed-and-visible, one of which a later execution posted).
 */
export async function settle(
	orders: IDataObject[],
	what: string,
	expectPayment = true,
): Promise<number> {
	const started = Date.now();
	let last = '';
	let stableSince = Date.now();
	while (Date.now() - started < SIZE.settleMs) {
		const c = await counts(orders, expectPayment);
		if (c.posted === orders.length && (!expectPayment || c.paid === orders.length)) break;
		const running = (await suite.n8n.api('GET', '/executions?status=running&limit=1')).body?.data;
		const busy = Array.isArray(running) && running.length > 0;
		const deliveries = (await suite.fx.admin('GET', '/bigcommerce/deliveries')) as IDataObject;
		const now = JSON.stringify([c.posted, c.paid, c.failedExecutions]);
		if (now !== last || busy || !deliveries.idle) stableSince = Date.now();
		last = now;
		// Backfill polls every minute: nothing moved for 75 s (longer than a poll interval) means settled.
		if (Date.now() - stableSince > 75_000) break;
		await sleep(3_000);
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	progress(`reliability: ${what} settled after ${seconds} s`);
	return seconds;
}

/** Statuses of the executions whose data holds the order (the trigger's output), for a lost order. */
export async function executionsHolding(orderId: number): Promise<string> {
	const db = suite.n8n.database as { name: string; host: string; port: number; user: string };
	const sql =
		'SELECT e."workflowId" || \':\' || e.status FROM execution_entity e JOIN execution_data d ' +
		`ON d."executionId" = e.id WHERE d.data LIKE '%{"id":${orderId},"customer_id"%' ORDER BY e.id`;
	const result = await run(
		'psql',
		['-h', db.host, '-p', String(db.port), '-U', db.user, '-d', db.name, '-At', '-c', sql],
		{ timeoutMs: 60_000 },
	);
	const rows = result.output.split('\n').filter(Boolean);
	const tally: Record<string, number> = {};
	for (const row of rows) tally[row] = (tally[row] ?? 0) + 1;
	return (
		Object.entries(tally)
			.map(([k, n]) => `${n}× ${k}`)
			.join(', ') || 'no execution holds it'
	);
}

/** What n8n's logs say about the poll trigger (errors, deactivation), the last few lines. */
export function pollLogLines(): string[] {
	const lines: string[] = [];
	for (const [name, file] of Object.entries(suite.n8n.logFiles)) {
		let text = '';
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n'))
			if (/poll|BigCommerce Poll|backfill/i.test(line))
				lines.push(`${name}: ${line.slice(0, 240)}`);
	}
	return lines.slice(-8);
}

export function countsFigures(c: Counts): Array<[string, string | number]> {
	return [
		['BigCommerce orders', c.orders],
		['in F&O (header and all lines)', c.posted],
		['payment line in F&O', c.paid],
		['not in F&O, with a failed execution naming the order (failed-and-visible)', c.failedVisible],
		['lost (not in F&O, no failed execution naming it)', c.lost],
		['lost order ids', c.lostIds.join(', ') || 'none'],
		['duplicated sales orders (extra headers per BigCommerce reference)', c.duplicatedSalesOrders],
		['duplicated payment lines (extra lines per payment reference)', c.duplicatedPaymentLines],
		['sales order headers without all their lines', c.halfPosted],
		['failed executions (all workflows, whole run so far)', c.failedExecutions],
	];
}

/** The asserted targets of a count: 0 lost, 0 duplicated, 0 half-posted. */
export function countTargets(c: Counts): Target[] {
	return [
		{ what: 'lost', value: c.lost, target: 0 },
		{ what: 'duplicated sales orders', value: c.duplicatedSalesOrders, target: 0 },
		{ what: 'duplicated payment lines', value: c.duplicatedPaymentLines, target: 0 },
		{ what: 'half-posted sales orders', value: c.halfPosted, target: 0 },
	];
}
