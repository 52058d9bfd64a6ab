/**
 * Refund payouts against the sandbox: each BigCommerce refund payment a debit journal line, once;
 * credit note + payout leave the customer no open credit (the sandbox's balances, computed from
 * what F&O holds); split paybacks on their own accounts; failures leave nothing and re-run cleanly.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { itWithShared } from '../../support/specs';
import {
	readOrder,
	readRefunds,
	runNode,
	unknownProperties,
	writesSince,
	type StaticData,
} from './support';

let fixture: SandboxFixture;
let storeHash: string;

beforeAll(async () => {
	fixture = await startSandboxFixture();
	storeHash = String(fixture.bigCommerceCredentials.storeHash);
});
afterAll(async () => await fixture.close());
beforeEach(async () => await fixture.reset());

const freshStatic = (): StaticData => ({ global: {}, node: {} });
const ACCOUNT = 'WEB-GUEST';
const STORE_CREDIT_ROW = {
	bigcommerce: 'store_credit',
	paymentMethod: 'CREDIT',
	offsetAccountType: 'Ledger',
	offsetAccount: '220600',
};

function payoutParams(
	refund: IDataObject,
	order: IDataObject,
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		resource: 'payment',
		operation: 'postRefund',
		dataAreaId: 'usmf',
		input: 'refund',
		bigcommerceRecord: refund,
		bigcommerceOrder: order,
		storeHash,
		customerMode: 'account',
		customerAccount: ACCOUNT,
		offsetAccountType: 'Bank',
		offsetAccount: 'USMF OPER',
		journalName: 'ARPay',
		journalPer: 'day',
		paymentMethodMap: {
			entries: [{ bigcommerce: 'braintree', paymentMethod: 'CARD' }, STORE_CREDIT_ROW],
		},
		options: {},
		...overrides,
	};
}

function creditNoteParams(refund: IDataObject, order: IDataObject): Record<string, unknown> {
	return {
		resource: 'creditNote',
		operation: 'create',
		dataAreaId: 'usmf',
		input: 'refund',
		bigcommerceRecord: refund,
		bigcommerceOrder: order,
		storeHash,
		customerMode: 'account',
		customerAccount: ACCOUNT,
		mainAccount: '401100',
		options: {},
	};
}

type RefundSpec = IDataObject | ((products: IDataObject[]) => IDataObject);

/** A paid order of a registered buyer (tent ×2, lamp), refunded as given; order and refund as read. */
async function refunded(
	specs: RefundSpec[],
	order: IDataObject = {},
): Promise<{ order: IDataObject; refunds: IDataObject[] }> {
	const created = await fixture.storeOrder({
		customer_id: 1,
		tax_rate: 0,
		lines: [
			{ sku: 'TENT-2P-ALPINE', quantity: 2 },
			{ sku: 'LAMP-HEAD-400', quantity: 1 },
		],
		...order,
	});
	await fixture.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, {
		event: 'capture',
	});
	const products = created.products as IDataObject[];
	for (const spec of specs)
		await fixture.admin(
			'POST',
			`/bigcommerce/orders/${created.id}/refunds`,
			typeof spec === 'function' ? spec(products) : spec,
		);
	return {
		order: await readOrder(fixture, Number(created.id)),
		refunds: await readRefunds(fixture, Number(created.id)),
	};
}

const tent = (quantity: number) => (products: IDataObject[]) => ({
	lines: [{ id: products.find((p) => p.sku === 'TENT-2P-ALPINE')?.id, quantity }],
});
const all = (products: IDataObject[]) => ({
	lines: products.map((p) => ({ id: p.id, quantity: p.quantity })),
	shipping: true,
});
const audit = (o: IDataObject) => o.audit as IDataObject;
const lines = () => fixture.records('CustomerPaymentJournalLines', 'usmf');

interface Balances {
	customers: Array<IDataObject & { creditNotes: number; payouts: number; payments: number }>;
	journals: Array<IDataObject & { offsetAccounts: IDataObject[] }>;
}
const balances = (): Promise<Balances> => fixture.admin('GET', '/d365/balances?dataAreaId=usmf');
const customerBalance = async () =>
	(await balances()).customers.find((c) => c.CustomerAccount === ACCOUNT);

