import type { INodeProperties } from 'n8n-workflow';

import { bigCommerceRecordField, dryRunField } from './common';
import {
	dimensionDelimiterField,
	documentCustomerFields,
	findByBigCommerceIdFields,
	referencePrefixField,
} from './payment';
import { skuMappingField, storeHashField } from './salesOrder';

const show = (operation: string[]) => ({ resource: ['creditNote'], operation });

export const creditNoteOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['creditNote'] } },
		options: [
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
		default: 'create',
	},
];

export const creditNoteFields: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'input',
		type: 'options',
		displayOptions: { show: show(['create']) },
		options: [
			{
				name: 'Refund With Its Order',
				value: 'refund',
				description: 'One v3 refund; its order is given below',
			},
			{
				name: 'Order With Refunds',
				value: 'order',
				description: 'A BigCommerce order carrying its v3 refunds in "refunds"',
			},
		],
		default: 'refund',
	},
	{ ...bigCommerceRecordField('Record', show(['create'])) },
	{
		displayName: 'BigCommerce Order',
		name: 'bigcommerceOrder',
		type: 'json',
		default: '={{ $json.order }}',
		required: true,
		displayOptions: { show: { ...show(['create']), input: ['refund'] } },
		description:
			'The refunded order with its lines, as the BigCommerce node outputs it; its lines price the refunded items',
	},
	{ ...storeHashField, displayOptions: { show: show(['create', 'find']) } },
	...documentCustomerFields('creditNote', 'create'),
	{
		displayName: 'Credit Main Account',
		name: 'mainAccount',
		type: 'string',
		default: '',
		placeholder: '401100',
		displayOptions: { show: show(['create']) },
		description:
			'Display value of the main account that free-text credit notes (shipping, amounts not tied to items) are posted to. Needed only for such refunds.',
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
			dimensionDelimiterField,
			{ ...dryRunField },
			referencePrefixField,
			{
				displayName: 'Return Disposition Code',
				name: 'returnDispositionCode',
				type: 'string',
				default: '',
				placeholder: 'Credit',
			},
			{ displayName: 'Return Reason Code', name: 'returnReasonCode', type: 'string', default: '' },
			{ displayName: 'Return Site', name: 'siteId', type: 'string', default: '' },
			{ displayName: 'Return Warehouse', name: 'warehouseId', type: 'string', default: '' },
			{
				displayName: 'Sales Tax Group',
				name: 'salesTaxGroupId',
				type: 'string',
				default: '',
				description:
					'Sales tax group of free-text credit lines; with one, the refunded amounts are read as tax-inclusive',
			},
			{
				displayName: 'Sales Tax Item Group',
				name: 'salesTaxItemGroupId',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Shipping Main Account',
				name: 'shippingMainAccount',
				type: 'string',
				default: '',
				description: 'Display value of a separate main account for refunded shipping',
			},
			{
				displayName: 'Tax Basis',
				name: 'taxMode',
				type: 'options',
				options: [
					{ name: 'Prices Exclude Tax', value: 'exclusive' },
					{ name: 'Prices Include Tax', value: 'inclusive' },
				],
				default: 'exclusive',
				description: 'The basis the order was posted with',
			},
		],
	},
	...findByBigCommerceIdFields(show(['find']), {
		displayName: 'BigCommerce Refund ID',
		name: 'refundId',
	}),
];
