/**
 * Which F&O method of payment and offset account a BigCommerce payment lands on, for money received
 * (a v3 transaction) and money paid back (a v3 refund's `payments[]` entry) alike.
 *
 * Why a table and not one offset account: card money reaches the bank (or the provider's clearing
 * account), but a gift-certificate redemption draws down a liability the store sold earlier, and
 * store credit draws down the credit it granted; offline and custom methods (bank deposit, cash on
 * delivery, a manual method) reach accounts of their own. Booking them all against the bank would
 * put money in the bank that never arrived. So:
 *
 * - a row of the table (keys tried in order, first match wins) gives the method of payment and,
 *   optionally, its own offset account (else the node's);
 * - without a row, a card-type payment (BigCommerce `method` credit_card, electronic_wallet, the
 *   wallet/token methods, offsite; or an online gateway) takes the node's offset account and the
 *   default method of payment, as captures always did;
 * - any other payment without a row (gift certificate, store credit, offline, custom, or a method
 *   BigCommerce does not document) is an UNMAPPED_PAYMENT_METHOD error naming the order and the
 *   method, before anything is written: never silently the bank account.
 *
 * The method names are the `Transaction.method` enum and the `gateway` enum of orders.v3.yml
 * (`giftcertificate`, `storecredit`, `bankdeposit`, `cheque`, `cod`, `moneyorder`, `instore`,
 * `custom`); a refund payment names its provider by `provider_id` (`storecredit`, a gateway such as
 * `braintree`, `custom`, `bankdeposit`, …).
 */
import { MappingError } from './errors';
import type { BcRefundPayment, BcTransaction } from './types';

export interface OffsetAccountOption {
	/** `Bank` (segments = [bank account id]) or `Ledger` (segments = main account + dimensions). */
	type: 'Bank' | 'Ledger';
	/** Segment values in the ledger dimension format's order; escaped and joined for you. */
	segments: readonly string[];
}

/** One row of the payment method table: the F&O method of payment and where the money lands. */
export interface PaymentMethodRoute {
	paymentMethod?: string;
	/** Its own offset account; unset: the node's offset account. */
	offsetAccount?: OffsetAccountOption;
}

/** BigCommerce key → route; a plain string is a method of payment on the node's offset account. */
export type PaymentMethodTable = Readonly<Record<string, string | PaymentMethodRoute>>;

export type PaymentKind =
	'card' | 'gift_certificate' | 'store_credit' | 'offline' | 'custom' | 'unknown';

/** What a payment is, as the table and the defaults see it. */
export interface PaymentIdentity {
	/** Table keys, most specific first. */
	keys: string[];
	kind: PaymentKind;
	/** For messages: e.g. `store_credit (gateway storecredit)`. */
	label: string;
}

export interface PaymentRouteOptions {
	/** The node's offset account: card payments without a row, and rows without their own. */
	offsetAccount: OffsetAccountOption;
	paymentMethodMap?: PaymentMethodTable;
	defaultPaymentMethod?: string;
	/** `fail`: a card payment without a row is an error too. Default `offsetAccount`. */
	unmappedCards?: 'offsetAccount' | 'fail';
}

export interface PaymentRoute {
	paymentMethodName?: string;
	offsetAccount: OffsetAccountOption;
}

/** `Transaction.method` values that are card-type money through a gateway. */
const CARD_METHODS = new Set([
	'credit_card',
	'electronic_wallet',
	'apple_pay_card',
	'apple_pay_token',
	'bigpay_token',
	'token',
	'nonce',
	'offsite',
]);

/** Gateways / providers whose money does not pass a card gateway. */
const PROVIDER_KINDS: Readonly<Record<string, PaymentKind>> = {
	giftcertificate: 'gift_certificate',
	storecredit: 'store_credit',
	custom: 'custom',
	bankdeposit: 'offline',
	cheque: 'offline',
	cod: 'offline',
	moneyorder: 'offline',
	instore: 'offline',
};

const METHOD_KINDS: Readonly<Record<string, PaymentKind>> = {
	gift_certificate: 'gift_certificate',
	store_credit: 'store_credit',
	offline: 'offline',
	custom: 'custom',
};

const norm = (value: unknown) =>
	String(value ?? '')
		.trim()
		.toLowerCase();

