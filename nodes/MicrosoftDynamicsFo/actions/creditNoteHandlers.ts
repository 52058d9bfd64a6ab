/** The credit note resource's node operations: node parameters → the credit note posting code. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { refundReference } from '../mapping';
import { findCreditDocuments, postCreditNotes, type RefundInput } from '../posting/creditNote';
import { recordParameter, skuTableFrom, type OperationHandler } from './context';
import { customerParameter, displayValueSegments } from './paymentHandlers';

function orderParameter(fn: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const value = fn.getNodeParameter('bigcommerceOrder', itemIndex, undefined) as unknown;
	if (value === undefined || value === null || value === '') return undefined;
	return (typeof value === 'string' ? JSON.parse(value) : value) as IDataObject;
}

export const creditNote: Record<string, OperationHandler> = {
	async create({ fn, itemIndex, dataAreaId, environmentUrl, skuCache, lock }) {
		const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const delimiter = String(options.dimensionDelimiter || '-');
		const input = fn.getNodeParameter('input', itemIndex) as RefundInput;
		const mainAccount = String(fn.getNodeParameter('mainAccount', itemIndex, '')).trim();
		const shippingAccount = String(options.shippingMainAccount ?? '').trim();
		const text = (name: string) => String(options[name] ?? '').trim() || undefined;
		return await postCreditNotes(
			fn,
			recordParameter<IDataObject>(fn, itemIndex),
			input,
			input === 'refund' ? orderParameter(fn, itemIndex) : undefined,
			{
				dataAreaId,
				environmentUrl,
				itemIndex,
				storeHash: fn.getNodeParameter('storeHash', itemIndex) as string,
				referencePrefix: text('referencePrefix'),
				customer: customerParameter(fn, itemIndex),
				mapping: {
					taxMode: (options.taxMode as 'exclusive' | 'inclusive') ?? 'exclusive',
					returnReasonCode: text('returnReasonCode'),
					returnDispositionCode: text('returnDispositionCode'),
					defaultReturnSiteId: text('siteId'),
					defaultReturnWarehouseId: text('warehouseId'),
					freeText: mainAccount
						? {
								mainAccount: displayValueSegments(mainAccount, delimiter),
								mainAccountByType: shippingAccount
									? { SHIPPING: displayValueSegments(shippingAccount, delimiter) }
									: undefined,
								salesTaxGroupId: text('salesTaxGroupId'),
								salesTaxItemGroupId: text('salesTaxItemGroupId'),
							}
						: undefined,
					dimensionFormat: { delimiter },
					ledgerFormat: { delimiter },
				},
				skuTable: skuTableFrom(fn.getNodeParameter('skuMapping', itemIndex, {})),
				skuCache,
				dryRun: Boolean(options.dryRun),
				lock,
			},
		);
	},

	async find({ fn, itemIndex, dataAreaId }) {
		const prefix =
			(fn.getNodeParameter('options.referencePrefix', itemIndex, '') as string) || undefined;
		const reference = refundReference(
			fn.getNodeParameter('storeHash', itemIndex) as string,
			fn.getNodeParameter('orderId', itemIndex) as number,
			fn.getNodeParameter('refundId', itemIndex) as number,
			{ prefix },
		);
		const out: IDataObject[] = [];
		for (const kind of ['returnOrder', 'freeTextCredit'] as const) {
			for (const record of await findCreditDocuments(fn, kind, dataAreaId, reference, itemIndex))
				out.push({ document: kind, ...record });
		}
		return out.length ? out : { found: false, dataAreaId, reference };
	},
};
