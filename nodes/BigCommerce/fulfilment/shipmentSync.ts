/**
 * One F&O packing slip → BigCommerce shipments, exactly once. BigCommerce has no idempotency key
 * and every shipment emails the buyer, so under the posting lock for the order (the node's Posting
 * Lock: in this process, or Redis across queue-mode workers — the F&O posting engine's own lock,
 * held across list-compare-create) the order's own state decides:
 *
 * - every shipment this pack creates carries the slip in `comments` (`F&O packing slip <company>/<id>`);
 *   a shipment with that marker means the slip was sent — by this run, an earlier one, a concurrent
 *   one or a run whose answer was lost — and it is never sent again. If the slip's quantities now
 *   differ from what that shipment carries, the slip was corrected in F&O: the item says so
 *   (`correction`, or `cancellation` when F&O now ships nothing) for a person to act on; nothing
 *   is changed in the store.
 * - what was sent is remembered (the node's workflow static data, `sentBefore`): a slip the pack
 *   sent whose shipment is gone from the store (deleted by hand) is `deletedInStore`, not resent.
 * - otherwise each line ships at most what the order product has left to ship (quantity −
 *   quantity_shipped), so a line shipped by hand in the control panel is not shipped twice;
 *   lines with nothing left are reported, and a slip with nothing left at all sends nothing.
 *
 * Several tracking numbers on one slip: the first is the shipment's tracking_number, the others go
 * in its comments (the items per parcel are not known). Carrier: a table from the F&O carrier (or
 * mode of delivery) to BigCommerce's shipping_provider / tracking_carrier and a tracking-URL
 * template; F&O's own TrackingURL wins, the table's template next, then the fallback template.
 * Order status: BigCommerce's own change to Shipped / Partially Shipped after a shipment is not
 * documented (unverified), so the option sets it explicitly from the products' quantity_shipped.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { withProcessLock } from '../../common/processLock';
import type { RecordLocker } from '../../MicrosoftDynamicsFo/posting/lock';
import { listOrderProducts } from '../api/orders';
import { listAll } from '../api/paging';
import {
	createShipment,
	listShipments,
	updateOrderStatus,
	type BcShipment,
	type ShipmentBody,
} from '../api/shipments';

export interface CarrierRow {
	/** F&O ShipCarrierId or mode of delivery (DlvMode), compared case-insensitively. */
	foCarrier: string;
	shippingProvider?: string;
	trackingCarrier?: string;
	/** `https://…{tracking}…`: the tracking number replaces {tracking}. */
	trackingUrl?: string;
}

export interface ShipmentSyncOptions {
	carriers: CarrierRow[];
	fallbackTrackingUrl?: string;
	setOrderStatus: boolean;
	storeHash: string;
	/** The posting lock (default: this process only). */
	lock?: RecordLocker;
	/** Shipment ids this node created for the slip before (its memory), if any. */
	sentBefore?: number[];
	itemIndex?: number;
}

export interface SlipInput {
	dataAreaId: string;
	packingSlipId: string;
	bigCommerceOrderId: number;
	carrier?: string;
	deliveryMode?: string;
	trackingNumbers?: { number: string; url?: string }[];
	lines: { lineNumber: number; quantity: number; orderProductId?: number; itemId?: string }[];
}

export type SyncStatus =
	'created' | 'alreadySent' | 'correction' | 'cancellation' | 'deletedInStore' | 'nothingToShip';

export interface SyncResult extends IDataObject {
	status: SyncStatus;
	orderId: number;
	packingSlipId: string;
	dataAreaId: string;
	shipments: IDataObject[];
	/** Lines not shipped, with why (no order product, nothing left, fractional). */
	notShipped: IDataObject[];
	/** For a correction: what the store has, and what the slip says now. */
	sent?: IDataObject;
	slip?: IDataObject;
	orderStatusSet?: number;
	/** For the statuses a person acts on: what to do, in words. */
	action?: string;
	requests: number;
}

export const marker = (slip: Pick<SlipInput, 'dataAreaId' | 'packingSlipId'>) =>
	`F&O packing slip ${slip.dataAreaId.toUpperCase()}/${slip.packingSlipId}`;

const quantities = (
	items: { order_product_id?: number; orderProductId?: number; quantity: number }[],
) => {
	const out: Record<string, number> = {};
	for (const i of items) {
		const id = String(i.order_product_id ?? i.orderProductId);
		out[id] = (out[id] ?? 0) + i.quantity;
	}
	return out;
};

const sameQuantities = (a: Record<string, number>, b: Record<string, number>) =>
	Object.keys({ ...a, ...b }).every((k) => (a[k] ?? 0) === (b[k] ?? 0));

function carrierFor(slip: SlipInput, table: CarrierRow[]): CarrierRow | undefined {
	const find = (code?: string) =>
		code
			? table.find((r) => r.foCarrier.trim().toLowerCase() === code.trim().toLowerCase())
			: undefined;
	return find(slip.carrier) ?? find(slip.deliveryMode);
}

const fill = (template: string | undefined, tracking: string) =>
	template && tracking ? template.replace(/\{tracking\}/g, encodeURIComponent(tracking)) : '';

