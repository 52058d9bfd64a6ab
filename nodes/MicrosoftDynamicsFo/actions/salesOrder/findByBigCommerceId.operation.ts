/**
 * Sales Order → Find by BigCommerce Order ID: the sales orders carrying the order's reference
 * (store hash + order ID).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import { orderReference } from '../../mapping';
import { findSalesOrdersByReference } from '../../posting/salesOrder';
import type { OperationContext } from '../context';

const show = showFor('salesOrder');

export const description: INodeProperties[] = [
	{
		displayName: 'BigCommerce Order ID',
		name: 'orderId',
		type: 'number',
		default: 0,
		required: true,
		displayOptions: { show: show(['findByBigCommerceId']) },
	},
];

export async function execute({
	fn,
	itemIndex,
	dataAreaId,
}: OperationContext): Promise<IDataObject[]> {
	const reference = orderReference(
		fn.getNodeParameter('storeHash', itemIndex) as string,
		fn.getNodeParameter('orderId', itemIndex) as number,
	);
	return await findSalesOrdersByReference(fn, dataAreaId, reference, itemIndex);
}
