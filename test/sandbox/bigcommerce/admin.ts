/**
 * Admin calls under `/bigcommerce/` on the admin server (see ../index.ts): they drive the store as a
 * merchant and its shoppers would. Store events return at once; their webhook deliveries run in the
 * background (await them with `GET /deliveries?wait=ms`).
 *
 * The order view these routes answer with is the order as v2 renders it, except that `products` is
 * the list of its lines (v2 gives a link): each line's `id` is the order product id a refund names.
 *
 *   POST /bigcommerce/orders                   create an order from a compact spec → store/order/created
 *        {"customer_id":1,"lines":[{"sku":"TENT-2P-ALPINE","quantity":1}],"currency":"EUR",
 *         "coupon":{"code":"TRAIL10","percent":10},"status_id":11,"shipping":9.95}
 *        guest: {"guest":{"first_name":"Sam","email":"sam@example.org"},"lines":[...]}
 *   GET  /bigcommerce/orders/:id               the order view (its lines under `products`)
 *   GET  /bigcommerce/orders/:id/products      its lines only, as `GET /v2/orders/:id/products` renders
 *                                              them (`id`, `sku`, `quantity`, `quantity_refunded`, …)
 *   PUT  /bigcommerce/orders/:id               edit (lines, add_lines, set_quantities, remove_line_ids,
 *                                              billing_address, shipping_address, staff_notes) → store/order/updated
 *   PUT  /bigcommerce/orders/:id/status        {"status_id":2} → store/order/statusUpdated (+ updated)
 *   POST /bigcommerce/orders/:id/transactions  {"event":"capture","amount":12.5} → store/order/transaction/created
 *                                              (no amount: a capture takes what is left of the authorisation)
 *   POST /bigcommerce/orders/:id/refunds       {"lines":[{"id":1001,"quantity":1}],"shipping":true,"amount":5}
 *                                              → store/order/refund/created (+ statusUpdated, updated);
 *                                              "payments":[{"provider_id":"braintree","amount":20},
 *                                              {"provider_id":"storecredit","amount":5}] splits the payback
 *   POST /bigcommerce/customers                {"email","first_name","last_name","addresses":[...]} → store/customer/created
 *   PUT  /bigcommerce/customers/:id            {"phone":"..."} → store/customer/updated
 *   GET  /bigcommerce/switches                 PUT with a partial object flips them
 *   PUT  /bigcommerce/rate-limit               {"quota":150,"windowMs":30000}; GET reads the state
 *   GET  /bigcommerce/events                   store events (payloads) so far
 *   GET  /bigcommerce/deliveries?wait=5000&hook=&event=   every delivery attempt (waits until idle first)
 *   POST /bigcommerce/deliveries/release?order=reverse|fifo|shuffle   release held deliveries (holdDeliveries)
 *   POST /bigcommerce/events/:eventId/redeliver?hook=   deliver an event again (a duplicate)
 *   GET  /bigcommerce/hooks                    every hook of the store (any client)
 *   POST /bigcommerce/seed | /bigcommerce/reset   back to seed data, default switches and quota
 *
 * Payments are refused as BigCommerce refuses them, with 422 and no store event: a capture after a
 * void or beyond the authorised amount (so a second full capture), a refund beyond what the order
 * paid less what was refunded, store credit for a guest. The answer is `{"error": "<what>"}` plus
 * BigCommerce's own body for that call (capture: `status`, `title`, `type`; refund: `data: [...]`).
 */
import type { AdminHandler, AdminResult } from '../types';
import {
	StoreError,
	type BigCommerceStore,
	type OrderSpec,
	type RefundSpec,
	type TransactionSpec,
} from './store';
import { applySwitches, type BigCommerceSwitches } from './switches';
import type { RateLimiter } from './rateLimit';
import type { WebhookDispatcher } from './webhooks';

export interface AdminContext {
	store: () => BigCommerceStore;
	switches: BigCommerceSwitches;
	limiter: RateLimiter;
	dispatcher: () => WebhookDispatcher;
	renderOrder: (id: number) => Record<string, unknown>;
	/** The order's lines as `GET /v2/orders/:id/products` renders them. */
	renderLines: (id: number) => Record<string, unknown>[];
	reset: () => Promise<void>;
}

const ok = (body: unknown, status = 200): AdminResult => ({ status, body });
const bad = (message: string, status = 400): AdminResult => ({
	status,
	body: { error: message },
});

