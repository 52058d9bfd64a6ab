/**
 * The money corpus, refunds: a taxed store order (8.25 %, two tents, a lamp, shipping) posted by
 * the real F&O node in each tax mode, its capture posted, then refunded in the corpus's ways
 * (partial, shipping-only, tax-only, full, two refunds of one order) with each refund's credit
 * note and payout posted, the order shown in a display currency (EUR) other than its default
 * (USD). What is held to BigCommerce's figures is what the sandbox's F&O stores:
 *
 * - the capture line credits the customer total_inc_tax; each refund payment is one debit line of
 *   its amount, the refund's lines summing to total_amount;
 * - the credit documents are in the default currency. F&O calculating: the return lines credit
 *   what each refunded line charged excluding tax (F&O adds its tax when the return order is
 *   invoiced), the free-text lines the other refunded amounts as paid back, and the two with
 *   BigCommerce's tax make the refund's total_amount to the cent. BigCommerce's tax as posted: one
 *   free-text credit per refund, every line zero-rated, BigCommerce's total_tax on the tax account,
 *   its lines exactly total_amount, no return order;
 * - the customer's balance (sandbox /d365/balances, every document as if posted, with the tax F&O
 *   adds to the credit notes when it invoices them) is then exactly, F&O calculating, F&O's
 *   difference on the order plus F&O's tax on the credits less BigCommerce's refunded product tax,
 *   and, as posted, zero: nothing stays open.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { salesOrderParameters } from '../../support/salesOrderParameters';
import {
	cents,
	readBack,
	sumCents,
	TAX_MODE_PARAMETERS,
	TAX_MODES,
	type TaxModeName,
} from '../d365/moneyCorpusSupport';
import { creditNoteParameters, readOrder, readRefunds, runNode } from './support';

let fx: SandboxFixture;

beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.reset());

const RATE = 0.0825;
const ACCOUNT = 'WEB-GUEST';
const METHODS = {
	entries: [
		{ bigcommerce: 'braintree.card', paymentMethod: 'CARD' },
		{ bigcommerce: 'braintree', paymentMethod: 'CARD' },
	],
};
const paymentCommon = (record: IDataObject, order: IDataObject) => ({
	resource: 'payment',
	dataAreaId: 'usmf',
	bigcommerceRecord: record,
	bigcommerceOrder: order,
	storeHash: fx.bigCommerceCredentials.storeHash,
	customerMode: 'account',
	customerAccount: ACCOUNT,
	offsetAccountType: 'Bank',
	offsetAccount: 'USMF OPER',
	journalName: 'ARPay',
	journalPer: 'day',
	paymentMethodMap: METHODS,
	options: {},
});

type RefundSpec = (products: IDataObject[]) => IDataObject;
const tent =
	(quantity: number): RefundSpec =>
	(products) => ({
		lines: [{ id: products.find((p) => p.sku === 'TENT-2P-ALPINE')?.id, quantity }],
	});
const KINDS: Array<[string, RefundSpec[]]> = [
	['a partial refund', [tent(1)]],
	['a shipping-only refund', [() => ({ shipping: true })]],
	['a tax-only refund', [() => ({ items: [{ item_type: 'TAX', amount: 4.5 }] })]],
	[
		'a full refund',
		[
			(products) => ({
				lines: products.map((p) => ({ id: p.id, quantity: p.quantity })),
				shipping: true,
			}),
		],
	],
	['two refunds of one order', [tent(1), tent(1)]],
];

/** What a refunded order line charged for `qty` excluding tax (BigCommerce's line figures). */
function lineCharge(product: IDataObject, qty: number): number {
	const discounts = ((product.applied_discounts as IDataObject[]) ?? []).reduce(
		(s, d) => s + cents(d.amount),
		0,
	);
	return Math.round(((cents(product.total_ex_tax) - discounts) * qty) / Number(product.quantity));
}

