/** Refund → Get Many: the refunds of one order, or of the whole store created in a time range. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listRefunds, listRefundsSince } from '../../api';
import { returnAllAndLimit } from '../common.descriptions';
import { httpContext, limitOf, requiredId } from '../parameters';

export const description: INodeProperties[] = [
	{
		displayName: 'Refunds Of',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'], operation: ['getAll'] } },
		options: [
			{ name: 'One Order', value: 'order', description: 'The refunds of one order' },
			{
				name: 'The Whole Store',
				value: 'store',
				description: 'Refunds of every order, created since a date',
			},
		],
		default: 'order',
	},
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		displayOptions: { show: { resource: ['refund'], operation: ['getAll'], source: ['order'] } },
		default: '',
		placeholder: '250',
		description: 'The ID of the order whose refunds to get',
	},
	{
		displayName: 'Created Since',
		name: 'createdSince',
		type: 'dateTime',
		required: true,
		displayOptions: { show: { resource: ['refund'], operation: ['getAll'], source: ['store'] } },
		default: '',
		description: 'Refunds created at or after this time',
	},
	{
		displayName: 'Created Until',
		name: 'createdUntil',
		type: 'dateTime',
		displayOptions: { show: { resource: ['refund'], operation: ['getAll'], source: ['store'] } },
		default: '',
		description: 'Refunds created at or before this time (empty: up to now)',
	},
	...returnAllAndLimit('refund'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const limit = limitOf(this, i);
	if (this.getNodeParameter('source', i, 'order') === 'store') {
		const since = requiredId(this, 'createdSince', 'Created Since', i);
		const until = this.getNodeParameter('createdUntil', i, '') as string;
		return await listRefundsSince(httpContext(this), since, {
			until: until || undefined,
			timeZone: this.getTimezone(),
			limit,
			itemIndex: i,
		});
	}
	const orderId = requiredId(this, 'orderId', 'Order ID', i);
	return await listRefunds(httpContext(this), orderId, { limit, itemIndex: i });
}
