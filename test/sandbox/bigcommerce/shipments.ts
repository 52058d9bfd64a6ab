/**
 * Order shipments and explicit status changes, as orders.v2.oas2.yml describes them:
 * `GET|POST /v2/orders/{id}/shipments` (page/limit, 204 when none), `GET …/shipments/count`,
 * `GET|DELETE …/shipments/{shipment_id}`, and `PUT /v2/orders/{id}` with `{"status_id": N}`.
 *
 * BigCommerce has no idempotency key: every accepted POST is a new shipment, emails the buyer and
 * fires `store/shipment/created`, so a client that repeats one ships twice — the sandbox counts
 * that as it happens (quantity_shipped per order product goes up each time). What the spec does not
 * say is modelled by switches: whether a shipment sets the order to Shipped (2) / Partially Shipped
 * (3) (`shipmentSetsStatus`, unverified, default on) and whether shipping more than is left to ship
 * is refused (`refuseOverShipment`, inferred, default on). Deleting a shipment lowers
 * quantity_shipped but leaves the status ("Deleting a shipment does not move the order out of
 * shipped status").
 */
import type { ServerResponse } from 'node:http';

import { sendEmpty, sendJson, type Router, type SandboxRequest } from '../common/http';
import { rfc2822, sendV2Error } from './format';
import type { OrderRec } from './store';
import type { BigCommerceSwitches } from './switches';
import { renderOrder, renderShippingAddress, type V2Context } from './v2';

export interface ShipmentRec {
	id: number;
	orderId: number;
	orderAddressId: number;
	dateCreated: Date;
	trackingNumber: string;
	trackingLink: string;
	trackingCarrier: string;
	shippingProvider: string;
	shippingMethod: string;
	merchantShippingCost: string;
	comments: string;
	items: { order_product_id: number; product_id: number; quantity: number }[];
}

/** Shipments per order, beside the store (reset with it). */
export class ShipmentBook {
	private byOrder = new Map<number, ShipmentRec[]>();
	private lastId = 0;
	/** Every POST accepted, for tests that count what reached the buyer. */
	created: ShipmentRec[] = [];

	clear(): void {
		this.byOrder.clear();
		this.created = [];
		this.lastId = 0;
	}

	of(orderId: number): ShipmentRec[] {
		return this.byOrder.get(orderId) ?? [];
	}

	add(shipment: Omit<ShipmentRec, 'id'>): ShipmentRec {
		const rec = { ...shipment, id: ++this.lastId };
		this.byOrder.set(rec.orderId, [...this.of(rec.orderId), rec]);
		this.created.push(rec);
		return rec;
	}

	remove(orderId: number, id: number): ShipmentRec | undefined {
		const found = this.of(orderId).find((s) => s.id === id);
		if (found)
			this.byOrder.set(
				orderId,
				this.of(orderId).filter((s) => s !== found),
			);
		return found;
	}
}

/** `shipping_provider` values the spec lists (it "may be updated at any time"), plus `carrier_{id}`. */
const PROVIDERS: Record<string, string> = {
	'': '',
	auspost: 'Australia Post',
	canadapost: 'Canada Post',
	endicia: 'Endicia',
	usps: 'USPS',
	fedex: 'FedEx',
	royalmail: 'Royal Mail',
	ups: 'UPS',
	upsready: 'UPS Ready',
	shipperhq: 'ShipperHQ',
};
const providerName = (p: string) => PROVIDERS[p] ?? (/^carrier_\w+$/.test(p) ? p : undefined);

export interface ShipmentContext extends V2Context {
	shipments: ShipmentBook;
}

