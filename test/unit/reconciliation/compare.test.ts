/**
 * The comparison rules of reconciliation, on facts alone (no HTTP): which status an order gets,
 * the figures and differences it carries, the summary's sums per status and currency, and the
 * one capture rule it shares with the payment mapping.
 */
import { mapPayment } from '../../../nodes/MicrosoftDynamicsFo/mapping/payment';
import { compareOrder, extraInFo } from '../../../nodes/MicrosoftDynamicsFo/reconciliation/compare';
import { isPostedCapture } from '../../../nodes/MicrosoftDynamicsFo/reconciliation/run';
import { summarise } from '../../../nodes/MicrosoftDynamicsFo/reconciliation/summary';
import type {
	BcOrderFacts,
	FoOrderFacts,
	FoSalesOrder,
} from '../../../nodes/MicrosoftDynamicsFo/reconciliation/types';
import type { BcTransaction } from '../../../nodes/MicrosoftDynamicsFo/mapping/types';

const REF = 'BC-abc-7';

const bc = (over: Partial<BcOrderFacts> = {}): BcOrderFacts => ({
	orderId: 7,
	currency: 'USD',
	totalExTax: 100,
	totalIncTax: 108.25,
	totalTax: 8.25,
	dateCreated: '2026-05-01T10:00:00Z',
	captures: [{ id: 31, amount: 108.25 }],
	refunds: [],
	...over,
});

const so = (over: Partial<FoSalesOrder> = {}): FoSalesOrder => ({
	SalesOrderNumber: 'USMF-000001',
	CurrencyCode: 'USD',
	OrderTotalAmount: 108.25,
	OrderTotalTaxAmount: 8.25,
	AreTotalsCalculated: 'Yes',
	SalesOrderStatus: 'Backorder',
	...over,
});

const line = (over: Record<string, unknown> = {}) => ({
	JournalBatchNumber: 'USMF-J000001',
	LineNumber: 1,
	PaymentReference: 'BC-7-T31',
	CreditAmount: 108.25,
	DebitAmount: 0,
	CurrencyCode: 'USD',
	transactionId: 31,
	...over,
});

const fo = (over: Partial<FoOrderFacts> = {}): FoOrderFacts => ({
	salesOrders: [so()],
	invoices: [],
	payments: [line()],
	payouts: [],
	creditDocuments: [],
	...over,
});

describe('compareOrder', () => {
	it('agreeing figures are matched, with zero differences and the F&O keys', () => {
		const r = compareOrder(bc(), fo(), REF);
		expect(r).toMatchObject({
			status: 'matched',
			statuses: ['matched'],
			totalIncTax: { bigCommerce: 108.25, fo: 108.25, difference: 0 },
			totalExTax: { difference: 0 },
			paid: { difference: 0 },
			notes: [],
		});
		expect(r.foKeys).toEqual([
			{ entity: 'SalesOrderHeadersV2', keys: { SalesOrderNumber: 'USMF-000001' } },
			{
				entity: 'CustomerPaymentJournalLines',
				keys: { JournalBatchNumber: 'USMF-J000001', LineNumber: 1 },
			},
		]);
	});

	it('no sales order: missing_in_fo (and the unposted capture too)', () => {
		const r = compareOrder(bc(), fo({ salesOrders: [], payments: [] }), REF);
		expect(r.statuses).toEqual(['missing_in_fo', 'payment_differs']);
		expect(r.totalIncTax).toEqual({ bigCommerce: 108.25, fo: null, difference: null });
	});

	it('two sales orders: duplicated_in_fo', () => {
		const r = compareOrder(
			bc(),
			fo({ salesOrders: [so(), so({ SalesOrderNumber: 'USMF-000002' })] }),
			REF,
		);
		expect(r.status).toBe('duplicated_in_fo');
		expect(r.salesOrderNumbers).toEqual(['USMF-000001', 'USMF-000002']);
	});

	it('a cent off in the amounts is amount_differs; a cent off in the tax alone is tax_differs', () => {
		const amount = compareOrder(bc(), fo({ salesOrders: [so({ OrderTotalAmount: 108.24 })] }), REF);
		expect(amount.status).toBe('amount_differs');
		expect(amount.totalIncTax.difference).toBe(0.01);
		// Exclusive prices: F&O added 8.24 on top of the same 100.00.
		const exclusive = compareOrder(
			bc(),
			fo({ salesOrders: [so({ OrderTotalAmount: 108.24, OrderTotalTaxAmount: 8.24 })] }),
			REF,
		);
		expect(exclusive).toMatchObject({
			status: 'tax_differs',
			tax: { difference: 0.01 },
			totalExTax: { difference: 0 },
		});
		// Inclusive prices: the same 108.25, F&O backed out 8.24.
		const inclusive = compareOrder(
			bc(),
			fo({ salesOrders: [so({ OrderTotalTaxAmount: 8.24 })] }),
			REF,
		);
		expect(inclusive.status).toBe('tax_differs');
	});

	it('another currency, or totals F&O has not calculated, are never matched', () => {
		expect(compareOrder(bc(), fo({ salesOrders: [so({ CurrencyCode: 'EUR' })] }), REF).status).toBe(
			'amount_differs',
		);
		const stale = compareOrder(bc(), fo({ salesOrders: [so({ AreTotalsCalculated: 'No' })] }), REF);
		expect(stale.status).toBe('amount_differs');
		expect(stale.totalIncTax.fo).toBeNull();
	});

	it('the invoice speaks for the order once invoiced', () => {
		const invoice = {
			InvoiceNumber: 'USMF-CIV000001',
			InvoiceDate: '2026-05-02T12:00:00Z',
			LedgerVoucher: 'USMF-ARI000001',
			SalesOrderNumber: 'USMF-000001',
			CurrencyCode: 'USD',
			TotalInvoiceAmount: 100,
			TotalTaxAmount: 0,
		};
		const r = compareOrder(bc(), fo({ invoices: [invoice] }), REF);
		expect(r).toMatchObject({ foSource: 'invoice', status: 'tax_differs' });
		expect(r.invoiceNumbers).toEqual(['USMF-CIV000001']);
	});

	it('payments: a missing line, a different amount, a line for no capture', () => {
		expect(compareOrder(bc(), fo({ payments: [] }), REF).status).toBe('payment_differs');
		expect(compareOrder(bc(), fo({ payments: [line({ CreditAmount: 100 })] }), REF).status).toBe(
			'payment_differs',
		);
		const extra = compareOrder(
			bc(),
			fo({
				payments: [
					line(),
					line({ transactionId: 99, PaymentReference: 'BC-7-T99', LineNumber: 2 }),
				],
			}),
			REF,
		);
		expect(extra.status).toBe('payment_differs');
		expect(extra.notes[0]).toContain('BC-7-T99');
		// Not read (Compare Payments off): no verdict on payments.
		expect(compareOrder(bc({ captures: undefined }), fo({ payments: [] }), REF)).toMatchObject({
			status: 'matched',
			paid: null,
		});
	});

	it('refunds: a credit document per refund; payout debits when payouts are expected', () => {
		const refunds = [
			{
				id: 5,
				amount: 20,
				returnedQuantity: 1,
				freeTextAmount: 0,
				payouts: [{ position: 1, amount: 20 }],
			},
		];
		const credited = {
			entity: 'ReturnOrderHeaders' as const,
			refundId: 5,
			keys: { ReturnOrderNumber: 'USMF-RMA000001' },
		};
		expect(compareOrder(bc({ refunds }), fo(), REF).status).toBe('refund_differs');
		expect(compareOrder(bc({ refunds }), fo({ creditDocuments: [credited] }), REF).status).toBe(
			'matched',
		);
		const payout = {
			...line({ PaymentReference: 'BC-7-R5-1', CreditAmount: 0, DebitAmount: 20 }),
			refundId: 5,
			position: 1,
		};
		const expect_ = { expectRefundPayouts: true };
		expect(
			compareOrder(bc({ refunds }), fo({ creditDocuments: [credited] }), REF, expect_).status,
		).toBe('refund_differs');
		expect(
			compareOrder(
				bc({ refunds }),
				fo({ creditDocuments: [credited], payouts: [payout] }),
				REF,
				expect_,
			).status,
		).toBe('matched');
		expect(
			compareOrder(
				bc({ refunds }),
				fo({ creditDocuments: [credited], payouts: [{ ...payout, DebitAmount: 19 }] }),
				REF,
				expect_,
			).status,
		).toBe('refund_differs');
		// A credit note for a refund the store does not have.
		expect(compareOrder(bc(), fo({ creditDocuments: [credited] }), REF).status).toBe(
			'refund_differs',
		);
	});
});

