/**
 * What a v2 request asks for, read as BigCommerce reads it: page/limit (a max of 250, beyond which
 * the `v2LimitOverMax` switch clamps or answers 413), the order list's filters and sort, and the
 * order a path names. Each answers v2's error itself (`[{status,message}]`) and returns undefined
 * when it did, so the routes (./v2.ts) stay a list of endpoints.
 */
import type { ServerResponse } from 'node:http';

import type { SandboxRequest } from '../common/http';
import { parseFilterDate, sendV2Error, statusMessage } from './format';
import type { OrderRec } from './records';
import { orderTotals } from './totals';
import type { V2Context } from './v2';

const MAX_LIMIT = 250;

/** page/limit as BigCommerce pages v2 lists; answers 400/413 itself and returns undefined when it did. */
export function paging(
	req: SandboxRequest,
	res: ServerResponse,
	ctx: V2Context,
	defaultLimit = 50,
) {
	const q = req.url.searchParams;
	const page = q.has('page') ? Number(q.get('page')) : 1;
	let limit = q.has('limit') ? Number(q.get('limit')) : defaultLimit;
	if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1) {
		sendV2Error(res, 400, 'The field "page" or "limit" is invalid.');
		return undefined;
	}
	if (limit > MAX_LIMIT) {
		if (ctx.switches.v2LimitOverMax === 'error413') {
			sendV2Error(res, 413, statusMessage(413));
			return undefined;
		}
		limit = MAX_LIMIT;
	}
	return {
		page,
		limit,
		slice: <T>(rows: T[]) => rows.slice((page - 1) * limit, page * limit),
	};
}

const SORT_KEYS: Record<string, (o: OrderRec) => number | string> = {
	id: (o) => o.id,
	customer_id: (o) => o.customerId,
	date_created: (o) => o.dateCreated.getTime(),
	date_modified: (o) => o.dateModified.getTime(),
	status_id: (o) => o.statusId,
	channel_id: (o) => o.channelId,
	external_id: (o) => o.externalId ?? '',
};

export function filterOrders(
	req: SandboxRequest,
	res: ServerResponse,
	ctx: V2Context,
): OrderRec[] | undefined {
	const q = req.url.searchParams;
	let rows = [...ctx.store.orders.values()];
	const num = (name: string): number | undefined | null => {
		if (!q.has(name)) return undefined;
		const n = Number(q.get(name));
		return Number.isFinite(n) ? n : null;
	};
	for (const name of [
		'min_id',
		'max_id',
		'min_total',
		'max_total',
		'customer_id',
		'status_id',
		'channel_id',
	]) {
		if (num(name) === null) {
			sendV2Error(res, 400, `The field '${name}' is invalid.`);
			return undefined;
		}
	}
	const dates: Record<string, Date | undefined> = {};
	for (const name of [
		'min_date_created',
		'max_date_created',
		'min_date_modified',
		'max_date_modified',
	]) {
		if (!q.has(name)) continue;
		const d = parseFilterDate(q.get(name) as string);
		if (!d) {
			sendV2Error(res, 400, `The field '${name}' is invalid. Dates must be RFC 2822 or ISO 8601.`);
			return undefined;
		}
		dates[name] = d;
	}
	const statusId = num('status_id');
	if (statusId === undefined && !ctx.switches.listIncludesIncomplete)
		rows = rows.filter((o) => o.statusId !== 0);
	if (!ctx.switches.listIncludesArchived && q.get('is_deleted') !== 'true')
		rows = rows.filter((o) => !o.isDeleted);
	if (q.get('is_deleted') === 'true') rows = rows.filter((o) => o.isDeleted);
	const total = (o: OrderRec) => orderTotals(o).totalIncTax;
	const checks: [string, (o: OrderRec, v: number) => boolean][] = [
		['min_id', (o, v) => o.id >= v],
		['max_id', (o, v) => o.id <= v],
		['min_total', (o, v) => total(o) >= v],
		['max_total', (o, v) => total(o) <= v],
		['customer_id', (o, v) => o.customerId === v],
		['status_id', (o, v) => o.statusId === v],
		['channel_id', (o, v) => o.channelId === v],
	];
	for (const [name, check] of checks) {
		const v = num(name);
		if (typeof v === 'number') rows = rows.filter((o) => check(o, v));
	}
	const t = (d: Date) => Math.floor(d.getTime() / 1000);
	if (dates.min_date_created)
		rows = rows.filter((o) => t(o.dateCreated) >= t(dates.min_date_created as Date));
	if (dates.max_date_created)
		rows = rows.filter((o) => t(o.dateCreated) <= t(dates.max_date_created as Date));
	if (dates.min_date_modified)
		rows = rows.filter((o) => t(o.dateModified) >= t(dates.min_date_modified as Date));
	if (dates.max_date_modified)
		rows = rows.filter((o) => t(o.dateModified) <= t(dates.max_date_modified as Date));
	const email = q.get('email');
	if (email) rows = rows.filter((o) => o.billing.email.toLowerCase() === email.toLowerCase());
	const cart = q.get('cart_id');
	if (cart) rows = rows.filter((o) => o.cartId === cart);
	const pm = q.get('payment_method');
	if (pm) rows = rows.filter((o) => o.paymentMethod === pm);
	const ext = q.get('external_order_id');
	if (ext) rows = rows.filter((o) => o.externalOrderId === ext);

	const sort = q.get('sort') ?? 'id:asc';
	const [field, dir = 'asc'] = sort.split(':');
	const key = SORT_KEYS[field];
	if (!key || (dir !== 'asc' && dir !== 'desc')) {
		sendV2Error(res, 400, `The field 'sort' is invalid.`);
		return undefined;
	}
	rows.sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
		return dir === 'desc' ? -c : c;
	});
	return rows;
}

export function orderFor(
	req: SandboxRequest,
	res: ServerResponse,
	ctx: V2Context,
): OrderRec | undefined {
	const id = Number(req.params.id);
	const order = Number.isInteger(id) ? ctx.store.orders.get(id) : undefined;
	if (!order) sendV2Error(res, 404, 'The requested resource was not found.');
	return order;
}
