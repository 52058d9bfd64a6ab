/** The customer resource: its operation selector and the fields of its operations, and the operations. */
import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
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
	...get.description,
	...getAll.description,
];
