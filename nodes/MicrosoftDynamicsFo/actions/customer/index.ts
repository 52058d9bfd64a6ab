/**
 * The customer resource: get by account, find by email, and create-or-update from BigCommerce.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as get from './get.operation';
import * as findByEmail from './findByEmail.operation';
import * as upsert from './upsert.operation';

export { get, findByEmail, upsert };

/** Listed with the other resources' selectors, ahead of the shared legal entity and lock. */
export const operationSelector: INodeProperties = operationProperty(
	'customer',
	[
		{
			name: 'Create or Update',
			value: 'upsert',
			description: 'Create a new record, or update the current one if it already exists (upsert)',
			action: 'Create or update a customer',
		},
		{
			name: 'Find by Email',
			value: 'findByEmail',
			description: 'Find customers by primary email',
			action: 'Find customers by email',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a customer by account',
			action: 'Get a customer',
		},
	],
	'upsert',
);

/** The fields of this resource's operations, in the order the node shows them. */
export const fields: INodeProperties[] = [
	...get.description,
	...findByEmail.description,
	...upsert.description,
];
