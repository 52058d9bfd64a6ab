/**
 * v3 routes: `{data, meta}` envelopes with `meta.pagination`, money as numbers, ISO dates, errors as
 * `{status,title,type}`. Transactions (orders.v3.yml), refunds per order and store-wide, customers
 * (customers.v3.yml), catalog products and variants, and hooks CRUD (webhooks.v3.yml).
 */
import type { ServerResponse } from 'node:http';

import {
	parseJsonBody,
	sendEmpty,
	sendJson,
	type Router,
	type SandboxRequest,
} from '../common/http';
import { parseFilterDate, sendV3Error, unix } from './format';
import type { BigCommerceStore, CustomerRec, HookRec, ProductRec } from './store';
import type { BigCommerceSwitches } from './switches';

export interface V3Context {
	store: BigCommerceStore;
	switches: BigCommerceSwitches;
}

const MAX_LIMIT = 250;

/** A v3 collection answer: `{ data, meta: { pagination } }`. */
function sendPage(res: ServerResponse, data: unknown[], pagination: unknown): void {
	sendJson(res, 200, { data, meta: { pagination } });
}

function pageOf<T>(req: SandboxRequest, res: ServerResponse, rows: T[], defaultLimit = 50) {
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

const list = (q: URLSearchParams, name: string): string[] | undefined =>
	q.has(name)
		? (q.get(name) as string)
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean)
		: undefined;

function renderCustomer(c: CustomerRec, include: string[]): Record<string, unknown> {
	const { addresses, attributes, form_fields, store_credit_amounts, ...rest } = c;
	const out: Record<string, unknown> = { ...rest };
	if (include.includes('addresses')) out.addresses = addresses;
	if (include.includes('attributes')) out.attributes = attributes;
	if (include.includes('formfields')) out.form_fields = form_fields;
	if (include.includes('storecredit')) out.store_credit_amounts = store_credit_amounts;
	return out;
}

function validateDestination(destination: unknown, ctx: V3Context): string | undefined {
	if (typeof destination !== 'string') return 'error.path.missing.';
	let url: URL;
	try {
		url = new URL(destination);
	} catch {
		return 'error.url.invalid.';
	}
	const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
	if (
		ctx.switches.allowLoopbackHttp &&
		loopback &&
		(url.protocol === 'http:' || url.protocol === 'https:')
	)
		return undefined;
	// Real BigCommerce: https only, port 443 only.
	if (url.protocol !== 'https:' || (url.port !== '' && url.port !== '443'))
		return 'error.destination.https443.';
	return undefined;
}

