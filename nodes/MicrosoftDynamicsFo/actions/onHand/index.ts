/** The on-hand resource: stock per item and warehouse, with the SKU each row is sold as. */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as getAll from './getAll.operation';

export { getAll };

export const operationSelector: INodeProperties = operationProperty(
	'onHand',
	[
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Stock per item and warehouse of the legal entity, with BigCommerce SKUs',
			action: 'Get on hand stock',
		},
	],
	'getAll',
);

export const fields: INodeProperties[] = [...getAll.description];
