/**
 * A BigCommerce transaction → a CustomerPaymentJournalLines body, or the reason it is not money
 * received. The customer account is filled in by withPaymentCustomer once it is known. Which
 * method of payment and offset account the line takes, paymentMethods.ts decides (and refuses an
 * unmapped gift certificate, store credit, offline or custom payment).
 */
import { requireBigCommerceDate, toFoDate } from './dates';
import {
	escapeDimensionValue,
	formatDisplayValue,
	type DimensionFormatOptions,
} from './dimensions';
import { MappingError } from './errors';
import { fromUnits, roundUnits, toUnits } from './money';
import {
	routePayment,
	transactionIdentity,
	type OffsetAccountOption,
	type PaymentMethodTable,
	type PaymentRoute,
} from './paymentMethods';
import { FIELD_MAX_LENGTHS, transactionReference, truncate } from './references';
import type { BcTransaction, FoCustomerPaymentJournalLine } from './types';

export type { OffsetAccountOption } from './paymentMethods';

export interface PaymentMappingOptions {
	dataAreaId: string;
	/** Journal batch, when the header already exists (else set it later). */
	journalBatchNumber?: string;
	/** The node's offset account: card payments and table rows without their own account. */
	offsetAccount: OffsetAccountOption;
	/**
	 * Payment method table → PaymentMethodName and offset account. Keys tried in order:
	 * `payment_method_id` (e.g. `squarev2.card`), `<gateway>:<method>`, `<gateway>`, `<method>`;
	 * for a refund payment its `provider_id` first (paymentMethods.ts).
	 */
	paymentMethodMap?: PaymentMethodTable;
	defaultPaymentMethod?: string;
	/** A card payment without a row: the node's offset account (default), or an error. */
	unmappedCards?: 'offsetAccount' | 'fail';
	/** IsPrepayment (payment received before the invoice); default true for web orders. */
	isPrepayment?: boolean;
	postingProfile?: string;
	/** Reference prefix, default `BC`. */
	referencePrefix?: string;
	/** PaymentReference length limit; default 20. */
	paymentReferenceMaxLength?: number;
	/** Store hash, shown in the transaction text. */
	storeHash?: string;
	/** Post gateway test-mode transactions (`test: true`); default false: skipped. */
	includeTestTransactions?: boolean;
	utcOffsetMinutes?: number;
	amountDecimals?: number;
	dimensionFormat?: DimensionFormatOptions;
}

export type PaymentSkipCode = 'NOT_A_CAPTURE' | 'NOT_OK' | 'TEST_TRANSACTION' | 'ZERO_AMOUNT';

/** A journal line before the customer is known (see withPaymentCustomer). */
export type PaymentLineDraft = Omit<FoCustomerPaymentJournalLine, 'AccountDisplayValue'>;

export type PaymentMappingResult =
	| { action: 'post'; reference: string; line: PaymentLineDraft }
	| { action: 'skip'; reference: string; code: PaymentSkipCode; reason: string };

const MONEY_IN_EVENTS = new Set(['capture', 'purchase']);

const SKIP_REASONS: Readonly<Record<string, string>> = {
	authorization: 'authorization only: the money is reserved, not captured',
	void: 'void: a cancelled authorization moves no money',
	refund:
		'refund: the money paid back is posted from the refund (Payment → Post Refund Payouts), not from its transaction',
	pending: 'pending: the payment is not complete',
	settled: 'settled: the capture was already posted when it happened',
};

/**
 * BigCommerce v3 transaction → CustomerPaymentJournalLines body, or a skip with its reason.
 * Only money actually received is posted: `event` capture or purchase with `status` ok. The line
 * credits the customer (AccountType Cust, CreditAmount) against the offset bank/ledger account;
 * which customer, withPaymentCustomer says: whether to post never depends on it.
 */
