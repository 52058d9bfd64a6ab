/**
 * What the two posting operations of the payment resource share — Post Captured Payments and Post
 * Refund Payouts both write customer payment journal lines through one engine — described and read
 * in one place: store hash, customer, the node's offset account, journal name and header, the
 * payment method table (method of payment and, per row, its own offset account) and the common
 * options. Each operation adds its input fields and its own options.
 */
import { NodeOperationError, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { locatorValue } from '../../../common/resourceLocator';
import {
	dimensionDelimiterField,
	documentCustomerFields,
	dryRunField,
	paymentJournalNameLocator,
	referencePrefixField,
	showFor,
	storeHashField,
} from '../common.descriptions';
import type { JournalPer, PaymentSettings } from '../../posting/payment';
import type { OffsetAccountOption, PaymentMethodTable } from '../../mapping';
import type { OperationContext } from '../context';
import { displayValueSegments, documentCustomerParameter } from '../parameters';
import { writeTimingFrom, writeTimingOptions } from '../writeTiming';

const show = showFor('payment');

/** The shared fields of one operation, after its input fields. */
export function journalLineFields(operation: 'post' | 'postRefund'): INodeProperties[] {
	const shown = { show: show([operation]) };
	const money = operation === 'post' ? 'received money' : 'money paid back';
	return [
		{ ...storeHashField, displayOptions: shown },
		...documentCustomerFields('payment', operation),
		{
			displayName: 'Offset Account Type',
			name: 'offsetAccountType',
			type: 'options',
			displayOptions: shown,
			options: [
				{ name: 'Bank', value: 'Bank' },
				{ name: 'Ledger (Clearing Account)', value: 'Ledger' },
			],
			default: 'Bank',
			description: `Where the ${money} of card payments (and of Payment Methods rows without their own account) is booked against: a bank account, or a main account used as a clearing account for the payment provider`,
		},
		{
			displayName: 'Offset Account',
			name: 'offsetAccount',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'USMF OPER',
			displayOptions: shown,
			description:
				'Display value of the bank account, or of the clearing main account with its dimensions (e.g. 110110-001--)',
		},
		{ ...paymentJournalNameLocator, displayOptions: shown },
		{
			displayName: 'Journal Header',
			name: 'journalPer',
			type: 'options',
			displayOptions: shown,
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
		paymentMethodsField(shown),
	];
}

const paymentMethodsField = (shown: IDataObject): INodeProperties => ({
	displayName: 'Payment Methods',
	name: 'paymentMethodMap',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add payment method',
	displayOptions: shown as INodeProperties['displayOptions'],
	description:
		"BigCommerce payment method → F&O method of payment and offset account. Keys are tried in this order: payment_method_id (e.g. braintree.card), gateway:method, gateway, method; for a refund payment its provider_id first (e.g. storecredit), then those of its transaction, then store_credit / gift_certificate / offline / custom. Card payments without a row use the node's Offset Account; gift certificates, store credit, offline and custom payments need a row (else the item fails, nothing written).",
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
						"The payment's method as BigCommerce names it: payment_method_id (e.g. braintree.card), gateway:method, gateway, method (gift_certificate, store_credit, offline, custom) or a refund payment's provider_id (e.g. storecredit).",
				},
				{
					displayName: 'F&O Method of Payment',
					name: 'paymentMethod',
					type: 'string',
					default: '',
					placeholder: 'CARD',
					description:
						'The F&O method of payment for it, e.g. CARD (Accounts receivable > Payments setup > Methods of payment). Empty: the Default Payment Method option.',
				},
				{
					displayName: 'Offset Account Type',
					name: 'offsetAccountType',
					type: 'options',
					options: [
						{ name: "Node's Offset Account", value: '' },
						{ name: 'Bank', value: 'Bank' },
						{ name: 'Ledger', value: 'Ledger' },
					],
					default: '',
					description:
						'Where this method\'s money is booked against, e.g. Ledger for the gift certificate liability or the store credit account; "Node\'s Offset Account" uses the Offset Account above',
				},
				{
					displayName: 'Offset Account',
					name: 'offsetAccount',
					type: 'string',
					default: '',
					placeholder: '210300',
					description:
						'Display value of the bank account or main account (with its dimensions) for this method; needed when the type is Bank or Ledger',
				},
			],
		},
	],
});

