import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from './SharedFields';

export const refundOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get an order's refunds, or the store's refunds since a date",
				action: 'Get many refunds',
			},
		],
		default: 'getAll',
	},
];

export const refundFields: INodeProperties[] = [
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
