/**
 * Reconciliation → Reconcile Orders against the sandbox: every status produced on purpose (the
 * ledger changed by the sandbox's fault routes, or a document never posted) and reported exactly,
 * agreeing orders never reported as differing (invoiced, refunded, another currency), and the calls
 * it costs flat in the number of orders per page.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { byOrder, Ledger } from './support';

let fixture: SandboxFixture;
beforeAll(async () => (fixture = await startSandboxFixture()));
afterAll(async () => await fixture.close());
beforeEach(async () => await fixture.reset());

/** Guests post to WEB-GUEST, whose sales tax group (TX-AUSTIN, 8.25 %) is the store's rate. */
const guest = {
	customer_id: 0,
	guest: { first_name: 'Sam', last_name: 'Lee', email: 'sam@example.org' },
};
const euro = { ...guest, currency: 'EUR', tax_rate: 0.0825 };
const inEuro = { options: { customerGroupId: 'WEB' } };
const status = (o: IDataObject | undefined) => o?.status;

describe('reconcile orders: every status on purpose', () => {
	it('reports each planted difference as its status, with both figures and the F&O keys, and nothing else', async () => {
		const ledger = new Ledger(fixture);
		const matched = await ledger.agreeing(guest);
		const invoiced = await ledger.agreeing(guest);
		await fixture.admin('POST', `/d365/sales-orders/${invoiced.salesOrderNumber}/invoice`, {});
		const euroMatched = await ledger.agreeing(euro, inEuro);
		const refunded = await ledger.agreeing(guest);
		const refund = await ledger.refundFirstLine(refunded.order);
		await ledger.postCreditNote(refunded.order, refund);

		const missing = await ledger.capture(await ledger.order(guest));
		const duplicated = await ledger.agreeing(guest);
		await fixture.admin('POST', `/d365/sales-orders/${duplicated.salesOrderNumber}/duplicate`, {});
		const changed = await ledger.agreeing(guest);
		await fixture.admin(
			'PATCH',
			`/d365/records/SalesOrderLines?SalesOrderNumber=${changed.salesOrderNumber}&ItemNumber=LAMP-HEAD-400`,
			{ LineAmount: 1 },
		);
		const taxed = await ledger.agreeing(guest);
		await fixture.admin(
			'PATCH',
			`/d365/records/SalesOrderLines?SalesOrderNumber=${taxed.salesOrderNumber}`,
			{ SalesTaxGroupCode: 'ZERO' },
		);
		const unpaid = await ledger.capture(await ledger.order(guest));
		await ledger.postOrder(unpaid);
		const unrefunded = await ledger.agreeing(guest);
		const lostRefund = await ledger.refundFirstLine(unrefunded.order);
		const deleted = await ledger.agreeing(guest);
		await fixture.admin('DELETE', `/d365/sales-orders/${deleted.salesOrderNumber}?dataAreaId=usmf`);
		await fixture.admin('POST', '/d365/entities/SalesOrderHeadersV2', {
			dataAreaId: 'usmf',
			SalesOrderNumber: 'USMF-X99999',
			CustomersOrderReference: `BC-${ledger.storeHash}-99999`,
			CurrencyCode: 'USD',
			OrderCreationDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
		});

		const { summary, orders } = await ledger.reconcile();
		const found = byOrder(orders);
		const id = (o: { order: IDataObject } | IDataObject) =>
			Number('order' in o ? (o.order as IDataObject).id : o.id);

		expect(status(found.get(id(matched)))).toBe('matched');
		expect(found.get(id(invoiced))).toMatchObject({ status: 'matched', foSource: 'invoice' });
		expect(found.get(id(euroMatched))).toMatchObject({
			status: 'matched',
			currency: 'EUR',
			foCurrency: 'EUR',
		});
		expect(found.get(id(refunded))).toMatchObject({
			status: 'matched',
			refunded: { bigCommerce: refund.total_amount, fo: refund.total_amount, difference: 0 },
		});
		expect(found.get(id(missing))).toMatchObject({
			status: 'missing_in_fo',
			salesOrderNumbers: [],
			totalIncTax: { bigCommerce: Number(missing.total_inc_tax), fo: null },
		});
		expect(found.get(id(duplicated))).toMatchObject({ status: 'duplicated_in_fo' });
		expect(found.get(id(duplicated))?.salesOrderNumbers).toHaveLength(2);
		const lamp = (changed.order.products as IDataObject[]).find((p) => p.sku === 'LAMP-HEAD-400');
		const lampLine = Number(lamp?.total_ex_tax);
		expect(found.get(id(changed))).toMatchObject({
			status: 'amount_differs',
			totalExTax: {
				bigCommerce: Number(changed.order.total_ex_tax),
				fo: Math.round((Number(changed.order.total_ex_tax) - lampLine + 1) * 100) / 100,
				difference: Math.round((lampLine - 1) * 100) / 100,
			},
		});
		expect(found.get(id(taxed))).toMatchObject({
			status: 'tax_differs',
			tax: { bigCommerce: Number(taxed.order.total_tax), fo: 0 },
			totalExTax: { difference: 0 },
		});
		expect(found.get(id(unpaid))).toMatchObject({
			status: 'payment_differs',
			paid: { bigCommerce: Number(unpaid.total_inc_tax), fo: 0 },
		});
		expect(found.get(id(unrefunded))).toMatchObject({
			status: 'refund_differs',
			refunded: { bigCommerce: lostRefund.total_amount, fo: 0 },
		});
		expect(found.get(id(unrefunded))?.notes).toEqual([
			`Refund ${lostRefund.id} (${lostRefund.total_amount}) has no credit note in F&O`,
		]);
		expect(status(found.get(id(deleted)))).toBe('missing_in_fo');
		expect(found.get(99999)).toMatchObject({
			status: 'extra_in_fo',
			salesOrderNumbers: ['USMF-X99999'],
		});

		// Exactly these, and F&O keys with each order found in F&O.
		expect(orders).toHaveLength(12);
		expect(found.get(id(matched))?.foKeys).toEqual([
			{ entity: 'SalesOrderHeadersV2', keys: { SalesOrderNumber: matched.salesOrderNumber } },
			{
				entity: 'CustomerPaymentJournalLines',
				keys: expect.objectContaining({ LineNumber: expect.any(Number) }),
			},
		]);
		const byStatus = summary.byStatus as Record<string, { count: number; byCurrency: IDataObject }>;
		expect(Object.fromEntries(Object.entries(byStatus).map(([s, v]) => [s, v.count]))).toEqual({
			matched: 4,
			missing_in_fo: 2,
			duplicated_in_fo: 1,
			amount_differs: 1,
			tax_differs: 1,
			payment_differs: 1,
			refund_differs: 1,
			extra_in_fo: 1,
		});
		expect(Object.keys(byStatus.matched.byCurrency).sort()).toEqual(['EUR', 'USD']);
		expect(byStatus.matched.byCurrency.EUR).toMatchObject({ count: 1, difference: 0 });
		expect(summary).toMatchObject({ agrees: false, orders: 11 });
	});

	it('an agreeing store and ledger: all matched, the summary agrees', async () => {
		const ledger = new Ledger(fixture);
		await ledger.agreeing(guest);
		await ledger.agreeing(euro, inEuro);
		const { summary, orders } = await ledger.reconcile();
		expect(orders.map((o) => o.status)).toEqual(['matched', 'matched']);
		expect(summary.agrees).toBe(true);
	});
});