export function mapPayment(t: BcTransaction, options: PaymentMappingOptions): PaymentMappingResult {
	const reference = transactionReference(t.order_id, t.id, {
		prefix: options.referencePrefix,
		maxLength: options.paymentReferenceMaxLength ?? FIELD_MAX_LENGTHS.PaymentReference,
	});
	if (!MONEY_IN_EVENTS.has(t.event)) {
		return {
			action: 'skip',
			reference,
			code: 'NOT_A_CAPTURE',
			reason: `Transaction ${t.id} is ${SKIP_REASONS[t.event] ?? `"${t.event}": not a capture or purchase`}`,
		};
	}
	if (t.status !== 'ok') {
		return {
			action: 'skip',
			reference,
			code: 'NOT_OK',
			reason: `Transaction ${t.id} has status "${t.status}": the gateway did not take the money`,
		};
	}
	if (t.test === true && !options.includeTestTransactions) {
		return {
			action: 'skip',
			reference,
			code: 'TEST_TRANSACTION',
			reason: `Transaction ${t.id} is a gateway test transaction`,
		};
	}
	const decimals = options.amountDecimals ?? 2;
	const amount = roundUnits(toUnits(t.amount, 'amount'), decimals);
	if (amount <= 0) {
		return {
			action: 'skip',
			reference,
			code: 'ZERO_AMOUNT',
			reason: `Transaction ${t.id} has no positive amount`,
		};
	}
	if (!options.dataAreaId) throw missingOption('dataAreaId');
	const route = paymentRoute(
		transactionIdentity(t),
		options,
		`transaction ${t.id} of order ${String(t.order_id)}`,
		t.order_id,
	);
	const date = requireBigCommerceDate(t.date_created, 'date_created');
	const text = [
		'BigCommerce',
		options.storeHash,
		`order ${t.order_id}`,
		`${t.event} ${t.id}`,
		t.gateway,
	]
		.filter(Boolean)
		.join(' ');
	const line: PaymentLineDraft = {
		dataAreaId: options.dataAreaId,
		AccountType: 'Cust',
		CreditAmount: fromUnits(amount),
		DebitAmount: 0,
		CurrencyCode: t.currency,
		TransactionDate: toFoDate(date, { utcOffsetMinutes: options.utcOffsetMinutes }),
		PaymentReference: reference,
		TransactionText: truncate(text, FIELD_MAX_LENGTHS.TransactionText),
		IsPrepayment: options.isPrepayment === false ? 'No' : 'Yes',
		...offsetFields(route, options.dimensionFormat),
	};
	if (options.journalBatchNumber) line.JournalBatchNumber = options.journalBatchNumber;
	if (route.paymentMethodName) line.PaymentMethodName = route.paymentMethodName;
	if (options.postingProfile) line.PostingProfile = options.postingProfile;
	return { action: 'post', reference, line };
}

/** The payment's method of payment and offset account; the node's offset account must be set. */
export function paymentRoute(
	identity: Parameters<typeof routePayment>[0],
	options: Pick<
		PaymentMappingOptions,
		'offsetAccount' | 'paymentMethodMap' | 'defaultPaymentMethod' | 'unmappedCards'
	>,
	record: string,
	orderId: string | number,
): PaymentRoute {
	if (!options.offsetAccount || options.offsetAccount.segments.length === 0) {
		throw new MappingError(
			'MISSING_OPTION',
			'Payment mapping needs the offset account (Bank or Ledger)',
			{
				option: 'offsetAccount',
			},
		);
	}
	const route = routePayment(identity, options, { orderId, record });
	if (route.offsetAccount.segments.length === 0) throw missingOption('offsetAccount');
	return route;
}

/** OffsetAccountType and OffsetAccountDisplayValue of a routed payment. */
export function offsetFields(
	route: PaymentRoute,
	dimensionFormat?: DimensionFormatOptions,
): Pick<FoCustomerPaymentJournalLine, 'OffsetAccountType' | 'OffsetAccountDisplayValue'> {
	return {
		OffsetAccountType: route.offsetAccount.type,
		OffsetAccountDisplayValue: formatDisplayValue(route.offsetAccount.segments, dimensionFormat),
	};
}

const missingOption = (option: string) =>
	new MappingError('MISSING_OPTION', `Payment mapping needs the "${option}" option`, { option });

/** The journal line for its F&O customer: AccountDisplayValue, escaped for the dimension format. */
export function withPaymentCustomer(
	line: PaymentLineDraft,
	customerAccount: string,
	dimensionFormat?: DimensionFormatOptions,
): FoCustomerPaymentJournalLine {
	if (!customerAccount) throw missingOption('customerAccount');
	const { dataAreaId, AccountType, ...rest } = line;
	return {
		dataAreaId,
		AccountType,
		AccountDisplayValue: escapeDimensionValue(customerAccount, dimensionFormat?.delimiter),
		...rest,
	};
}
