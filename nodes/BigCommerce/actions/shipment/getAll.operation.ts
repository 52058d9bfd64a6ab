/** Shipment → Get Many: an order's shipments (none is an empty list; BigCommerce answers 204). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listShipments } from '../../api/shipments';
import { httpContext, limitOf, requiredId } from '../parameters';
import { returnAllAndLimit } from '../common.descriptions';

export const description: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '250',
		displayOptions: { show: { resource: ['shipment'], operation: ['getAll'] } },
		description: 'The order whose shipments to get',
	},
	...returnAllAndLimit('shipment'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const orderId = requiredId(this, 'orderId', 'Order ID', i);
	const limit = limitOf(this, i);
	const all = await listShipments(httpContext(this), orderId, i);
	return limit === undefined ? all : all.slice(0, limit);
}
