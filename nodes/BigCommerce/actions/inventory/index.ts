/** The inventory resource: stock at a location, and F&O on-hand rows set as absolute levels. */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as get from './get.operation';
import * as setAbsolute from './setAbsolute.operation';

export { get, setAbsolute };

export const description: INodeProperties[] = [
	operationProperty(
		'inventory',
		[
			{
				name: 'Get',
				value: 'get',
				description: 'Get the stock of SKUs at a location',
				action: 'Get inventory at a location',
			},
			{
				name: 'Set Absolute From Stock Rows',
				value: 'setAbsolute',
				description:
					'Set stock levels from F&O on-hand rows: only what changed, by location, at most 2,000 items per call',
				action: 'Set inventory levels',
			},
		],
		'get',
	),
	...get.description,
	...setAbsolute.description,
];