describe('reconcile orders: what the credit documents hold', () => {
	it('a return order of another quantity or a free-text note of another amount is refund_differs', async () => {
		const ledger = new Ledger(fixture);
		const credited = async (body: IDataObject | 'firstLine') => {
			const posted = await ledger.agreeing(guest);
			const refund =
				body === 'firstLine'
					? await ledger.refundFirstLine(posted.order)
					: await ledger.refund(posted.order, body);
			await ledger.postCreditNote(posted.order, refund);
			return {
				order: posted.order,
				refund,
				reference: `BC-${ledger.storeHash}-${posted.order.id}-R${refund.id}`,
			};
		};
		const shipping = await credited({ shipping: true });
		const moreReturned = await credited('firstLine');
		const lessCredited = await credited({ shipping: true });
		const [rma] = (await fixture.records('ReturnOrderHeaders', 'usmf')).filter(
			(h) => h.CustomersOrderReference === moreReturned.reference,
		);
		await fixture.admin(
			'PATCH',
			`/d365/records/ReturnOrderLines?ReturnOrderNumber=${rma.ReturnOrderNumber}`,
			{ ReturnSalesQuantity: -2 },
		);
		const [note] = (await fixture.records('FreeTextInvoiceHeaders', 'usmf')).filter(
			(h) => h.CustomerReference === lessCredited.reference,
		);
		await fixture.admin(
			'PATCH',
			`/d365/records/FreeTextInvoiceLines?ParentRecId=${note.InvoiceIdentifier}`,
			{ TransactionCurrencyAmount: -1 },
		);

		const since = fixture.lastSeq();
		const found = byOrder((await ledger.reconcile({ options: { comparePayments: false } })).orders);
		expect(found.get(Number(shipping.order.id))).toMatchObject({ status: 'matched', notes: [] });
		expect(found.get(Number(moreReturned.order.id))).toMatchObject({
			status: 'refund_differs',
			notes: [`Refund ${moreReturned.refund.id} returns 1 item(s), its return order 2`],
		});
		expect(found.get(Number(lessCredited.order.id))).toMatchObject({
			status: 'refund_differs',
			notes: [
				`Refund ${lessCredited.refund.id} refunds ${Number(lessCredited.refund.total_amount)} besides its items, its free-text credit note 1`,
			],
		});
		// The documents' lines cost one more $batch for the page, not one per document.
		const batches = fixture.requests('d365', since).filter((r) => r.path.endsWith('/$batch'));
		expect(batches).toHaveLength(2);
	});
});

