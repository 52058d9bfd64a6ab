/**
 * v3 payment records of orders (orders.v3.yml): an order's transactions (204 when it has none, no
 * paging) and refunds, per order and store-wide with their filters (`order_id:in`, `id:in`,
 * `transaction_id`, `created:min|max`), ordered by refund id.
 */
import type { ServerResponse } from 'node:http';

import { sendEmpty, sendJson, type Router, type SandboxRequest } from '../common/http';
import { parseFilterDate, sendV3Error } from './format';
import type { V3Context } from './v3';
import { list, notFound, pageOf, sendPage } from './v3Collections';

export function registerV3PaymentRoutes(router: Router, ctx: V3Context): void {
	const { store } = ctx;
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
}
