/**
 * The transaction resource: its operation selector and the fields of its operations, and the
 * operations.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	operationProperty(
		'transaction',
		[
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get an order's payment transactions",
				action: 'Get many transactions',
			},
		],
		'getAll',
	),
	...getAll.description,
];
