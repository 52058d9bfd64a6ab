import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from './SharedFields';

export const customerOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a customer by ID', action: 'Get a customer' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get customers, by e-mail address if given',
				action: 'Get many customers',
			},
		],
		default: 'get',
	},
];

const includeAddresses = (operation: string): INodeProperties => ({
	displayName: 'Include Addresses',
	name: 'includeAddresses',
	type: 'boolean',
	displayOptions: { show: { resource: ['customer'], operation: [operation] } },
	default: false,
	description: "Whether to return the customer's addresses too",
});

export const customerFields: INodeProperties[] = [
	// ---- customer: get ----
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		displayOptions: { show: { resource: ['customer'], operation: ['get'] } },
		default: '',
		placeholder: '32',
		description: 'The ID of the customer',
	},
	includeAddresses('get'),

	// ---- customer: getAll ----
	...returnAllAndLimit('customer'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: { resource: ['customer'], operation: ['getAll'] } },
		default: {},
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only customers with this e-mail address (several: separate with commas)',
			},
		],
	},
	includeAddresses('getAll'),
];
