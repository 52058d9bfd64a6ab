/** Payment → Post Captured Payments: node parameters → the payment journal posting code. */
import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import {
	bigCommerceRecordField,
	dimensionDelimiterField,
	documentCustomerFields,
	dryRunField,
	optionsField,
	referencePrefixField,
	showFor,
	storeHashField,
} from '../common.descriptions';
import { postPayments, type JournalPer, type PaymentInput } from '../../posting/payment';
import type { OperationContext } from '../context';
import {
	displayValueSegments,
	documentCustomerParameter,
	paymentMethodTable,
	recordParameter,
} from '../parameters';
import { writeTimingFrom, writeTimingOptions } from '../writeTiming';

const show = showFor('payment');

export const description: INodeProperties[] = [
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
		description:
			'Where the received money is booked against: a bank account, or a main account used as a clearing account for the payment provider',
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
		placeholder: 'ARPay',
		description:
			'The customer payment journal name the headers are created with, e.g. ARPay (Accounts receivable > Payments setup > Journal names: a journal of type Customer payment)',
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
						description:
							"The transaction's payment method as BigCommerce names it: payment_method_id (e.g. braintree.card), gateway:method, gateway or method",
					},
					{
						displayName: 'F&O Method of Payment',
						name: 'paymentMethod',
						type: 'string',
						default: '',
						placeholder: 'CARD',
						description:
							'The F&O method of payment for it, e.g. CARD (Accounts receivable > Payments setup > Methods of payment)',
					},
				],
			},
		],
	},
	optionsField(show(['post']), [
		{
			displayName: 'Default Payment Method',
			name: 'defaultPaymentMethod',
			type: 'string',
			default: '',
			placeholder: 'CARD',
			description:
				'F&O method of payment for transactions the table does not map, e.g. CARD. Empty: such a line is posted without a method of payment.',
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
		{
			displayName: 'Posting Profile',
			name: 'postingProfile',
			type: 'string',
			default: '',
			placeholder: 'GEN',
			description:
				"The customer posting profile of the lines, e.g. GEN (Accounts receivable > Setup > Customer posting profiles). Empty: F&O's default profile.",
		},
		referencePrefixField,
		...writeTimingOptions,
	]),
];

export async function execute(op: OperationContext): Promise<IDataObject[]> {
	const { fn, itemIndex, dataAreaId } = op;
	const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const delimiter = String(options.dimensionDelimiter || '-');
	const offset = String(fn.getNodeParameter('offsetAccount', itemIndex, '')).trim();
	if (!offset) throw new NodeOperationError(fn.getNode(), 'No offset account given', { itemIndex });
	return await postPayments(
		fn,
		recordParameter<IDataObject>(fn, itemIndex),
		fn.getNodeParameter('input', itemIndex) as PaymentInput,
		{
			dataAreaId,
			environmentUrl: op.environmentUrl,
			itemIndex,
			storeHash: fn.getNodeParameter('storeHash', itemIndex) as string,
			referencePrefix: (options.referencePrefix as string) || undefined,
			customer: documentCustomerParameter(fn, itemIndex),
			journalName: String(fn.getNodeParameter('journalName', itemIndex)).trim(),
			journalPer: fn.getNodeParameter('journalPer', itemIndex) as JournalPer,
			journalDescription: (options.journalDescription as string) || undefined,
			timeZone: fn.getTimezone(),
			mapping: {
				offsetAccount: {
					type: fn.getNodeParameter('offsetAccountType', itemIndex) as 'Bank' | 'Ledger',
					segments: displayValueSegments(offset, delimiter),
				},
				paymentMethodMap: paymentMethodTable(
					fn.getNodeParameter('paymentMethodMap', itemIndex, {}),
				),
				defaultPaymentMethod: (options.defaultPaymentMethod as string) || undefined,
				isPrepayment: options.isPrepayment === undefined ? true : Boolean(options.isPrepayment),
				postingProfile: (options.postingProfile as string) || undefined,
				includeTestTransactions: Boolean(options.includeTestTransactions),
				dimensionFormat: { delimiter },
			},
			dryRun: Boolean(options.dryRun),
			lock: op.lock,
			...writeTimingFrom(options),
		},
	);
}
