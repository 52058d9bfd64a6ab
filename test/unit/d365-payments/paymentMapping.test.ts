/**
 * Payment method routing (mapping/paymentMethods.ts) and refund payouts (mapping/refundPayout.ts):
 * which method of payment and offset account each payment takes, the refusal of an unmapped
 * non-card method, and the debit lines of a refund's payments.
 */
import {
	mapPayment,
	mapRefundPayouts,
	MappingError,
	parseRefundPaymentReference,
	refundPaymentIdentity,
	refundPaymentReference,
	transactionIdentity,
	type BcRefund,
	type BcTransaction,
	type PaymentMappingOptions,
	type RefundPayoutMappingOptions,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';

const BANK = { type: 'Bank' as const, segments: ['USMF OPER'] };
const STORE_CREDIT = { type: 'Ledger' as const, segments: ['220600'] };
const GIFT = { type: 'Ledger' as const, segments: ['220700', '001'] };

const payOptions: PaymentMappingOptions = {
	dataAreaId: 'usmf',
	offsetAccount: BANK,
	defaultPaymentMethod: 'CARD',
	paymentMethodMap: {
		braintree: 'BT',
		store_credit: { paymentMethod: 'CREDIT', offsetAccount: STORE_CREDIT },
		gift_certificate: { offsetAccount: GIFT },
	},
};

function txn(over: Partial<BcTransaction>): BcTransaction {
	return {
		id: 7,
		order_id: '121',
		event: 'purchase',
		method: 'credit_card',
		amount: 10,
		currency: 'USD',
		gateway: 'braintree',
		status: 'ok',
		date_created: '2024-05-01T10:00:00+00:00',
		...over,
	};
}

const posted = (r: ReturnType<typeof mapPayment>) => {
	if (r.action !== 'post') throw new Error(`expected post, got ${r.action}`);
	return r.line;
};

function thrown(fn: () => unknown): MappingError {
	try {
		fn();
	} catch (error) {
		if (error instanceof MappingError) return error;
		throw error;
	}
	throw new Error('no MappingError thrown');
}

describe('payment method routing', () => {
	it('classifies transactions by method and gateway (orders.v3.yml enums)', () => {
		const kind = (over: Partial<BcTransaction>) => transactionIdentity(txn(over)).kind;
		expect(kind({ method: 'credit_card' })).toBe('card');
		expect(kind({ method: 'apple_pay_token', gateway: 'stripe' })).toBe('card');
		expect(kind({ method: 'offsite', gateway: 'paypalexpress' })).toBe('card');
		expect(kind({ method: 'store_credit', gateway: 'storecredit' })).toBe('store_credit');
		expect(kind({ method: 'gift_certificate', gateway: 'giftcertificate' })).toBe(
			'gift_certificate',
		);
		expect(kind({ method: 'offline', gateway: 'bankdeposit' })).toBe('offline');
		expect(kind({ method: 'credit_card', gateway: 'cod' })).toBe('offline');
		expect(kind({ method: 'custom', gateway: 'custom' })).toBe('custom');
		expect(kind({ method: undefined, gateway: 'adyen' })).toBe('card');
		expect(kind({ method: 'barter', gateway: undefined })).toBe('unknown');
		expect(transactionIdentity(txn({ payment_method_id: 'braintree.card' })).keys).toEqual([
			'braintree.card',
			'braintree:credit_card',
			'braintree',
			'credit_card',
		]);
	});

	it('a card capture without a row takes the node offset account and default method; a row wins', () => {
		expect(posted(mapPayment(txn({ gateway: 'adyen' }), payOptions))).toMatchObject({
			PaymentMethodName: 'CARD',
			OffsetAccountType: 'Bank',
			OffsetAccountDisplayValue: 'USMF OPER',
		});
		expect(posted(mapPayment(txn({ gateway: 'Braintree' }), payOptions))).toMatchObject({
			PaymentMethodName: 'BT',
			OffsetAccountDisplayValue: 'USMF OPER',
		});
	});

	it('store credit and gift certificate redemptions land on their own accounts', () => {
		expect(
			posted(mapPayment(txn({ method: 'store_credit', gateway: 'storecredit' }), payOptions)),
		).toMatchObject({
			CreditAmount: 10,
			PaymentMethodName: 'CREDIT',
			OffsetAccountType: 'Ledger',
			OffsetAccountDisplayValue: '220600',
		});
		expect(
			posted(
				mapPayment(txn({ method: 'gift_certificate', gateway: 'giftcertificate' }), payOptions),
			),
		).toMatchObject({
			PaymentMethodName: 'CARD',
			OffsetAccountType: 'Ledger',
			OffsetAccountDisplayValue: '220700-001',
		});
	});

	it('an unmapped non-card method is UNMAPPED_PAYMENT_METHOD naming the order and method, never the bank', () => {
		const error = thrown(() =>
			mapPayment(txn({ method: 'offline', gateway: 'bankdeposit' }), payOptions),
		);
		expect(error.code).toBe('UNMAPPED_PAYMENT_METHOD');
		expect(error.message).toBe(
			'Order 121: the payment method offline (gateway bankdeposit) of transaction 7 of order 121 has no row in Payment Methods (offline payments need their own offset account); tried "bankdeposit:offline", "bankdeposit", "offline"',
		);
		const noRows = { ...payOptions, paymentMethodMap: {} };
		expect(
			thrown(() => mapPayment(txn({ method: 'store_credit', gateway: 'storecredit' }), noRows))
				.code,
		).toBe('UNMAPPED_PAYMENT_METHOD');
		expect(
			thrown(() => mapPayment(txn({ method: 'barter', gateway: '' }), noRows)).message,
		).toMatch(/BigCommerce names no method the pack knows/);
		expect(
			thrown(() => mapPayment(txn({ gateway: 'adyen' }), { ...noRows, unmappedCards: 'fail' }))
				.message,
		).toMatch(/card payments without a row are set to fail/);
	});

	it('an unmapped method does not matter for what is not posted (an authorisation)', () => {
		const r = mapPayment(txn({ event: 'authorization', method: 'offline', gateway: 'cod' }), {
			...payOptions,
			paymentMethodMap: {},
		});
		expect(r.action).toBe('skip');
	});

	it('a refund payment is known by its provider, its transaction, then its kind', () => {
		expect(refundPaymentIdentity({ provider_id: 'storecredit', amount: 1 })).toEqual({
			keys: ['storecredit', 'store_credit'],
			kind: 'store_credit',
			label: 'provider storecredit',
		});
		const linked = txn({ id: 9, event: 'refund', payment_method_id: 'braintree.card' });
		expect(
			refundPaymentIdentity({ provider_id: 'braintree', amount: 1, transaction_id: '9' }, linked)
				.keys,
		).toEqual(['braintree', 'braintree.card', 'braintree:credit_card', 'credit_card']);
		expect(refundPaymentIdentity({ provider_id: 'checkout_paypalexpress', amount: 1 }).kind).toBe(
			'card',
		);
		expect(refundPaymentIdentity({ provider_id: 'custom', amount: 1 }).kind).toBe('custom');
		expect(refundPaymentIdentity({ amount: 1 }).kind).toBe('unknown');
	});
});

const refundOf = (over: Partial<BcRefund> = {}): BcRefund => ({
	id: 12,
	order_id: 180,
	created: '2022-06-16T16:44:15+00:00',
	total_amount: 50,
	total_tax: 5,
	items: [{ item_type: 'PRODUCT', item_id: 87, quantity: 1 }],
	payments: [{ id: 13, provider_id: 'storecredit', amount: 50, offline: true, is_declined: false }],
	...over,
});

const payoutOptions: RefundPayoutMappingOptions = {
	...payOptions,
	storeHash: 'abc123',
	currencyCode: 'USD',
};

describe('mapRefundPayouts', () => {
	it("the spec's refund (RefundID_Response): one debit line on the store-credit account", () => {
		const [r] = mapRefundPayouts(refundOf(), payoutOptions);
		expect(r).toMatchObject({ action: 'post', position: 1, reference: 'BC-180-R12-1' });
		if (r.action !== 'post') return;
		expect(r.line).toEqual({
			dataAreaId: 'usmf',
			AccountType: 'Cust',
			CreditAmount: 0,
			DebitAmount: 50,
			CurrencyCode: 'USD',
			TransactionDate: '2022-06-16T12:00:00Z',
			PaymentReference: 'BC-180-R12-1',
			TransactionText: 'BigCommerce abc123 order 180 refund 12 payout 1 storecredit',
			IsPrepayment: 'No',
			OffsetAccountType: 'Ledger',
			OffsetAccountDisplayValue: '220600',
			PaymentMethodName: 'CREDIT',
		});
	});

	it('card + store credit: two lines, each on its account; a declined payment is skipped in place', () => {
		const results = mapRefundPayouts(
			refundOf({
				total_amount: 80,
				payments: [
					{ provider_id: 'braintree', amount: 30, is_declined: true },
					{ provider_id: 'braintree', amount: 60 },
					{ provider_id: 'storecredit', amount: 20 },
				],
			}),
			payoutOptions,
		);
		expect(
			results.map((r) =>
				r.action === 'post'
					? [r.reference, r.line.DebitAmount, r.line.OffsetAccountDisplayValue]
					: [r.reference, r.code],
			),
		).toEqual([
			['BC-180-R12-1', 'DECLINED'],
			['BC-180-R12-2', 60, 'USMF OPER'],
			['BC-180-R12-3', 20, '220600'],
		]);
	});

	it('refuses payments beyond the refund, negative amounts, an unmapped provider and a missing currency', () => {
		expect(
			thrown(() =>
				mapRefundPayouts(
					refundOf({ payments: [{ provider_id: 'braintree', amount: 50.01 }] }),
					payoutOptions,
				),
			).code,
		).toBe('INVALID_REFUND');
		expect(
			thrown(() =>
				mapRefundPayouts(
					refundOf({ payments: [{ provider_id: 'braintree', amount: -1 }] }),
					payoutOptions,
				),
			).code,
		).toBe('INVALID_REFUND');
		const unmapped = thrown(() =>
			mapRefundPayouts(refundOf({ payments: [{ provider_id: 'bankdeposit', amount: 50 }] }), {
				...payoutOptions,
				paymentMethodMap: {},
			}),
		);
		expect(unmapped.code).toBe('UNMAPPED_PAYMENT_METHOD');
		expect(unmapped.message).toMatch(
			/^Order 180: the payment method provider bankdeposit of payment 1/,
		);
		expect(
			thrown(() => mapRefundPayouts(refundOf(), { ...payoutOptions, currencyCode: '' })).code,
		).toBe('MISSING_OPTION');
	});

	it('a refund without payments or with a zero payment posts nothing', () => {
		expect(mapRefundPayouts(refundOf({ payments: [] }), payoutOptions)).toEqual([]);
		const [zero] = mapRefundPayouts(
			refundOf({ payments: [{ provider_id: 'braintree', amount: 0 }] }),
			payoutOptions,
		);
		expect(zero).toMatchObject({ action: 'skip', code: 'ZERO_AMOUNT' });
	});

	it('payout references round-trip and respect PaymentReference’s 20 characters', () => {
		expect(refundPaymentReference(1234567, 12345, 2)).toBe('BC-1234567-R12345-2');
		expect(parseRefundPaymentReference('BC-1234567-R12345-2')).toEqual({
			orderId: 1234567,
			refundId: 12345,
			position: 2,
		});
		expect(parseRefundPaymentReference('BC-1234567-T12345')).toBeUndefined();
		expect(thrown(() => refundPaymentReference(12345678, 123456, 1)).code).toBe(
			'REFERENCE_TOO_LONG',
		);
	});
});
