/**
 * The webhook resource: its operation selector and the fields of its operations, and the
 * operations.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import { webhookIdField } from './fields';
import * as create from './create.operation';
import * as update from './update.operation';
import * as del from './delete.operation';
import * as getAll from './getAll.operation';

export { create, update, del as delete, getAll };

export const description: INodeProperties[] = [
	operationProperty(
		'webhook',
		[
			{
				name: 'Create',
				value: 'create',
				description: 'Create a webhook',
				action: 'Create a webhook',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a webhook',
				action: 'Delete a webhook',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the webhooks of this API account',
				action: 'Get many webhooks',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update a webhook, e.g. reactivate one BigCommerce switched off',
				action: 'Update a webhook',
			},
		],
		'getAll',
	),
	...create.description,
	webhookIdField,
	...update.description,
	...del.description,
	...getAll.description,
];
