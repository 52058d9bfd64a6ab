/** The packing slip resource: posted packing slips of the pack's orders, since a kept watermark. */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as getAll from './getAll.operation';

export { getAll };

export const operationSelector: INodeProperties = operationProperty(
	'packingSlip',
	[
		{
			name: 'Get Many',
			value: 'getAll',
			description:
				'Posted packing slips of the orders this pack posted, with lines, BigCommerce order products and tracking numbers, since the last read',
			action: 'Get packing slips since the last read',
		},
	],
	'getAll',
);

export const fields: INodeProperties[] = [...getAll.description];
