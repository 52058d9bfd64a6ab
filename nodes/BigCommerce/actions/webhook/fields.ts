/**
 * What the webhook operations share: the Headers collection (create and update), the scope's
 * wording, the Webhook ID that update and delete both take, and the Headers as BigCommerce's map.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const headersField: INodeProperties = {
	displayName: 'Headers',
	name: 'headers',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Header',
	default: {},
	description: 'Headers BigCommerce sends with every delivery, e.g. a shared secret',
	options: [
		{
			name: 'header',
			displayName: 'Header',
			values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					typeOptions: { password: true },
					default: '',
				},
			],
		},
	],
};

export const scopeDescription =
	'The event, e.g. store/order/created, or a group such as store/order/*';

export const webhookIdField: INodeProperties = {
	displayName: 'Webhook ID',
	name: 'webhookId',
	type: 'string',
	required: true,
	displayOptions: { show: { resource: ['webhook'], operation: ['update', 'delete'] } },
	default: '',
	description: 'The ID of the webhook',
};

/** The Headers fixed collection as BigCommerce's `headers` map. */
export function headersOf(fields: IDataObject): Record<string, string> | undefined {
	const entries = ((fields.headers as IDataObject | undefined)?.header ?? []) as Array<{
		name?: string;
		value?: string;
	}>;
	if (!entries.length) return undefined;
	const headers: Record<string, string> = {};
	for (const { name, value } of entries) if (name?.trim()) headers[name.trim()] = value ?? '';
	return headers;
}
