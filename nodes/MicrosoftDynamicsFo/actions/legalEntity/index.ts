/**
 * The legal entity resource: the companies of the environment (read without a legal entity).
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as getAll from './getAll.operation';

export { getAll };

/** Listed with the other resources' selectors, ahead of the shared legal entity and lock. */
export const operationSelector: INodeProperties = operationProperty(
	'legalEntity',
	[
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the legal entities (companies) this app can see',
			action: 'Get many legal entities',
		},
	],
	'getAll',
);

/** The fields of this resource's operations, in the order the node shows them. */
export const fields: INodeProperties[] = [...getAll.description];
