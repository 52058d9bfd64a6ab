/**
 * The v3 Inventory API: locations, stock per location, and absolute adjustments. BigCommerce takes
 * at most 2,000 items per adjustment and asks callers to wait for each adjustment's answer before
 * sending the next; stockSync.ts batches and serialises, this file sends one call.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { bigCommerceRequest } from '../transport';
import { listAll, pathSegment } from './paging';

export const MAX_ADJUSTMENT_ITEMS = 2000;

export interface AbsoluteItem extends IDataObject {
	location_id: number;
	quantity: number;
	variant_id?: number;
	product_id?: number;
	sku?: string;
}

export async function listLocations(
	context: HttpContext,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await listAll(context, 'v3', '/inventory/locations', { itemIndex, pageSize: null });
}

export async function locationItems(
	context: HttpContext,
	locationId: number | string,
	skus: string[],
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await listAll(context, 'v3', `/inventory/locations/${pathSegment(locationId)}/items`, {
		qs: skus.length ? { 'sku:in': skus.join(',') } : undefined,
		itemIndex,
	});
}

/** One absolute adjustment of at most MAX_ADJUSTMENT_ITEMS items; answers its transaction id. */
export async function setAbsolute(
	context: HttpContext,
	items: AbsoluteItem[],
	reason: string,
	itemIndex?: number,
): Promise<string> {
	if (items.length > MAX_ADJUSTMENT_ITEMS)
		throw new Error(`At most ${MAX_ADJUSTMENT_ITEMS} items per inventory adjustment`);
	const response = await bigCommerceRequest<{ transaction_id?: string }>(context, {
		method: 'PUT',
		version: 'v3',
		path: '/inventory/adjustments/absolute',
		body: { reason, items },
		// Absolute quantities: sending the same adjustment again sets the same levels.
		idempotent: true,
		itemIndex,
	});
	return String(response.body?.transaction_id ?? '');
}
