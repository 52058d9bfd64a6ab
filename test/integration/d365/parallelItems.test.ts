/**
 * Parallel Items against the sandbox: the F&O node posts several items at once (overlap shown by
 * the order of the sandbox's request log under added latency, never by time), keeps output order,
 * routes each failure to its own item, never overlaps two items of one BigCommerce order (even in a
 * dry run, which takes no posting lock), shares one run journal, and still posts exactly once.
 */
import type { IDataObject } from 'n8n-workflow';

import { paymentParameters } from '../../support/paymentParameters';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { readOrder, runNode as runItems } from '../d365-payments/support';
import { salesOrderParameters, salesOrdersFor } from './helpers';

let fx: SandboxFixture;
beforeAll(async () => void (fx = await startSandboxFixture()));
afterAll(() => fx.close());
beforeEach(() => fx.reset());

const referenceOf = (order: IDataObject) =>
	`BC-${String(fx.bigCommerceCredentials.storeHash)}-${String(order.id)}`;

async function storeOrders(count: number, spec: IDataObject = {}): Promise<IDataObject[]> {
	const orders: IDataObject[] = [];
	for (let i = 0; i < count; i++)
		orders.push(
			await fx.storeOrder({ customer_id: 1, lines: [{ sku: 'TENT-2P-ALPINE' }], ...spec }),
		);
	return orders;
}

/** Sales Order → Create over `orders` in one run, `parallel` at once. */
async function postOrders(
	orders: IDataObject[],
	parallel: number,
	options: { continueOnFail?: boolean; over?: IDataObject } = {},
) {
	return await runItems(
		fx,
		{ ...salesOrderParameters(fx, orders[0], options.over), parallelItems: parallel },
		{
			itemParameters: orders.map((order) => ({ bigcommerceRecord: order })),
			continueOnFail: options.continueOnFail,
		},
	);
}

/** Log positions of each order's requests that name its reference (its look-up before write). */
function lookupsAndCreates(since: number, orders: IDataObject[]) {
	const log = fx.requests('d365', since);
	const lookup = orders.map((order) =>
		log.findIndex(
			(r) => r.method === 'GET' && JSON.stringify(r.query).includes(referenceOf(order)),
		),
	);
	const creates = log
		.map((r, i) => (r.method === 'POST' && r.path.endsWith('/SalesOrderHeadersV2') ? i : -1))
		.filter((i) => i >= 0);
	return { lookup, firstCreate: Math.min(...creates), creates: creates.length };
}

const actionsOf = (outputs: IDataObject[]) => outputs.map((o) => (o.audit as IDataObject).action);
const all = (action: string, count = 4) => Array.from({ length: count }, () => action);

const slowFo = async () => await fx.admin('POST', '/faults/d365', { route: '*', latencyMs: 120 });