export function createAdminHandler(ctx: AdminContext): AdminHandler {
	const wrap = async (fn: () => AdminResult | Promise<AdminResult>): Promise<AdminResult> => {
		try {
			return await fn();
		} catch (error) {
			if (error instanceof StoreError)
				return { status: error.status, body: { error: error.message, ...error.body } };
			throw error;
		}
	};
	return async (method, path, body, query) => {
		const [a, b, c] = path;
		const store = ctx.store();
		const obj = (body ?? {}) as Record<string, unknown>;
		const key = `${method} ${[a, b === undefined ? '' : ':id', c ?? ''].filter(Boolean).join('/')}`;
		const view = (id: number) => ({ ...ctx.renderOrder(id), products: ctx.renderLines(id) });
		switch (key) {
			case 'POST orders':
				return wrap(() => ok(view(store.createOrder(obj as unknown as OrderSpec).id), 201));
			case 'GET orders/:id':
				return wrap(() => ok(view(store.getOrder(Number(b)).id)));
			case 'GET orders/:id/products':
				return wrap(() => ok(ctx.renderLines(store.getOrder(Number(b)).id)));
			case 'PUT orders/:id':
				return wrap(() => ok(view(store.editOrder(Number(b), obj).id)));
			case 'PUT orders/:id/status':
				return wrap(() => {
					if (typeof obj.status_id !== 'number') return bad('status_id (number) is required');
					return ok(view(store.setStatus(Number(b), obj.status_id).id));
				});
			case 'POST orders/:id/transactions':
				return wrap(() => {
					if (typeof obj.event !== 'string')
						return bad('event is required (capture, void, authorization, ...)');
					return ok(store.addTransaction(Number(b), obj as unknown as TransactionSpec), 201);
				});
			case 'POST orders/:id/refunds':
				return wrap(() => ok(store.addRefund(Number(b), obj as RefundSpec), 201));
			case 'POST customers':
				return wrap(() => {
					if (
						typeof obj.email !== 'string' ||
						typeof obj.first_name !== 'string' ||
						typeof obj.last_name !== 'string'
					) {
						return bad('email, first_name and last_name are required');
					}
					return ok(
						store.createCustomer(obj as Parameters<BigCommerceStore['createCustomer']>[0]),
						201,
					);
				});
			case 'PUT customers/:id':
				return wrap(() => ok(store.updateCustomer(Number(b), obj)));
			case 'GET switches':
				return ok(ctx.switches);
			case 'PUT switches': {
				const error = applySwitches(ctx.switches, body);
				return error ? bad(error) : ok(ctx.switches);
			}
			case 'GET rate-limit':
				return ok(ctx.limiter.state());
			case 'PUT rate-limit': {
				if (obj.quota !== undefined && (typeof obj.quota !== 'number' || obj.quota < 0))
					return bad('quota must be a number');
				if (obj.windowMs !== undefined && (typeof obj.windowMs !== 'number' || obj.windowMs <= 0)) {
					return bad('windowMs must be a positive number');
				}
				if (typeof obj.quota === 'number') ctx.limiter.quota = obj.quota;
				if (typeof obj.windowMs === 'number') ctx.limiter.windowMs = obj.windowMs;
				ctx.limiter.refill();
				return ok(ctx.limiter.state());
			}
			case 'GET events':
				return ok(
					ctx.dispatcher().events.map((e) => ({
						eventId: e.eventId,
						seq: e.seq,
						scope: e.scope,
						payload: e.payload,
					})),
				);
			case 'GET deliveries': {
				const dispatcher = ctx.dispatcher();
				let idle = !dispatcher.busy;
				if (query.has('wait')) idle = await dispatcher.whenIdle(Number(query.get('wait')));
				const hook = query.get('hook');
				const event = query.get('event');
				const rows = dispatcher.deliveries.filter(
					(d) => (!hook || d.hookId === Number(hook)) && (!event || d.eventId === event),
				);
				return ok({ idle, held: dispatcher.heldCount, deliveries: rows });
			}
			case 'POST deliveries/:id':
				if (b !== 'release') return undefined;
				return ok({
					released: ctx.dispatcher().release((query.get('order') ?? 'reverse') as 'reverse'),
				});
			case 'POST events/:id/redeliver': {
				const n = ctx
					.dispatcher()
					.redeliver(b, query.has('hook') ? Number(query.get('hook')) : undefined);
				return n < 0 ? bad(`no event ${b}`, 404) : ok({ deliveries: n });
			}
			case 'GET hooks':
				return ok([...store.hooks.values()]);
			case 'POST seed':
			case 'POST reset':
				await ctx.reset();
				return ok({ reset: true });
			default:
				return undefined;
		}
	};
}
