/** Payment → CustomerPaymentJournalLines against the sandbox: amounts, signs, skips, exactly once. */
import type { IDataObject } from 'n8n-workflow';

import { paymentParameters } from '../../support/paymentParameters';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { itWithShared } from '../../support/specs';
import {
	readOrder,
	round2,
	runNode,
	unknownProperties,
	plannedWrites,
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

function params(
	record: IDataObject,
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return paymentParameters(storeHash, {
		bigcommerceRecord: record,
		customerMode: 'account',
		customerAccount: 'WEB-GUEST',
		...overrides,
	} as IDataObject);
}

async function orderWith(
	transactions: Array<Record<string, unknown>>,
	spec: IDataObject = {},
): Promise<IDataObject> {
	const created = await fixture.storeOrder({
		lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }],
		...spec,
	});
	for (const t of transactions)
		await fixture.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, t);
	return await readOrder(fixture, Number(created.id));
}

const lines = () => fixture.records('CustomerPaymentJournalLines', 'usmf');
const headers = () => fixture.records('CustomerPaymentJournalHeaders', 'usmf');
const txOf = (order: IDataObject) => order.transactions as IDataObject[];

describe('payment: post captured payments', () => {
	itWithShared(ENTITY_CATALOGUE)(
		'a full capture becomes one credit line for the customer, with every written property on the real entity',
		async () => {
			const order = await orderWith([{ event: 'capture' }]);
			const [tx] = txOf(order);
			const since = fixture.lastSeq();

			const out = await runNode(fixture, params(order));

			expect(out).toHaveLength(1);
			expect(out[0]).toMatchObject({
				transactionId: tx.id,
				reference: `BC-${order.id}-T${tx.id}`,
				customerAccount: 'WEB-GUEST',
			});
			expect((out[0].audit as IDataObject).action).toBe('created');
			const [line] = await lines();
			expect(await lines()).toHaveLength(1);
			expect(line).toMatchObject({
				AccountType: 'Cust',
				AccountDisplayValue: 'WEB\\-GUEST', // a delimiter inside the account is backslash-escaped
				CreditAmount: tx.amount,
				DebitAmount: 0,
				CurrencyCode: 'USD',
				PaymentMethodName: 'CARD',
				PaymentReference: `BC-${order.id}-T${tx.id}`,
				IsPrepayment: 'Yes',
				OffsetAccountType: 'Bank',
				OffsetAccountDisplayValue: 'USMF OPER',
			});
			expect(tx.amount).toBe(Number(order.total_inc_tax));
			expect(String(line.TransactionDate).slice(0, 10)).toBe(String(tx.date_created).slice(0, 10));
			expect(line.TransactionText).toContain(`order ${order.id}`);
			expect(line.TransactionText).toContain(`capture ${tx.id}`);
			const [header] = await headers();
			expect(header).toMatchObject({
				JournalName: 'ARPay',
				JournalBatchNumber: line.JournalBatchNumber,
				IsPosted: 'No',
			});
			expect(header.Description).toMatch(/^BigCommerce payments \d{4}-\d{2}-\d{2}$/);

			const writes = writesSince(fixture, since);
			expect(writes.map((w) => w.entitySet).sort()).toEqual([
				'CustomerPaymentJournalHeaders',
				'CustomerPaymentJournalLines',
			]);
			expect(unknownProperties(writes)).toEqual([]);
		},
	);

	itWithShared(ENTITY_CATALOGUE)(
		'two partial captures post exactly the captured amounts, in one changeset; the authorisation is skipped',
		async () => {
			const order = await orderWith([
				{ event: 'authorization' },
				{ event: 'capture', amount: 100 },
			]);
			const rest = round2(Number(order.total_inc_tax) - 100);
			await fixture.admin('POST', `/bigcommerce/orders/${order.id}/transactions`, {
				event: 'capture',
				amount: rest,
			});
			const full = await readOrder(fixture, Number(order.id));
			const since = fixture.lastSeq();

			const out = await runNode(fixture, params(full));

			expect(out.map((o) => [o.event, (o.audit as IDataObject).action])).toEqual([
				['authorization', 'skipped'],
				['capture', 'created'],
				['capture', 'created'],
			]);
			expect(String((out[0].audit as IDataObject).reason)).toMatch(/^NOT_A_CAPTURE/);
			const posted = await lines();
			expect(posted.map((l) => l.CreditAmount).sort()).toEqual([100, rest].sort());
			expect(round2(posted.reduce((s, l) => s + Number(l.CreditAmount), 0))).toBe(
				Number(full.total_inc_tax),
			);
			expect(posted.every((l) => l.DebitAmount === 0)).toBe(true);
			expect(new Set(posted.map((l) => l.JournalBatchNumber)).size).toBe(1);
			// Lookup, header lookup, header, one changeset: flat whatever the number of lines.
			const batches = fixture.requests('d365', since).filter((r) => r.path.endsWith('/$batch'));
			expect(batches).toHaveLength(1);
			expect(unknownProperties(writesSince(fixture, since))).toEqual([]);
		},
	);

	it('a voided authorisation and a failed capture post nothing, not even a journal header', async () => {
		const order = await orderWith([
			{ event: 'authorization' },
			{ event: 'void' },
			{ event: 'capture', status: 'error' },
		]);

		const out = await runNode(fixture, params(order));

		expect(out.map((o) => (o.audit as IDataObject).action)).toEqual([
			'skipped',
			'skipped',
			'skipped',
		]);
		expect(String((out[1].audit as IDataObject).reason)).toMatch(/^NOT_A_CAPTURE: .*void/);
		expect(String((out[2].audit as IDataObject).reason)).toMatch(/^NOT_OK/);
		expect(await lines()).toEqual([]);
		expect(await headers()).toEqual([]);
	});

	it('re-running the same transactions posts nothing new: static data first, F&O lookup when it is cleared', async () => {
		const order = await orderWith([
			{ event: 'capture', amount: 50 },
			{ event: 'purchase', amount: 25 },
		]);
		const staticData = freshStatic();
		await runNode(fixture, params(order), { staticData });
		const before = await lines();
		expect(before).toHaveLength(2);

		let since = fixture.lastSeq();
		const again = await runNode(fixture, params(order), { staticData });
		expect(again.map((o) => (o.audit as IDataObject).reason)).toEqual([
			'static-data',
			'static-data',
		]);
		expect(fixture.requests('d365', since)).toHaveLength(0);

		since = fixture.lastSeq();
		const cleared = await runNode(fixture, params(order), { staticData: freshStatic() });
		expect(
			cleared.map((o) => [(o.audit as IDataObject).action, (o.audit as IDataObject).reason]),
		).toEqual([
			['skipped-duplicate', 'f&o'],
			['skipped-duplicate', 'f&o'],
		]);
		expect(cleared.map((o) => o.lineNumber)).toEqual(before.map((l) => l.LineNumber));
		expect(writesSince(fixture, since)).toEqual([]);
		expect(await lines()).toEqual(before);
	});

	it('a transaction event item posts its transaction; the order with it later adds only the new one', async () => {
		const order = await orderWith([{ event: 'capture', amount: 30 }]);
		const [first] = txOf(order);
		const event = { ...first, order };
		const one = await runNode(fixture, params(event, { input: 'transaction' }), {
			staticData: freshStatic(),
		});
		expect(one).toHaveLength(1);
		expect((one[0].audit as IDataObject).action).toBe('created');

		await fixture.admin('POST', `/bigcommerce/orders/${order.id}/transactions`, {
			event: 'capture',
			amount: 20,
		});
		const both = await runNode(fixture, params(await readOrder(fixture, Number(order.id))), {
			staticData: freshStatic(),
		});
		expect(both.map((o) => (o.audit as IDataObject).action)).toEqual([
			'skipped-duplicate',
			'created',
		]);
		expect((await lines()).map((l) => l.CreditAmount).sort()).toEqual([20, 30]);
	});

	it('one journal header per execution: later items reuse it, the next execution gets a new one', async () => {
		const a = await orderWith([{ event: 'capture', amount: 10 }]);
		const b = await orderWith([{ event: 'capture', amount: 11 }]);
		const itemParameters = [{ bigcommerceRecord: a }, { bigcommerceRecord: b }];
		await runNode(fixture, params(a, { journalPer: 'run' }), { itemParameters });
		expect(await headers()).toHaveLength(1);
		expect(new Set((await lines()).map((l) => l.JournalBatchNumber)).size).toBe(1);

		const c = await orderWith([{ event: 'capture', amount: 12 }]);
		await runNode(fixture, params(c, { journalPer: 'run' }));
		expect(await headers()).toHaveLength(2);
	});

	it("one journal header per day: the next execution finds today's open header; a posted one is not reused", async () => {
		const a = await orderWith([{ event: 'capture', amount: 10 }]);
		const b = await orderWith([{ event: 'capture', amount: 11 }]);
		await runNode(fixture, params(a));
		await runNode(fixture, params(b));
		const [header] = await headers();
		expect(await headers()).toHaveLength(1);
		expect(new Set((await lines()).map((l) => l.JournalBatchNumber))).toEqual(
			new Set([header.JournalBatchNumber]),
		);

		// The journal got posted in F&O: the next payment opens a new one.
		await runNode(fixture, {
			resource: 'entity',
			operation: 'update',
			dataAreaId: 'usmf',
			entitySet: 'CustomerPaymentJournalHeaders',
			companySpecific: true,
			keys: {
				key: [{ name: 'JournalBatchNumber', value: header.JournalBatchNumber, type: 'string' }],
			},
			fields: { IsPosted: 'Yes' },
		});
		const c = await orderWith([{ event: 'capture', amount: 12 }]);
		await runNode(fixture, params(c));
		expect(await headers()).toHaveLength(2);
	});

	it('ledger offset accounts are display values; an unmapped method falls back to the default', async () => {
		const order = await orderWith([{ event: 'capture', amount: 5, gateway: 'stripe' }]);
		await runNode(
			fixture,
			params(order, {
				offsetAccountType: 'Ledger',
				offsetAccount: '110110-001--',
				options: { defaultPaymentMethod: 'ELECTRONIC', isPrepayment: false },
			}),
		);
		const [line] = await lines();
		expect(line).toMatchObject({
			OffsetAccountType: 'Ledger',
			OffsetAccountDisplayValue: '110110-001--',
			PaymentMethodName: 'ELECTRONIC',
			IsPrepayment: 'No',
		});
	});

	it('takes the customer from the posted sales order, and writes nothing without one', async () => {
		const order = await orderWith([{ event: 'capture', amount: 15 }], {
			guest: { first_name: 'Pat', last_name: 'Lee', email: 'pat.lee@example.org' },
		});
		const failed = await runNode(
			fixture,
			params(order, { customerMode: 'salesOrder', salesOrderWait: 0 }),
			{ continueOnFail: true },
		);
		expect(String((failed[0].error as IDataObject).message)).toMatch(
			/No sales order with reference/,
		);
		expect(await lines()).toEqual([]);

		const posted = await runNode(fixture, {
			resource: 'salesOrder',
			operation: 'create',
			dataAreaId: 'usmf',
			bigcommerceRecord: order,
			storeHash,
			numbering: 'generated',
			customerMode: 'resolve',
			guestMode: 'perEmail',
			shippingItemNumber: 'SHIPPING',
			options: {},
		});
		const account = String(posted[0].customerAccount);
		expect(account).not.toBe('WEB-GUEST');

		const out = await runNode(fixture, params(order, { customerMode: 'salesOrder' }));
		expect(out[0].customerAccount).toBe(account);
		const [line] = await lines();
		expect(line.AccountDisplayValue).toBe(account.replace(/-/g, '\\-'));
	});

	it('a changeset whose answer is lost is resolved by lookup: the lines exist once', async () => {
		const order = await orderWith([
			{ event: 'capture', amount: 40 },
			{ event: 'capture', amount: 2 },
		]);
		await fixture.admin('POST', '/faults/d365', { route: 'odata.batch', timeoutAfterCommit: 1 });

		const out = await runNode(fixture, params(order));

		expect(
			out.map((o) => [(o.audit as IDataObject).action, (o.audit as IDataObject).reason]),
		).toEqual([
			['created', 'outcome-unknown-resolved-by-lookup'],
			['created', 'outcome-unknown-resolved-by-lookup'],
		]);
		expect((await lines()).map((l) => l.CreditAmount).sort()).toEqual([2, 40]);
		expect(out.every((o) => typeof o.lineNumber === 'number')).toBe(true);
	});

	it('lines F&O rejects leave nothing behind: no line, and the header this item created is removed', async () => {
		const order = await orderWith([{ event: 'capture', amount: 9 }]);
		const out = await runNode(fixture, params(order, { customerAccount: 'NO-SUCH-CUSTOMER' }), {
			continueOnFail: true,
		});
		expect(String((out[0].error as IDataObject).message)).toMatch(
			/Payments not posted: .*NO-SUCH-CUSTOMER/,
		);
		expect(await lines()).toEqual([]);
		expect(await headers()).toEqual([]);
	});

	itWithShared(ENTITY_CATALOGUE)(
		'a dry run writes nothing and plans requests whose properties all exist',
		async () => {
			const order = await orderWith([{ event: 'capture', amount: 7 }]);
			const since = fixture.lastSeq();
			const out = await runNode(fixture, params(order, { options: { dryRun: true } }));
			expect((out[0].audit as IDataObject).action).toBe('dry-run');
			const planned = plannedWrites(out[0].plannedRequests as IDataObject[]);
			expect(planned.map((w) => w.entitySet)).toEqual([
				'CustomerPaymentJournalHeaders',
				'CustomerPaymentJournalLines',
			]);
			expect(planned[1].body).toMatchObject({
				CreditAmount: 7,
				PaymentReference: out[0].reference,
			});
			expect(unknownProperties(planned)).toEqual([]);
			expect(writesSince(fixture, since)).toEqual([]);
			expect(await headers()).toEqual([]);
		},
	);

	it('find by BigCommerce transaction', async () => {
		const order = await orderWith([{ event: 'capture', amount: 3 }]);
		await runNode(fixture, params(order));
		const [tx] = txOf(order);
		const [found] = await runNode(fixture, {
			resource: 'payment',
			operation: 'find',
			dataAreaId: 'usmf',
			orderId: order.id,
			transactionId: tx.id,
			options: {},
		});
		expect(found).toMatchObject({ PaymentReference: `BC-${order.id}-T${tx.id}`, CreditAmount: 3 });
		const [missing] = await runNode(fixture, {
			resource: 'payment',
			operation: 'find',
			dataAreaId: 'usmf',
			orderId: order.id,
			transactionId: 999999,
			options: {},
		});
		expect(missing.found).toBe(false);
	});
});
