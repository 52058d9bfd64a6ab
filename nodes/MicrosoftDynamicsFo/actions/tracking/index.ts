/** The tracking resource: tracking numbers of posted packing slips. */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as get from './get.operation';

export { get };

export const operationSelector: INodeProperties = operationProperty(
	'tracking',
	[
		{
			name: 'Get',
			value: 'get',
			description: "Get the tracking numbers of a sales order's packing slips",
			action: 'Get tracking numbers',
		},
	],
	'get',
);

export const fields: INodeProperties[] = [...get.description];
