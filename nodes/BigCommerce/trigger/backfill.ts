/**
 * One poll of the backfill: every order modified (or refund created) past the cursor, all pages,
 * oldest first, built into the same items the webhook trigger emits. The HTTP core paces the
 * calls within the store's shared rate limit.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
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
	const orders = await listOrders(
		context,
		{ modifiedFrom: cursorSecond(cursor), sort: 'date_modified:asc' },
		{ products: true, shippingAddresses: true, transactions: false },
	);
	const fresh = pastCursor(cursor, orders, (order) => ({
		at: dateMs(order.date_modified),
		id: Number(order.id),
	}));
	const items: IDataObject[] = [];
	const done: Array<{ at: number; id: number }> = [];
	for (const { item: order, at, id } of fresh) {
		if (options.limit !== undefined && items.length >= options.limit) break;
		done.push({ at, id });
		if (!statusSelected(options.statuses, order.status_id)) continue;
		// The same shape as `getOrder`: transactions ride along (one call per emitted order).
		const full: FullOrder = { ...order, transactions: await listTransactions(context, id) };
		items.push({ ...full, _event: pollMeta('orders', options.storeHash) });
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
	const refunds = await listRefundsSince(context, cursorSecond(cursor));
	const fresh = pastCursor(cursor, refunds, (refund) => ({
		at: dateMs(refund.created),
		id: Number(refund.id),
	}));
	const orders = new Map<string, FullOrder>();
	const items: IDataObject[] = [];
	const done: Array<{ at: number; id: number }> = [];
	for (const { item: refund, at, id } of fresh) {
		if (options.limit !== undefined && items.length >= options.limit) break;
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
