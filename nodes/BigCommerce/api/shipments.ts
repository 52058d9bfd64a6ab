/**
 * Order shipments and status (orders.v2): list (204 = none), create, and the explicit status
 * change `PUT /v2/orders/{id}` with `{status_id}`. A shipment POST is never retried blindly: it has
 * no idempotency key and emails the buyer, so the core treats it as not idempotent and a caller
 * resolves an unknown outcome by listing the order's shipments (shipmentSync.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { bigCommerceRequest } from '../transport';
import { listAll, pathSegment } from './paging';

export interface BcShipment extends IDataObject {
	id: number;
	order_id: number;
	order_address_id: number;
	tracking_number: string;
	comments: string;
	items: { order_product_id: number; product_id?: number; quantity: number }[];
}

export interface ShipmentBody extends IDataObject {
	order_address_id: number;
	items: { order_product_id: number; quantity: number }[];
	tracking_number?: string;
	tracking_link?: string;
	shipping_provider?: string;
	tracking_carrier?: string;
	shipping_method?: string;
	comments?: string;
}

export async function listShipments(
	context: HttpContext,
	orderId: number | string,
	itemIndex?: number,
): Promise<BcShipment[]> {
	return await listAll<BcShipment>(context, 'v2', `/orders/${pathSegment(orderId)}/shipments`, {
		itemIndex,
	});
}

export async function createShipment(
	context: HttpContext,
	orderId: number | string,
	body: ShipmentBody,
	itemIndex?: number,
): Promise<BcShipment> {
	const response = await bigCommerceRequest<BcShipment>(context, {
		method: 'POST',
		version: 'v2',
		path: `/orders/${pathSegment(orderId)}/shipments`,
		body,
		idempotent: false,
		itemIndex,
	});
	return response.body;
}

export async function updateOrderStatus(
	context: HttpContext,
	orderId: number | string,
	statusId: number,
	itemIndex?: number,
): Promise<IDataObject> {
	const response = await bigCommerceRequest<IDataObject>(context, {
		method: 'PUT',
		version: 'v2',
		path: `/orders/${pathSegment(orderId)}`,
		body: { status_id: statusId },
		// Setting the same status twice leaves the order as it is.
		idempotent: true,
		itemIndex,
	});
	return response.body;
}
