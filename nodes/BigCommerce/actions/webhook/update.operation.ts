/** Webhook → Update: change a hook's fields, e.g. reactivate one BigCommerce switched off. */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { updateHook, type HookFields } from '../../api';
import { httpContext, requiredId } from '../parameters';
import { headersField, headersOf, scopeDescription } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: { resource: ['webhook'], operation: ['update'] } },
		default: { isActive: true },
		options: [
			{
				displayName: 'Destination',
				name: 'destination',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/webhook/bigcommerce',
				description: 'The HTTPS URL (port 443) BigCommerce delivers to',
			},
			headersField,
			{
				displayName: 'Is Active',
				name: 'isActive',
				type: 'boolean',
				default: true,
				description: 'Whether BigCommerce delivers events to the webhook (true reactivates it)',
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'string',
				default: '',
				placeholder: 'store/order/created',
				description: scopeDescription,
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const webhookId = requiredId(this, 'webhookId', 'Webhook ID', i);
	const updates = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const fields: HookFields = {};
	if (updates.isActive !== undefined) fields.is_active = updates.isActive as boolean;
	if (updates.scope) fields.scope = updates.scope as string;
	if (updates.destination) fields.destination = updates.destination as string;
	const headers = headersOf(updates);
	if (headers) fields.headers = headers;
	if (Object.keys(fields).length === 0) {
		// BigCommerce refuses a PUT without fields; say so before spending a request on it.
		throw new NodeOperationError(this.getNode(), 'Add at least one field to update', {
			itemIndex: i,
		});
	}
	return [await updateHook(httpContext(this), webhookId, fields, i)];
}