export async function syncPackingSlip(
	context: HttpContext,
	slip: SlipInput,
	options: ShipmentSyncOptions,
): Promise<SyncResult> {
	const orderId = slip.bigCommerceOrderId;
	const lockName = `bigcommerce-shipment:${options.storeHash.toLowerCase()}:${orderId}`;
	const lock: RecordLocker = options.lock ?? withProcessLock;
	return await lock(lockName, async () => {
		let requests = 0;
		const base = { orderId, packingSlipId: slip.packingSlipId, dataAreaId: slip.dataAreaId };
		const existing: BcShipment[] = await listShipments(context, orderId, options.itemIndex);
		requests++;
		const slipQuantities = quantities(
			slip.lines.filter((l) => l.orderProductId !== undefined) as {
				orderProductId: number;
				quantity: number;
			}[],
		);
		const mine = existing.filter((s) => String(s.comments ?? '').includes(marker(slip)));
		if (mine.length) {
			const sent = quantities(mine.flatMap((s) => s.items));
			const corrected = !sameQuantities(sent, slipQuantities);
			const cancelled = corrected && Object.values(slipQuantities).every((q) => q === 0);
			const ids = mine.map((s) => s.id).join(', ');
			return {
				...base,
				status: cancelled ? 'cancellation' : corrected ? 'correction' : 'alreadySent',
				shipments: mine.map((s) => ({
					id: s.id,
					items: s.items,
					tracking_number: s.tracking_number,
				})),
				notShipped: [],
				...(corrected
					? {
							sent,
							slip: slipQuantities,
							action: `F&O packing slip ${slip.packingSlipId} was ${cancelled ? 'cancelled' : 'corrected'} after BigCommerce order ${orderId} was shipped (shipment ${ids}): fix the shipment in the store by hand; nothing was changed or resent`,
						}
					: {}),
				requests,
			};
		}
		if (options.sentBefore?.length)
			return {
				...base,
				status: 'deletedInStore',
				shipments: [],
				notShipped: [],
				action: `Shipment ${options.sentBefore.join(', ')} for F&O packing slip ${slip.packingSlipId} is no longer on BigCommerce order ${orderId} (deleted in the store?): not resent; ship it by hand if it should be there`,
				requests,
			};
		const products = await listOrderProducts(context, orderId, options.itemIndex);
		requests++;
		const notShipped: IDataObject[] = [];
		const left = new Map(products.map((p) => [p.id, p.quantity - Number(p.quantity_shipped ?? 0)]));
		const byAddress = new Map<number, ShipmentBody['items']>();
		for (const line of slip.lines) {
			const product = products.find((p) => p.id === line.orderProductId);
			if (!product) {
				notShipped.push({
					lineNumber: line.lineNumber,
					itemId: line.itemId,
					reason: 'noOrderProduct',
				});
				continue;
			}
			if (!Number.isInteger(line.quantity)) {
				notShipped.push({
					lineNumber: line.lineNumber,
					quantity: line.quantity,
					reason: 'fractionalQuantity',
				});
				continue;
			}
			const quantity = Math.min(line.quantity, left.get(product.id) ?? 0);
			if (quantity < line.quantity)
				notShipped.push({
					lineNumber: line.lineNumber,
					orderProductId: product.id,
					quantity: line.quantity - quantity,
					reason: 'alreadyShippedInStore',
				});
			if (quantity <= 0) continue;
			left.set(product.id, (left.get(product.id) ?? 0) - quantity);
			const address = Number(product.order_address_id ?? 0);
			byAddress.set(address, [
				...(byAddress.get(address) ?? []),
				{ order_product_id: product.id, quantity },
			]);
		}
		if (!byAddress.size)
			return { ...base, status: 'nothingToShip', shipments: [], notShipped, requests };
		if ([...byAddress.keys()].some((a) => !a)) {
			const addresses = await listAll(context, 'v2', `/orders/${orderId}/shipping_addresses`, {
				itemIndex: options.itemIndex,
			});
			requests++;
			const first = Number(addresses[0]?.id ?? 0);
			const items = byAddress.get(0) ?? [];
			byAddress.delete(0);
			byAddress.set(first, [...(byAddress.get(first) ?? []), ...items]);
		}
		const [primary, ...others] = slip.trackingNumbers ?? [];
		const carrier = carrierFor(slip, options.carriers);
		const trackingLink =
			primary?.url ||
			fill(carrier?.trackingUrl, primary?.number ?? '') ||
			fill(options.fallbackTrackingUrl, primary?.number ?? '');
		const comments = [
			marker(slip),
			...others.map((t) => `Tracking: ${t.number}${t.url ? ` ${t.url}` : ''}`),
		].join('\n');
		const created: BcShipment[] = [];
		for (const [addressId, items] of byAddress) {
			const body: ShipmentBody = { order_address_id: addressId, items, comments };
			if (primary?.number) body.tracking_number = primary.number.slice(0, 50);
			if (trackingLink) body.tracking_link = trackingLink.slice(0, 500);
			if (carrier?.shippingProvider) body.shipping_provider = carrier.shippingProvider;
			if (carrier?.trackingCarrier) body.tracking_carrier = carrier.trackingCarrier;
			created.push(await createShipment(context, orderId, body, options.itemIndex));
			requests++;
		}
		let orderStatusSet: number | undefined;
		if (options.setOrderStatus) {
			// What is left to ship after these shipments, from the lines read above: not read again
			// (one call per slip less on the store's shared quota). A shipment made by hand in the
			// same moment is not seen; the next slip's status, or a person, puts that right.
			orderStatusSet = products.every((p) => (left.get(p.id) ?? 0) <= 0) ? 2 : 3;
			await updateOrderStatus(context, orderId, orderStatusSet, options.itemIndex);
			requests++;
		}
		return {
			...base,
			status: 'created',
			shipments: created.map((s) => ({
				id: s.id,
				items: s.items,
				tracking_number: s.tracking_number,
				tracking_link: s.tracking_link,
			})),
			notShipped,
			orderStatusSet,
			requests,
		};
	});
}
