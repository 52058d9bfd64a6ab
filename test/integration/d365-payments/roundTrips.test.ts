/**
 * F&O requests per order along order-sync.json's chain (Customer → Sales order → Payments, each
 * node's output the next node's input item, the order taken from the trigger), counted in the
 * sandbox's request log. The payment step takes the customer from the Sales order output when the
 * item proves it is this order, instead of looking the sales order up again; the customer step
 * looks a buyer of several orders up once per run. Counts only, never time.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { emptyStaticData as freshStatic } from '../../support/n8n/context';
import { paymentParameters } from '../../support/paymentParameters';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { readOrder, runNode } from './support';

let fixture: SandboxFixture;
beforeAll(async () => void (fixture = await startSandboxFixture()));
afterAll(async () => await fixture.close());
beforeEach(async () => await fixture.reset());

const storeHashOf = () => String(fixture.bigCommerceCredentials.storeHash);
const itemsOf = (outputs: IDataObject[]): INodeExecutionData[] => outputs.map((json) => ({ json }));
const actionsOf = (outputs: IDataObject[]) => outputs.map((o) => (o.audit as IDataObject).action);

/** One run of the F&O node over `orders`, each order the item's record. */
async function runOver(
	parameters: IDataObject,
	orders: IDataObject[],
	items: INodeExecutionData[] = orders.map(() => ({ json: {} })),
	staticData = freshStatic(),
) {
	return await runNode(fixture, parameters, {
		items,
		itemParameters: orders.map((order) => ({ bigcommerceRecord: order })),
		staticData,
	});
}

/** F&O requests since `since`, and those of them that read sales order headers. */
function foRequests(since: number) {
	const all = fixture.requests('d365', since);
	const salesOrderLookups = all.filter(
		(r) => r.method === 'GET' && r.path.includes('/data/SalesOrderHeadersV2'),
	);
	const customerLookups = all.filter(
		(r) => r.method === 'GET' && r.path.includes('/data/CustomersV3'),
	);
	const journalHeaders = all.filter((r) => r.path.includes('/data/CustomerPaymentJournalHeaders'));
	return {
		total: all.length,
		/** Without the day's journal header, which only the first run of the day finds or creates. */
		perOrder: all.length - journalHeaders.length,
		salesOrderLookups: salesOrderLookups.length,
		customerLookups: customerLookups.length,
	};
}

async function capturedOrder(email: string, phone = '+1 303 555 0100'): Promise<IDataObject> {
	const created = await fixture.storeOrder({
		guest: { first_name: 'Ada', last_name: 'Byrne', email, phone },
		lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }],
	});
	await fixture.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, {
		event: 'capture',
	});
	return await readOrder(fixture, Number(created.id));
}

const customerStep = {
	resource: 'customer',
	operation: 'upsert',
	dataAreaId: 'usmf',
	source: 'order',
	guestMode: 'perEmail',
	options: { customerGroupId: 'WEB', currencyCode: 'USD' },
};
const salesOrderStep = {
	resource: 'salesOrder',
	operation: 'create',
	dataAreaId: 'usmf',
	storeHash: '',
	numbering: 'generated',
	customerMode: 'account',
	shippingItemNumber: 'SHIPPING',
	skuMapping: {},
	options: {},
};

/** Sales order then payments for `orders`, as order-sync wires them; requests per step. */
async function orderAndPayments(
	orders: IDataObject[],
	paymentItems: (salesOrders: IDataObject[]) => INodeExecutionData[],
	staticData = { sales: freshStatic(), payments: freshStatic() },
) {
	const before = fixture.lastSeq();
	const salesOrders = await runNode(
		fixture,
		{ ...salesOrderStep, storeHash: storeHashOf() },
		{
			itemParameters: orders.map((order) => ({
				bigcommerceRecord: order,
				customerAccount: 'WEB-GUEST',
			})),
			staticData: staticData.sales,
		},
	);
	const sales = foRequests(before);
	const between = fixture.lastSeq();
	const payments = await runOver(
		paymentParameters(storeHashOf()),
		orders,
		paymentItems(salesOrders),
		staticData.payments,
	);
	return { salesOrders, payments, sales, paid: foRequests(between) };
}

