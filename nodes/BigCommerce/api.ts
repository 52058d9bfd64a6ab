/**
 * The BigCommerce store operations the action node, the trigger and the polling trigger share.
 * Every call goes through `bigCommerceRequest` (transport.ts, the shared HTTP core), and every list
 * through `pages`, the one paginator for v2 (page/limit, ends on 204 or a short page) and v3
 * (`meta.pagination`). Functions take an `HttpContext`, so any n8n context can call them.
 *
 * Orders are read with `include=consignments.line_items&consignment_structure=object`: one call
 * brings the order, its lines and its shipping addresses; `/products` is paged only when a
 * consignment says it holds more than the 50 lines it returned (`__warning__`). The store's rate
 * quota is shared by every app on it, so round trips are spent on orders, not on sub-resources.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../common/http';
import {
	consignmentsWithoutLines,
	readConsignments,
	type BcOrderProduct,
	type BcTransaction,
	type FullOrder,
} from './model';
import { bigCommerceRequest } from './transport';

/** The order model's types and its consignment reading, where the API's callers look for them. */
export {
	CONSIGNMENT_LINE_CAP,
	readConsignments,
	type BcOrderProduct,
	type ConsignmentReading,
	type FullOrder,
} from './model';

export type ApiVersion = 'v2' | 'v3';

/** Largest page BigCommerce serves (v2 and v3 lists). */
export const MAX_PAGE_SIZE = 250;

// ---- pagination ------------------------------------------------------------------------------

export interface PageQuery {
	version: ApiVersion;
	/** Path below the API version, e.g. `/orders`. */
	path: string;
	qs?: IDataObject;
	/**
	 * Items asked for per page (sent as `limit`). `null` sends neither `page` nor `limit` on the
	 * first call, for endpoints that take none (v3 transactions); later pages follow `meta.pagination`.
	 */
	pageSize?: number | null;
	itemIndex?: number;
}

export interface Page<T> {
	/** 1-based page number. */
	page: number;
	items: T[];
}

const isEmptyBody = (body: unknown) =>
	body === undefined || body === null || (typeof body === 'string' && body.trim() === '');

interface V3Pagination {
	total?: number;
	count?: number;
	per_page?: number;
	current_page?: number;
	total_pages?: number;
	links?: { next?: string; previous?: string; current?: string };
}

/** Whether a v3 list has a page after `page`, from its meta, else from a full page. */
export function v3HasNextPage(
	meta: { pagination?: V3Pagination } | undefined,
	page: number,
	itemsOnPage: number,
	pageSize: number | null,
): boolean {
	const pagination = meta?.pagination;
	if (pagination && typeof pagination === 'object') {
		const current = Number(pagination.current_page ?? page);
		if (pagination.total_pages !== undefined) return current < Number(pagination.total_pages);
		return Boolean(pagination.links?.next);
	}
	// Some collections (refunds) document an open `meta`: a full page may have a successor.
	return pageSize !== null && itemsOnPage > 0 && itemsOnPage >= pageSize;
}

/**
 * Walk a list page by page. v2 answers a bare array and 204 when a page is empty; a page shorter
 * than the asked size is the last. v3 answers `{ data, meta }`; `meta.pagination` says whether more
 * pages follow (a 204 means nothing at all).
 */