/** The options both operations have (each adds its own, in alphabetical order). */
export const journalLineOptions: INodeProperties[] = [
	{
		displayName: 'Card Payments Without a Row',
		name: 'unmappedCards',
		type: 'options',
		options: [
			{ name: "Use the Node's Offset Account", value: 'offsetAccount' },
			{ name: 'Fail the Item', value: 'fail' },
		],
		default: 'offsetAccount',
		description:
			'What a card-type payment (credit card, wallet, token, offsite) that no Payment Methods row names does',
	},
	{
		displayName: 'Default Payment Method',
		name: 'defaultPaymentMethod',
		type: 'string',
		default: '',
		placeholder: 'CARD',
		description:
			'F&O method of payment for card payments the table does not map (and rows without one), e.g. CARD. Empty: such a line is posted without a method of payment.',
	},
	dimensionDelimiterField,
	{ ...dryRunField },
	{
		displayName: 'Journal Description',
		name: 'journalDescription',
		type: 'string',
		default: 'BigCommerce payments',
		description:
			'Start of the journal header description; the day or the execution time is appended',
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
];

/** The Payment Methods rows as the mapping takes them; a row with a type and no account is refused. */
export function paymentMethodRows(
	op: OperationContext,
	parameter: unknown,
	delimiter: string,
): PaymentMethodTable {
	const entries = ((parameter as { entries?: IDataObject[] })?.entries ?? []) as Array<
		Record<string, string>
	>;
	const table: Record<string, PaymentMethodTable[string]> = {};
	for (const e of entries) {
		const key = String(e.bigcommerce ?? '').trim();
		if (!key) continue;
		const method = String(e.paymentMethod ?? '').trim();
		const type = String(e.offsetAccountType ?? '').trim();
		const account = String(e.offsetAccount ?? '').trim();
		if (!type) {
			if (method) table[key] = method;
			continue;
		}
		if (!account)
			throw new NodeOperationError(
				op.fn.getNode(),
				`Payment Methods row "${key}": the Offset Account is empty`,
				{
					itemIndex: op.itemIndex,
					description: `Nothing was written. Give the ${type} account for "${key}", or set its type to Node's Offset Account.`,
				},
			);
		const offsetAccount: OffsetAccountOption = {
			type: type as OffsetAccountOption['type'],
			segments: displayValueSegments(account, delimiter),
		};
		table[key] = { paymentMethod: method || undefined, offsetAccount };
	}
	return table;
}

/** The shared settings of both operations, read from the node; `mapping` as far as they share it. */
export function journalSettingsFrom(op: OperationContext): {
	settings: Omit<PaymentSettings, 'mapping'>;
	mapping: PaymentSettings['mapping'];
	options: IDataObject;
} {
	const { fn, itemIndex, dataAreaId } = op;
	const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const delimiter = String(options.dimensionDelimiter || '-');
	const offset = String(fn.getNodeParameter('offsetAccount', itemIndex, '')).trim();
	if (!offset) throw new NodeOperationError(fn.getNode(), 'No offset account given', { itemIndex });
	return {
		options,
		settings: {
			dataAreaId,
			environmentUrl: op.environmentUrl,
			itemIndex,
			storeHash: fn.getNodeParameter('storeHash', itemIndex) as string,
			referencePrefix: (options.referencePrefix as string) || undefined,
			customer: documentCustomerParameter(fn, itemIndex),
			journalName: locatorValue(fn.getNodeParameter('journalName', itemIndex)),
			journalPer: fn.getNodeParameter('journalPer', itemIndex) as JournalPer,
			journalDescription: (options.journalDescription as string) || undefined,
			timeZone: fn.getTimezone(),
			dryRun: Boolean(options.dryRun),
			lock: op.lock,
			...writeTimingFrom(options),
		},
		mapping: {
			offsetAccount: {
				type: fn.getNodeParameter('offsetAccountType', itemIndex) as 'Bank' | 'Ledger',
				segments: displayValueSegments(offset, delimiter),
			},
			paymentMethodMap: paymentMethodRows(
				op,
				fn.getNodeParameter('paymentMethodMap', itemIndex, {}),
				delimiter,
			),
			defaultPaymentMethod: (options.defaultPaymentMethod as string) || undefined,
			unmappedCards: options.unmappedCards === 'fail' ? 'fail' : 'offsetAccount',
			postingProfile: (options.postingProfile as string) || undefined,
			dimensionFormat: { delimiter },
		},
	};
}
