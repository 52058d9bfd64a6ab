import type { INodeProperties } from 'n8n-workflow';

export const legalEntityOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['legalEntity'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the legal entities (companies) this app can see',
				action: 'Get many legal entities',
			},
		],
		default: 'getAll',
	},
];

export const legalEntityFields: INodeProperties[] = [];
