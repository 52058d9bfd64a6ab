/** The transaction resource: its operation selector and the fields of its operations, and the operations. */
import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get an order's payment transactions",
				action: 'Get many transactions',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
