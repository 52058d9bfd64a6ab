import {
	mapPayment,
	refundHasItems,
	withParentRecId,
	withPaymentCustomer,
	withReturnOrderNumber,
	type BcRefund,
	type BcTransaction,
	type PaymentMappingOptions,
	type RefundMappingOptions,
	type ResolvedItemMap,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { BIGCOMMERCE_SPECS } from '../../support/bigcommerceSpecs';
import { itWithShared } from '../../support/specs';
import { completedRefund } from './completed';
import {
	bcSpec,
	expectConforms,
	order,
	refundMappingBase,
	resolvedFor,
	sumCents,
	type LineSpec,
	thrownMappingError,
} from './helpers';

const payOptions: PaymentMappingOptions = {
	dataAreaId: 'usmf',
	offsetAccount: { type: 'Bank', segments: ['RFI-OPER'] },
	paymentMethodMap: { 'squarev2.card': 'CARD', braintree: 'BT' },
	storeHash: 'abc123xyz',
};

function txn(over: Partial<BcTransaction>): BcTransaction {
	return {
		id: 85926313,
		order_id: '121',
		event: 'capture',
		method: 'credit_card',
		amount: 100,
		currency: 'USD',
		gateway: 'braintree',
		status: 'ok',
		test: false,
		date_created: '2018-05-08T15:06:12+00:00',
		...over,
	};
}

/** The transaction's line for customer DAT-000011, as posted. */
const lineOf = (r: ReturnType<typeof mapPayment>) => {
	if (r.action !== 'post') throw new Error('expected post');
	return withPaymentCustomer(r.line, 'DAT-000011', payOptions.dimensionFormat);
};

describe('mapPayment', () => {
	itWithShared(ENTITY_CATALOGUE)(
		'posts a full capture as a customer credit against the bank',
		() => {
			const r = mapPayment(txn({ amount: 69.84 }), payOptions);
			expect(r.action).toBe('post');
			if (r.action !== 'post') return;
			expect(lineOf(r)).toEqual({
				dataAreaId: 'usmf',
				AccountType: 'Cust',
				AccountDisplayValue: 'DAT\\-000011',
				CreditAmount: 69.84,
				DebitAmount: 0,
				CurrencyCode: 'USD',
				TransactionDate: '2018-05-08T12:00:00Z',
				PaymentMethodName: 'BT',
				PaymentReference: 'BC-121-T85926313',
				TransactionText: 'BigCommerce abc123xyz order 121 capture 85926313 braintree',
				IsPrepayment: 'Yes',
				OffsetAccountType: 'Bank',
				OffsetAccountDisplayValue: 'RFI\\-OPER',
			});
			expectConforms(lineOf(r), 'CustomerPaymentJournalLines');
		},
	);

	it('posts two partial captures as two lines that add up to the order total', () => {
		const a = mapPayment(txn({ id: 1, amount: 40.01 }), payOptions);
		const b = mapPayment(txn({ id: 2, amount: 29.83 }), payOptions);
		if (a.action !== 'post' || b.action !== 'post') throw new Error('expected posts');
		expect(a.reference).not.toBe(b.reference);
		expect(sumCents([a.line.CreditAmount, b.line.CreditAmount])).toBe(6984);
	});

	it('skips authorizations, voids, errors, refunds and test transactions with a reason', () => {
		const cases: Array<[Partial<BcTransaction>, string]> = [
			[{ event: 'authorization' }, 'NOT_A_CAPTURE'],
			[{ event: 'void' }, 'NOT_A_CAPTURE'],
			[{ event: 'refund' }, 'NOT_A_CAPTURE'],
			[{ event: 'pending' }, 'NOT_A_CAPTURE'],
			[{ status: 'error' }, 'NOT_OK'],
			[{ test: true }, 'TEST_TRANSACTION'],
			[{ amount: 0 }, 'ZERO_AMOUNT'],
		];
		for (const [over, code] of cases) {
			const r = mapPayment(txn(over), payOptions);
			expect(r).toMatchObject({ action: 'skip', code });
			if (r.action === 'skip') expect(r.reason).toMatch(/Transaction 85926313/);
		}
		expect(mapPayment(txn({ event: 'void' }), payOptions)).toMatchObject({
			reason: expect.stringMatching(/void/),
		});
		expect(
			mapPayment(txn({ test: true }), { ...payOptions, includeTestTransactions: true }).action,
		).toBe('post');
		expect(mapPayment(txn({ event: 'purchase' }), payOptions).action).toBe('post');
	});

	itWithShared(ENTITY_CATALOGUE, BIGCOMMERCE_SPECS)(
		'maps the spec transaction example, ledger offsets and method lookups',
		() => {
			const ex = bcSpec('orders.v3.yml').components.schemas.Transaction['x-examples']['Example 1'];
			const t = {
				...ex,
				id: 5,
				order_id: '121',
				currency: 'EUR',
				payment_method_id: 'squarev2.card',
				test: false,
			};
			const r = mapPayment(t, {
				...payOptions,
				offsetAccount: { type: 'Ledger', segments: ['110110', '001', ''] },
				isPrepayment: false,
				journalBatchNumber: 'USMF-000123',
			});
			if (r.action !== 'post') throw new Error('expected post');
			expect(r.line).toMatchObject({
				CreditAmount: 3.4,
				CurrencyCode: 'EUR',
				TransactionDate: '2019-08-24T12:00:00Z',
				PaymentMethodName: 'CARD',
				IsPrepayment: 'No',
				OffsetAccountType: 'Ledger',
				OffsetAccountDisplayValue: '110110-001-',
				JournalBatchNumber: 'USMF-000123',
			});
			expectConforms(lineOf(r), 'CustomerPaymentJournalLines');
		},
	);
});

const LINES: LineSpec[] = [
	{ sku: 'TEE', qty: 3, price: 20, discount: 6 },
	{ sku: 'MUG', qty: 2, price: 7.5 },
];
const bcOrder = order({ id: 180, lines: LINES, shipping: 9.95 });
const products = (bcOrder.consignments as any).shipping[0].line_items;

const refundOptions: RefundMappingOptions = {
	...refundMappingBase(products),
	returnReasonCode: 'WEB',
	returnDispositionCode: 'CREDIT',
	freeText: { mainAccount: ['401100'], mainAccountByType: { SHIPPING: ['403300'] } },
};

function refund(over: Partial<BcRefund>): BcRefund {
	return {
		id: 12,
		order_id: 180,
		created: '2022-06-16T16:44:15+00:00',
		reason: 'Customer requires a refund.',
		total_amount: 0,
		total_tax: 0,
		items: [],
		payments: [
			{ id: 13, provider_id: 'storecredit', amount: 0, offline: true, is_declined: false },
		],
		...over,
	};
}

/** The refund's documents for customer US-001, items resolved as the SKU lookup would. */
const mapRefund = (
	r: BcRefund,
	options: RefundMappingOptions,
	resolvedItems: ResolvedItemMap = resolvedFor(LINES),
) => completedRefund(r, options, 'US-001', resolvedItems);

describe('mapRefund', () => {
	itWithShared(ENTITY_CATALOGUE)(
		'turns a partial line refund into a return order for exactly the refunded quantity',
		() => {
			const r = mapRefund(
				refund({ total_amount: 18, items: [{ item_type: 'PRODUCT', item_id: 1, quantity: 1 }] }),
				refundOptions,
			);
			expect(r.freeTextCredit).toBeUndefined();
			expect(r.reference).toBe('BC-abc123xyz-180-R12');
			expect(r.returnOrder?.header).toEqual({
				dataAreaId: 'usmf',
				CustomerAccountNumber: 'US-001',
				CurrencyCode: 'USD',
				CustomersOrderReference: 'BC-abc123xyz-180-R12',
				CustomerRequisitionNumber: 'BC-180-R12',
				CustomerReturnReasonCode: 'WEB',
			});
			// Line 1 charged (3 × 20 − 6) = 54 for 3; one unit back = 18.
			expect(r.returnOrder?.lines).toEqual([
				expect.objectContaining({
					ItemNumber: 'I-TEE',
					ReturnSalesQuantity: -1,
					SalesPrice: 20,
					LineAmount: -18,
					ReturnDispositionCode: 'CREDIT',
				}),
			]);
			expect(r.totals).toEqual({ refundTotal: 18, returnOrderAmount: -18, freeTextAmount: 0 });
			expectConforms(r.returnOrder!.header, 'ReturnOrderHeaders');
			for (const l of r.returnOrder!.lines) expectConforms(l, 'ReturnOrderLines');
			expect(withReturnOrderNumber(r.returnOrder!.lines, 'RMA-1')[0].ReturnOrderNumber).toBe(
				'RMA-1',
			);
		},
	);

	itWithShared(ENTITY_CATALOGUE)(
		'turns a shipping-only refund into a negative free-text credit on the shipping account',
		() => {
			const r = mapRefund(
				refund({
					total_amount: 9.95,
					items: [{ item_type: 'SHIPPING', item_id: 1, requested_amount: 9.95 }],
				}),
				refundOptions,
			);
			expect(r.returnOrder).toBeUndefined();
			expect(r.freeTextCredit?.header).toMatchObject({
				CustomerAccount: 'US-001',
				InvoiceDate: '2022-06-16T12:00:00Z',
				CurrencyCode: 'USD',
				CustomerReference: 'BC-abc123xyz-180-R12',
				CustomerRequisition: 'BC-180-R12',
				InclTax: 'No',
			});
			expect(r.freeTextCredit?.lines).toEqual([
				expect.objectContaining({
					LineNumber: 1,
					MainAccountDisplayValue: '403300',
					Quantity: 1,
					UnitPrice: -9.95,
					TransactionCurrencyAmount: -9.95,
				}),
			]);
			expect(r.totals.freeTextAmount).toBe(-9.95);
			expectConforms(r.freeTextCredit!.header, 'FreeTextInvoiceHeaders');
			for (const l of withParentRecId(r.freeTextCredit!.lines, 5637145331))
				expectConforms(l, 'FreeTextInvoiceLines');
		},
	);

	it('splits a mixed refund into a return order plus a free-text credit', () => {
		const r = mapRefund(
			refund({
				total_amount: 34.95,
				items: [
					{ item_type: 'PRODUCT', item_id: 2, quantity: 2 },
					{ item_type: 'SHIPPING', item_id: 1, requested_amount: 9.95 },
					{ item_type: 'FEE', item_id: 1, requested_amount: 10 },
				],
			}),
			refundOptions,
		);
		expect(r.returnOrder?.lines).toHaveLength(1);
		expect(r.returnOrder?.lines[0]).toMatchObject({
			ItemNumber: 'I-MUG',
			ReturnSalesQuantity: -2,
			LineAmount: -15,
		});
		expect(
			r.freeTextCredit?.lines.map((l) => [l.MainAccountDisplayValue, l.TransactionCurrencyAmount]),
		).toEqual([
			['403300', -9.95],
			['401100', -10],
		]);
		expect(sumCents([r.totals.returnOrderAmount, r.totals.freeTextAmount])).toBe(-3495);
	});

	itWithShared(BIGCOMMERCE_SPECS)(
		'credits an amount-only (no items) refund in full, and the spec example refund',
		() => {
			const r = mapRefund(refund({ total_amount: 5.5, items: [] }), {
				...refundOptions,
				freeText: { mainAccount: ['401100'], salesTaxGroupId: 'AVATAX' },
			});
			expect(r.freeTextCredit?.lines[0]).toMatchObject({
				UnitPrice: -5.5,
				SalesTaxGroupId: 'AVATAX',
			});
			expect(r.freeTextCredit?.header.InclTax).toBe('Yes');
			const ex =
				bcSpec('orders.v3.yml').components.responses.RefundID_Response.content['application/json']
					.examples.Example.value.data;
			const spec = mapRefund(ex, {
				...refundOptions,
				orderProducts: [{ ...products[0], id: 87 }],
			});
			expect(refundHasItems(ex)).toBe(true);
			expect(spec.reference).toBe('BC-abc123xyz-180-R12');
			expect(spec.returnOrder?.lines[0]).toMatchObject({
				ReturnSalesQuantity: -1,
				LineAmount: -18,
			});
		},
	);

	it('applies refund adjustments and refuses unknown lines, unmapped SKUs and missing accounts', () => {
		const adj = mapRefund(
			refund({
				items: [{ item_type: 'PRODUCT', item_id: 1, quantity: 1, adjustments: [{ amount: -3 }] }],
			}),
			refundOptions,
		);
		expect(adj.returnOrder?.lines[0].LineAmount).toBe(-15);
		expect(
			thrownMappingError(() =>
				mapRefund(
					refund({ items: [{ item_type: 'PRODUCT', item_id: 99, quantity: 1 }] }),
					refundOptions,
				),
			).code,
		).toBe('UNKNOWN_ORDER_PRODUCT');
		const e = thrownMappingError(() =>
			mapRefund(
				refund({ items: [{ item_type: 'PRODUCT', item_id: 2, quantity: 1 }] }),
				refundOptions,
				{
					TEE: { ItemNumber: 'T' },
				},
			),
		);
		expect(e.code).toBe('UNMAPPED_SKU');
		expect(e.message).toContain('"MUG"');
		expect(
			thrownMappingError(() =>
				mapRefund(
					refund({ items: [{ item_type: 'PRODUCT', item_id: 2, quantity: 5 }] }),
					refundOptions,
				),
			).code,
		).toBe('INVALID_REFUND');
		expect(
			thrownMappingError(() =>
				mapRefund(refund({ items: [{ item_type: 'SHIPPING', item_id: 1, requested_amount: 1 }] }), {
					...refundOptions,
					freeText: undefined,
				}),
			).code,
		).toBe('MISSING_OPTION');
	});

	it.each([
		['returnReasonCode', 'Return Reason Code'],
		['returnDispositionCode', 'Return Disposition Code'],
	])('a return order without a %s is refused before anything is written', (option, label) => {
		const productRefund = refund({
			total_amount: 18,
			items: [{ item_type: 'PRODUCT', item_id: 1, quantity: 1 }],
		});
		const e = thrownMappingError(() =>
			mapRefund(productRefund, { ...refundOptions, [option]: ' ' }),
		);
		expect(e.code).toBe('MISSING_OPTION');
		expect(e.details).toMatchObject({ option, refundId: 12 });
		expect(e.message).toBe(
			`Refund 12 returns products, and a return order needs a ${label}; nothing was written`,
		);
		// A refund without products needs neither.
		const shipping = refund({
			items: [{ item_type: 'SHIPPING', item_id: 1, requested_amount: 1 }],
		});
		expect(
			mapRefund(shipping, { ...refundOptions, [option]: undefined }).returnOrder,
		).toBeUndefined();
	});
});
