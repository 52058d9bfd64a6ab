/**
 * The store's payment transactions (see ./store.ts): recording an authorisation, capture, purchase,
 * void or refund transaction (with the transaction/created event BigCommerce sends for it), and the
 * amounts that bound payments: what a capture may take, what the order paid, what a refund may
 * still return. Captures are refused here as BigCommerce refuses them; refunds (./refunds.ts) read
 * the same amounts.
 */
import { iso, round2 } from './format';
import type { OrderRec, TransactionRec } from './records';
import type { TransactionSpec } from './specs';
import type { BigCommerceStore } from './store';
import { captureRefused } from './storeErrors';
import { orderTotals } from './totals';

export function addTransaction(
	store: BigCommerceStore,
	orderId: number,
	spec: TransactionSpec,
	options: { silent?: boolean } = {},
): TransactionRec {
	const order = store.getOrder(orderId);
	const totals = orderTotals(order);
	const gateway = spec.gateway ?? (order.currency.code === 'EUR' ? 'adyen' : 'braintree');
	const auth = store.transactions.find(
		(t) => t.order_id === String(orderId) && t.event === 'authorization',
	);
	const takesPayment = spec.event === 'capture' || spec.event === 'purchase';
	const amount =
		takesPayment && (spec.status ?? 'ok') === 'ok'
			? capturable(store, order, spec.amount)
			: round2(spec.amount ?? totals.totalIncTax);
	const id = store.nextId('transaction');
	const tx: TransactionRec = {
		id,
		order_id: String(orderId),
		event: spec.event,
		method: spec.method ?? 'credit_card',
		amount,
		currency: order.currency.code,
		gateway,
		gateway_transaction_id: `${gateway.slice(0, 2).toUpperCase()}${id.toString(36).toUpperCase()}X${orderId}`,
		test: false,
		status: spec.status ?? 'ok',
		fraud_review: false,
		reference_transaction_id: auth && spec.event !== 'authorization' ? auth.id : 0,
		offline: null,
		custom: null,
		payment_method_id: `${gateway}.card`,
		date_created: iso(spec.date ? new Date(spec.date) : store.now()),
		payment_instrument_token: null,
		provider_instrument_token: null,
		provider_customer_id: order.customerId ? `cus_${order.customerId}` : null,
		avs_result: {
			code: 'Y',
			message: 'Street address and 5-digit postal code match.',
			street_match: 'Y',
			postal_match: 'Y',
		},
		cvv_result: { code: 'M', message: 'CVV2 match' },
		credit_card: {
			card_type: order.currency.code === 'EUR' ? 'master' : 'visa',
			card_iin: order.currency.code === 'EUR' ? '545454' : '411111',
			card_last4: order.currency.code === 'EUR' ? '5454' : '1111',
			card_expiry_month: 9,
			card_expiry_year: 2029,
		},
		gift_certificate: null,
		store_credit: null,
		custom_provider_field_result: null,
	};
	store.transactions.push(tx);
	if (tx.status === 'ok') {
		const next: Record<string, string> = {
			authorization: 'authorized',
			capture: 'captured',
			purchase: 'captured',
			void: 'void',
			pending: 'pending',
		};
		if (next[tx.event]) order.paymentStatus = next[tx.event];
		order.creditCardType = tx.credit_card.card_type === 'master' ? 'MasterCard' : 'Visa';
		order.paymentProviderId = tx.gateway_transaction_id;
	}
	if (!options.silent && spec.emit !== false) {
		const results: Record<string, { code: string; message: string }> = {
			capture: { code: 'captured', message: 'Captured' },
			purchase: { code: 'captured', message: 'Captured' },
			authorization: { code: 'authorized', message: 'Authorized' },
			void: { code: 'voided', message: 'Voided' },
			refund: { code: 'refunded', message: 'Refunded' },
			pending: { code: 'pending', message: 'Pending' },
			settled: { code: 'settled', message: 'Settled' },
		};
		const result = results[tx.event] ?? { code: tx.event, message: tx.event };
		// BigCommerce's documented shape: order_id is a string and there is no data.id.
		store.emit('store/order/transaction/created', {
			type: 'transaction',
			order_id: String(orderId),
			transaction_id: String(tx.id),
			transaction_status: tx.status === 'ok' ? 'complete' : 'failed',
			transaction_type: tx.event,
			result: { ...result, type: tx.status === 'ok' ? 'success' : 'error' },
			platform_transaction_id: String(tx.id + 878973000),
			provider_transaction_id: tx.gateway_transaction_id,
		});
		order.dateModified = store.now();
	}
	return tx;
}

/** The order's successful payment transactions of the given events. */
function paymentsOf(store: BigCommerceStore, order: OrderRec, events: string[]): TransactionRec[] {
	return store.transactions.filter(
		(t) => t.order_id === String(order.id) && t.status === 'ok' && events.includes(t.event),
	);
}

/** What the order's captures and purchases took so far. */
export function capturedAmount(store: BigCommerceStore, order: OrderRec): number {
	return round2(
		paymentsOf(store, order, ['capture', 'purchase']).reduce((s, t) => s + t.amount, 0),
	);
}

/**
 * The amount a capture may take (`requested`, or all that is left), refusing what BigCommerce
 * refuses: a capture after a void, beyond the authorised amount (the authorisation's, or the order
 * total where none was recorded) and so a second full capture. Several partial captures adding up
 * to the authorisation are allowed unless the `partialCaptures` switch is off.
 */
function capturable(
	store: BigCommerceStore,
	order: OrderRec,
	requested: number | undefined,
): number {
	if (paymentsOf(store, order, ['void']).length)
		throw captureRefused(
			`The payment of order ${order.id} was voided; there is nothing to capture.`,
		);
	const [auth] = paymentsOf(store, order, ['authorization']);
	const authorised = auth ? auth.amount : orderTotals(order).totalIncTax;
	const captured = capturedAmount(store, order);
	const left = round2(authorised - captured);
	if (captured > 0 && !store.rules.partialCaptures)
		throw captureRefused(`The payment of order ${order.id} has already been captured.`);
	if (left <= 0.005)
		throw captureRefused(
			`The payment of order ${order.id} has already been captured in full (${authorised.toFixed(2)} ${order.currency.code}).`,
		);
	const amount = round2(requested ?? left);
	if (amount <= 0) throw captureRefused('A capture needs a positive amount.');
	if (amount > left + 0.005)
		throw captureRefused(
			`A capture of ${amount.toFixed(2)} exceeds what is left of the authorised amount of order ${order.id} (${left.toFixed(2)} ${order.currency.code}).`,
		);
	return amount;
}

/**
 * What the order paid: its captures and purchases, or its total where no payment transaction was
 * recorded at all (the sandbox's orders are paid at checkout unless a test records the payment).
 * An order with only an authorisation has paid nothing yet.
 */
export function paidAmount(store: BigCommerceStore, order: OrderRec): number {
	const recorded = paymentsOf(store, order, ['authorization', 'capture', 'purchase']);
	return recorded.length ? capturedAmount(store, order) : orderTotals(order).totalIncTax;
}

/** What a refund may still return: paid minus refunded. */
export function refundableAmount(store: BigCommerceStore, order: OrderRec): number {
	return round2(paidAmount(store, order) - order.refundedAmount);
}
