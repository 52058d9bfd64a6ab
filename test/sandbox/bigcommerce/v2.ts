/**
 * v2 routes (orders.v2.oas2.yml): bare-array lists, money as 4-dp strings, RFC 2822 UTC dates,
 * errors as `[{status,message}]`, `204 No Content` for an empty order list, page/limit with a max
 * of 250, and the order includes (consignments, consignments.line_items, fees).
 *
 * This file holds the context the v2 modules share and the route list; the order body and its
 * includes are rendered by ./v2Order.ts, the order's sub-resources by ./v2OrderParts.ts, and a
 * request's paging, filters and sort are read by ./v2Requests.ts.
 */
import { sendEmpty, sendJson, type Router } from '../common/http';
import { sendV2Error } from './format';
import { ORDER_STATUSES } from './records';
import type { BigCommerceStore } from './store';
import type { BigCommerceSwitches } from './switches';
import { parseIncludes, renderConsignments, renderOrder } from './v2Order';
import { renderCoupons, renderFees, renderLine, renderShippingAddress } from './v2OrderParts';
import { filterOrders, orderFor, paging } from './v2Requests';

export { renderOrder } from './v2Order';
export { renderLine, renderShippingAddress } from './v2OrderParts';

export interface V2Context {
	store: BigCommerceStore;
	switches: BigCommerceSwitches;
	/** `https://api.bigcommerce.com/stores/{hash}` equivalent, for resource links. */
	storeUrl: () => string;
	/** Store information (`GET /v2/store`). */
	storeInfo: () => Record<string, unknown>;
	/** Default page size of `/v2/orders/{id}/products` ("Lists 50 order products"). */
	productsPageSize: number;
}

export function registerV2Routes(router: Router, ctx: V2Context): void {
	router.add('GET', '/v2/store', 'v2.store', (_req, res) => sendJson(res, 200, ctx.storeInfo()));

	router.add('GET', '/v2/orders', 'v2.orders.list', (req, res) => {
		const rows = filterOrders(req, res, ctx);
		if (!rows) return;
		const p = paging(req, res, ctx);
		if (!p) return;
		const pageRows = p.slice(rows);
		// An empty result is `204 No Content` with no body (as reported from live stores).
		if (!pageRows.length) return sendEmpty(res, 204);
		const includes = parseIncludes(req);
		sendJson(
			res,
			200,
			pageRows.map((o) => renderOrder(ctx, o, includes)),
		);
	});

	router.add('GET', '/v2/orders/count', 'v2.orders.count', (req, res) => {
		const rows = filterOrders(req, res, ctx);
		if (!rows) return;
		sendJson(res, 200, {
			statuses: Object.entries(ORDER_STATUSES).map(([id, name], i) => ({
				id: Number(id),
				name,
				system_label: name,
				custom_label: name,
				system_description: name,
				count: rows.filter((o) => o.statusId === Number(id)).length,
				sort_order: i,
			})),
			count: rows.length,
		});
	});

	router.add('GET', '/v2/order_statuses', 'v2.order_statuses', (_req, res) =>
		sendJson(
			res,
			200,
			Object.entries(ORDER_STATUSES).map(([id, name], i) => ({
				id: Number(id),
				name,
				system_label: name,
				custom_label: name,
				system_description: name,
				order: i,
			})),
		),
	);

	router.add('GET', '/v2/orders/:id(\\d+)', 'v2.orders.get', (req, res) => {
		const order = orderFor(req, res, ctx);
		if (order) sendJson(res, 200, renderOrder(ctx, order, parseIncludes(req)));
	});

	router.add('GET', '/v2/orders/:id(\\d+)/products', 'v2.orders.products', (req, res) => {
		const order = orderFor(req, res, ctx);
		if (!order) return;
		const p = paging(req, res, ctx, ctx.productsPageSize);
		if (!p) return;
		sendJson(
			res,
			200,
			p.slice(order.lines).map((l) => renderLine(ctx, order, l)),
		);
	});

	router.add(
		'GET',
		'/v2/orders/:id(\\d+)/products/:line(\\d+)',
		'v2.orders.products.get',
		(req, res) => {
			const order = orderFor(req, res, ctx);
			if (!order) return;
			const line = order.lines.find((l) => l.id === Number(req.params.line));
			if (!line) return sendV2Error(res, 404, 'The requested resource was not found.');
			sendJson(res, 200, renderLine(ctx, order, line));
		},
	);

	router.add(
		'GET',
		'/v2/orders/:id(\\d+)/shipping_addresses',
		'v2.orders.shipping_addresses',
		(req, res) => {
			const order = orderFor(req, res, ctx);
			if (!order) return;
			const p = paging(req, res, ctx);
			if (p) sendJson(res, 200, p.slice(renderShippingAddress(ctx, order)));
		},
	);

	router.add('GET', '/v2/orders/:id(\\d+)/coupons', 'v2.orders.coupons', (req, res) => {
		const order = orderFor(req, res, ctx);
		if (!order) return;
		const p = paging(req, res, ctx);
		if (!p) return;
		// The spec documents only 200 for coupons; an order without coupons gives an empty array here.
		sendJson(res, 200, p.slice(renderCoupons(order)));
	});

	router.add('GET', '/v2/orders/:id(\\d+)/fees', 'v2.orders.fees', (req, res) => {
		const order = orderFor(req, res, ctx);
		if (order) sendJson(res, 200, renderFees(order));
	});

	router.add('GET', '/v2/orders/:id(\\d+)/consignments', 'v2.orders.consignments', (req, res) => {
		const order = orderFor(req, res, ctx);
		if (!order) return;
		const includes = {
			consignments: true,
			lineItems: req.url.searchParams.get('include') === 'consignments.line_items',
			fees: false,
		};
		const warning: Record<string, unknown> = {};
		const body = renderConsignments(ctx, order, includes, warning);
		sendJson(res, 200, { ...body, ...warning });
	});
}
