/**
 * One poll of the backfill: the orders modified (or refunds created) past the cursor, oldest
 * first, built into the same items the webhook trigger emits. The HTTP core paces the calls within
 * the store's shared rate limit.
 *
 * A poll is bounded: at most `maxItems` records and, once `budgetMs` has passed, no further record
 * is started; the cursor stops after the last record looked at and the next poll goes on from
 * there. n8n runs a poll trigger's first poll inside the workflow's activation and gives up on an
 * activation that takes too long (n8n 2.41: "Workflow publication processing exceeded its deadline",
 * about 84 s; the poller is then never scheduled), and a 24-hour first look-back over a busy store
 * is hundreds of calls (one transactions call per order). Unbounded, the backfill that is to catch
 * lost webhooks would never run at all.
 *
 * A poll also leaves the most recent changes (`minAgeMs`) for a later poll: the webhooks are still
 * delivering them and their executions still posting, and a backfill that takes the same orders at
 * the same moment only queues behind those executions' posting locks (the reliability suite saw a
 * 100-order backfill execution spend minutes so). The cursor stops before the first such record.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { runItemPool } from '../../common/itemPool';
import { getOrder, listOrders, listRefundsSince, listTransactions } from '../api';
import type { FullOrder } from '../model';
import { advance, cursorSecond, dateMs, pastCursor, type Cursor } from './cursor';
import { INCOMPLETE_STATUS, statusSelected } from './events';
import type { EventMeta } from './items';

export type BackfillResource = 'orders' | 'refunds';

export interface BackfillOptions {
	statuses: ReadonlySet<number>;
	storeHash: string;
	/** Stop after this many items (a sample for manual runs); the cursor is then not for keeping. */
	limit?: number;
	/** At most this many records per poll (emitted or ruled out); the rest wait for the next poll. */
	maxItems?: number;
	/** No record is started once this many ms have passed since the poll began. */
	budgetMs?: number;
	/** Orders whose transactions are read at once (default POLL_BOUNDS.parallelReads). */
	parallelReads?: number;
	/** Records changed less than this many ms ago wait for a later poll (default 0: none wait). */
	minAgeMs?: number;
	/** The clock (tests). */
	now?: () => number;
}

/**
 * Records per poll and time per poll when the node does not say (see the file's comment; the poll
 * trigger's Max Records Per Poll defaults to the same 100). `laterBudgetMs`: a poll after the
 * first this process ran for the node runs on its own schedule, outside any activation deadline,
 * and (every minute as shipped, never two at once: ./pollSerial.ts) may read for longer; it
 * matters only when Max Records Per Poll is raised for a large backlog. `parallelReads`: one
 * transactions call after another at BigCommerce's 50–100 ms a request reads ~13 orders a second,
 * slower than a 450-a-window quota allows; a few at once let the store's quota, which the HTTP core
 * paces (../transport.ts), set the pace instead.
 */
export const POLL_BOUNDS = {
	maxItems: 100,
	budgetMs: 30_000,
	laterBudgetMs: 50_000,
	parallelReads: 4,
};

/**
 * How many records a poll lists: as many as it may look at, plus those at the cursor's second it
 * emitted already (listed again, then dropped). Without it a poll listed every page past the
 * cursor, a whole backlog held in memory, to take its first 100.
 */
function listLimit(cursor: Cursor, options: BackfillOptions): number {
	return (options.maxItems ?? POLL_BOUNDS.maxItems) + cursor.ids.length;
}

/**
 * The records a poll may take, oldest first: within its count bounds (Max Records Per Poll, a
 * manual run's sample) and before the first that is too recent. The time budget is applied as
 * they are read.
 */
function takeable<T extends { status_id?: unknown }>(
	fresh: Array<{ item: T; at: number; id: number }>,
	options: BackfillOptions,
): Array<{ item: T; at: number; id: number }> {
	const taken: Array<{ item: T; at: number; id: number }> = [];
	let emitted = 0;
	for (const record of fresh) {
		if (enough(options, taken.length, emitted) || tooRecent(options, record.at)) break;
		taken.push(record);
		if (statusSelected(options.statuses, record.item.status_id)) emitted++;
	}
	return taken;
}

/** Whether the poll has taken enough: `done` records looked at, `emitted` of them selected. */
function enough(options: BackfillOptions, done: number, emitted: number): boolean {
	if (options.limit !== undefined && emitted >= options.limit) return true;
	return done >= (options.maxItems ?? POLL_BOUNDS.maxItems);
}