function render(ctx: ShipmentContext, order: OrderRec, s: ShipmentRec): Record<string, unknown> {
	const address = renderShippingAddress(ctx, order).find((a) => a.id === s.orderAddressId) ?? {};
	const carrier = s.trackingCarrier || s.shippingProvider;
	return {
		id: s.id,
		order_id: s.orderId,
		customer_id: order.customerId,
		order_address_id: s.orderAddressId,
		date_created: rfc2822(s.dateCreated),
		tracking_number: s.trackingNumber,
		merchant_shipping_cost: s.merchantShippingCost,
		shipping_method: s.shippingMethod,
		shipping_provider: s.shippingProvider,
		tracking_carrier: s.trackingCarrier,
		tracking_link: s.trackingLink,
		comments: s.comments,
		billing_address: { ...order.billing },
		shipping_address: address,
		items: s.items,
		shipping_provider_display_name: providerName(s.shippingProvider) ?? '',
		// A custom tracking_link leaves it empty; else provider/carrier + number give one [inferred URL].
		generated_tracking_link:
			!s.trackingLink && s.trackingNumber && carrier
				? `https://track.aftership.com/${carrier}/${encodeURIComponent(s.trackingNumber)}`
				: '',
	};
}

type Body = Record<string, unknown>;

function parse(req: SandboxRequest, res: ServerResponse): Body | undefined {
	try {
		const body = JSON.parse(req.rawBody.toString('utf8') || 'null') as unknown;
		if (body && typeof body === 'object' && !Array.isArray(body)) return body as Body;
	} catch {
		// answered below
	}
	sendV2Error(res, 400, 'The request body is not a valid JSON object.');
	return undefined;
}

const isCount = (v: unknown) => Number.isInteger(v) && (v as number) > 0;

/** The refusal of a shipment body, or undefined when BigCommerce would accept it. */
function refusal(order: OrderRec, body: Body, switches: BigCommerceSwitches): string | undefined {
	if (!order.shipping.some((a) => a.id === body.order_address_id))
		return "The field 'order_address_id' is invalid.";
	if (!Array.isArray(body.items) || !body.items.length) return "The field 'items' is invalid.";
	const wanted = new Map<number, number>();
	for (const item of body.items as Body[]) {
		const line = order.lines.find((l) => l.id === item?.order_product_id);
		if (!line || !isCount(item.quantity)) return "The field 'items' is invalid.";
		wanted.set(line.id, (wanted.get(line.id) ?? 0) + (item.quantity as number));
	}
	for (const [id, quantity] of wanted) {
		const line = order.lines.find((l) => l.id === id);
		if (line && switches.refuseOverShipment && quantity > line.quantity - line.quantityShipped)
			return `The quantity to ship of order product ${id} is greater than the quantity left to ship.`; // [inferred wording]
	}
	const text = (name: string, max: number) =>
		body[name] !== undefined &&
		(typeof body[name] !== 'string' || (body[name] as string).length > max);
	for (const [name, max] of [
		['tracking_number', 50],
		['tracking_link', 500],
		['comments', 65535],
		['shipping_method', 250],
		['tracking_carrier', 100],
	] as const)
		if (text(name, max)) return `The field '${name}' is invalid.`;
	if (
		body.shipping_provider !== undefined &&
		providerName(String(body.shipping_provider)) === undefined
	)
		return "The field 'shipping_provider' is invalid.";
	return undefined;
}

function shippedStatus(order: OrderRec): number {
	return order.lines.every((l) => l.quantityShipped >= l.quantity) ? 2 : 3;
}

