/**
 * The legal entity resource: the companies of the environment (read without a legal entity).
 */
import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

/** Listed with the other resources' selectors, ahead of the shared legal entity and lock. */
export const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['legalEntity'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the legal entities (companies) this app can see',
			action: 'Get many legal entities',
		},
	],
	default: 'getAll',
};

/** The fields of this resource's operations, in the order the node shows them. */
export const fields: INodeProperties[] = [...getAll.description];
