/**
 * An order's money after checkout: its v3 payment transactions and its refunds (per order, by
 * id, or across the store since a date).
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import type { BcRefund, BcTransaction } from '../model';
import { bigCommerceRequest } from '../transport';
import { toRfc3339, type DateInput } from './dates';
import { isEmptyBody, listAll, pathSegment, type ListCallOptions } from './paging';

/** An order's payment transactions (v3; a 204 means none). The endpoint takes no page/limit. */
export async function listTransactions(
	context: HttpContext,
	orderId: number | string,
	itemIndex?: number,
): Promise<BcTransaction[]> {
	return await listAll<BcTransaction>(
		context,
		'v3',
		`/orders/${pathSegment(orderId)}/transactions`,
		{
			pageSize: null,
			itemIndex,
		},
	);
}

/** An order's refunds (v3), by refund id. */
export async function listRefunds(
	context: HttpContext,
	orderId: number | string,
	options: ListCallOptions<BcRefund> = {},
): Promise<BcRefund[]> {
	return await listAll<BcRefund>(
		context,
		'v3',
		`/orders/${pathSegment(orderId)}/payment_actions/refunds`,
		options,
	);
}

/**
 * One refund by its id (what `store/order/refund/created` carries as `refund_id`); undefined when
 * the store has none with that id.
 */
export async function getRefund(
	context: HttpContext,
	refundId: number | string,
	itemIndex?: number,
): Promise<BcRefund | undefined> {
	const response = await bigCommerceRequest<{ data?: BcRefund }>(context, {
		method: 'GET',
		version: 'v3',
		path: `/orders/payment_actions/refunds/${pathSegment(refundId)}`,
		acceptStatuses: [404],
		itemIndex,
	});
	if (response.statusCode === 404 || isEmptyBody(response.body)) return undefined;
	return response.body.data ?? (response.body as BcRefund);
}

export interface RefundsSinceOptions extends ListCallOptions<BcRefund> {
	/** Upper bound of `created` (inclusive). */
	until?: DateInput;
	/** Only these orders. */
	orderIds?: Array<number | string>;
	timeZone?: string;
}

/** Refunds across the store created at or after `since` (v3 `created:min`, RFC 3339), by refund id. */
export async function listRefundsSince(
	context: HttpContext,
	since: DateInput,
	options: RefundsSinceOptions = {},
): Promise<BcRefund[]> {
	const tz = options.timeZone ?? 'UTC';
	const qs: IDataObject = { 'created:min': toRfc3339(since, tz) };
	if (options.until !== undefined && options.until !== '')
		qs['created:max'] = toRfc3339(options.until, tz);
	if (options.orderIds?.length) qs['order_id:in'] = options.orderIds.join(',');
	return await listAll<BcRefund>(context, 'v3', '/orders/payment_actions/refunds', {
		...options,
		qs,
	});
}
