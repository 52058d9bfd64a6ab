/**
 * v3's collection plumbing, shared by every v3 route group: page/limit read and checked as v3
 * checks them (a max of 250; 422 beyond it), the `{data, meta: {pagination}}` answer with its
 * links, comma-separated `name:in` style query lists, and the 404 v3 answers for a missing record.
 */
import type { ServerResponse } from 'node:http';

import { sendJson, type SandboxRequest } from '../common/http';
import { sendV3Error } from './format';

const MAX_LIMIT = 250;

/** A v3 collection answer: `{ data, meta: { pagination } }`. */
export function sendPage(res: ServerResponse, data: unknown[], pagination: unknown): void {
	sendJson(res, 200, { data, meta: { pagination } });
}

/** One page of `rows` as v3 pages them, or undefined once it has answered 422. */
export function pageOf<T>(req: SandboxRequest, res: ServerResponse, rows: T[], defaultLimit = 50) {
	const q = req.url.searchParams;
	const page = q.has('page') ? Number(q.get('page')) : 1;
	const limit = q.has('limit') ? Number(q.get('limit')) : defaultLimit;
	if (
		!Number.isInteger(page) ||
		page < 1 ||
		!Number.isInteger(limit) ||
		limit < 1 ||
		limit > MAX_LIMIT
	) {
		sendV3Error(res, 422, 'The query parameter page or limit is invalid.', {
			errors: { limit: `must be 1..${MAX_LIMIT}` },
		});
		return undefined;
	}
	const totalPages = Math.max(1, Math.ceil(rows.length / limit));
	const data = rows.slice((page - 1) * limit, page * limit);
	const links: Record<string, string> = {
		current: `?page=${page}&limit=${limit}`,
	};
	if (page > 1) links.previous = `?page=${page - 1}&limit=${limit}`;
	if (page < totalPages) links.next = `?page=${page + 1}&limit=${limit}`;
	return {
		data,
		pagination: {
			total: rows.length,
			count: data.length,
			per_page: limit,
			current_page: page,
			total_pages: totalPages,
			links,
		},
	};
}

/** A comma-separated query list (`id:in=1,2`), or undefined when the parameter is absent. */
export const list = (q: URLSearchParams, name: string): string[] | undefined =>
	q.has(name)
		? (q.get(name) as string)
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean)
		: undefined;

/** v3's 404 for a missing record, worded `<what> not found`. */
export const notFound = (res: ServerResponse, what: string) =>
	sendV3Error(res, 404, `${what} not found`);