/** F&O calculating: the return and free-text lines as BigCommerce's figures say; the product tax. */
function checkReturnSplit(
	refund: IDataObject,
	products: IDataObject[],
	returnLines: IDataObject[],
	freeLines: IDataObject[],
): number {
	const items = refund.items as IDataObject[];
	const productItems = items.filter((i) => i.item_type === 'PRODUCT');
	const otherItems = items.filter((i) => i.item_type !== 'PRODUCT');
	const charged = productItems.map((i) =>
		lineCharge(products.find((p) => p.id === i.item_id) as IDataObject, Number(i.quantity)),
	);
	expect(sumCents(returnLines)).toBe(0 - charged.reduce((a, b) => a + b, 0));
	const others = otherItems.reduce((s, i) => s + cents(i.requested_amount ?? i.amount), 0);
	expect(sumCents(freeLines, 'TransactionCurrencyAmount')).toBe(0 - others);
	// Refunded tax on the tax account, everything else on the credit main account.
	expect(
		freeLines.map((l) => [String(l.Description).split(' - ')[0], l.MainAccountDisplayValue]),
	).toEqual(
		otherItems.map((i) =>
			i.item_type === 'TAX' ? ['Refund tax', '222200'] : [expect.any(String), '401100'],
		),
	);
	// With BigCommerce's tax on each refunded line, the documents make the money paid back.
	const tax = charged.reduce((s, c) => s + Math.round(c * RATE), 0);
	expect(charged.reduce((a, b) => a + b, 0) + tax + others).toBe(cents(refund.total_amount));
	return tax;
}

async function postOrder(
	mode: TaxModeName,
	rate = RATE,
): Promise<{ order: IDataObject; difference: number }> {
	const created = await fx.storeOrder({
		customer_id: 1,
		tax_rate: rate,
		lines: [
			{ sku: 'TENT-2P-ALPINE', quantity: 2 },
			{ sku: 'LAMP-HEAD-400', quantity: 1 },
		],
		shipping: 9.95,
		coupon: { code: 'SAVE10', amount: 10 },
	});
	await fx.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, { event: 'capture' });
	// The shopper saw euros; the store's books (and F&O's documents) are in dollars.
	const order: IDataObject = { ...(await readOrder(fx, Number(created.id))), currency_code: 'EUR' };
	expect(order.default_currency_code).toBe('USD');
	const params = salesOrderParameters(fx, order, {
		...TAX_MODE_PARAMETERS[mode],
		customerMode: 'account',
		customerAccount: ACCOUNT,
	});
	await runNode(fx, params, { continueOnFail: true });
	const written = await readBack(fx, `BC-${fx.bigCommerceCredentials.storeHash}-${order.id}`);
	expect(written).toBeDefined();
	const header = written?.header as IDataObject;
	if (mode === 'asPosted') expect(cents(header.OrderTotalAmount)).toBe(cents(order.total_inc_tax));
	const capture = await runNode(fx, {
		...paymentCommon(order, order),
		operation: 'post',
		input: 'order',
	});
	expect((capture[0].audit as IDataObject).action).toBe('created');
	return { order, difference: cents(header.OrderTotalAmount) - cents(order.total_inc_tax) };
}