export async function* pages<T = IDataObject>(
	context: HttpContext,
	query: PageQuery,
): AsyncGenerator<Page<T>, void, undefined> {
	const pageSize = query.pageSize === undefined ? MAX_PAGE_SIZE : query.pageSize;
	let previousFirst: string | undefined;
	for (let page = 1; ; page++) {
		const qs: IDataObject = { ...query.qs };
		if (pageSize !== null) {
			qs.page = page;
			qs.limit = pageSize;
		} else if (page > 1) {
			qs.page = page;
		}
		const response = await bigCommerceRequest<unknown>(context, {
			method: 'GET',
			version: query.version,
			path: query.path,
			qs,
			itemIndex: query.itemIndex,
		});
		if (response.statusCode === 204 || isEmptyBody(response.body)) return;

		let items: T[];
		let hasNext: boolean;
		if (query.version === 'v2') {
			items = Array.isArray(response.body) ? (response.body as T[]) : [];
			hasNext = pageSize !== null && items.length >= pageSize;
		} else {
			const body = response.body as { data?: unknown; meta?: { pagination?: V3Pagination } };
			items = Array.isArray(body.data) ? (body.data as T[]) : [];
			hasNext = v3HasNextPage(body.meta, page, items.length, pageSize);
		}
		if (items.length === 0) return;

		// A server that ignores `page` would serve the first page forever.
		const first = JSON.stringify(items[0]);
		if (first === previousFirst) return;
		previousFirst = first;

		yield { page, items };
		if (!hasNext) return;
	}
}

export interface CollectOptions<T> {
	/** Stop once this many items are collected; absent: every page. */
	limit?: number;
	/** Called with each page as it arrives (after normalisation); return false to stop early. */
	onPage?: (items: T[], page: number) => unknown;
}

/**
 * Collect a list (all pages, or up to `limit` items). `mapPage` turns each page's raw items into
 * what is collected (e.g. completed orders) before `onPage` sees them.
 */
export async function paginate<Raw = IDataObject, Item = Raw>(
	context: HttpContext,
	query: PageQuery,
	options: CollectOptions<Item> & { mapPage?: (items: Raw[]) => Promise<Item[]> } = {},
): Promise<Item[]> {
	const out: Item[] = [];
	const pageSize = pageSizeFor(query.pageSize, options.limit);
	for await (const { page, items } of pages<Raw>(context, { ...query, pageSize })) {
		const wanted = options.limit === undefined ? items : items.slice(0, options.limit - out.length);
		const taken = options.mapPage ? await options.mapPage(wanted) : (wanted as unknown as Item[]);
		out.push(...taken);
		if ((await options.onPage?.(taken, page)) === false) break;
		if (options.limit !== undefined && out.length >= options.limit) break;
	}
	return out;
}

/** Ask for no more than needed: a limit of 10 costs one page of 10, not one of 250. */
function pageSizeFor(
	pageSize: number | null | undefined,
	limit: number | undefined,
): number | null {
	if (pageSize === null) return null;
	const size = pageSize ?? MAX_PAGE_SIZE;
	return limit !== undefined && limit > 0 ? Math.min(size, limit) : size;
}

// ---- dates -----------------------------------------------------------------------------------

/** A date as the node hands it over: a Date, an ISO/RFC 2822 string, or a Luxon DateTime. */
export type DateInput = Date | string | { toJSDate(): Date };

const NAIVE_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** Milliseconds a time zone is ahead of UTC at an instant. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a date input names. A string without an offset (what n8n's date picker gives) is a
 * wall-clock time in `timeZone` (the workflow's); anything with an offset or zone is taken as is.
 */
export function parseDateInput(value: DateInput, timeZone = 'UTC'): Date {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new Error('Invalid date');
		return value;
	}
	if (typeof value === 'object' && value !== null && typeof value.toJSDate === 'function') {
		return parseDateInput(value.toJSDate(), timeZone);
	}
	const text = String(value).trim();
	const naive = NAIVE_DATE.exec(text);
	if (naive) {
		const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = naive;
		const wallMs = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.floor(Number(`0.${frac}`) * 1000));
		const first = wallMs - zoneOffsetMs(wallMs, timeZone);
		return new Date(wallMs - zoneOffsetMs(first, timeZone));
	}
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) throw new Error(`"${text}" is not a date`);
	return new Date(ms);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * v2 order filters (`min_date_created`, ...): RFC 2822 in UTC, the format v2 itself answers in,
 * e.g. `Tue, 20 Nov 2012 00:00:00 +0000`. Whole seconds (v2 dates have no more).
 */
