import type { INodeProperties } from 'n8n-workflow';

export const productOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['product'] } },
		options: [
			{
				name: 'Find by SKU',
				value: 'findBySku',
				description: 'Find catalog products by product or variant SKU',
				action: 'Find products by SKU',
			},
		],
		default: 'findBySku',
	},
];

export const productFields: INodeProperties[] = [
	{
		displayName: 'SKUs',
		name: 'skus',
		type: 'string',
		required: true,
		displayOptions: { show: { resource: ['product'], operation: ['findBySku'] } },
		default: '',
		placeholder: 'SKU-1, SKU-2',
		description:
			'The SKUs to look up, separated by commas. Each gives one result, found by the product SKU or a variant SKU.',
	},
];