export function registerShipmentRoutes(router: Router, ctx: ShipmentContext): void {
	const { store, switches, shipments } = ctx;
	const orderFor = (req: SandboxRequest, res: ServerResponse) => {
		const order = store.orders.get(Number(req.params.id));
		if (!order) sendV2Error(res, 404, 'The requested resource was not found.');
		return order;
	};

	router.add('PUT', '/v2/orders/:id(\\d+)', 'v2.orders.update', (req, res) => {
		const order = orderFor(req, res);
		const body = order && parse(req, res);
		if (!order || !body) return;
		const fields = Object.keys(body);
		// Only status_id is modelled; other order edits go through the admin API.
		if (!fields.length || fields.some((f) => f !== 'status_id'))
			return sendV2Error(res, 400, 'The sandbox models only status_id on PUT /v2/orders/{id}.');
		if (!Number.isInteger(body.status_id) || !((body.status_id as number) in STATUS_IDS))
			return sendV2Error(res, 400, "The field 'status_id' is invalid.");
		store.setStatus(order.id, body.status_id as number);
		sendJson(
			res,
			200,
			renderOrder(ctx, order, { consignments: false, lineItems: false, fees: false }),
		);
	});

	router.add('GET', '/v2/orders/:id(\\d+)/shipments', 'v2.shipments.list', (req, res) => {
		const order = orderFor(req, res);
		if (!order) return;
		const q = req.url.searchParams;
		const page = Number(q.get('page') ?? 1);
		const limit = Math.min(Number(q.get('limit') ?? 50), 250);
		if (!(page >= 1) || !(limit >= 1))
			return sendV2Error(res, 400, 'The field "page" or "limit" is invalid.');
		const rows = shipments.of(order.id).slice((page - 1) * limit, page * limit);
		if (!rows.length) return sendEmpty(res, 204);
		sendJson(
			res,
			200,
			rows.map((s) => render(ctx, order, s)),
		);
	});

	router.add('GET', '/v2/orders/:id(\\d+)/shipments/count', 'v2.shipments.count', (req, res) => {
		const order = orderFor(req, res);
		if (order) sendJson(res, 200, { count: shipments.of(order.id).length });
	});

	router.add('GET', '/v2/orders/:id(\\d+)/shipments/:sid(\\d+)', 'v2.shipments.get', (req, res) => {
		const order = orderFor(req, res);
		if (!order) return;
		const s = shipments.of(order.id).find((x) => x.id === Number(req.params.sid));
		if (!s) return sendV2Error(res, 404, 'The requested resource was not found.');
		sendJson(res, 200, render(ctx, order, s));
	});

	router.add('POST', '/v2/orders/:id(\\d+)/shipments', 'v2.shipments.create', (req, res) => {
		const order = orderFor(req, res);
		const body = order && parse(req, res);
		if (!order || !body) return;
		const refused = refusal(order, body, switches);
		if (refused) return sendV2Error(res, 400, refused);
		const items = (body.items as Body[]).map((i) => {
			const line = order.lines.find((l) => l.id === i.order_product_id);
			return {
				order_product_id: i.order_product_id as number,
				product_id: line?.productId ?? 0,
				quantity: i.quantity as number,
			};
		});
		for (const item of items) {
			const line = order.lines.find((l) => l.id === item.order_product_id);
			if (line) line.quantityShipped += item.quantity;
		}
		const shipment = shipments.add({
			orderId: order.id,
			orderAddressId: body.order_address_id as number,
			dateCreated: store.now(),
			trackingNumber: String(body.tracking_number ?? ''),
			trackingLink: String(body.tracking_link ?? ''),
			trackingCarrier: String(body.tracking_carrier ?? ''),
			shippingProvider: String(body.shipping_provider ?? ''),
			shippingMethod: String(body.shipping_method ?? ''),
			merchantShippingCost: String(body.merchant_shipping_cost ?? '0.0000'),
			comments: String(body.comments ?? ''),
			items,
		});
		order.dateModified = store.now();
		store.emit('store/shipment/created', { type: 'shipment', id: shipment.id, orderId: order.id });
		if (switches.shipmentSetsStatus) store.setStatus(order.id, shippedStatus(order));
		sendJson(res, 201, render(ctx, order, shipment));
	});

	router.add(
		'DELETE',
		'/v2/orders/:id(\\d+)/shipments/:sid(\\d+)',
		'v2.shipments.delete',
		(req, res) => {
			const order = orderFor(req, res);
			if (!order) return;
			const removed = shipments.remove(order.id, Number(req.params.sid));
			if (!removed) return sendV2Error(res, 404, 'The requested resource was not found.');
			for (const item of removed.items) {
				const line = order.lines.find((l) => l.id === item.order_product_id);
				if (line) line.quantityShipped = Math.max(0, line.quantityShipped - item.quantity);
			}
			store.emit('store/shipment/deleted', { type: 'shipment', id: removed.id, orderId: order.id });
			sendEmpty(res, 204);
		},
	);
}

const STATUS_IDS: Record<number, true> = Object.fromEntries(
	Array.from({ length: 15 }, (_, i) => [i, true]),
);
