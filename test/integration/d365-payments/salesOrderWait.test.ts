/**
 * "Wait for Sales Order": a capture posted while the order's own execution is still posting its
 * sales order looks again with back-off until the sales order appears, and posts once; with 0 it
 * fails at once after one lookup. The race of order-sync's "Later payment" branch, in small.
 */
import type { IDataObject } from 'n8n-workflow';

import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import { paymentParameters } from '../../support/paymentParameters';
import { salesOrderParameters } from '../../support/salesOrderParameters';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { readOrder, runNode } from './support';

let fixture: SandboxFixture;
let storeHash: string;

beforeAll(async () => {
	fixture = await startSandboxFixture();
	storeHash = String(fixture.bigCommerceCredentials.storeHash);
});
afterAll(async () => await fixture.close());
beforeEach(async () => await fixture.reset());

async function capturedOrder(): Promise<IDataObject> {
	const created = await fixture.storeOrder({
		lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }],
		guest: { first_name: 'Pat', last_name: 'Lee', email: 'pat.lee@example.org' },
	});
	await fixture.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, {
		event: 'capture',
		amount: 15,
	});
	return await readOrder(fixture, Number(created.id));
}

const payment = (order: IDataObject, salesOrderWait: number) =>
	paymentParameters(storeHash, { bigcommerceRecord: order, salesOrderWait });

const postSalesOrder = async (order: IDataObject) =>
	await runNode(fixture, salesOrderParameters(fixture, order, { guestMode: 'perEmail' }));

/** Sales order header lookups by the order's reference (the payment's, and the sales order's own). */
const salesOrderLookups = (since: number, order: IDataObject) =>
	fixture
		.requests('d365', since)
		.filter(
			(r) =>
				r.method === 'GET' &&
				r.path.endsWith('/data/SalesOrderHeadersV2') &&
				String(r.query.$filter ?? '').includes(`-${String(order.id)}'`),
		);

describe('payment: waiting for the sales order of a later payment', () => {
	it('a sales order posted after the payment started looking is found; the payment posts once', async () => {
		const order = await capturedOrder();
		const since = fixture.lastSeq();

		const paying = runNode(fixture, payment(order, 10));
		await new Promise((resolve) => setTimeout(resolve, 300));
		const lookupsBefore = salesOrderLookups(since, order).length;
		const [posted] = await postSalesOrder(order);
		const [out] = await paying;

		expect(lookupsBefore).toBeGreaterThanOrEqual(1);
		expect(out.customerAccount).toBe(posted.customerAccount);
		expect((out.audit as IDataObject).action).toBe('created');
		const lines = await fixture.records('CustomerPaymentJournalLines', 'usmf');
		expect(lines).toHaveLength(1);
		expect(lines[0].CreditAmount).toBe(15);
	});

	it('with 0 the missing sales order fails at once: one lookup, nothing written', async () => {
		const order = await capturedOrder();
		const since = fixture.lastSeq();

		const [failed] = await runNode(fixture, payment(order, 0), { continueOnFail: true });

		const error = failed.error as IDataObject;
		expect(String(error.message)).toMatch(/^No sales order with reference \S+ in usmf to take/);
		expect(String(error.message)).not.toMatch(/looked for/);
		expect(salesOrderLookups(since, order)).toHaveLength(1);
		expect(await fixture.records('CustomerPaymentJournalLines', 'usmf')).toEqual([]);
	});

	it('after the wait the error says how long it looked, having looked more than once', async () => {
		const order = await capturedOrder();
		const since = fixture.lastSeq();

		const [failed] = await runNode(fixture, payment(order, 1), { continueOnFail: true });

		expect(String((failed.error as IDataObject).message)).toMatch(/\(looked for 1 s\)$/);
		expect(salesOrderLookups(since, order).length).toBeGreaterThan(1);
		expect(await fixture.records('CustomerPaymentJournalLines', 'usmf')).toEqual([]);
	});

	it('is one option of every operation that takes the customer from the sales order, 120 s by default', () => {
		const fields = new MicrosoftDynamicsFo().description.properties.filter(
			(p) => p.name === 'salesOrderWait',
		);
		expect(
			fields.map((f) => [f.displayOptions?.show?.resource, f.displayOptions?.show?.operation]),
		).toEqual(
			expect.arrayContaining([
				[['payment'], ['post']],
				[['payment'], ['postRefund']],
				[['creditNote'], ['create']],
			]),
		);
		expect(fields).toHaveLength(3);
		expect(fields.every((f) => f.default === 120)).toBe(true);
	});
});
