/** Order → Get: one order with the parts chosen under "Include". */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getOrder } from '../../api';
import { httpContext, requiredId } from '../parameters';
import { INCLUDE_OPTIONS, includedParts } from './include';

export const description: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		displayOptions: { show: { resource: ['order'], operation: ['get'] } },
		default: '',
		placeholder: '250',
		description: 'The ID of the order',
	},
	{
		displayName: 'Include',
		name: 'include',
		type: 'multiOptions',
		displayOptions: { show: { resource: ['order'], operation: ['get'] } },
		options: INCLUDE_OPTIONS,
		default: ['fees', 'products', 'shippingAddresses', 'transactions'],
		description: 'What to fetch with the order',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const orderId = requiredId(this, 'orderId', 'Order ID', i);
	return [await getOrder(httpContext(this), orderId, includedParts(this, i))];
}
