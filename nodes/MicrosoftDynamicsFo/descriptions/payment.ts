import type { INodeProperties } from 'n8n-workflow';

import { bigCommerceRecordField, dryRunField } from './common';
import { storeHashField } from './salesOrder';

const show = (operation: string[]) => ({ resource: ['payment'], operation });

export const paymentOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Find by BigCommerce Transaction',
				value: 'find',
				description: 'Find the payment journal line that carries a BigCommerce transaction',
				action: 'Find a payment by store transaction',
			},
			{
				name: 'Post Captured Payments',
				value: 'post',
				description:
					'Post captured BigCommerce transactions as customer payment journal lines, each exactly once; authorisations, voids and failed transactions are skipped',
				action: 'Post captured payments',
			},
		],
		default: 'post',
	},
];

/** Who the document is for: shared by payments and credit notes. */
export const documentCustomerFields = (resource: string, operation: string): INodeProperties[] => [
	{
		displayName: 'Customer',
		name: 'customerMode',
		type: 'options',
		displayOptions: { show: { resource: [resource], operation: [operation] } },
		options: [
			{
				name: 'From the Posted Sales Order',
				value: 'salesOrder',
				description:
					'The customer of the sales order posted for the BigCommerce order (post the order first)',
			},
			{ name: 'Customer Account', value: 'account' },
		],
		default: 'salesOrder',
	},
	{
		displayName: 'Customer Account',
		name: 'customerAccount',
		type: 'string',
		default: '={{ $json.customerAccount }}',
		displayOptions: {
			show: { resource: [resource], operation: [operation], customerMode: ['account'] },
		},
	},
];

export const dimensionDelimiterField: INodeProperties = {
	displayName: 'Dimension Delimiter',
	name: 'dimensionDelimiter',
	type: 'string',
	default: '-',
	description:
		'The delimiter of the active dimension integration formats, used to read the account display values given here',
};

export const referencePrefixField: INodeProperties = {
	displayName: 'Reference Prefix',
	name: 'referencePrefix',
	type: 'string',
	default: 'BC',
	description:
		'Start of the references that tie F&O records to BigCommerce; the same as for the orders',
};

/** A "find by BigCommerce ids" operation: the order id, the id of the record under it, the prefix. */
export const findByBigCommerceIdFields = (
	show: Record<string, string[]>,
	recordId: { displayName: string; name: string },
): INodeProperties[] => [
	{
		displayName: 'BigCommerce Order ID',
		name: 'orderId',
		type: 'number',
		default: 0,
		required: true,
		displayOptions: { show },
	},
	{ ...recordId, type: 'number', default: 0, required: true, displayOptions: { show } },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [referencePrefixField],
	},
];

export const paymentFields: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'input',
		type: 'options',
		displayOptions: { show: show(['post']) },
		options: [
			{
				name: 'Order With Transactions',
				value: 'order',
				description:
					'A BigCommerce order with its "transactions", as the BigCommerce node or trigger outputs it',
			},
			{
				name: 'Transaction Event',
				value: 'transaction',
				description: 'One v3 transaction (a transaction event item, optionally with its "order")',
			},
		],
		default: 'order',
	},
	{ ...bigCommerceRecordField('Record', show(['post'])) },
	{ ...storeHashField, displayOptions: { show: show(['post']) } },
	...documentCustomerFields('payment', 'post'),
	{
		displayName: 'Offset Account Type',
		name: 'offsetAccountType',
		type: 'options',
		displayOptions: { show: show(['post']) },
		options: [
			{ name: 'Bank', value: 'Bank' },
			{ name: 'Ledger (Clearing Account)', value: 'Ledger' },
		],
		default: 'Bank',
	},
	{
		displayName: 'Offset Account',
		name: 'offsetAccount',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'USMF OPER',
		displayOptions: { show: show(['post']) },
		description:
			'Display value of the bank account, or of the clearing main account with its dimensions (e.g. 110110-001--)',
	},
	{
		displayName: 'Journal Name',
		name: 'journalName',
		type: 'string',
		default: 'ARPay',
		required: true,
		displayOptions: { show: show(['post']) },
		description: 'The customer payment journal name the headers are created with',
	},
	{
		displayName: 'Journal Header',
		name: 'journalPer',
		type: 'options',
		displayOptions: { show: show(['post']) },
		options: [
			{
				name: 'One per Day',
				value: 'day',
				description:
					"Today's open journal of this name (found by its description) takes the lines; created when there is none",
			},
			{
				name: 'One per Execution',
				value: 'run',
				description:
					'The first payment of an execution creates a journal; later items of the execution add to it',
			},
		],
		default: 'day',
	},
	{
		displayName: 'Payment Methods',
		name: 'paymentMethodMap',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add payment method',
		displayOptions: { show: show(['post']) },
		description:
			'BigCommerce payment method → F&O method of payment. Keys are tried in this order: payment_method_id (e.g. braintree.card), gateway:method, gateway, method.',
		options: [
			{
				displayName: 'Payment Method',
				name: 'entries',
				values: [
					{
						displayName: 'BigCommerce Method',
						name: 'bigcommerce',
						type: 'string',
						default: '',
						placeholder: 'braintree.card',
					},
					{
						displayName: 'F&O Method of Payment',
						name: 'paymentMethod',
						type: 'string',
						default: '',
						placeholder: 'CARD',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: show(['post']) },
		options: [
			{
				displayName: 'Default Payment Method',
				name: 'defaultPaymentMethod',
				type: 'string',
				default: '',
				description: 'F&O method of payment for transactions the table does not map',
			},
			dimensionDelimiterField,
			{ ...dryRunField },
			{
				displayName: 'Include Test Transactions',
				name: 'includeTestTransactions',
				type: 'boolean',
				default: false,
				description: 'Whether to post gateway test-mode transactions too',
			},
			{
				displayName: 'Journal Description',
				name: 'journalDescription',
				type: 'string',
				default: 'BigCommerce payments',
				description:
					'Start of the journal header description; the day or the execution time is appended',
			},
			{
				displayName: 'Mark as Prepayment',
				name: 'isPrepayment',
				type: 'boolean',
				default: true,
				description: 'Whether the lines are prepayments (money received before the invoice)',
			},
			{ displayName: 'Posting Profile', name: 'postingProfile', type: 'string', default: '' },
			referencePrefixField,
		],
	},
	...findByBigCommerceIdFields(show(['find']), {
		displayName: 'BigCommerce Transaction ID',
		name: 'transactionId',
	}),
];