describe('payment: post refund payouts', () => {
	it.each([
		['a partial refund (one tent of two)', tent(1), {}],
		['a full refund (every line and the shipping)', all, {}],
		['a shipping-only refund', { shipping: true }, {}],
		['a tax-only refund', { items: [{ item_type: 'TAX', amount: 4.5 }] }, { tax_rate: 0.0825 }],
	] as Array<[string, RefundSpec, IDataObject]>)(
		'%s: credit note, then one debit line of the amount paid back; together no open credit',
		async (_name, spec, orderSpec) => {
			const { order, refunds } = await refunded([spec], orderSpec);
			const [refund] = refunds;
			const [payment] = refund.payments as IDataObject[];
			const since = fixture.lastSeq();

			await runNode(fixture, creditNoteParams(refund, order));
			const out = await runNode(fixture, payoutParams(refund, order));

			expect(out).toHaveLength(1);
			expect(out[0]).toMatchObject({
				refundId: refund.id,
				payment: 1,
				provider: 'braintree',
				direction: 'payout',
				reference: `BC-${order.id}-R${refund.id}-1`,
				amount: refund.total_amount,
				customerAccount: ACCOUNT,
			});
			expect(audit(out[0]).action).toBe('created');
			const written = await lines();
			expect(written).toHaveLength(1);
			expect(written[0]).toMatchObject({
				AccountType: 'Cust',
				AccountDisplayValue: 'WEB\\-GUEST',
				DebitAmount: payment.amount,
				CreditAmount: 0,
				CurrencyCode: 'USD',
				PaymentMethodName: 'CARD',
				PaymentReference: `BC-${order.id}-R${refund.id}-1`,
				IsPrepayment: 'No',
				OffsetAccountType: 'Bank',
				OffsetAccountDisplayValue: 'USMF OPER',
			});
			expect(written[0].TransactionText).toContain(`refund ${refund.id}`);
			const customer = await customerBalance();
			expect(customer?.payouts).toBe(refund.total_amount);
			// What the credit note credits, the payout paid: nothing stays open.
			expect(customer?.creditNotes).toBe(-Number(refund.total_amount));
			expect(unknownProperties(writesSince(fixture, since))).toEqual([]);
		},
	);

	itWithShared(ENTITY_CATALOGUE)(
		'every property a payout writes is on the real entity',
		async () => {
			const { order, refunds } = await refunded([tent(1)]);
			const since = fixture.lastSeq();
			await runNode(fixture, payoutParams(refunds[0], order));
			const writes = writesSince(fixture, since);
			expect(writes.map((w) => w.entitySet).sort()).toEqual([
				'CustomerPaymentJournalHeaders',
				'CustomerPaymentJournalLines',
			]);
			expect(unknownProperties(writes)).toEqual([]);
		},
	);

	it('two refunds of one order: one line each, the first untouched by the second', async () => {
		const { order, refunds } = await refunded([tent(1), tent(1)]);
		expect(refunds).toHaveLength(2);
		const first = await runNode(fixture, payoutParams(refunds[0], order));
		const second = await runNode(fixture, payoutParams(refunds[1], order));
		expect([first[0].reference, second[0].reference]).toEqual([
			`BC-${order.id}-R${refunds[0].id}-1`,
			`BC-${order.id}-R${refunds[1].id}-1`,
		]);
		expect(audit(second[0]).action).toBe('created');
		const written = await lines();
		expect(written).toHaveLength(2);
		expect(new Set(written.map((l) => l.JournalBatchNumber)).size).toBe(1);
		expect((await customerBalance())?.payouts).toBe(
			Number(refunds[0].total_amount) + Number(refunds[1].total_amount),
		);
	});

	it('a refund paid back by card and store credit: two lines, each on its own account, in one changeset', async () => {
		const { order, refunds } = await refunded([
			(products) => ({
				...tent(2)(products),
				payments: [
					{ provider_id: 'braintree', amount: 500 },
					{ provider_id: 'storecredit', amount: 198 },
				],
			}),
		]);
		const [refund] = refunds;
		expect(refund.total_amount).toBe(698);
		const since = fixture.lastSeq();

		const out = await runNode(fixture, payoutParams(refund, order));

		expect(out.map((o) => [o.payment, o.provider, o.amount, audit(o).action])).toEqual([
			[1, 'braintree', 500, 'created'],
			[2, 'storecredit', 198, 'created'],
		]);
		const written = await lines();
		expect(
			written.map((l) => [
				l.PaymentReference,
				l.DebitAmount,
				l.PaymentMethodName,
				l.OffsetAccountType,
				l.OffsetAccountDisplayValue,
			]),
		).toEqual([
			[`BC-${order.id}-R${refund.id}-1`, 500, 'CARD', 'Bank', 'USMF OPER'],
			[`BC-${order.id}-R${refund.id}-2`, 198, 'CREDIT', 'Ledger', '220600'],
		]);
		const batches = fixture
			.requests('d365', since)
			.filter((r) => r.method === 'POST' && r.path.endsWith('/$batch'));
		expect(batches).toHaveLength(1);
		const [journal] = (await balances()).journals;
		expect(journal).toMatchObject({ lines: 2, debit: 698, credit: 0 });
		expect(journal.offsetAccounts).toEqual([
			{ OffsetAccountType: 'Bank', OffsetAccount: 'USMF OPER', CurrencyCode: 'USD', net: -500 },
			{ OffsetAccountType: 'Ledger', OffsetAccount: '220600', CurrencyCode: 'USD', net: -198 },
		]);
	});

	it('store credit without a Payment Methods row fails naming the order and method; nothing is written', async () => {
		const { order, refunds } = await refunded([
			(products) => ({
				...tent(1)(products),
				payments: [
					{ provider_id: 'braintree', amount: 300 },
					{ provider_id: 'storecredit', amount: 49 },
				],
			}),
		]);
		const since = fixture.lastSeq();
		const out = await runNode(
			fixture,
			payoutParams(refunds[0], order, {
				paymentMethodMap: { entries: [{ bigcommerce: 'braintree', paymentMethod: 'CARD' }] },
			}),
			{ continueOnFail: true },
		);
		const error = out[0].error as IDataObject;
		expect(String(error.message)).toMatch(
			new RegExp(`^Order ${order.id}: the payment method provider storecredit of payment 2`),
		);
		expect(String(error.description)).toContain('UNMAPPED_PAYMENT_METHOD');
		expect(fixture.requests('d365', since)).toHaveLength(0);
		expect(await lines()).toEqual([]);
	});

	it('a duplicate run writes nothing more, from F&O alone (fresh static data)', async () => {
		const { order, refunds } = await refunded([tent(1)]);
		const first = await runNode(fixture, payoutParams(refunds[0], order), {
			staticData: freshStatic(),
		});
		const second = await runNode(fixture, payoutParams(refunds[0], order), {
			staticData: freshStatic(),
		});
		expect(audit(first[0]).action).toBe('created');
		expect(audit(second[0])).toMatchObject({ action: 'skipped-duplicate', reason: 'f&o' });
		expect(second[0].lineNumber).toBe(first[0].lineNumber);
		expect(await lines()).toHaveLength(1);
	});

	it('a payout that fails after its credit note is visible, leaves no line, and a re-run posts it without a second credit note', async () => {
		const { order, refunds } = await refunded([tent(1)]);
		const [refund] = refunds;
		const staticData = freshStatic();
		const credit = await runNode(fixture, creditNoteParams(refund, order), { staticData });
		expect(audit(credit[0]).action).toBe('created');
		await fixture.admin('POST', '/faults/d365', {
			route: 'odata.batch',
			errorRate: 1,
			errorStatus: 400,
		});
		const failed = await runNode(fixture, payoutParams(refund, order), {
			staticData,
			continueOnFail: true,
		});
		await fixture.admin('DELETE', '/faults/d365');
		// F&O refused the changeset: the item is on the error output with F&O's message.
		expect(String((failed[0].error as IDataObject).message)).toMatch(/Dynamics 365 F&O: /);
		expect(await lines()).toEqual([]);
		// The journal header this item created for the payout is removed again.
		expect(await fixture.records('CustomerPaymentJournalHeaders', 'usmf')).toEqual([]);

		// The refund runs again, as a replay or a repeated delivery does: credit note, then payout.
		const again = await runNode(fixture, creditNoteParams(refund, order), { staticData });
		const payout = await runNode(fixture, payoutParams(refund, order), { staticData });
		expect(audit(again[0]).action).toBe('skipped-duplicate');
		expect(await fixture.records('ReturnOrderHeaders', 'usmf')).toHaveLength(1);
		expect(audit(payout[0]).action).toBe('created');
		expect(await lines()).toHaveLength(1);
		const customer = await customerBalance();
		expect(customer?.creditNotes).toBe(-Number(refund.total_amount));
		expect(customer?.payouts).toBe(refund.total_amount);
	});

	it('the sandbox disagrees when a payout credits instead of debits: the open credit doubles', async () => {
		const { order, refunds } = await refunded([tent(1)]);
		const [refund] = refunds;
		await runNode(fixture, creditNoteParams(refund, order));
		const out = await runNode(fixture, payoutParams(refund, order));
		// A line signed like a capture (the mistake the pack must not make), seeded beside it.
		await fixture.admin('POST', '/d365/entities/CustomerPaymentJournalLines', {
			dataAreaId: 'usmf',
			JournalBatchNumber: out[0].journalBatchNumber,
			LineNumber: 99,
			AccountType: 'Cust',
			AccountDisplayValue: 'WEB\\-GUEST',
			CreditAmount: refund.total_amount,
			DebitAmount: 0,
			CurrencyCode: 'USD',
		});
		const customer = await customerBalance();
		expect(customer?.creditNotes).toBe(-Number(refund.total_amount));
		expect(
			Number(customer?.creditNotes) + Number(customer?.payouts) + Number(customer?.payments),
		).toBe(-Number(refund.total_amount));
	});

	it('an order with refunds posts every refund payment in one item', async () => {
		const { order, refunds } = await refunded([tent(1), { shipping: true }]);
		const out = await runNode(fixture, {
			...payoutParams({ ...order, refunds }, order),
			input: 'order',
		});
		expect(out.map((o) => [o.refundId, o.payment, audit(o).action])).toEqual([
			[refunds[0].id, 1, 'created'],
			[refunds[1].id, 1, 'created'],
		]);
		expect(await lines()).toHaveLength(2);
	});
});
