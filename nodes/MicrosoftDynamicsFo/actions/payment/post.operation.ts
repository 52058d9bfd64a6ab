/** Payment → Post Captured Payments: node parameters → the payment journal posting code. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { bigCommerceRecordField, optionsField, showFor } from '../common.descriptions';
import { postPayments, type PaymentInput } from '../../posting/payment';
import type { OperationContext } from '../context';
import { recordParameter } from '../parameters';
import { journalLineFields, journalLineOptions, journalSettingsFrom } from './journal';

const show = showFor('payment');

/** Options in the editor's alphabetical order, the shared ones and this operation's own. */
const sortedOptions = (options: INodeProperties[]) =>
	[...options].sort((a, b) => a.displayName.localeCompare(b.displayName));

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
	...journalLineFields('post'),
	optionsField(
		show(['post']),
		sortedOptions([
			...journalLineOptions,
			{
				displayName: 'Include Test Transactions',
				name: 'includeTestTransactions',
				type: 'boolean',
				default: false,
				description: 'Whether to post gateway test-mode transactions too',
			},
			{
				displayName: 'Mark as Prepayment',
				name: 'isPrepayment',
				type: 'boolean',
				default: true,
				description: 'Whether the lines are prepayments (money received before the invoice)',
			},
		]),
	),
];

export async function execute(op: OperationContext): Promise<IDataObject[]> {
	const { fn, itemIndex } = op;
	const { settings, mapping, options } = journalSettingsFrom(op);
	return await postPayments(
		fn,
		recordParameter<IDataObject>(fn, itemIndex),
		fn.getNodeParameter('input', itemIndex) as PaymentInput,
		{
			...settings,
			mapping: {
				...mapping,
				isPrepayment: options.isPrepayment === undefined ? true : Boolean(options.isPrepayment),
				includeTestTransactions: Boolean(options.includeTestTransactions),
			},
		},
	);
}