function kindOf(method: string, gateway: string): PaymentKind {
	if (PROVIDER_KINDS[gateway]) return PROVIDER_KINDS[gateway];
	if (METHOD_KINDS[method]) return METHOD_KINDS[method];
	if (CARD_METHODS.has(method)) return 'card';
	// No documented method: an online gateway is card-type money; nothing at all is unknown.
	return !method && gateway ? 'card' : 'unknown';
}

/** A v3 transaction: keys `payment_method_id`, `gateway:method`, `gateway`, `method`. */
export function transactionIdentity(t: BcTransaction): PaymentIdentity {
	const method = norm(t.method);
	const gateway = norm(t.gateway);
	const keys = [
		String(t.payment_method_id ?? '').trim(),
		gateway && method ? `${gateway}:${method}` : '',
		gateway,
		method,
	].filter(Boolean);
	const label = [method || '(no method)', gateway ? `(gateway ${gateway})` : '']
		.filter(Boolean)
		.join(' ');
	return { keys: [...new Set(keys)], kind: kindOf(method, gateway), label };
}

/** The method name a kind is known by in the transaction enum, so one row serves both directions. */
const KIND_KEYS: Readonly<Partial<Record<PaymentKind, string>>> = {
	gift_certificate: 'gift_certificate',
	store_credit: 'store_credit',
	offline: 'offline',
	custom: 'custom',
};

/**
 * A refund payment: keys `provider_id`, then those of the transaction it names (when the order
 * carries it), then the method its provider stands for (`store_credit`, `gift_certificate`, …).
 */
export function refundPaymentIdentity(
	payment: BcRefundPayment,
	transaction?: BcTransaction,
): PaymentIdentity {
	const provider = norm(payment.provider_id);
	const linked = transaction ? transactionIdentity(transaction) : undefined;
	const kind: PaymentKind =
		PROVIDER_KINDS[provider] ?? linked?.kind ?? (provider ? 'card' : 'unknown');
	const keys = [provider, ...(linked?.keys ?? []), KIND_KEYS[kind] ?? ''].filter(Boolean);
	const label = provider ? `provider ${provider}` : '(no provider)';
	return { keys: [...new Set(keys)], kind, label };
}

function rowFor(
	identity: PaymentIdentity,
	table: PaymentMethodTable,
): PaymentMethodRoute | undefined {
	// Keys compare case-insensitively: BigCommerce spells the same gateway `braintree` / `Braintree`.
	const byKey = new Map(Object.entries(table).map(([k, v]) => [norm(k), v]));
	for (const key of identity.keys) {
		const row = byKey.get(norm(key));
		if (row !== undefined) return typeof row === 'string' ? { paymentMethod: row } : row;
	}
	return undefined;
}

/**
 * The method of payment and offset account of one payment, or an UNMAPPED_PAYMENT_METHOD error
 * naming `what` (e.g. `transaction 7 of order 121`).
 */
export function routePayment(
	identity: PaymentIdentity,
	options: PaymentRouteOptions,
	what: { orderId: string | number; record: string },
): PaymentRoute {
	const row = rowFor(identity, options.paymentMethodMap ?? {});
	if (row) {
		return {
			paymentMethodName: row.paymentMethod || options.defaultPaymentMethod,
			offsetAccount: row.offsetAccount ?? options.offsetAccount,
		};
	}
	if (identity.kind === 'card' && options.unmappedCards !== 'fail') {
		return {
			paymentMethodName: options.defaultPaymentMethod,
			offsetAccount: options.offsetAccount,
		};
	}
	const why =
		identity.kind === 'card'
			? 'card payments without a row are set to fail'
			: identity.kind === 'unknown'
				? 'BigCommerce names no method the pack knows'
				: `${identity.kind.replace('_', ' ')} payments need their own offset account`;
	throw new MappingError(
		'UNMAPPED_PAYMENT_METHOD',
		`Order ${String(what.orderId)}: the payment method ${identity.label} of ${what.record} has no row in Payment Methods (${why}); tried ${identity.keys.map((k) => `"${k}"`).join(', ') || 'no key'}`,
		{
			orderId: what.orderId,
			record: what.record,
			kind: identity.kind,
			keys: identity.keys,
		},
	);
}
