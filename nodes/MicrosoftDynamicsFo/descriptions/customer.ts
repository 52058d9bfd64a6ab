import type { INodeProperties } from 'n8n-workflow';

import { bigCommerceRecordField, dryRunField } from './common';

const show = (operation: string[]) => ({ resource: ['customer'], operation });

export const customerOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
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
		default: 'upsert',
	},
];

/** Options shared by customer upsert and the sales order's customer resolution. */
export const customerMappingOptions: INodeProperties[] = [
	{
		displayName: 'Customer Group',
		name: 'customerGroupId',
		type: 'string',
		default: 'WEB',
		description: 'F&O customer group for new customers',
	},
	{
		displayName: 'Currency',
		name: 'currencyCode',
		type: 'string',
		default: 'USD',
		description: "Sales currency of new customers (the store's currency)",
	},
	{
		displayName: 'Customer Account Prefix',
		name: 'customerAccountPrefix',
		type: 'string',
		default: '',
		placeholder: 'BC-',
		description:
			"Registered buyers get the account &lt;prefix&gt;&lt;BigCommerce customer ID&gt; (needs manual numbers on the customer number sequence; F&O's key then keeps them unique). Empty: F&O assigns the account and buyers are found by email.",
	},
];

export const customerFields: INodeProperties[] = [
	{
		displayName: 'Customer Account',
		name: 'customerAccount',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: show(['get']) },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		displayOptions: { show: show(['findByEmail']) },
	},
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		displayOptions: { show: show(['upsert']) },
		options: [
			{
				name: 'BigCommerce Customer',
				value: 'customer',
				description: 'A v3 customer (customer created/updated events)',
			},
			{
				name: 'Order Buyer',
				value: 'order',
				description: 'The buyer of a v2 order (billing address), guests included',
			},
		],
		default: 'customer',
	},
	{ ...bigCommerceRecordField('Record', show(['upsert'])) },
	{
		displayName: 'Guest Orders',
		name: 'guestMode',
		type: 'options',
		displayOptions: { show: { ...show(['upsert']), source: ['order'] } },
		options: [
			{ name: 'One Account per Email', value: 'perEmail' },
			{ name: 'Shared Web-Guest Account', value: 'sharedAccount' },
		],
		default: 'sharedAccount',
	},
	{
		displayName: 'Shared Guest Account',
		name: 'sharedGuestAccount',
		type: 'string',
		default: 'WEB-GUEST',
		displayOptions: {
			show: { ...show(['upsert']), source: ['order'], guestMode: ['sharedAccount'] },
		},
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: show(['upsert']) },
		options: [...customerMappingOptions, { ...dryRunField }],
	},
];
