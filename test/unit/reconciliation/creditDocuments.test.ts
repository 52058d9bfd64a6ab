/**
 * What a refund's credit documents should hold, as reconciliation expects it from the refund alone
 * (run.ts creditExpected) and as the credit-note mapping writes it (mapRefund): the same returned
 * quantities and free-text amounts for every kind of refund; and compareOrder calling a refund
 * whose documents hold other quantities or amounts refund_differs, with the figures in words.
 */
import { mapRefund } from '../../../nodes/MicrosoftDynamicsFo/mapping/creditNote';
import type { BcOrderProduct, BcRefund } from '../../../nodes/MicrosoftDynamicsFo/mapping/types';
import { compareOrder } from '../../../nodes/MicrosoftDynamicsFo/reconciliation/compare';
import { creditExpected } from '../../../nodes/MicrosoftDynamicsFo/reconciliation/run';
import type {
	BcOrderFacts,
	FoCreditDocument,
	FoOrderFacts,
} from '../../../nodes/MicrosoftDynamicsFo/reconciliation/types';

const products = [
	{ id: 1, sku: 'TEE', name: 'Tee', quantity: 3, price_ex_tax: 20, total_ex_tax: 60 },
	{ id: 2, sku: 'MUG', name: 'Mug', quantity: 2, price_ex_tax: 7.5, total_ex_tax: 15 },
] as unknown as BcOrderProduct[];

const MAPPING = {
	dataAreaId: 'usmf',
	storeHash: 'abc',
	currencyCode: 'USD',
	orderProducts: products,
};

const refund = (over: Partial<BcRefund>): BcRefund => ({
	id: 12,
	order_id: 180,
	created: '2026-05-01T10:00:00+00:00',
	total_amount: 0,
	items: [],
	...over,
});

const REFUNDS: Array<[string, BcRefund]> = [
	['one line, one unit', refund({ items: [{ item_type: 'PRODUCT', item_id: 1, quantity: 1 }] })],
	[
		'two lines',
		refund({
			items: [
				{ item_type: 'PRODUCT', item_id: 1, quantity: 2 },
				{ item_type: 'PRODUCT', item_id: 2, quantity: 2 },
			],
		}),
	],
	[
		'shipping only',
		refund({ items: [{ item_type: 'SHIPPING', item_id: 1, requested_amount: 9.95 }] }),
	],
	['amount only (no items)', refund({ total_amount: 12.345 })],
	[
		'a line, shipping, tax and a zero fee',
		refund({
			items: [
				{ item_type: 'PRODUCT', item_id: 2, quantity: 1 },
				{ item_type: 'SHIPPING', item_id: 1, requested_amount: 5 },
				{ item_type: 'TAX', item_id: 1, requested_amount: 1.234 },
				{ item_type: 'FEE', item_id: 3, requested_amount: 0 },
			],
		}),
	],
];

describe('creditExpected', () => {
	it.each(REFUNDS)('agrees with the credit-note mapping: %s', (_, r) => {
		const draft = mapRefund(r, {
			...MAPPING,
			returnReasonCode: 'WEB',
			returnDispositionCode: 'CREDIT',
			freeText: { mainAccount: ['401100'] },
		});
		const positive = (n: number) => (n === 0 ? 0 : -n);
		expect(creditExpected(r)).toEqual({
			returnedQuantity: positive(
				(draft.returnOrder?.lines ?? []).reduce((n, l) => n + l.ReturnSalesQuantity, 0),
			),
			freeTextAmount: positive(draft.totals.freeTextAmount),
		});
	});
});

const tee = { item_type: 'PRODUCT', item_id: 1, quantity: 1 };
const AS_POSTED: Array<[string, BcRefund]> = [
	['one taxed line', refund({ total_amount: 21.65, total_tax: 1.65, items: [tee] })],
	[
		'a line and shipping with its tax',
		refund({
			total_amount: 29.95,
			total_tax: 0.8,
			items: [tee, { item_type: 'SHIPPING', item_id: 1, requested_amount: 9.95 }],
		}),
	],
	['amount only (no items)', refund({ total_amount: 12.345, total_tax: 0 })],
];

describe('creditExpected, refunds credited with the tax as posted', () => {
	it.each(AS_POSTED)('agrees with the credit-note mapping: %s', (_, r) => {
		const draft = mapRefund(r, {
			...MAPPING,
			taxCalculation: 'asPosted',
			asPosted: { itemSalesTaxGroupCode: 'ZERO' },
			freeText: { mainAccount: ['401100'], mainAccountByType: { TAX: ['222200'] } },
		});
		expect(draft.returnOrder).toBeUndefined();
		expect(creditExpected(r, 2, true)).toEqual({
			returnedQuantity: 0,
			freeTextAmount: -draft.totals.freeTextAmount,
		});
	});
});

describe('compareOrder with the credit documents’ lines', () => {
	const facts: BcOrderFacts = {
		orderId: 7,
		currency: 'USD',
		totalExTax: 100,
		totalIncTax: 100,
		totalTax: 0,
		dateCreated: '2026-05-01T10:00:00Z',
		refunds: [{ id: 5, amount: 29.95, returnedQuantity: 1, freeTextAmount: 9.95, payouts: [] }],
	};
	const returnOrder = (quantity: number): FoCreditDocument => ({
		entity: 'ReturnOrderHeaders',
		refundId: 5,
		keys: { ReturnOrderNumber: 'RMA-1' },
		lines: [{ quantity, amount: 0 }],
	});
	const freeText = (amount: number): FoCreditDocument => ({
		entity: 'FreeTextInvoiceHeaders',
		refundId: 5,
		keys: { InvoiceIdentifier: 5637144576 },
		lines: [{ quantity: 0, amount }],
	});
	const fo = (creditDocuments: FoCreditDocument[]): FoOrderFacts => ({
		salesOrders: [
			{
				SalesOrderNumber: 'USMF-1',
				CurrencyCode: 'USD',
				OrderTotalAmount: 100,
				OrderTotalTaxAmount: 0,
				AreTotalsCalculated: 'Yes',
				SalesOrderStatus: 'Backorder',
			},
		],
		invoices: [],
		payments: [],
		payouts: [],
		creditDocuments,
	});

	it('matches when the return order returns the quantity and the free-text note the rest', () => {
		expect(compareOrder(facts, fo([returnOrder(-1), freeText(-9.95)]), 'R')).toMatchObject({
			status: 'matched',
			notes: [],
		});
	});

	it('names another returned quantity or free-text amount as refund_differs', () => {
		expect(compareOrder(facts, fo([returnOrder(-2), freeText(-9.95)]), 'R')).toMatchObject({
			status: 'refund_differs',
			notes: ['Refund 5 returns 1 item(s), its return order 2'],
		});
		expect(compareOrder(facts, fo([returnOrder(-1), freeText(-1)]), 'R')).toMatchObject({
			status: 'refund_differs',
			notes: ['Refund 5 refunds 9.95 besides its items, its free-text credit note 1'],
		});
		// A free-text part missing altogether is a difference too.
		expect(compareOrder(facts, fo([returnOrder(-1)]), 'R').status).toBe('refund_differs');
	});

	it('compares nothing more when the lines were not read', () => {
		const unread = { ...returnOrder(-2), lines: undefined };
		expect(compareOrder(facts, fo([unread]), 'R').status).toBe('matched');
	});
});
