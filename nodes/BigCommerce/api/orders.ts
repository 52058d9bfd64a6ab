/**
 * BigCommerce v2 orders, completed into `FullOrder`s (the order model): lines, shipping addresses,
 * coupons and transactions attached in place of v2's link objects.
 *
 * Orders are read with `include=consignments.line_items&consignment_structure=object`: one call
 * brings the order, its lines and its shipping addresses; `/products` is paged only when a
 * consignment says it holds more than the 50 lines it returned (`__warning__`). The store's rate
 * quota is shared by every app on it, so round trips are spent on orders, not on sub-resources.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import {
	consignmentsWithoutLines,
	readConsignments,
	type BcOrderProduct,
	type FullOrder,
} from '../model';
import { bigCommerceRequest } from '../transport';
import { toV2Date, type DateInput } from './dates';
import { listAll, paginate, pathSegment, type CollectOptions, type PageQuery } from './paging';
import { listTransactions } from './transactions';

export interface OrderParts {
	/** The order lines (default true). */
	products?: boolean;
	/** The shipping addresses (default true). */
	shippingAddresses?: boolean;
	/** The payment transactions, from v3: one more call (default true for one order). */
	transactions?: boolean;
	/** The coupons applied: one more call (default false). */
	coupons?: boolean;
	/** The order's fees (`include=fees`, no extra call; default true): they are part of its totals. */
	fees?: boolean;
	itemIndex?: number;
}

/** Page size of `/v2/orders/{id}/products`: the 50 it documents, so a shorter page is surely the last. */
const ORDER_PRODUCTS_PAGE_SIZE = 50;

/**
 * The `include` of an order read (a comma-separated list, as the spec's `order_includes` has it):
 * consignments with or without their lines, and the fees, which count in the order's totals and
 * are otherwise only a link.
 */
export function orderIncludeQs(parts: OrderParts): IDataObject {
	const products = parts.products ?? true;
	const shipping = parts.shippingAddresses ?? true;
	const include: string[] = [];
	if (products) include.push('consignments.line_items');
	else if (shipping) include.push('consignments');
	if (parts.fees ?? true) include.push('fees');
	if (include.length === 0) return {};
	return include[0].startsWith('consignments')
		? { include: include.join(','), consignment_structure: 'object' }
		: { include: include.join(',') };
}

/** Page through `/v2/orders/{id}/products`: only when consignments cannot give every line. */
export async function listOrderProducts(
	context: HttpContext,
	orderId: number | string,
	itemIndex?: number,
): Promise<BcOrderProduct[]> {
	return await listAll<BcOrderProduct>(context, 'v2', `/orders/${pathSegment(orderId)}/products`, {
		pageSize: ORDER_PRODUCTS_PAGE_SIZE,
		itemIndex,
	});
}

/** Turn a raw v2 order (with or without consignments) into a FullOrder, fetching what is missing. */
async function completeOrder(
	context: HttpContext,
	raw: IDataObject,
	parts: OrderParts,
): Promise<FullOrder> {
	const wantProducts = parts.products ?? true;
	const wantShipping = parts.shippingAddresses ?? true;
	const reading = readConsignments(raw);
	const order: FullOrder = { ...(raw as FullOrder) };
	const id = order.id;
	if (reading.hasConsignments)
		order.consignments = consignmentsWithoutLines(raw.consignments) as FullOrder['consignments'];

	if (wantProducts) {
		if (reading.linesIncomplete) {
			order.products = await listOrderProducts(context, id, parts.itemIndex);
			delete order.__warning__; // answered: every line is in `products`
		} else {
			order.products = reading.products;
		}
	}
	if (wantShipping) {
		order.shipping_addresses = reading.hasConsignments
			? reading.shippingAddresses
			: await listAll(context, 'v2', `/orders/${id}/shipping_addresses`, {
					itemIndex: parts.itemIndex,
				});
	}
	if (parts.coupons) {
		order.coupons = await listAll(context, 'v2', `/orders/${id}/coupons`, {
			itemIndex: parts.itemIndex,
		});
	}
	if (parts.transactions) order.transactions = await listTransactions(context, id, parts.itemIndex);
	return order;
}