describe('Parallel Items', () => {
	it('one at a time: each order is written before the next is looked up', async () => {
		const orders = await storeOrders(3);
		await slowFo();
		const since = fx.lastSeq();
		const out = await postOrders(orders, 1);
		expect(actionsOf(out)).toEqual(all('created', 3));
		const { lookup, firstCreate } = lookupsAndCreates(since, orders);
		expect(lookup.every((i) => i >= 0)).toBe(true);
		expect(firstCreate).toBeLessThan(lookup[1]);
	});

	it('four at once: every order is looked up before the first is written; outputs in input order, each once', async () => {
		const orders = await storeOrders(4);
		await slowFo();
		const since = fx.lastSeq();
		const out = await postOrders(orders, 4);
		const { lookup, firstCreate, creates } = lookupsAndCreates(since, orders);
		expect(lookup.every((i) => i >= 0 && i < firstCreate)).toBe(true);
		expect(creates).toBe(4);
		expect(out.map((o) => o.bigcommerceOrderId)).toEqual(orders.map((o) => o.id));
		expect(actionsOf(out)).toEqual(all('created'));
		for (const order of orders)
			expect(await salesOrdersFor(fx, referenceOf(order))).toHaveLength(1);

		// The same items again: all found, nothing written twice.
		const again = await postOrders(orders, 4);
		expect(actionsOf(again)).toEqual(all('skipped-duplicate'));
		for (const order of orders)
			expect(await salesOrdersFor(fx, referenceOf(order))).toHaveLength(1);
	});

	it('items of one order never overlap, even in a dry run (no posting lock): its look-ups follow one another', async () => {
		const [order, other] = await storeOrders(2);
		await slowFo();
		const since = fx.lastSeq();
		const out = await postOrders([order, order, other, order], 4, {
			over: { options: { customerGroupId: 'WEB', currencyCode: 'USD', dryRun: true } },
		});
		expect(actionsOf(out)).toEqual(all('dry-run'));
		const log = fx.requests('d365', since);
		const mine = log
			.map((r, i) => (JSON.stringify(r.query).includes(referenceOf(order)) ? i : -1))
			.filter((i) => i >= 0);
		const others = log.findIndex((r) => JSON.stringify(r.query).includes(referenceOf(other)));
		// Three look-ups of the one order, each after the whole of the item before it: the other
		// order's look-up (run beside the first item) comes before the one order's second.
		expect(mine).toHaveLength(3);
		expect(others).toBeGreaterThanOrEqual(0);
		expect(others).toBeLessThan(mine[1]);
		const requestsPerItem = (log.length - 1) / 4;
		expect(mine[1] - mine[0]).toBeGreaterThanOrEqual(requestsPerItem - 1);
	});

	it('under continueOnFail a failing order is its own failed item in place; the others post once', async () => {
		const orders = await storeOrders(2);
		const [broken] = await storeOrders(1, {
			lines: [{ sku: 'TENT-2P-ALPINE' }, { sku: 'POLES-TREK-CARBON' }],
		});
		const mixed = [orders[0], broken, orders[1]];
		const out = await postOrders(mixed, 3, { continueOnFail: true });
		expect(out).toHaveLength(3);
		expect((out[0].audit as IDataObject).action).toBe('created');
		expect(out[1]).toEqual({
			error: expect.objectContaining({
				itemIndex: 1,
				message: expect.stringContaining('SKU POLES-TREK-CARBON is not a released product'),
				audit: expect.objectContaining({ action: 'failed' }),
			}),
		});
		expect((out[2].audit as IDataObject).action).toBe('created');
		expect(await salesOrdersFor(fx, referenceOf(broken))).toEqual([]);
	});

	it('without continueOnFail the failing item is thrown; the items beside it finished and post nothing twice on the re-run', async () => {
		const [first, second] = await storeOrders(2);
		const [broken] = await storeOrders(1, { lines: [{ sku: 'POLES-TREK-CARBON' }] });
		await expect(postOrders([broken, first, second], 3)).rejects.toThrow(
			'SKU POLES-TREK-CARBON is not a released product',
		);
		const rerun = await postOrders([first, second], 3);
		for (const order of [first, second])
			expect(await salesOrdersFor(fx, referenceOf(order))).toHaveLength(1);
		expect(
			rerun.every((o) =>
				['created', 'skipped-duplicate'].includes(String((o.audit as IDataObject).action)),
			),
		).toBe(true);
	});

	it("F&O's 429 is waited out by the items posted at once, each order posted once", async () => {
		const orders = await storeOrders(4);
		await fx.admin('POST', '/faults/d365', {
			route: 'odata.SalesOrderHeadersV2',
			throttle: 2,
			retryAfterSeconds: 1,
		});
		const since = fx.lastSeq();
		const out = await postOrders(orders, 4);
		expect(actionsOf(out)).toEqual(all('created'));
		expect(fx.requests('d365', since).filter((r) => r.status === 429)).toHaveLength(2);
		for (const order of orders)
			expect(await salesOrdersFor(fx, referenceOf(order))).toHaveLength(1);
	});

	it('payments of one run in parallel share one run journal header', async () => {
		const orders = await storeOrders(4);
		for (const order of orders)
			await fx.admin('POST', `/bigcommerce/orders/${String(order.id)}/transactions`, {
				event: 'capture',
			});
		const records = [];
		for (const order of orders)
			records.push({ bigcommerceRecord: await readOrder(fx, Number(order.id)) });
		const headersBefore = (await fx.records('CustomerPaymentJournalHeaders', 'usmf')).length;
		const out = await runItems(
			fx,
			paymentParameters(fx.bigCommerceCredentials.storeHash, {
				customerMode: 'account',
				customerAccount: 'WEB-GUEST',
				journalPer: 'run',
				parallelItems: 4,
			}),
			{ itemParameters: records },
		);
		expect(actionsOf(out)).toEqual(all('created'));
		expect(new Set(out.map((o) => o.journalBatchNumber)).size).toBe(1);
		expect((await fx.records('CustomerPaymentJournalHeaders', 'usmf')).length).toBe(
			headersBefore + 1,
		);
	});

	it('a run journal header another item took is kept when the item that created it fails to write', async () => {
		const orders = await storeOrders(2);
		const records = [];
		for (const order of orders) {
			await fx.admin('POST', `/bigcommerce/orders/${String(order.id)}/transactions`, {
				event: 'capture',
			});
			records.push(await readOrder(fx, Number(order.id)));
		}
		await slowFo();
		const out = await runItems(
			fx,
			paymentParameters(fx.bigCommerceCredentials.storeHash, {
				customerMode: 'account',
				journalPer: 'run',
				parallelItems: 2,
			}),
			{
				// The first item's lines name a customer F&O does not have: F&O rejects its write.
				itemParameters: [
					{ bigcommerceRecord: records[0], customerAccount: 'NOBODY' },
					{ bigcommerceRecord: records[1], customerAccount: 'WEB-GUEST' },
				],
				continueOnFail: true,
			},
		);
		expect(out[0].error).toBeDefined();
		expect(out[1]).toMatchObject({ audit: { action: 'created' } });
		const headers = (await fx.records('CustomerPaymentJournalHeaders', 'usmf')).filter(
			(h) => h.JournalBatchNumber === out[1].journalBatchNumber,
		);
		expect(headers).toHaveLength(1);
		const lines = (await fx.records('CustomerPaymentJournalLines', 'usmf')).filter(
			(l) => l.JournalBatchNumber === out[1].journalBatchNumber,
		);
		expect(lines).toHaveLength(1);
	});
});