describe('summarise', () => {
	it('counts and sums per status per currency; agrees only when everything matched', () => {
		const results = [
			compareOrder(bc(), fo(), REF),
			compareOrder(
				bc({ orderId: 8, currency: 'EUR' }),
				fo({
					salesOrders: [so({ CurrencyCode: 'EUR' })],
					payments: [line({ CurrencyCode: 'EUR' })],
				}),
				'BC-abc-8',
			),
			compareOrder(bc({ orderId: 9 }), fo({ salesOrders: [], payments: [] }), 'BC-abc-9'),
			extraInFo(99, 'BC-abc-99', [so({ SalesOrderNumber: 'X', OrderTotalAmount: 10 })]),
		];
		const s = summarise(results, { from: 'a' });
		expect(s).toMatchObject({ type: 'summary', from: 'a', orders: 3, agrees: false });
		expect(s.byStatus.matched.byCurrency).toEqual({
			EUR: { count: 1, bigCommerce: 108.25, fo: 108.25, difference: 0 },
			USD: { count: 1, bigCommerce: 108.25, fo: 108.25, difference: 0 },
		});
		expect(s.byStatus.missing_in_fo).toEqual({
			count: 1,
			byCurrency: { USD: { count: 1, bigCommerce: 108.25, fo: 0, difference: 108.25 } },
		});
		expect(s.byStatus.extra_in_fo.byCurrency.USD).toEqual({
			count: 1,
			bigCommerce: 0,
			fo: 10,
			difference: -10,
		});
		expect(summarise([results[0]]).agrees).toBe(true);
	});
});

describe('isPostedCapture', () => {
	const events = ['capture', 'purchase', 'authorization', 'void', 'refund', 'pending', 'settled'];
	const cases = events.flatMap((event) =>
		['ok', 'error'].flatMap((status) =>
			[false, true].flatMap((test) => [0, 10].map((amount) => ({ event, status, test, amount }))),
		),
	);
	it.each(cases)('agrees with the payment mapping on %o', (c) => {
		const t = {
			id: 1,
			order_id: '7',
			currency: 'USD',
			date_created: '2026-05-01T10:00:00Z',
			...c,
		} as BcTransaction;
		let mappedAsPost: boolean;
		try {
			mappedAsPost = mapPayment(t, { dataAreaId: 'usmf' } as never).action === 'post';
		} catch {
			mappedAsPost = true; // past every skip rule: only the posting options were missing
		}
		expect(isPostedCapture(t)).toBe(mappedAsPost);
	});
});
