/** Webhook → Create: a hook for one scope and HTTPS destination, active unless said otherwise. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { createHook } from '../../api';
import { httpContext, requiredId } from '../parameters';
import { headersField, headersOf, scopeDescription } from './fields';

export const description: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'string',
		required: true,
		displayOptions: { show: { resource: ['webhook'], operation: ['create'] } },
		default: '',
		placeholder: 'store/order/created',
		description: scopeDescription,
	},
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'string',
		required: true,
		displayOptions: { show: { resource: ['webhook'], operation: ['create'] } },
		default: '',
		placeholder: 'https://example.com/webhook/bigcommerce',
		description: 'The HTTPS URL (port 443) BigCommerce delivers to',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: { resource: ['webhook'], operation: ['create'] } },
		default: {},
		options: [
			headersField,
			{
				displayName: 'Is Active',
				name: 'isActive',
				type: 'boolean',
				default: true,
				description: 'Whether BigCommerce delivers events to the webhook',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const hook = await createHook(
		httpContext(this),
		{
			scope: requiredId(this, 'scope', 'Scope', i),
			destination: requiredId(this, 'destination', 'Destination', i),
			is_active: (extra.isActive as boolean | undefined) ?? true,
			headers: headersOf(extra),
		},
		i,
	);
	return [hook];
}
