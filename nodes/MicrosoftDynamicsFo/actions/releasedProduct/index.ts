/**
 * The released product resource: get by item number, and resolve BigCommerce SKUs to items.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as get from './get.operation';
import * as resolveSkus from './resolveSkus.operation';

export { get, resolveSkus };

/** Listed with the other resources' selectors, ahead of the shared legal entity and lock. */
export const operationSelector: INodeProperties = operationProperty(
	'releasedProduct',
	[
		{
			name: 'Get',
			value: 'get',
			description: 'Get a released product by item number',
			action: 'Get a released product',
		},
		{
			name: 'Resolve SKUs',
			value: 'resolveSkus',
			description:
				'Find the released product (and variant dimensions) for BigCommerce SKUs, in one request',
			action: 'Resolve store item codes to released products',
		},
	],
	'resolveSkus',
);

/** The fields of this resource's operations, in the order the node shows them. */
export const fields: INodeProperties[] = [...get.description, ...resolveSkus.description];