describe('F&O round trips per order', () => {
	it('the payment step reuses the sales order the previous node returned: one request less per order, no sales order lookup', async () => {
		const orders = [
			await capturedOrder('a@example.org'),
			await capturedOrder('b@example.org'),
			await capturedOrder('c@example.org'),
		];
		const reused = await orderAndPayments(orders, itemsOf);
		expect(actionsOf(reused.salesOrders)).toEqual(['created', 'created', 'created']);
		expect(actionsOf(reused.payments)).toEqual(['created', 'created', 'created']);
		expect(reused.payments.map((p) => p.customerAccount)).toEqual([
			'WEB-GUEST',
			'WEB-GUEST',
			'WEB-GUEST',
		]);
		expect(reused.paid.salesOrderLookups).toBe(0);

		// The same three orders' payments again from items that are not their sales orders: each
		// looks its sales order up as before (and finds its lines already posted).
		const since = fixture.lastSeq();
		const again = await runOver(paymentParameters(storeHashOf()), orders);
		expect(actionsOf(again)).toEqual([
			'skipped-duplicate',
			'skipped-duplicate',
			'skipped-duplicate',
		]);
		// Already posted lines need no customer: the lookup-before-write alone.
		expect(foRequests(since).salesOrderLookups).toBe(0);
	});

	it('counts before and after: without a proving item each order costs one sales order lookup more', async () => {
		const first = [await capturedOrder('d@example.org'), await capturedOrder('e@example.org')];
		const looked = await orderAndPayments(first, (salesOrders) =>
			salesOrders.map(() => ({ json: {} })),
		);
		const second = [await capturedOrder('f@example.org'), await capturedOrder('g@example.org')];
		const reused = await orderAndPayments(second, itemsOf);

		expect(looked.paid.salesOrderLookups).toBe(2);
		expect(reused.paid.salesOrderLookups).toBe(0);
		expect(reused.paid.perOrder).toBe(looked.paid.perOrder - 2);
		expect(reused.sales.total).toBe(looked.sales.total);
		expect(reused.payments.map((p) => p.customerAccount)).toEqual(
			looked.payments.map((p) => p.customerAccount),
		);
	});

	it('an item that is another order, another legal entity, another reference or a dry run proves nothing: the sales order is looked up', async () => {
		const orders = [
			await capturedOrder('h@example.org'),
			await capturedOrder('i@example.org'),
			await capturedOrder('j@example.org'),
			await capturedOrder('k@example.org'),
		];
		const run = await orderAndPayments(orders, (salesOrders) => [
			{ json: { ...salesOrders[1] } }, // order 1's sales order on order 0's item
			{ json: { ...salesOrders[1], dataAreaId: 'demf' } },
			{ json: { ...salesOrders[2], reference: `BC-other-${String(orders[2].id)}` } },
			{
				json: {
					...salesOrders[3],
					customerAccount: 'SOMEONE-ELSE',
					audit: { ...(salesOrders[3].audit as IDataObject), action: 'dry-run' },
				},
			},
		]);
		expect(run.paid.salesOrderLookups).toBe(4);
		expect(run.payments.map((p) => p.customerAccount)).toEqual(
			run.salesOrders.map((s) => s.customerAccount),
		);
	});

	it('what the workflow remembered posting (static data) also names the customer without a lookup', async () => {
		const orders = [await capturedOrder('l@example.org')];
		const shared = freshStatic();
		const run = await orderAndPayments(orders, () => [{ json: {} }], {
			sales: shared,
			payments: shared,
		});
		expect(run.paid.salesOrderLookups).toBe(0);
		expect(run.payments[0]).toMatchObject({ customerAccount: 'WEB-GUEST' });
	});

	it('the customer step looks a buyer of several orders up once per run; a changed buyer is looked up again and updated', async () => {
		const orders = [
			await capturedOrder('repeat@example.org'),
			await capturedOrder('repeat@example.org'),
			await capturedOrder('other@example.org'),
			await capturedOrder('repeat@example.org'),
			await capturedOrder('repeat@example.org', '+1 303 555 0199'),
		];
		const since = fixture.lastSeq();
		const customers = await runOver(customerStep, orders);
		expect(actionsOf(customers)).toEqual(['created', 'skipped', 'created', 'skipped', 'updated']);
		const account = customers[0].customerAccount;
		expect(customers.filter((_, i) => i !== 2).map((c) => c.customerAccount)).toEqual([
			account,
			account,
			account,
			account,
		]);
		// Two new buyers: a lookup and a create each; the repeats cost nothing; the changed one a
		// lookup and an update.
		const counted = foRequests(since);
		expect(counted.customerLookups).toBe(3);
		expect(counted.total).toBe(6);
		expect(customers.map((c) => (c.audit as IDataObject).attempts)).toEqual([2, 0, 2, 0, 2]);

		// Before: one run per order (as one execution per webhook), each looks its buyer up.
		const separate = fixture.lastSeq();
		for (const order of orders.slice(0, 2)) await runOver(customerStep, [order]);
		expect(foRequests(separate).customerLookups).toBe(2);
	});
});
