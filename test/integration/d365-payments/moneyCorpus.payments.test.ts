/**
 * The money corpus, payments received: orders paid partly with a gift certificate and store
 * credit and the rest by card (a registered buyer, and a guest, who cannot hold store credit),
 * posted by the real F&O node against the sandbox. Each redemption is one credit line on its own
 * offset account from the payment method table (the liability it draws down), never the bank's;
 * the lines are the transactions' amounts to the cent and together total_inc_tax; a redemption
 * with no row is a typed error and nothing is written.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { cents, payOrder, REDEMPTION_ROWS, sumCents } from '../d365/moneyCorpusSupport';
import { readOrder, runNode } from './support';

let fx: SandboxFixture;

beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.reset());

/** The shipped workflows' rows: cards to the bank, redemptions to their liability accounts. */
const ROWS = [{ bigcommerce: 'braintree', paymentMethod: 'CARD' }, ...REDEMPTION_ROWS];

function params(order: IDataObject, rows = ROWS) {
	return {
		resource: 'payment',
		operation: 'post',
		dataAreaId: 'usmf',
		input: 'order',
		bigcommerceRecord: order,
		storeHash: fx.bigCommerceCredentials.storeHash,
		customerMode: 'account',
		customerAccount: 'WEB-GUEST',
		offsetAccountType: 'Bank',
		offsetAccount: 'USMF OPER',
		journalName: 'ARPay',
		journalPer: 'day',
		paymentMethodMap: { entries: rows },
		options: {},
	};
}

/** A taxed order paid by the given redemptions, the card taking the rest. */
async function paidOrder(customerId: number, redemptions: Array<[string, string, number]>) {
	const created = await fx.storeOrder({
		customer_id: customerId,
		tax_rate: 0.0825,
		lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }],
		shipping: 5,
	});
	await payOrder(fx, created.id, redemptions);
	return await readOrder(fx, Number(created.id));
}

const lines = () => fx.records('CustomerPaymentJournalLines', 'usmf');

describe('gift certificate and store credit redemptions', () => {
	it.each([
		[
			'a registered buyer: gift certificate + store credit + card',
			1,
			[
				['gift_certificate', 'giftcertificate', 25],
				['store_credit', 'storecredit', 30.5],
			],
		],
		['a guest: gift certificate + card', 0, [['gift_certificate', 'giftcertificate', 40]]],
	] as Array<[string, number, Array<[string, string, number]>]>)(
		'%s',
		async (_label, customer, redemptions) => {
			const order = await paidOrder(customer, redemptions);
			const out = await runNode(fx, params(order));
			expect(out.every((o) => (o.audit as IDataObject).action === 'created')).toBe(true);
			const written = await lines();
			const byAccount = (account: string) =>
				written
					.filter((l) => l.OffsetAccountDisplayValue === account)
					.map((l) => cents(l.CreditAmount));
			const gift = redemptions.filter((r) => r[0] === 'gift_certificate').map((r) => cents(r[2]));
			const credit = redemptions.filter((r) => r[0] === 'store_credit').map((r) => cents(r[2]));
			expect(byAccount('220700')).toEqual(gift);
			expect(byAccount('220600')).toEqual(credit);
			const redeemed = [...gift, ...credit].reduce((a, b) => a + b, 0);
			expect(byAccount('USMF OPER')).toEqual([cents(order.total_inc_tax) - redeemed]);
			expect(sumCents(written, 'CreditAmount')).toBe(cents(order.total_inc_tax));
			expect(written.every((l) => cents(l.DebitAmount) === 0)).toBe(true);
			expect(
				written.map((l) => [l.OffsetAccountDisplayValue, l.OffsetAccountType, l.PaymentMethodName]),
			).toEqual(
				expect.arrayContaining([
					['USMF OPER', 'Bank', 'CARD'],
					...(gift.length ? [['220700', 'Ledger', 'GIFT']] : []),
				]),
			);
		},
	);

	it('a gift certificate without a row fails naming the order and the method; nothing is written', async () => {
		const order = await paidOrder(1, [['gift_certificate', 'giftcertificate', 25]]);
		const since = fx.lastSeq();
		const [failed] = await runNode(
			fx,
			params(
				order,
				ROWS.filter((r) => r.bigcommerce !== 'gift_certificate'),
			),
			{ continueOnFail: true },
		);
		const error = failed.error as IDataObject;
		expect(String(error.message)).toContain(`Order ${order.id}`);
		expect(String(error.message)).toContain('gift_certificate');
		expect(String(error.description)).toContain('UNMAPPED_PAYMENT_METHOD');
		expect(fx.requests('d365', since).filter((r) => r.method !== 'GET')).toEqual([]);
		expect(await lines()).toEqual([]);
	});
});