/**
 * One order with the parts asked for. The default (lines, shipping addresses, transactions) costs
 * two calls: the order with its consignments, and its v3 transactions. `/products` is paged only
 * past the 50-line cap; coupons cost one more call when asked for.
 */
export async function getOrder(
	context: HttpContext,
	orderId: number | string,
	parts: OrderParts = {},
): Promise<FullOrder> {
	const response = await bigCommerceRequest<IDataObject>(context, {
		method: 'GET',
		version: 'v2',
		path: `/orders/${pathSegment(orderId)}`,
		qs: orderIncludeQs(parts),
		itemIndex: parts.itemIndex,
	});
	return await completeOrder(context, response.body, {
		...parts,
		transactions: parts.transactions ?? true,
	});
}

/** `/v2/orders` filters. Dates: anything `parseDateInput` reads; sent as RFC 2822 UTC. */
export interface OrderFilters {
	statusId?: number;
	customerId?: number;
	email?: string;
	minId?: number;
	maxId?: number;
	createdFrom?: DateInput;
	createdTo?: DateInput;
	modifiedFrom?: DateInput;
	modifiedTo?: DateInput;
	channelId?: number;
	/** e.g. `id:asc` (the default order), `date_modified:asc`. */
	sort?: string;
	/** How to read naive date strings (the workflow's time zone); default UTC. */
	timeZone?: string;
}

/** Pure: the query string `/v2/orders` gets for these filters. */
export function orderFilterQs(filters: OrderFilters): IDataObject {
	const qs: IDataObject = {};
	const tz = filters.timeZone ?? 'UTC';
	const set = (name: string, value: unknown) => {
		if (value !== undefined && value !== null && value !== '') qs[name] = value as string | number;
	};
	set('status_id', filters.statusId);
	set('customer_id', filters.customerId);
	set('email', filters.email);
	set('min_id', filters.minId);
	set('max_id', filters.maxId);
	set('channel_id', filters.channelId);
	set('sort', filters.sort);
	const date = (name: string, value: DateInput | undefined) => {
		if (value !== undefined && value !== null && value !== '') qs[name] = toV2Date(value, tz);
	};
	date('min_date_created', filters.createdFrom);
	date('max_date_created', filters.createdTo);
	date('min_date_modified', filters.modifiedFrom);
	date('max_date_modified', filters.modifiedTo);
	return qs;
}

export interface ListOrdersOptions extends CollectOptions<FullOrder> {
	/** Lines, shipping addresses and fees ride along at no extra call (default true). */
	products?: boolean;
	shippingAddresses?: boolean;
	fees?: boolean;
	/** One more call per order: for backfills, leave off and fetch per order (default false). */
	transactions?: boolean;
	coupons?: boolean;
	/** Orders per page (≤ 250). */
	pageSize?: number;
	itemIndex?: number;
}

/**
 * Orders matching the filters, oldest id first unless `sort` says otherwise. A page of orders with
 * their lines and shipping addresses costs one call; an order past the 50-line cap adds its
 * `/products` pages. `onPage` sees each page of completed orders (a poller can move its cursor).
 */
export async function listOrders(
	context: HttpContext,
	filters: OrderFilters = {},
	options: ListOrdersOptions = {},
): Promise<FullOrder[]> {
	const parts: OrderParts = {
		products: options.products ?? true,
		shippingAddresses: options.shippingAddresses ?? true,
		transactions: options.transactions ?? false,
		coupons: options.coupons ?? false,
		fees: options.fees ?? true,
		itemIndex: options.itemIndex,
	};
	const query: PageQuery = {
		version: 'v2',
		path: '/orders',
		qs: { ...orderFilterQs(filters), ...orderIncludeQs(parts) },
		pageSize: options.pageSize,
		itemIndex: options.itemIndex,
	};
	return await paginate<IDataObject, FullOrder>(context, query, {
		limit: options.limit,
		onPage: options.onPage,
		mapPage: async (raws) => {
			const completed: FullOrder[] = [];
			for (const raw of raws) completed.push(await completeOrder(context, raw, parts));
			return completed;
		},
	});
}
