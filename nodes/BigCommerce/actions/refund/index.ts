/**
 * The refund resource: its operation selector and the fields of its operations, and the
 * operations.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	operationProperty(
		'refund',
		[
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get an order's refunds, or the store's refunds since a date",
				action: 'Get many refunds',
			},
		],
		'getAll',
	),
	...getAll.description,
];