export function registerV3Routes(router: Router, ctx: V3Context): void {
	const { store } = ctx;
	const notFound = (res: ServerResponse, what: string) =>
		sendV3Error(res, 404, `${what} not found`);

	// ------------------------------------------------------------ transactions
	router.add('GET', '/v3/orders/:id(\\d+)/transactions', 'v3.transactions', (req, res) => {
		const id = Number(req.params.id);
		if (!store.orders.has(id)) return notFound(res, `Order with id [${id}]`);
		const rows = store.transactions.filter((t) => t.order_id === String(id));
		// No transactions: 204, as the v3 orders spec declares. No page/limit on this endpoint.
		if (!rows.length) return sendEmpty(res, 204);
		const links = { current: '?page=1&limit=' + rows.length };
		sendJson(res, 200, {
			data: rows,
			meta: {
				pagination: {
					total: rows.length,
					count: rows.length,
					per_page: rows.length,
					current_page: 1,
					total_pages: 1,
					links,
				},
			},
		});
	});

	// ------------------------------------------------------------ refunds
	const filterRefunds = (req: SandboxRequest, res: ServerResponse, orderId?: number) => {
		const q = req.url.searchParams;
		let rows = store.refunds.filter((r) => orderId === undefined || r.order_id === orderId);
		const orderIds = list(q, 'order_id:in')?.map(Number);
		if (orderIds) rows = rows.filter((r) => orderIds.includes(r.order_id));
		const ids = list(q, 'id:in')?.map(Number);
		if (ids) rows = rows.filter((r) => ids.includes(r.id));
		const tx = q.get('transaction_id');
		if (tx) rows = rows.filter((r) => r.payments.some((p) => p.transaction_id === tx));
		for (const [name, cmp] of [
			['created:min', (a: number, b: number) => a >= b],
			['created:max', (a: number, b: number) => a <= b],
		] as const) {
			if (!q.has(name)) continue;
			const d = parseFilterDate(q.get(name) as string);
			if (!d) {
				sendV3Error(res, 422, `The query parameter ${name} must be an RFC 3339 date-time.`);
				return undefined;
			}
			rows = rows.filter((r) => cmp(Date.parse(r.created), d.getTime()));
		}
		// "ordered by refund ID in ascending order"
		return rows.sort((a, b) => a.id - b.id);
	};
	router.add('GET', '/v3/orders/payment_actions/refunds', 'v3.refunds.list', (req, res) => {
		const rows = filterRefunds(req, res);
		if (!rows) return;
		const page = pageOf(req, res, rows);
		// The spec gives this collection's meta as an open object; pagination is what v3 collections carry.
		if (page) sendPage(res, page.data, page.pagination);
	});
	router.add(
		'GET',
		'/v3/orders/payment_actions/refunds/:rid(\\d+)',
		'v3.refunds.get',
		(req, res) => {
			const refund = store.refunds.find((r) => r.id === Number(req.params.rid));
			if (!refund) return notFound(res, `Refund with id [${req.params.rid}]`);
			sendJson(res, 200, { data: refund, meta: {} });
		},
	);
	router.add(
		'GET',
		'/v3/orders/:id(\\d+)/payment_actions/refunds',
		'v3.refunds.order',
		(req, res) => {
			const id = Number(req.params.id);
			if (!store.orders.has(id)) return notFound(res, `Order with id [${id}]`);
			const rows = filterRefunds(req, res, id);
			if (rows) sendJson(res, 200, { data: rows, meta: {} });
		},
	);

	// ------------------------------------------------------------ customers
	router.add('GET', '/v3/customers', 'v3.customers', (req, res) => {
		const q = req.url.searchParams;
		let rows = [...store.customers.values()];
		const ids = list(q, 'id:in')?.map(Number);
		if (ids) rows = rows.filter((c) => ids.includes(c.id));
		const emails = list(q, 'email:in')?.map((e) => e.toLowerCase());
		if (emails) rows = rows.filter((c) => emails.includes(c.email.toLowerCase()));
		const names = list(q, 'name:in')?.map((e) => e.toLowerCase());
		if (names)
			rows = rows.filter((c) => names.includes(`${c.first_name} ${c.last_name}`.toLowerCase()));
		const like = list(q, 'name:like')?.map((e) => e.toLowerCase());
		if (like)
			rows = rows.filter((c) =>
				like.some((l) => `${c.first_name} ${c.last_name}`.toLowerCase().includes(l)),
			);
		const companies = list(q, 'company:in')?.map((e) => e.toLowerCase());
		if (companies) rows = rows.filter((c) => companies.includes(c.company.toLowerCase()));
		const groups = list(q, 'customer_group_id:in')?.map(Number);
		if (groups) rows = rows.filter((c) => groups.includes(c.customer_group_id));
		for (const field of ['date_created', 'date_modified'] as const) {
			for (const [suffix, cmp] of [
				['', (a: number, b: number) => a === b],
				[':min', (a: number, b: number) => a >= b],
				[':max', (a: number, b: number) => a <= b],
			] as const) {
				const name = `${field}${suffix}`;
				if (!q.has(name)) continue;
				const d = parseFilterDate(q.get(name) as string);
				if (!d) return sendV3Error(res, 422, `The filter ${name} is not a valid date.`);
				rows = rows.filter((c) => cmp(Date.parse(c[field]), d.getTime()));
			}
		}
		const sort = q.get('sort');
		if (sort) {
			const [field, dir] = sort.split(':');
			if (
				!['date_created', 'last_name', 'date_modified'].includes(field) ||
				!['asc', 'desc'].includes(dir)
			) {
				return sendV3Error(res, 422, 'The sort parameter is invalid.');
			}
			rows.sort((a, b) => {
				const ka = String(a[field as keyof CustomerRec]);
				const kb = String(b[field as keyof CustomerRec]);
				const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
				return dir === 'desc' ? -c : c;
			});
		} else rows.sort((a, b) => a.id - b.id);
		const page = pageOf(req, res, rows);
		if (!page) return;
		const include = list(q, 'include') ?? [];
		const meta: Record<string, unknown> = { pagination: page.pagination };
		// Page 1 carries cursor pagination too.
		if (page.pagination.current_page === 1) {
			meta.cursor_pagination = {
				count: page.data.length,
				per_page: page.pagination.per_page,
				start_cursor: page.data.length
					? Buffer.from(String(page.data[0].id)).toString('base64')
					: '',
				end_cursor: page.data.length
					? Buffer.from(String(page.data[page.data.length - 1].id)).toString('base64')
					: '',
				links: { current: page.pagination.links.current },
			};
		}
		sendJson(res, 200, {
			data: page.data.map((c) => renderCustomer(c, include)),
			meta,
		});
	});

	// ------------------------------------------------------------ catalog
	const variantsOf = (product: ProductRec) =>
		[...store.variants.values()].filter((v) => v.product_id === product.id);
	const renderProduct = (p: ProductRec, include: string[]) => {
		const { brand_name: _brand, ...rest } = p as Record<string, unknown>;
		void _brand;
		const out: Record<string, unknown> = { ...rest };
		if (include.includes('variants')) out.variants = variantsOf(p);
		return out;
	};
	router.add('GET', '/v3/catalog/products', 'v3.catalog.products', (req, res) => {
		const q = req.url.searchParams;
		let rows = [...store.products.values()];
		const sku = q.get('sku');
		if (sku !== null) rows = rows.filter((p) => p.sku === sku);
		const skus = list(q, 'sku:in');
		if (skus) rows = rows.filter((p) => skus.includes(p.sku));
		const ids = list(q, 'id:in')?.map(Number);
		if (ids) rows = rows.filter((p) => ids.includes(p.id));
		if (q.has('id')) rows = rows.filter((p) => p.id === Number(q.get('id')));
		const name = q.get('name');
		if (name) rows = rows.filter((p) => p.name === name);
		rows.sort((a, b) => a.id - b.id);
		const page = pageOf(req, res, rows);
		if (!page) return;
		const include = list(q, 'include') ?? [];
		sendPage(
			res,
			page.data.map((p) => renderProduct(p, include)),
			page.pagination,
		);
	});
	router.add('GET', '/v3/catalog/products/:pid(\\d+)', 'v3.catalog.products.get', (req, res) => {
		const p = store.products.get(Number(req.params.pid));
		if (!p) return notFound(res, `Product with id ${req.params.pid}`);
		sendJson(res, 200, {
			data: renderProduct(p, list(req.url.searchParams, 'include') ?? []),
			meta: {},
		});
	});
	router.add(
		'GET',
		'/v3/catalog/products/:pid(\\d+)/variants',
		'v3.catalog.variants.product',
		(req, res) => {
			const p = store.products.get(Number(req.params.pid));
			if (!p) return notFound(res, `Product with id ${req.params.pid}`);
			const page = pageOf(req, res, variantsOf(p));
			if (page) sendPage(res, page.data, page.pagination);
		},
	);
	router.add('GET', '/v3/catalog/variants', 'v3.catalog.variants', (req, res) => {
		const q = req.url.searchParams;
		let rows = [...store.variants.values()];
		const sku = q.get('sku');
		if (sku !== null) rows = rows.filter((v) => v.sku === sku);
		const skus = list(q, 'sku:in');
		if (skus) rows = rows.filter((v) => skus.includes(v.sku));
		const ids = list(q, 'id:in')?.map(Number);
		if (ids) rows = rows.filter((v) => ids.includes(v.id));
		const pids = list(q, 'product_id:in')?.map(Number);
		if (pids) rows = rows.filter((v) => pids.includes(v.product_id));
		rows.sort((a, b) => a.id - b.id);
		const page = pageOf(req, res, rows);
		if (page) sendPage(res, page.data, page.pagination);
	});

	// ------------------------------------------------------------ hooks
	const hookNotFound = (res: ServerResponse, id: string) =>
		sendV3Error(res, 404, `Webhook with id [${id}] not found`);
	const invalid = (res: ServerResponse, errors: Record<string, string>) =>
		sendV3Error(res, 422, 'JSON data is missing or invalid', { errors });
	const readBody = (
		req: SandboxRequest,
		res: ServerResponse,
	): Record<string, unknown> | undefined => {
		try {
			const body = parseJsonBody<Record<string, unknown>>(req);
			if (body && typeof body === 'object' && !Array.isArray(body)) return body;
		} catch {
			// fall through
		}
		sendV3Error(res, 400, 'The request body is not valid JSON.');
		return undefined;
	};
	const checkFields = (
		body: Record<string, unknown>,
		creating: boolean,
	): Record<string, string> => {
		const errors: Record<string, string> = {};
		if (creating && typeof body.scope !== 'string') errors.scope = 'error.path.missing.';
		if (
			body.scope !== undefined &&
			(typeof body.scope !== 'string' || !/^store\/[\w/*]+$/.test(body.scope))
		) {
			errors.scope = 'error.scope.invalid.';
		}
		if (creating || body.destination !== undefined) {
			const e = validateDestination(body.destination, ctx);
			if (e) errors.destination = e;
		}
		if (body.is_active !== undefined && typeof body.is_active !== 'boolean')
			errors.is_active = 'error.expected.jsboolean';
		if (body.headers !== undefined && body.headers !== null) {
			const h = body.headers;
			if (
				typeof h !== 'object' ||
				Array.isArray(h) ||
				Object.values(h as object).some((v) => typeof v !== 'string')
			) {
				errors.headers = 'error.expected.jsobject';
			}
		}
		return errors;
	};
	const limitsError = (
		scope: string,
		destination: string,
		exceptId?: number,
	): Record<string, string> | undefined => {
		const same = [...store.hooks.values()].filter((h) => h.scope === scope && h.id !== exceptId);
		if (same.some((h) => h.destination === destination)) {
			return {
				destination: 'A webhook with this scope and destination already exists.',
			};
		}
		if (same.length >= 10) return { scope: 'At most 10 webhooks per scope are allowed.' };
		return undefined;
	};

	router.add('GET', '/v3/hooks', 'v3.hooks.list', (req, res) => {
		const ignored = ctx.switches.hookListIgnoresFilters;
		const q = ignored ? new URLSearchParams() : req.url.searchParams;
		let rows = [...store.hooks.values()].filter((h) => h.client_id === store.clientId);
		if (q.has('is_active')) rows = rows.filter((h) => String(h.is_active) === q.get('is_active'));
		if (q.has('scope')) rows = rows.filter((h) => h.scope === q.get('scope'));
		if (q.has('destination')) rows = rows.filter((h) => h.destination === q.get('destination'));
		rows.sort((a, b) => a.id - b.id);
		const page = pageOf(req, res, rows);
		if (page) sendPage(res, page.data, page.pagination);
	});
	router.add('POST', '/v3/hooks', 'v3.hooks.create', (req, res) => {
		const body = readBody(req, res);
		if (!body) return;
		const errors = checkFields(body, true);
		if (Object.keys(errors).length) return invalid(res, errors);
		const limits = limitsError(body.scope as string, body.destination as string);
		if (limits) return invalid(res, limits);
		const now = unix(store.now());
		const hook: HookRec = {
			id: store.nextId('hook'),
			client_id: store.clientId,
			store_hash: store.storeHash,
			scope: body.scope as string,
			destination: body.destination as string,
			is_active: body.is_active === undefined ? true : (body.is_active as boolean),
			headers: (body.headers as Record<string, string> | null | undefined) ?? null,
			created_at: now,
			updated_at: now,
		};
		store.hooks.set(hook.id, hook);
		sendJson(res, 200, { data: hook, meta: {} });
	});
	router.add('GET', '/v3/hooks/:hid(\\d+)', 'v3.hooks.get', (req, res) => {
		const hook = store.hooks.get(Number(req.params.hid));
		if (!hook || hook.client_id !== store.clientId) return hookNotFound(res, req.params.hid);
		sendJson(res, 200, { data: hook, meta: {} });
	});
	router.add('PUT', '/v3/hooks/:hid(\\d+)', 'v3.hooks.update', (req, res) => {
		const hook = store.hooks.get(Number(req.params.hid));
		if (!hook || hook.client_id !== store.clientId) return hookNotFound(res, req.params.hid);
		const body = readBody(req, res);
		if (!body) return;
		const fields = ['scope', 'destination', 'is_active', 'headers'].filter((k) => k in body);
		if (!fields.length) return invalid(res, { body: 'At least one field is required.' });
		const errors = checkFields(body, false);
		if (Object.keys(errors).length) return invalid(res, errors);
		const scope = (body.scope as string | undefined) ?? hook.scope;
		const destination = (body.destination as string | undefined) ?? hook.destination;
		const limits = limitsError(scope, destination, hook.id);
		if (limits) return invalid(res, limits);
		hook.scope = scope;
		hook.destination = destination;
		if (body.is_active !== undefined) hook.is_active = body.is_active as boolean;
		if ('headers' in body) hook.headers = (body.headers as Record<string, string> | null) ?? null;
		hook.updated_at = unix(store.now());
		sendJson(res, 200, { data: hook, meta: {} });
	});
	router.add('DELETE', '/v3/hooks/:hid(\\d+)', 'v3.hooks.delete', (req, res) => {
		const hook = store.hooks.get(Number(req.params.hid));
		if (!hook || hook.client_id !== store.clientId) return hookNotFound(res, req.params.hid);
		store.hooks.delete(hook.id);
		// DELETE answers 200 with the deleted hook.
		sendJson(res, 200, { data: hook, meta: {} });
	});
}
