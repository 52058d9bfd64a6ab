/**
 * Event → emitted item. One shape for both triggers, so a downstream node can take `$json` as the
 * BigCommerce record:
 *
 * - order events: the order as `api.getOrder` returns it (v2 order + `products`,
 *   `shipping_addresses`, `transactions`), plus `_event`;
 * - transaction events: `{ ...transaction, order, _event }`;
 * - refund events: `{ ...refund, order, _event }`;
 * - customer events: the v3 customer (with `addresses`), plus `_event`.
 *
 * `_event` says where the item came from: `source`, `scope`, `store_hash` always; for webhooks also
 * `webhook_id`, `delivery_id`, `hash`, `created_at`, `store_id` and the light `data` of the payload.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { getCustomer, getOrder, getRefund, listRefunds, type OrderParts } from '../api';
import type { FullOrder } from '../model';
import { EVENT_KINDS, idOf, orderIdOf, statusSelected } from './events';

export interface EventMeta extends IDataObject {
	source: 'webhook' | 'poll';
	scope: string;
	store_hash: string;
}

export interface DeliveredEvent {
	scope: string;
	data: Record<string, unknown>;
	meta: EventMeta;
}

export interface ItemOptions {
	/** Lines, shipping addresses and transactions with the order (off: the bare v2 order). */
	fetchFullOrder: boolean;
	statuses: ReadonlySet<number>;
}

export type ItemOutcome =
	| { emit: true; json: IDataObject; orderId?: number }
	| { emit: false; reason: string; orderId?: number };

const FULL: OrderParts = {};
const BARE: OrderParts = { products: false, shippingAddresses: false, transactions: false };

const skip = (reason: string, orderId?: number): ItemOutcome => ({ emit: false, reason, orderId });

/**
 * Fetch what the light payload names and build the item. Order events honour the status
 * selection; transaction and refund events are emitted for any order but an incomplete one (a
 * refund leaves the order Refunded, which is rarely a selected status).
 */
export async function itemForEvent(
	context: HttpContext,
	event: DeliveredEvent,
	options: ItemOptions,
): Promise<ItemOutcome> {
	const kind = EVENT_KINDS[event.scope];
	const { data, meta } = event;
	if (kind === 'customer') {
		const id = idOf(data.id);
		if (!id) return skip('The payload names no customer');
		const customer = await getCustomer(context, id, { include: ['addresses'] });
		if (!customer) return skip(`Customer ${id} no longer exists`);
		return { emit: true, json: { ...customer, _event: meta } };
	}

	const orderId = orderIdOf(event.scope, data);
	if (!kind || !orderId) return skip('The payload names no order');
	const parts = options.fetchFullOrder
		? FULL
		: kind === 'transaction'
			? { ...BARE, transactions: true }
			: BARE;
	const order: FullOrder = await getOrder(context, orderId, parts);
	const numericId = Number(order.id);

	if (kind === 'order') {
		if (!statusSelected(options.statuses, order.status_id)) {
			return skip(
				`Order ${orderId} is in status ${String(order.status_id)}, not selected`,
				numericId,
			);
		}
		return { emit: true, json: { ...order, _event: meta }, orderId: numericId };
	}
	if (Number(order.status_id) === 0)
		return skip(`Order ${orderId} is incomplete (status 0)`, numericId);

	if (kind === 'transaction') {
		const transactionId = idOf(data.transaction_id);
		const found = (order.transactions ?? []).find((t) => String(t.id) === transactionId);
		const transaction: IDataObject = found ?? {
			id: transactionId,
			order_id: orderId,
			...data,
			not_found: true,
		};
		if (!options.fetchFullOrder) delete order.transactions;
		return { emit: true, json: { ...transaction, order, _event: meta }, orderId: numericId };
	}

	const refundId = idOf((data.refund as IDataObject | undefined)?.refund_id);
	let refund = refundId ? await getRefund(context, refundId) : undefined;
	if (!refund && refundId) {
		refund = (await listRefunds(context, orderId)).find((r) => String(r.id) === refundId);
	}
	if (!refund)
		return skip(`Refund ${refundId ?? '(no id)'} of order ${orderId} was not found`, numericId);
	return { emit: true, json: { ...refund, order, _event: meta }, orderId: numericId };
}

/**
 * The item emitted when BigCommerce was already answered 200 but the fetch failed: the delivery
 * would otherwise be lost (BigCommerce does not retry a 2xx). It carries the ids and the error so a
 * workflow can route it; a downstream order node rejects it (no lines), so the execution fails
 * visibly. The poll trigger catches the record up later.
 */
export function fetchFailedItem(event: DeliveredEvent, error: unknown): IDataObject {
	const e = error as { message?: string; description?: string; httpCode?: string };
	return {
		id: idOf(event.data.id) ?? null,
		order_id: orderIdOf(event.scope, event.data) ?? null,
		_event: {
			...event.meta,
			fetch_error: {
				message: e?.message ?? String(error),
				...(e?.description ? { description: e.description } : {}),
				...(e?.httpCode ? { http_code: e.httpCode } : {}),
			},
		},
	};
}
