/**
 * The one paginator for BigCommerce lists: v2 (page/limit, ends on 204 or a short page) and v3
 * (`{ data, meta.pagination }`). Every list in this pack goes through `pages` or `paginate`, and
 * every call through `bigCommerceRequest` (transport.ts, the shared HTTP core), so the rate-quota
 * handling and retries live in one place.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { bigCommerceRequest } from '../transport';

export type ApiVersion = 'v2' | 'v3';

/** Largest page BigCommerce serves (v2 and v3 lists). */
export const MAX_PAGE_SIZE = 250;

/** A record id as one URL path segment. */
export const pathSegment = (id: number | string): string => encodeURIComponent(String(id));

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

/** An answer without a body (204, or blank text). */
export const isEmptyBody = (body: unknown) =>
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

/** What a caller of a list function may say: how much to collect, and the item it is for. */
export interface ListCallOptions<T> extends CollectOptions<T> {
	itemIndex?: number;
}

export interface ListOptions<T> extends ListCallOptions<T> {
	qs?: IDataObject;
	/** As in `PageQuery`: absent, the largest page; `null`, no page/limit on the first call. */
	pageSize?: number | null;
}

/** One list of the store, every page or the first `limit` items: what each list function asks. */
export async function listAll<T = IDataObject>(
	context: HttpContext,
	version: ApiVersion,
	path: string,
	options: ListOptions<T> = {},
): Promise<T[]> {
	const { qs, pageSize, itemIndex, limit, onPage } = options;
	return await paginate<T>(context, { version, path, qs, pageSize, itemIndex }, { limit, onPage });
}
