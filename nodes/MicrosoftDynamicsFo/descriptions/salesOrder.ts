import type { INodeProperties } from 'n8n-workflow';

import { bigCommerceRecordField, dryRunField } from './common';
import { customerMappingOptions } from './customer';

const show = (operation: string[]) => ({ resource: ['salesOrder'], operation });

export const salesOrderOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['salesOrder'] } },
		options: [
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
		default: 'create',
	},
];

export const storeHashField: INodeProperties = {
	displayName: 'Store Hash',
	name: 'storeHash',
	type: 'string',
	default: '',
	required: true,
	description:
		'The BigCommerce store hash; it is part of the reference that ties F&O records to their order',
};

export const skuMappingField: INodeProperties = {
	displayName: 'SKU Mapping',
	name: 'skuMapping',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add SKU',
	description:
		'SKUs that are not an item number or a product variant number in F&O. These win over the lookup.',
	options: [
		{
			displayName: 'SKU',
			name: 'entries',
			values: [
				{ displayName: 'BigCommerce SKU', name: 'sku', type: 'string', default: '' },
				{ displayName: 'Item Number', name: 'itemNumber', type: 'string', default: '' },
				{ displayName: 'Product Color ID', name: 'colorId', type: 'color', default: '' },
				{
					displayName: 'Product Configuration ID',
					name: 'configurationId',
					type: 'string',
					default: '',
				},
				{ displayName: 'Product Size ID', name: 'sizeId', type: 'string', default: '' },
				{ displayName: 'Product Style ID', name: 'styleId', type: 'string', default: '' },
			],
		},
	],
};

export const salesOrderFields: INodeProperties[] = [
	{
		displayName: 'Sales Order Number',
		name: 'salesOrderNumber',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: show(['get']) },
	},
	{ ...storeHashField, displayOptions: { show: show(['create', 'findByBigCommerceId']) } },
	{
		displayName: 'BigCommerce Order ID',
		name: 'orderId',
		type: 'number',
		default: 0,
		required: true,
		displayOptions: { show: show(['findByBigCommerceId']) },
	},
	{ ...bigCommerceRecordField('Order', show(['create'])) },
	{
		displayName: 'Order Number',
		name: 'numbering',
		type: 'options',
		displayOptions: { show: show(['create']) },
		options: [
			{
				name: 'Deterministic (Prefix + BigCommerce ID)',
				value: 'deterministic',
				description:
					"Header and lines in one atomic changeset; F&O's key rejects a concurrent duplicate. Needs manual numbers on the sales order number sequence.",
			},
			{
				name: 'F&O Number Sequence',
				value: 'generated',
				description:
					'Header first, then all lines in one changeset; the header is deleted again if the lines fail',
			},
		],
		default: 'generated',
	},
	{
		displayName: 'Order Number Prefix',
		name: 'orderNumberPrefix',
		type: 'string',
		default: 'BC',
		displayOptions: { show: { ...show(['create']), numbering: ['deterministic'] } },
	},
	{
		displayName: 'Customer',
		name: 'customerMode',
		type: 'options',
		displayOptions: { show: show(['create']) },
		options: [
			{ name: 'Find or Create From the Order', value: 'resolve' },
			{ name: 'Customer Account', value: 'account' },
		],
		default: 'resolve',
	},
	{
		displayName: 'Customer Account',
		name: 'customerAccount',
		type: 'string',
		default: '',
		displayOptions: { show: { ...show(['create']), customerMode: ['account'] } },
	},
	{
		displayName: 'Guest Orders',
		name: 'guestMode',
		type: 'options',
		displayOptions: { show: { ...show(['create']), customerMode: ['resolve'] } },
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
			show: { ...show(['create']), customerMode: ['resolve'], guestMode: ['sharedAccount'] },
		},
	},
	{
		displayName: 'Shipping Charge Item',
		name: 'shippingItemNumber',
		type: 'string',
		default: 'SHIPPING',
		displayOptions: { show: show(['create']) },
		description: 'Non-stock item that carries shipping and handling as a line',
	},
	{ ...skuMappingField, displayOptions: { show: show(['create']) } },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: show(['create']) },
		options: [
			...customerMappingOptions,
			{ ...dryRunField },
			{
				displayName: 'Financial Dimension Format',
				name: 'dimensionFormat',
				type: 'string',
				default: '',
				placeholder: 'BusinessUnit-Department-CostCenter',
				description:
					'The dimension names of the active Default dimension integration format, in order, joined by its delimiter',
			},
			{
				displayName: 'Financial Dimensions',
				name: 'dimensions',
				type: 'string',
				default: '',
				placeholder: 'BusinessUnit=001, Department=022',
				description: "Values for the order's default dimensions, as Name=Value pairs",
			},
			{ displayName: 'Reference Prefix', name: 'referencePrefix', type: 'string', default: 'BC' },
			{ displayName: 'Site', name: 'siteId', type: 'string', default: '' },
			{
				displayName: 'Tax Basis',
				name: 'taxMode',
				type: 'options',
				options: [
					{ name: 'Follow the Order', value: 'auto' },
					{ name: 'Prices Exclude Tax', value: 'exclusive' },
					{ name: 'Prices Include Tax', value: 'inclusive' },
				],
				default: 'auto',
			},
			{ displayName: 'Warehouse', name: 'warehouseId', type: 'string', default: '' },
		],
	},
];
