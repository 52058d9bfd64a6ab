/**
 * Refund payouts: the money a BigCommerce refund paid back (its `payments[]`) → customer payment
 * journal lines that debit the customer, each posted exactly once and never by halves.
 *
 * Why beside the captures and not in the credit note: the credit note says what the customer is
 * owed, the payout that it was paid; F&O needs both to leave no open credit, and the payout is a
 * journal line like a capture. So it goes the captures' way (postPaymentEntries in payment.ts):
 * the order's posting lock, static data, one lookup by PaymentReference
 * (`BC-<order>-R<refund>-<n>`), the customer of the order's sales order, and all new lines of the
 * item in one changeset into the day's (or run's) journal; an unknown outcome is looked up, never
 * re-sent blindly. Every refund of the item is mapped before anything is written.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { FullOrder } from '../../BigCommerce/model';
import {
	mapRefundPayouts,
	type BcTransaction,
	type RefundPayoutMappingOptions,
	type RefundPayoutResult,
} from '../mapping';
import { refundsOf, type RefundInput } from './creditNote';
import type { StaticDataContext } from './customer';
import { postPaymentEntries, type PaymentEntry, type PaymentSettings } from './payment';

export type { RefundInput as PayoutInput } from './creditNote';

/** The refund's payment as the output names it. */
function payoutEntry(refundId: number, result: RefundPayoutResult, currency: string): PaymentEntry {
	const { payment, position } = result;
	const mapped =
		result.action === 'post'
			? { action: 'post' as const, reference: result.reference, line: result.line }
			: {
					action: 'skip' as const,
					reference: result.reference,
					code: result.code,
					reason: result.reason,
				};
	return {
		source: {
			refundId,
			payment: position,
			paymentId: payment.id,
			provider: payment.provider_id,
			direction: 'payout',
		},
		auditKey: `refund:${refundId}:payment:${position}`,
		mapped,
		amount: Number(payment.amount),
		currency,
	};
}

/** Post the payouts of every refund of an input item; one output per refund payment. */
export async function postRefundPayouts(
	context: StaticDataContext,
	record: IDataObject,
	input: RefundInput,
	order: IDataObject | undefined,
	settings: PaymentSettings,
): Promise<IDataObject[]> {
	const source = refundsOf(record, input, order);
	if ('error' in source)
		throw new NodeOperationError(context.getNode(), source.error, {
			itemIndex: settings.itemIndex,
		});
	const full: FullOrder = source.order;
	// The order's own currency, as its sales order, credit notes and captures are posted in.
	const currencyCode = String(full.default_currency_code ?? full.currency_code ?? '');
	const transactions = Array.isArray(full.transactions)
		? (full.transactions as unknown as BcTransaction[])
		: undefined;
	const mapping: RefundPayoutMappingOptions = {
		...settings.mapping,
		dataAreaId: settings.dataAreaId,
		storeHash: settings.storeHash,
		referencePrefix: settings.referencePrefix,
		currencyCode,
		transactions,
	};
	const entries: PaymentEntry[] = [];
	for (const refund of source.refunds) {
		for (const result of mapRefundPayouts(refund, mapping))
			entries.push(payoutEntry(refund.id, result, currencyCode));
	}
	return await postPaymentEntries(
		context,
		String(full.id),
		entries,
		settings,
		source.refunds.length
			? 'the refund paid nothing back (no payments)'
			: 'the order has no refunds',
	);
}
