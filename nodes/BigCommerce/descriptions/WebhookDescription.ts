import type { INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from './SharedFields';

export const webhookOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
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
		default: 'getAll',
	},
];

const headersField: INodeProperties = {
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

const scopeDescription = 'The event, e.g. store/order/created, or a group such as store/order/*';

export const webhookFields: INodeProperties[] = [
	// ---- webhook: create ----
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

	// ---- webhook: update, delete ----
	{
		displayName: 'Webhook ID',
		name: 'webhookId',
		type: 'string',
		required: true,
		displayOptions: { show: { resource: ['webhook'], operation: ['update', 'delete'] } },
		default: '',
		description: 'The ID of the webhook',
	},
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

	// ---- webhook: getAll ----
	...returnAllAndLimit('webhook'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: { resource: ['webhook'], operation: ['getAll'] } },
		default: {},
		options: [
			{
				displayName: 'Destination',
				name: 'destination',
				type: 'string',
				default: '',
				description: 'Only webhooks delivering to this URL',
			},
			{
				displayName: 'Is Active',
				name: 'isActive',
				type: 'boolean',
				default: true,
				description: 'Whether to return only active webhooks (true) or only inactive ones (false)',
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'string',
				default: '',
				placeholder: 'store/order/created',
				description: 'Only webhooks for this event',
			},
		],
	},
];
