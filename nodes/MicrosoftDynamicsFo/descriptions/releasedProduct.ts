import type { INodeProperties } from 'n8n-workflow';

import { skuMappingField } from './salesOrder';

const show = (operation: string[]) => ({ resource: ['releasedProduct'], operation });

export const releasedProductOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['releasedProduct'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a released product by item number',
				action: 'Get a released product',
			},
			{
				name: 'Resolve SKUs',
				value: 'resolveSkus',
				description:
					'Find the released product (and variant dimensions) for BigCommerce SKUs, in one request',
				action: 'Resolve store item codes to released products',
			},
		],
		default: 'resolveSkus',
	},
];

export const releasedProductFields: INodeProperties[] = [
	{
		displayName: 'Item Number',
		name: 'itemNumber',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: show(['get']) },
	},
	{
		displayName: 'SKUs',
		name: 'skus',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'TENT-2P-ALPINE, JKT-RAIN-M-BLU',
		displayOptions: { show: show(['resolveSkus']) },
		description: 'Comma-separated SKUs',
	},
	{ ...skuMappingField, displayOptions: { show: show(['resolveSkus']) } },
];
