/**
 * The credit note resource: post a BigCommerce refund exactly once (return order for items,
 * free-text credit note for the rest), and find the documents of one refund.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as create from './create.operation';
import * as find from './find.operation';

export { create, find };

/** Listed with the other resources' selectors, ahead of the shared legal entity and lock. */
export const operationSelector: INodeProperties = operationProperty(
	'creditNote',
	[
		{
			name: 'Create From BigCommerce Refund',
			value: 'create',
			description:
				'Post a refund exactly once: refunded items as a return order, shipping and amounts not tied to items as a free-text credit note',
			action: 'Create credit documents from a store refund',
		},
		{
			name: 'Find by BigCommerce Refund',
			value: 'find',
			description:
				'Find the return order and free-text credit note that carry a BigCommerce refund',
			action: 'Find credit documents by store refund',
		},
	],
	'create',
);

/** The fields of this resource's operations, in the order the node shows them. */
export const fields: INodeProperties[] = [...create.description, ...find.description];