describe.each(TAX_MODES)('refunds of an order posted with tax mode %s', (mode) => {
	it.each(KINDS)(
		'%s: credit notes and payouts are BigCommerce’s to the cent',
		async (_k, specs) => {
			const { order, difference } = await postOrder(mode);
			const products = order.products as IDataObject[];
			for (const spec of specs)
				await fx.admin('POST', `/bigcommerce/orders/${order.id}/refunds`, spec(products));
			const refunds = await readRefunds(fx, Number(order.id));
			expect(refunds).toHaveLength(specs.length);

			let productTax = 0;
			for (const refund of refunds) {
				const credit = await runNode(
					fx,
					creditNoteParameters(fx, refund, order, {
						...TAX_MODE_PARAMETERS[mode],
						options: { taxMainAccount: '222200' },
					}),
				);
				expect(credit.every((c) => (c.audit as IDataObject).action === 'created')).toBe(true);
				const payout = await runNode(fx, {
					...paymentCommon(refund, order),
					operation: 'postRefund',
					input: 'refund',
				});
				expect(payout.map((p) => (p.audit as IDataObject).action)).toEqual(
					(refund.payments as IDataObject[]).map(() => 'created'),
				);

				// What F&O stores for this refund, found by its reference.
				const ref = `BC-${fx.bigCommerceCredentials.storeHash}-${order.id}-R${refund.id}`;
				const returns = (await fx.records('ReturnOrderHeaders', 'usmf')).filter((h) =>
					String(h.CustomersOrderReference).startsWith(ref),
				);
				const returnLines = (await fx.records('ReturnOrderLines', 'usmf')).filter((l) =>
					returns.some((h) => h.ReturnOrderNumber === l.ReturnOrderNumber),
				);
				const freeText = (await fx.records('FreeTextInvoiceHeaders', 'usmf')).filter((h) =>
					String(h.CustomerReference).startsWith(ref),
				);
				const freeLines = (await fx.records('FreeTextInvoiceLines', 'usmf')).filter((l) =>
					freeText.some((h) => h.InvoiceIdentifier === l.ParentRecId),
				);
				for (const doc of [...returns, ...freeText]) expect(doc.CurrencyCode).toBe('USD');

				if (mode === 'asPosted') {
					expect(returns).toEqual([]);
					expect(freeText).toHaveLength(1);
					expect(sumCents(freeLines, 'TransactionCurrencyAmount')).toBe(
						-cents(refund.total_amount),
					);
					const taxLines = freeLines.filter((l) => l.MainAccountDisplayValue === '222200');
					// The sandbox's TAX item is refunded tax that its total_tax leaves out.
					const taxItems = (refund.items as IDataObject[])
						.filter((i) => i.item_type === 'TAX')
						.reduce((sum, i) => sum + cents(i.requested_amount), 0);
					expect(sumCents(taxLines, 'TransactionCurrencyAmount')).toBe(
						-Math.max(cents(refund.total_tax), taxItems),
					);
					for (const l of freeLines)
						expect([l.SalesTaxGroupId, l.SalesTaxItemGroupId]).toEqual(['ZERO', 'ZERO']);
				} else {
					productTax += checkReturnSplit(refund, products, returnLines, freeLines);
				}

				const journal = (await fx.records('CustomerPaymentJournalLines', 'usmf')).filter((l) =>
					String(l.PaymentReference).startsWith(`BC-${order.id}-R${refund.id}-`),
				);
				expect(journal.map((l) => [cents(l.DebitAmount), cents(l.CreditAmount)])).toEqual(
					(refund.payments as IDataObject[]).map((p) => [cents(p.amount), 0]),
				);
				expect(sumCents(journal, 'DebitAmount')).toBe(cents(refund.total_amount));
			}

			const balances = (await fx.admin('GET', '/d365/balances?dataAreaId=usmf')) as {
				customers: IDataObject[];
			};
			const customer = balances.customers.find((c) => c.CustomerAccount === ACCOUNT) as IDataObject;
			expect(cents(customer.payments)).toBe(-cents(order.total_inc_tax));
			if (mode === 'asPosted') {
				expect([cents(customer.creditNoteTax), cents(customer.balance)]).toEqual([0, 0]);
			} else {
				expect(cents(customer.balance)).toBe(
					difference + cents(customer.creditNoteTax) + productTax,
				);
			}
		},
	);
});

describe('a store taxing at 7 % where F&O would tax at 8.25 %, its tax posted as BigCommerce charged it', () => {
	it('a refund credited as posted leaves nothing open; one on a return order F&O taxes would', async () => {
		const { order } = await postOrder('asPosted', 0.07);
		const products = order.products as IDataObject[];
		for (let i = 0; i < 2; i++)
			await fx.admin('POST', `/bigcommerce/orders/${order.id}/refunds`, tent(1)(products));
		const [asPosted, asReturn] = await readRefunds(fx, Number(order.id));
		const customer = async () => {
			const { customers } = (await fx.admin('GET', '/d365/balances?dataAreaId=usmf')) as {
				customers: IDataObject[];
			};
			return customers.find((c) => c.CustomerAccount === ACCOUNT) as IDataObject;
		};
		const credit = async (refund: IDataObject, mode: TaxModeName) => {
			await runNode(
				fx,
				creditNoteParameters(fx, refund, order, {
					...TAX_MODE_PARAMETERS[mode],
					options: { taxMainAccount: '222200' },
				}),
			);
			await runNode(fx, {
				...paymentCommon(refund, order),
				operation: 'postRefund',
				input: 'refund',
			});
		};

		await credit(asPosted, 'asPosted');
		expect(cents((await customer()).balance)).toBe(0);

		// The same tent back on a return order: F&O adds its own 8.25 % when it invoices it, while
		// BigCommerce paid back 7 %.
		await credit(asReturn, 'fo');
		const after = await customer();
		expect(cents(asReturn.total_tax)).toBeGreaterThan(0);
		expect(-cents(after.creditNoteTax)).toBeGreaterThan(cents(asReturn.total_tax));
		expect(cents(after.balance)).toBe(cents(asReturn.total_tax) + cents(after.creditNoteTax));
		expect(cents(after.balance)).toBeLessThan(0); // an open credit the store never gave
	});
});