/** Whether the poll's time is up: no further record is started. */
function outOfTime(options: BackfillOptions, startedAt: number): boolean {
	const now = options.now ?? Date.now;
	return now() - startedAt >= (options.budgetMs ?? POLL_BOUNDS.budgetMs);
}

/** Whether a record changed at `at` is too recent for this poll (see the file's comment). */
function tooRecent(options: BackfillOptions, at: number): boolean {
	if (!options.minAgeMs) return false;
	const now = options.now ?? Date.now;
	return at > now() - options.minAgeMs;
}

export interface BackfillResult {
	items: IDataObject[];
	/** The cursor past every record looked at (emitted, or ruled out by the status selection). */
	cursor: Cursor;
}

const pollMeta = (resource: BackfillResource, storeHash: string): EventMeta => ({
	source: 'poll',
	scope: `poll/${resource}`,
	store_hash: storeHash,
});

/**
 * Orders modified past the cursor. v2 `min_date_modified` is inclusive and whole-second, so the
 * cursor's second is read again and `pastCursor` drops what was emitted. Orders outside the
 * selection move the cursor too: any later change modifies them again, which brings them back.
 */
export async function pollOrders(
	context: HttpContext,
	cursor: Cursor,
	options: BackfillOptions,
): Promise<BackfillResult> {
	const startedAt = (options.now ?? Date.now)();
	const orders = await listOrders(
		context,
		{ modifiedFrom: cursorSecond(cursor), sort: 'date_modified:asc' },
		{
			products: true,
			shippingAddresses: true,
			transactions: false,
			limit: listLimit(cursor, options),
		},
	);
	const fresh = pastCursor(cursor, orders, (order) => ({
		at: dateMs(order.date_modified),
		id: Number(order.id),
	}));
	// Transactions are read a few orders at a time (parallelReads), in order: the orders started
	// before the time ran out are always the oldest ones, so the cursor stops after the last of them.
	// A failed read starts no further order and fails the poll; its cursor is not saved.
	const taken = takeable(fresh, options);
	const read: Array<FullOrder | undefined> = [];
	let started = 0;
	let failure: Error | undefined;
	await runItemPool(
		taken.length,
		async (index) => {
			started = Math.max(started, index + 1);
			const { item: order, id } = taken[index];
			if (!statusSelected(options.statuses, order.status_id)) return;
			try {
				// The same shape as `getOrder`: transactions ride along (one call per emitted order).
				read[index] = { ...order, transactions: await listTransactions(context, id) };
			} catch (error) {
				failure ??= error as Error;
			}
		},
		{
			limit: options.parallelReads ?? POLL_BOUNDS.parallelReads,
			stop: () => failure !== undefined || outOfTime(options, startedAt),
		},
	);
	if (failure) throw failure;
	const done = taken.slice(0, started).map(({ at, id }) => ({ at, id }));
	const items: IDataObject[] = [];
	for (const full of read.slice(0, started)) {
		if (full) items.push({ ...full, _event: pollMeta('orders', options.storeHash) });
	}
	return { items, cursor: advance(cursor, done) };
}

/**
 * Refunds created past the cursor (v3 `created:min`, inclusive), each with its full order. A
 * refund of an incomplete order (none should exist) is passed over.
 */
export async function pollRefunds(
	context: HttpContext,
	cursor: Cursor,
	options: BackfillOptions,
): Promise<BackfillResult> {
	const startedAt = (options.now ?? Date.now)();
	const refunds = await listRefundsSince(context, cursorSecond(cursor), {
		limit: listLimit(cursor, options),
	});
	const fresh = pastCursor(cursor, refunds, (refund) => ({
		at: dateMs(refund.created),
		id: Number(refund.id),
	}));
	const orders = new Map<string, FullOrder>();
	const items: IDataObject[] = [];
	const done: Array<{ at: number; id: number }> = [];
	for (const { item: refund, at, id } of fresh) {
		if (enough(options, done.length, items.length) || outOfTime(options, startedAt)) break;
		if (tooRecent(options, at)) break;
		const orderId = String(refund.order_id);
		let order = orders.get(orderId);
		if (!order) {
			order = await getOrder(context, orderId);
			orders.set(orderId, order);
		}
		done.push({ at, id });
		if (Number(order.status_id) === INCOMPLETE_STATUS) continue;
		items.push({ ...refund, order, _event: pollMeta('refunds', options.storeHash) });
	}
	return { items, cursor: advance(cursor, done) };
}
