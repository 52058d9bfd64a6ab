/**
 * Payment → Post Refund Payouts: the money a BigCommerce refund paid back (its `payments[]`), each
 * payment one customer payment journal line that debits the customer, posted exactly once. Run it
 * after the refund's credit note (Credit Note → Create From BigCommerce Refund): the credit note
 * credits the customer with what the refund returns, the payout debits what was paid back, so
 * nothing stays open. The refund's own "refund" transaction is never posted by Post Captured
 * Payments; this operation is where that money goes.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { bigCommerceRecordField, optionsField, showFor } from '../common.descriptions';
import { postRefundPayouts, type PayoutInput } from '../../posting/paymentPayout';
import type { OperationContext } from '../context';
import { jsonParameter, recordParameter } from '../parameters';
import { journalLineFields, journalLineOptions, journalSettingsFrom } from './journal';

const show = showFor('payment');

export const description: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'input',
		type: 'options',
		displayOptions: { show: show(['postRefund']) },
		options: [
			{
				name: 'Refund With Its Order',
				value: 'refund',
				description:
					'One v3 refund (a refund event item of the BigCommerce Trigger); its order is given below',
			},
			{
				name: 'Order With Refunds',
				value: 'order',
				description: 'A BigCommerce order carrying its v3 refunds in "refunds"',
			},
		],
		default: 'refund',
	},
	{ ...bigCommerceRecordField('Record', show(['postRefund'])) },
	{
		displayName: 'BigCommerce Order',
		name: 'bigcommerceOrder',
		type: 'json',
		default: '={{ $json.order }}',
		required: true,
		displayOptions: { show: { ...show(['postRefund']), input: ['refund'] } },
		description:
			"The refunded order, as the BigCommerce node or trigger outputs it: its default currency is the payout's, its transactions tell each refund payment's method",
	},
	...journalLineFields('postRefund'),
	optionsField(show(['postRefund']), journalLineOptions),
];

export async function execute(op: OperationContext): Promise<IDataObject[]> {
	const { fn, itemIndex } = op;
	const { settings, mapping } = journalSettingsFrom(op);
	const input = fn.getNodeParameter('input', itemIndex) as PayoutInput;
	return await postRefundPayouts(
		fn,
		recordParameter<IDataObject>(fn, itemIndex),
		input,
		input === 'refund' ? jsonParameter(fn, 'bigcommerceOrder', itemIndex) : undefined,
		{ ...settings, mapping },
	);
}
