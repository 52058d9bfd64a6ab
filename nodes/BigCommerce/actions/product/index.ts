/**
 * The product resource: its operation selector and the fields of its operations, and the
 * operations.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as findBySku from './findBySku.operation';

export { findBySku };

export const description: INodeProperties[] = [
	operationProperty(
		'product',
		[
			{
				name: 'Find by SKU',
				value: 'findBySku',
				description: 'Find catalog products by product or variant SKU',
				action: 'Find products by SKU',
			},
		],
		'findBySku',
	),
	...findBySku.description,
];