export function toV2Date(value: DateInput, timeZone = 'UTC'): string {
	const date = parseDateInput(value, timeZone);
	return (
		`${DAYS[date.getUTCDay()]}, ${pad2(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ` +
		`${date.getUTCFullYear()} ${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:` +
		`${pad2(date.getUTCSeconds())} +0000`
	);
}

/** v3 filters (`created:min`): RFC 3339 in UTC, whole seconds, e.g. `2020-01-15T01:02:34Z`. */
export function toRfc3339(value: DateInput, timeZone = 'UTC'): string {
	return parseDateInput(value, timeZone)
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z');
}

// ---- orders ----------------------------------------------------------------------------------

export interface OrderParts {
	/** The order lines (default true). */
	products?: boolean;
	/** The shipping addresses (default true). */
	shippingAddresses?: boolean;
	/** The payment transactions, from v3: one more call (default true for one order). */
	transactions?: boolean;
	/** The coupons applied: one more call (default false). */
	coupons?: boolean;
	itemIndex?: number;
}

/** Page size of `/v2/orders/{id}/products`: the 50 it documents, so a shorter page is surely the last. */
const ORDER_PRODUCTS_PAGE_SIZE = 50;

function orderIncludeQs(parts: OrderParts): IDataObject {
	const products = parts.products ?? true;
	const shipping = parts.shippingAddresses ?? true;
	if (products) return { include: 'consignments.line_items', consignment_structure: 'object' };
	if (shipping) return { include: 'consignments', consignment_structure: 'object' };
	return {};
}