describe('reconcile orders: refunds credited with the tax as posted', () => {
	it('one free-text credit of the money paid back matches when the option says so', async () => {
		const ledger = new Ledger(fixture);
		const asPosted = {
			taxCalculation: 'asPosted',
			taxItemNumber: 'SALESTAX',
			zeroRateItemSalesTaxGroup: 'ZERO',
			zeroRateSalesTaxGroup: 'ZERO',
		};
		const posted = await ledger.agreeing({ ...guest, tax_rate: 0.07 }, asPosted);
		const refund = await ledger.refundFirstLine(posted.order);
		expect(Number(refund.total_tax)).toBeGreaterThan(0);
		await ledger.postCreditNote(posted.order, refund, {
			...asPosted,
			options: { taxMainAccount: '222200' },
		});
		expect(await fixture.records('ReturnOrderHeaders', 'usmf')).toEqual([]);

		const matched = byOrder(
			(
				await ledger.reconcile({
					options: { taxCalculation: 'asPosted', taxItemNumber: 'SALESTAX' },
				})
			).orders,
		).get(Number(posted.order.id));
		expect(matched).toMatchObject({
			status: 'matched',
			refunded: { bigCommerce: refund.total_amount, fo: refund.total_amount, difference: 0 },
		});
		expect(matched?.tax).toEqual({
			bigCommerce: Number(posted.order.total_tax),
			fo: Number(posted.order.total_tax),
			difference: 0,
		});
		// Read as F&O calculating, the same ledger has no tax and lacks the returned item.
		const misread = byOrder((await ledger.reconcile()).orders).get(Number(posted.order.id));
		expect(misread?.statuses).toEqual(['tax_differs', 'refund_differs']);
	});
});

describe('reconcile orders: refund payouts, when refund sync posts them', () => {
	it('a credit note and its payout match; a payout missing or of another amount is refund_differs', async () => {
		const ledger = new Ledger(fixture);
		const refundOf = async () => {
			const posted = await ledger.agreeing(guest);
			const refund = await ledger.refundFirstLine(posted.order);
			await ledger.postCreditNote(posted.order, refund);
			return { order: posted.order, refund };
		};
		const paidBack = await refundOf();
		await ledger.postPayout(paidBack.order, paidBack.refund);
		const notPaidBack = await refundOf();
		const changed = await refundOf();
		await ledger.postPayout(changed.order, changed.refund);
		await fixture.admin(
			'PATCH',
			`/d365/records/CustomerPaymentJournalLines?PaymentReference=BC-${changed.order.id}-R${changed.refund.id}-1`,
			{ DebitAmount: 1 },
		);

		const found = byOrder(
			(await ledger.reconcile({ options: { expectRefundPayouts: true } })).orders,
		);
		const amount = (r: IDataObject) => Number(r.total_amount);
		expect(found.get(Number(paidBack.order.id))).toMatchObject({ status: 'matched', notes: [] });
		expect(found.get(Number(notPaidBack.order.id))).toMatchObject({
			status: 'refund_differs',
			notes: [
				`Refund ${notPaidBack.refund.id} payment 1 (${amount(notPaidBack.refund)}) has no payout line`,
			],
		});
		expect(found.get(Number(changed.order.id))).toMatchObject({
			status: 'refund_differs',
			notes: [
				`Refund ${changed.refund.id} payment 1: BigCommerce paid back ${amount(changed.refund)}, the payout line debits 1`,
			],
		});
		// Without the option the same ledger is matched throughout (payouts are not expected).
		const without = (await ledger.reconcile()).orders;
		expect(without.map((o) => o.status)).toEqual(['matched', 'matched', 'matched']);
	});
});

describe('reconcile orders: calls flat in the number of orders per page', () => {
	async function costOf(orderCount: number, options: IDataObject) {
		const ledger = new Ledger(fixture);
		for (let i = 0; i < orderCount; i++) await ledger.agreeing(guest);
		const since = fixture.lastSeq();
		const { orders } = await ledger.reconcile({ options });
		expect(orders.filter((o) => o.status === 'matched')).toHaveLength(orderCount);
		const d365 = fixture.requests('d365', since);
		return {
			fo: d365.length,
			foBatches: d365.filter((r) => r.path.endsWith('/$batch')).length,
			bigCommerce: fixture.requests('bigcommerce', since).length,
		};
	}

	it('one page: one F&O $batch and two store calls, for 2 orders as for 12', async () => {
		const options = { comparePayments: false };
		const few = await costOf(2, options);
		await fixture.reset();
		const many = await costOf(12, options);
		expect(many).toEqual(few);
		expect(many.foBatches).toBe(1);
		expect(many.fo).toBe(2); // the page's batch, and the extra-orders query
	});

	it('pages of 5: one F&O $batch per page; payments add one store call per order, F&O none', async () => {
		const paged = await costOf(12, { comparePayments: false, pageSize: 5 });
		expect(paged.foBatches).toBe(3);
		await fixture.reset();
		const withPayments = await costOf(12, { pageSize: 5 });
		expect(withPayments.foBatches).toBe(3);
		expect(withPayments.fo).toBe(paged.fo);
		expect(withPayments.bigCommerce - paged.bigCommerce).toBe(12);
	});
});
