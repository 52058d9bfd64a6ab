/** Order → Update Status: set the order's status explicitly (PUT /v2/orders/{id} with status_id). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateOrderStatus } from '../../api/shipments';
import { httpContext, requiredId } from '../parameters';

const show = { resource: ['order'], operation: ['updateStatus'] };

/** BigCommerce's order statuses (0–14); names can be relabelled in the store, ids cannot. */
const STATUSES = [
	'Incomplete',
	'Pending',
	'Shipped',
	'Partially Shipped',
	'Refunded',
	'Cancelled',
	'Declined',
	'Awaiting Payment',
	'Awaiting Pickup',
	'Awaiting Shipment',
	'Completed',
	'Awaiting Fulfillment',
	'Manual Verification Required',
	'Disputed',
	'Partially Refunded',
];

export const description: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'statusOrderId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '250',
		displayOptions: { show },
		description: 'The order whose status to set',
	},
	{
		displayName: 'Status',
		name: 'statusId',
		type: 'options',
		default: 2,
		displayOptions: { show },
		options: STATUSES.map((name, value) => ({ name, value })).sort((a, b) =>
			a.name.localeCompare(b.name),
		),
		description: 'The status to set (its ID is what BigCommerce stores)',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const orderId = requiredId(this, 'statusOrderId', 'Order ID', i);
	const statusId = Number(this.getNodeParameter('statusId', i, 2));
	return [await updateOrderStatus(httpContext(this), orderId, statusId, i)];
}