/** Page through `/v2/orders/{id}/products`: only when consignments cannot give every line. */
export async function listOrderProducts(
	context: HttpContext,
	orderId: number | string,
	itemIndex?: number,
): Promise<BcOrderProduct[]> {
	return await paginate<BcOrderProduct>(context, {
		version: 'v2',
		path: `/orders/${encodeURIComponent(String(orderId))}/products`,
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
			: await paginate(context, {
					version: 'v2',
					path: `/orders/${id}/shipping_addresses`,
					itemIndex: parts.itemIndex,
				});
	}
	if (parts.coupons) {
		order.coupons = await paginate(context, {
			version: 'v2',
			path: `/orders/${id}/coupons`,
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
		path: `/orders/${encodeURIComponent(String(orderId))}`,
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
	/** Lines and shipping addresses ride along at no extra call (default true). */
	products?: boolean;
	shippingAddresses?: boolean;
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

// ---- transactions and refunds ------------------------------------------------------------------

/** An order's payment transactions (v3; a 204 means none). The endpoint takes no page/limit. */
export async function listTransactions(
	context: HttpContext,
	orderId: number | string,
	itemIndex?: number,
): Promise<BcTransaction[]> {
	return await paginate<BcTransaction>(context, {
		version: 'v3',
		path: `/orders/${encodeURIComponent(String(orderId))}/transactions`,
		pageSize: null,
		itemIndex,
	});
}

/** An order's refunds (v3), by refund id. */
export async function listRefunds(
	context: HttpContext,
	orderId: number | string,
	options: CollectOptions<IDataObject> & { itemIndex?: number } = {},
): Promise<IDataObject[]> {
	return await paginate(
		context,
		{
			version: 'v3',
			path: `/orders/${encodeURIComponent(String(orderId))}/payment_actions/refunds`,
			itemIndex: options.itemIndex,
		},
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
): Promise<IDataObject | undefined> {
	const response = await bigCommerceRequest<{ data?: IDataObject }>(context, {
		method: 'GET',
		version: 'v3',
		path: `/orders/payment_actions/refunds/${encodeURIComponent(String(refundId))}`,
		acceptStatuses: [404],
		itemIndex,
	});
	if (response.statusCode === 404 || isEmptyBody(response.body)) return undefined;
	return response.body.data ?? (response.body as IDataObject);
}

export interface RefundsSinceOptions extends CollectOptions<IDataObject> {
	/** Upper bound of `created` (inclusive). */
	until?: DateInput;
	/** Only these orders. */
	orderIds?: Array<number | string>;
	timeZone?: string;
	itemIndex?: number;
}

/** Refunds across the store created at or after `since` (v3 `created:min`, RFC 3339), by refund id. */
export async function listRefundsSince(
	context: HttpContext,
	since: DateInput,
	options: RefundsSinceOptions = {},
): Promise<IDataObject[]> {
	const tz = options.timeZone ?? 'UTC';
	const qs: IDataObject = { 'created:min': toRfc3339(since, tz) };
	if (options.until !== undefined && options.until !== '')
		qs['created:max'] = toRfc3339(options.until, tz);
	if (options.orderIds?.length) qs['order_id:in'] = options.orderIds.join(',');
	return await paginate(
		context,
		{ version: 'v3', path: '/orders/payment_actions/refunds', qs, itemIndex: options.itemIndex },
		options,
	);
}

// ---- customers -------------------------------------------------------------------------------

export interface CustomerOptions {
	/** v3 `include`, e.g. `['addresses']`. */
	include?: string[];
	itemIndex?: number;
}

/** One customer (v3 has no single-customer path: `id:in`); undefined when there is none. */
export async function getCustomer(
	context: HttpContext,
	customerId: number | string,
	options: CustomerOptions = {},
): Promise<IDataObject | undefined> {
	const qs: IDataObject = { 'id:in': String(customerId) };
	if (options.include?.length) qs.include = options.include.join(',');
	const found = await paginate(
		context,
		{ version: 'v3', path: '/customers', qs, itemIndex: options.itemIndex },
		{ limit: 1 },
	);
	return found[0];
}

export interface CustomerFilters {
	/** Exact e-mail address(es). */
	email?: string | string[];
	ids?: Array<number | string>;
	include?: string[];
}

export async function listCustomers(
	context: HttpContext,
	filters: CustomerFilters = {},
	options: CollectOptions<IDataObject> & { itemIndex?: number } = {},
): Promise<IDataObject[]> {
	const qs: IDataObject = {};
	const emails = (Array.isArray(filters.email) ? filters.email : [filters.email])
		.map((e) => (e ?? '').trim())
		.filter(Boolean);
	if (emails.length) qs['email:in'] = emails.join(',');
	if (filters.ids?.length) qs['id:in'] = filters.ids.join(',');
	if (filters.include?.length) qs.include = filters.include.join(',');
	return await paginate(
		context,
		{ version: 'v3', path: '/customers', qs, itemIndex: options.itemIndex },
		options,
	);
}

// ---- catalog ---------------------------------------------------------------------------------

export interface SkuMatch extends IDataObject {
	sku: string;
	found: boolean;
	/** `product`: the product's own (base variant) SKU; `variant`: one of its variants' SKUs. */
	matchedOn?: 'product' | 'variant';
	product_id?: number;
	variant_id?: number;
	product?: IDataObject;
	variant?: IDataObject;
}

/** SKUs per `sku:in` call: keeps the URL short. */
const SKUS_PER_CALL = 50;

/**
 * Look SKUs up in the catalog: product (base variant) SKUs with `sku:in` in batches, then each
 * SKU still unmatched by variant SKU (`/catalog/variants?sku=`, the filter BigCommerce documents).
 * One result per distinct SKU, in the order given.
 */
export async function findProductsBySku(
	context: HttpContext,
	skus: string[],
	options: { itemIndex?: number } = {},
): Promise<SkuMatch[]> {
	const wanted = [...new Set(skus.map((s) => s.trim()).filter(Boolean))];
	const matches = new Map<string, SkuMatch>();
	for (let i = 0; i < wanted.length; i += SKUS_PER_CALL) {
		const batch = wanted.slice(i, i + SKUS_PER_CALL);
		const products = await paginate(context, {
			version: 'v3',
			path: '/catalog/products',
			qs: { 'sku:in': batch.join(',') },
			itemIndex: options.itemIndex,
		});
		for (const product of products) {
			const sku = String(product.sku ?? '');
			if (!batch.includes(sku) || matches.has(sku)) continue;
			matches.set(sku, {
				sku,
				found: true,
				matchedOn: 'product',
				product_id: product.id as number,
				variant_id: (product.base_variant_id as number | undefined) ?? undefined,
				product,
			});
		}
	}
	for (const sku of wanted) {
		if (matches.has(sku)) continue;
		const variants = await paginate(
			context,
			{ version: 'v3', path: '/catalog/variants', qs: { sku }, itemIndex: options.itemIndex },
			{ limit: 1 },
		);
		const variant = variants.find((v) => v.sku === sku) ?? variants[0];
		if (variant) {
			matches.set(sku, {
				sku,
				found: true,
				matchedOn: 'variant',
				product_id: variant.product_id as number,
				variant_id: variant.id as number,
				variant,
			});
		}
	}
	return wanted.map((sku) => matches.get(sku) ?? { sku, found: false });
}

// ---- webhooks --------------------------------------------------------------------------------

export interface Hook extends IDataObject {
	id: number;
	scope: string;
	destination: string;
	is_active: boolean;
	headers?: IDataObject | null;
}

export interface HookFilters {
	scope?: string;
	destination?: string;
	isActive?: boolean;
}

/** The hooks of the API account behind the token (others' hooks are invisible to it). */
export async function listHooks(
	context: HttpContext,
	filters: HookFilters = {},
	options: CollectOptions<Hook> & { itemIndex?: number } = {},
): Promise<Hook[]> {
	const qs: IDataObject = {};
	if (filters.scope) qs.scope = filters.scope;
	if (filters.destination) qs.destination = filters.destination;
	if (filters.isActive !== undefined) qs.is_active = filters.isActive;
	return await paginate<Hook>(
		context,
		{ version: 'v3', path: '/hooks', qs, itemIndex: options.itemIndex },
		options,
	);
}

export interface HookFields {
	scope?: string;
	destination?: string;
	is_active?: boolean;
	headers?: Record<string, string> | null;
}

const hookOf = (body: unknown): Hook => {
	const wrapped = body as { data?: unknown };
	// The spec wraps the hook in `data`; the narrative docs show it bare.
	return ((wrapped &&
	typeof wrapped === 'object' &&
	wrapped.data &&
	typeof wrapped.data === 'object'
		? wrapped.data
		: body) ?? {}) as Hook;
};

/** Create a hook. Not re-sent once it may have arrived (the core reports an unknown outcome). */
export async function createHook(
	context: HttpContext,
	fields: HookFields & { scope: string; destination: string },
	itemIndex?: number,
): Promise<Hook> {
	const body: IDataObject = {
		scope: fields.scope,
		destination: fields.destination,
		is_active: fields.is_active ?? true,
	};
	if (fields.headers !== undefined) body.headers = fields.headers;
	const response = await bigCommerceRequest(context, {
		method: 'POST',
		version: 'v3',
		path: '/hooks',
		body,
		itemIndex,
	});
	return hookOf(response.body);
}

/** Change a hook, e.g. `{ is_active: true }` to reactivate one BigCommerce switched off. */
export async function updateHook(
	context: HttpContext,
	hookId: number | string,
	fields: HookFields,
	itemIndex?: number,
): Promise<Hook> {
	const response = await bigCommerceRequest(context, {
		method: 'PUT',
		version: 'v3',
		path: `/hooks/${encodeURIComponent(String(hookId))}`,
		body: fields as IDataObject,
		idempotent: true, // the same PUT twice leaves the same hook
		itemIndex,
	});
	return hookOf(response.body);
}

/** Delete a hook; answers the deleted hook. */
export async function deleteHook(
	context: HttpContext,
	hookId: number | string,
	itemIndex?: number,
): Promise<Hook> {
	const response = await bigCommerceRequest(context, {
		method: 'DELETE',
		version: 'v3',
		path: `/hooks/${encodeURIComponent(String(hookId))}`,
		idempotent: true,
		itemIndex,
	});
	return hookOf(response.body);
}
