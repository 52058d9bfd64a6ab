/**
 * The sales order resource: get by number, find by BigCommerce order, and create from a BigCommerce
 * order exactly once. The Store Hash field serves both create and find.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import { showFor, storeHashField } from '../common.descriptions';
import * as get from './get.operation';
import * as findByBigCommerceId from './findByBigCommerceId.operation';
import * as create from './create.operation';

export { get, findByBigCommerceId, create };

const show = showFor('salesOrder');

/** Listed with the other resources' selectors, ahead of the shared legal entity and lock. */
export const operationSelector: INodeProperties = operationProperty(
	'salesOrder',
	[
		{
			name: 'Create From BigCommerce Order',
			value: 'create',
			description:
				'Post the order as one sales order with all its lines, exactly once. Without a deterministic order number, two executions of the same order at the same moment can still race: use the number option or the Redis lock for that.',
			action: 'Create a sales order from a store order',
		},
		{
			name: 'Find by BigCommerce Order ID',
			value: 'findByBigCommerceId',
			description: 'Find the sales order that carries the BigCommerce order reference',
			action: 'Find a sales order by store order id',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a sales order by number',
			action: 'Get a sales order',
		},
	],
	'create',
);

/** The fields of this resource's operations, in the order the node shows them. */
export const fields: INodeProperties[] = [
	...get.description,
	{ ...storeHashField, displayOptions: { show: show(['create', 'findByBigCommerceId']) } },
	...findByBigCommerceId.description,
	...create.description,
];
