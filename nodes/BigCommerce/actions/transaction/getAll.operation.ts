/** Transaction → Get Many: the payment transactions of one order. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listTransactions } from '../../api';
import { httpContext, requiredId } from '../parameters';

export const description: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		displayOptions: { show: { resource: ['transaction'], operation: ['getAll'] } },
		default: '',
		placeholder: '250',
		description: 'The ID of the order whose transactions to get',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const orderId = requiredId(this, 'orderId', 'Order ID', i);
	return await listTransactions(httpContext(this), orderId, i);
}
