/**
 * The benchmark's orders and what it reads back: store orders created through the sandbox's admin
 * API (simple products only, so the baseline's one lookup per line finds each item as the pack's
 * batched lookup does), whether each reached F&O (header with all its product lines, payment line),
 * and the API calls the sandbox logged in a window, per service. Everything is read from the
 * sandbox (F&O's records, the request log), never from the benchmark's own bookkeeping.
 */
import type { IDataObject } from 'n8n-workflow';

import { CATALOG } from '../test/sandbox/catalog';
import type { LoggedRequest } from '../test/sandbox/common/requestLog';
import type { SandboxFixture } from '../test/support/sandboxFixture';
import { sleep } from '../test/e2e/support/lock';
import type { Flow } from './harness';

const SIMPLE_SKUS = CATALOG.filter((p) => p.mappedInFo && !p.variants?.length).map((p) => p.sku);

export interface OrderSpec {
	lines: number;
	/** A registered buyer (seeded customers 1–6), or a guest's e-mail (its own F&O customer). */
	buyer: { customerId: number } | { guestEmail: string };
	/** BigCommerce status (default 11, Awaiting Fulfillment). */
	statusId?: number;
	/** Capture the payment silently (no webhook, date_modified kept). */
	capture?: boolean;
	/** ISO date for date_created = date_modified (the backfill's orders are older than a minute). */
	dateCreated?: string;
}

export async function createStoreOrder(fx: SandboxFixture, spec: OrderSpec): Promise<IDataObject> {
	const buyer =
		'customerId' in spec.buyer
			? { customer_id: spec.buyer.customerId }
			: { guest: { first_name: 'Bench', last_name: 'Buyer', email: spec.buyer.guestEmail } };
	const order = (await fx.admin('POST', '/bigcommerce/orders', {
		...buyer,
		lines: Array.from({ length: spec.lines }, (_, i) => ({
			sku: SIMPLE_SKUS[i % SIMPLE_SKUS.length],
			quantity: 1 + (i % 3),
		})),
		...(spec.dateCreated ? { date_created: spec.dateCreated } : {}),
		...(spec.statusId ? { status_id: spec.statusId } : {}),
	})) as IDataObject;
	if (spec.capture)
		await fx.admin('POST', `/bigcommerce/orders/${String(order.id)}/transactions`, {
			event: 'capture',
			emit: false,
			...(spec.dateCreated ? { date: spec.dateCreated } : {}),
		});
	return order;
}

/** The reference each flow writes into CustomersOrderReference. */
export function orderReference(fx: SandboxFixture, flow: Flow, orderId: unknown): string {
	return flow === 'pack'
		? `BC-${String(fx.bigCommerceCredentials.storeHash)}-${String(orderId)}`
		: `BCBASE-${String(orderId)}`;
}

export interface PostedState {
	/** Sales order number by reference, for headers that hold at least the expected lines. */
	complete: Map<string, string>;
	/** BigCommerce order ids with a payment journal line. */
	paid: Set<string>;
}

/** Which of the references are in F&O with all their product lines, and which orders are paid. */
export async function postedState(
	fx: SandboxFixture,
	expectedLines: Map<string, number>,
): Promise<PostedState> {
	const headers = await fx.records('SalesOrderHeadersV2', 'usmf');
	const lines = await fx.records('SalesOrderLines', 'usmf');
	const payments = await fx.records('CustomerPaymentJournalLines', 'usmf');
	const linesBySo = new Map<string, number>();
	for (const l of lines) {
		const so = String(l.SalesOrderNumber);
		linesBySo.set(so, (linesBySo.get(so) ?? 0) + 1);
	}
	const complete = new Map<string, string>();
	for (const h of headers) {
		const ref = String(h.CustomersOrderReference);
		const expected = expectedLines.get(ref);
		const so = String(h.SalesOrderNumber);
		if (expected !== undefined && (linesBySo.get(so) ?? 0) >= expected) complete.set(ref, so);
	}
	const paid = new Set<string>();
	for (const p of payments) {
		const id = /^BC-(\d+)-T/.exec(String(p.PaymentReference))?.[1];
		if (id) paid.add(id);
	}
	return { complete, paid };
}

export interface CallCounts {
	bigcommerce: number;
	fo: number;
	entra: number;
	bigcommerce429: number;
	fo429: number;
}

/** API calls the sandbox logged after `sinceSeq` (admin calls are not logged as services). */
export function callsSince(fx: SandboxFixture, sinceSeq: number): CallCounts {
	const of = (service: 'bigcommerce' | 'd365' | 'entra') => fx.requests(service, sinceSeq);
	const throttled = (entries: LoggedRequest[]) => entries.filter((e) => e.status === 429).length;
	const bigcommerce = of('bigcommerce');
	const fo = of('d365');
	return {
		bigcommerce: bigcommerce.length,
		fo: fo.length,
		entra: of('entra').length,
		bigcommerce429: throttled(bigcommerce),
		fo429: throttled(fo),
	};
}

/** When the last successful F&O write whose body names one of the strings was answered (ms). */
export function lastWriteAt(
	entries: LoggedRequest[],
	names: (body: string) => boolean,
): number | undefined {
	let last: number | undefined;
	for (const e of entries) {
		if (e.method === 'GET' || e.status >= 300 || e.status === 0 || !e.body || !names(e.body))
			continue;
		const at = Date.parse(e.at);
		if (last === undefined || at > last) last = at;
	}
	return last;
}

/** Polls until `done` is true or the time is up; false when it timed out. */
export async function until(
	done: () => Promise<boolean>,
	timeoutMs: number,
	everyMs = 1000,
): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await done()) return true;
		await sleep(everyMs);
	}
	return false;
}
