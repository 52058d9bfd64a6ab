/** The payment resource's node operations: node parameters → the payment posting code. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { transactionReference, parseDisplayValue } from '../mapping';
import {
	findPaymentLines,
	postPayments,
	type DocumentCustomer,
	type JournalPer,
	type PaymentInput,
} from '../posting/payment';
import { recordParameter, type OperationHandler } from './context';

/** `Key → F&O method` rows of the node's payment method table. */
export function paymentMethodTable(parameter: unknown): Record<string, string> {
	const entries = ((parameter as { entries?: IDataObject[] })?.entries ?? []) as Array<
		Record<string, string>
	>;
	const table: Record<string, string> = {};
	for (const e of entries) {
		const key = String(e.bigcommerce ?? '').trim();
		const method = String(e.paymentMethod ?? '').trim();
		if (key && method) table[key] = method;
	}
	return table;
}

export function customerParameter(fn: IExecuteFunctions, itemIndex: number): DocumentCustomer {
	const mode = fn.getNodeParameter('customerMode', itemIndex, 'salesOrder') as string;
	if (mode === 'account')
		return {
			mode: 'account',
			account: String(fn.getNodeParameter('customerAccount', itemIndex, '')).trim(),
		};
	return { mode: 'salesOrder' };
}

/** A display value typed on the node → its segments (the mapping escapes and joins them again). */
export function displayValueSegments(display: string, delimiter: string): string[] {
	return parseDisplayValue(display.trim(), { delimiter });
}

export const payment: Record<string, OperationHandler> = {
	async post({ fn, itemIndex, dataAreaId, environmentUrl, lock }) {
		const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const delimiter = String(options.dimensionDelimiter || '-');
		const offset = String(fn.getNodeParameter('offsetAccount', itemIndex, '')).trim();
		if (!offset)
			throw new NodeOperationError(fn.getNode(), 'No offset account given', { itemIndex });
		return await postPayments(
			fn,
			recordParameter<IDataObject>(fn, itemIndex),
			fn.getNodeParameter('input', itemIndex) as PaymentInput,
			{
				dataAreaId,
				environmentUrl,
				itemIndex,
				storeHash: fn.getNodeParameter('storeHash', itemIndex) as string,
				referencePrefix: (options.referencePrefix as string) || undefined,
				customer: customerParameter(fn, itemIndex),
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
				lock,
			},
		);
	},

	async find({ fn, itemIndex, dataAreaId }) {
		const prefix =
			(fn.getNodeParameter('options.referencePrefix', itemIndex, '') as string) || undefined;
		const reference = transactionReference(
			fn.getNodeParameter('orderId', itemIndex) as number,
			fn.getNodeParameter('transactionId', itemIndex) as number,
			{ prefix },
		);
		const found = await findPaymentLines(fn, dataAreaId, [reference], itemIndex);
		const line = found.byReference.get(reference);
		return line ?? { found: false, dataAreaId, reference };
	},
};
