/**
 * A BigCommerce v3 refund's `payments[]` → customer payment journal lines that DEBIT the customer:
 * the money paid back. The credit note (creditNote.ts) credits the customer with what the refund
 * returns; the payout debits the customer with what left the bank (or the store-credit or
 * gift-certificate account) for it, so the two net to zero open credit once both are posted.
 *
 * One line per payment, referenced `BC-<order>-R<refund>-<n>` (references.ts), on the method of
 * payment and offset account the payment method table gives its provider (paymentMethods.ts).
 * A declined payment moved no money and is skipped with its reason, keeping the positions of the
 * others. The refund carries no currency: the order's default currency is the one its sales order,
 * credit note and captures are in. Everything is checked before a line is returned, so an
 * unmapped method or a bad amount fails the whole refund and nothing is written.
 */
import { requireBigCommerceDate, toFoDate } from './dates';
import { MappingError } from './errors';
import { fromUnits, roundUnits, toUnits } from './money';
import {
	offsetFields,
	paymentRoute,
	type PaymentLineDraft,
	type PaymentMappingOptions,
} from './payment';
import { refundPaymentIdentity } from './paymentMethods';
import { FIELD_MAX_LENGTHS, refundPaymentReference, truncate } from './references';
import type { BcRefund, BcRefundPayment, BcTransaction } from './types';

export interface RefundPayoutMappingOptions extends Omit<
	PaymentMappingOptions,
	'includeTestTransactions' | 'isPrepayment'
> {
	/** The order's default (transactional) currency: refunds carry none. */
	currencyCode: string;
	/** The order's v3 transactions, to read a payment's method from the transaction it names. */
	transactions?: readonly BcTransaction[];
}

export type RefundPayoutSkipCode = 'DECLINED' | 'ZERO_AMOUNT';

export type RefundPayoutResult = { payment: BcRefundPayment; position: number } & (
	| { action: 'post'; reference: string; line: PaymentLineDraft }
	| { action: 'skip'; reference: string; code: RefundPayoutSkipCode; reason: string }
);

/** The payout lines of one refund, in the order of its payments; throws before anything is written. */
export function mapRefundPayouts(
	refund: BcRefund,
	options: RefundPayoutMappingOptions,
): RefundPayoutResult[] {
	if (!options.dataAreaId)
		throw new MappingError('MISSING_OPTION', 'Payout mapping needs the "dataAreaId" option', {
			option: 'dataAreaId',
		});
	if (!options.currencyCode)
		throw new MappingError(
			'MISSING_OPTION',
			`Refund ${refund.id} of order ${refund.order_id}: the order has no default_currency_code to post the payout in`,
			{ option: 'currencyCode' },
		);
	const payments = Array.isArray(refund.payments) ? refund.payments : [];
	const decimals = options.amountDecimals ?? 2;
	const date = requireBigCommerceDate(refund.created, 'created');
	const results = payments.map((payment, index): RefundPayoutResult => {
		const position = index + 1;
		const reference = refundPaymentReference(refund.order_id, refund.id, position, {
			prefix: options.referencePrefix,
			maxLength: options.paymentReferenceMaxLength ?? FIELD_MAX_LENGTHS.PaymentReference,
		});
		const what = `payment ${position}${payment.id !== undefined ? ` (id ${payment.id})` : ''} of refund ${refund.id}`;
		if (payment.is_declined === true) {
			return {
				payment,
				position,
				action: 'skip',
				reference,
				code: 'DECLINED',
				reason: `The ${what} was declined by ${payment.provider_id ?? 'its provider'}: no money was paid back`,
			};
		}
		const amount = roundUnits(
			toUnits(payment.amount, `refund ${refund.id} payment amount`),
			decimals,
		);
		if (amount < 0)
			throw new MappingError(
				'INVALID_REFUND',
				`Refund ${refund.id} of order ${refund.order_id}: ${what} has a negative amount (${payment.amount})`,
				{ refundId: refund.id, position },
			);
		if (amount === 0) {
			return {
				payment,
				position,
				action: 'skip',
				reference,
				code: 'ZERO_AMOUNT',
				reason: `The ${what} paid nothing back`,
			};
		}
		const transaction = linkedTransaction(payment, options.transactions);
		const route = paymentRoute(
			refundPaymentIdentity(payment, transaction),
			options,
			`${what}`,
			refund.order_id,
		);
		const text = [
			'BigCommerce',
			options.storeHash,
			`order ${refund.order_id}`,
			`refund ${refund.id}`,
			`payout ${position}`,
			payment.provider_id,
		]
			.filter(Boolean)
			.join(' ');
		const line: PaymentLineDraft = {
			dataAreaId: options.dataAreaId,
			AccountType: 'Cust',
			CreditAmount: 0,
			DebitAmount: fromUnits(amount),
			CurrencyCode: options.currencyCode,
			TransactionDate: toFoDate(date, { utcOffsetMinutes: options.utcOffsetMinutes }),
			PaymentReference: reference,
			TransactionText: truncate(text, FIELD_MAX_LENGTHS.TransactionText),
			// Money paid back for a credit note, not a payment received before an invoice.
			IsPrepayment: 'No',
			...offsetFields(route, options.dimensionFormat),
		};
		if (options.journalBatchNumber) line.JournalBatchNumber = options.journalBatchNumber;
		if (route.paymentMethodName) line.PaymentMethodName = route.paymentMethodName;
		if (options.postingProfile) line.PostingProfile = options.postingProfile;
		return { payment, position, action: 'post', reference, line };
	});
	checkPayoutTotal(refund, results, decimals);
	return results;
}

/** The order's transaction a refund payment names (`transaction_id`), when the order carries it. */
function linkedTransaction(
	payment: BcRefundPayment,
	transactions: readonly BcTransaction[] | undefined,
): BcTransaction | undefined {
	if (payment.transaction_id === undefined || payment.transaction_id === '') return undefined;
	return transactions?.find((t) => String(t.id) === String(payment.transaction_id));
}

/**
 * The payments of a refund pay back its `total_amount`: more is never posted; less (a payment
 * declined, or none at all) is posted as it is, since only what was paid back left the bank.
 */
function checkPayoutTotal(refund: BcRefund, results: RefundPayoutResult[], decimals: number) {
	const paid = results
		.filter((r) => r.action === 'post')
		.reduce((s, r) => s + toUnits(r.action === 'post' ? r.line.DebitAmount : 0), 0);
	const total = roundUnits(
		toUnits(refund.total_amount, `refund ${refund.id} total_amount`),
		decimals,
	);
	if (paid > total) {
		throw new MappingError(
			'INVALID_REFUND',
			`Refund ${refund.id} of order ${refund.order_id}: its payments pay back ${fromUnits(paid)}, more than its total_amount ${fromUnits(total)}`,
			{ refundId: refund.id, paid: fromUnits(paid), total: fromUnits(total) },
		);
	}
}
