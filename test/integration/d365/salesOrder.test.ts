/**
 * Sales orders posted to the sandbox's F&O through the node, as n8n runs it: one order with all
 * its lines or nothing, exactly once, with calls flat in the number of lines.
 */
import type { IDataObject } from 'n8n-workflow';

import { emptyStaticData } from '../../support/n8n/context';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { readWrites, writeProblems } from '../../support/writtenRecords';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { itWithShared } from '../../support/specs';
import {
	foCalls,
	linesOf,
	MAPPED_SKUS,
	runNode,
	salesOrderParameters,
	salesOrdersFor,
} from './helpers';

let fx: SandboxFixture;

beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.reset());

const reference = (order: IDataObject) => `BC-${fx.bigCommerceCredentials.storeHash}-${order.id}`;

function lines(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		sku: MAPPED_SKUS[i % MAPPED_SKUS.length],
		quantity: 1 + (i % 3),
	}));
}

async function manualNumbers(on: boolean) {
	await fx.admin('PUT', '/d365/switches', { manualNumbers: { SalesOrderNumber: on } });
}

describe('one order, all its lines', () => {
	it("posts a registered buyer's 5-line order: header, 5 lines and the shipping line", async () => {
		const order = await fx.storeOrder({
			customer_id: 1,
			lines: [
				'TENT-2P-ALPINE',
				'JKT-RAIN-M-BLU',
				'LAMP-HEAD-400',
				'STOVE-CANISTER',
				'SB-DOWN-20-LONG',
			].map((sku) => ({ sku, quantity: 2 })),
			shipping: 12.5,
		});
		const [result] = await runNode(fx, salesOrderParameters(fx, order));
		expect(result.audit).toMatchObject({
			action: 'created',
			entity: 'SalesOrderHeadersV2',
			dataAreaId: 'usmf',
			bigcommerceId: `order:${order.id}`,
		});
		const [header] = await salesOrdersFor(fx, reference(order));
		expect(header.SalesOrderNumber).toBe(result.salesOrderNumber);
		expect(header.OrderingCustomerAccountNumber).toBe(result.customerAccount);
		const posted = await linesOf(fx, String(header.SalesOrderNumber));
		expect(posted).toHaveLength(6);
		expect(posted.map((l) => l.ItemNumber)).toContain('SHIPPING');
		// The variant SKU became the master item with its dimensions.
		const jacket = posted.find((l) => l.ItemNumber === 'JKT-RAIN');
		expect(jacket).toMatchObject({ ProductSizeId: 'M', ProductColorId: 'BLU' });
		// A registered buyer becomes a customer found by email next time.
		const customers = (await fx.records('CustomersV3', 'usmf')).filter(
			(c) => c.CustomerAccount === result.customerAccount,
		);
		expect(customers).toHaveLength(1);
	});

	it('a 5-line and a 200-line order cost the same number of F&O calls', async () => {
		// The buyer's first order also creates the F&O customer; compare orders of a known buyer.
		await runNode(
			fx,
			salesOrderParameters(fx, await fx.storeOrder({ customer_id: 1, lines: lines(1) })),
		);
		const small = await fx.storeOrder({ customer_id: 1, lines: lines(5) });
		const big = await fx.storeOrder({ customer_id: 1, lines: lines(200) });
		expect((big.products as unknown[]).length).toBe(200);

		const beforeSmall = fx.lastSeq();
		await runNode(fx, salesOrderParameters(fx, small));
		const smallCalls = foCalls(fx, beforeSmall);
		const beforeBig = fx.lastSeq();
		await runNode(fx, salesOrderParameters(fx, big));
		const bigCalls = foCalls(fx, beforeBig);

		expect(bigCalls).toBe(smallCalls);
		// dedupe lookup, customer lookup, SKU batch, header, lines batch, totals read-back (tax check)
		expect(bigCalls).toBeLessThanOrEqual(6);
		const [header] = await salesOrdersFor(fx, reference(big));
		expect(await linesOf(fx, String(header.SalesOrderNumber))).toHaveLength(201);
	});

	it('with a deterministic number, header and lines go in one changeset', async () => {
		await manualNumbers(true);
		const order = await fx.storeOrder({ customer_id: 1, lines: lines(5) });
		const before = fx.lastSeq();
		const [result] = await runNode(
			fx,
			salesOrderParameters(fx, order, { numbering: 'deterministic' }),
		);
		expect(result.salesOrderNumber).toBe(`BC${order.id}`);
		const orderWrites = fx
			.requests('d365', before)
			.filter((r) => r.method !== 'GET' && !r.route.startsWith('odata.CustomersV3'));
		// the SKU lookup batch (reads only) and one changeset with header and lines
		expect(orderWrites.map((w) => w.route)).toEqual(['odata.batch', 'odata.batch']);
		expect(await linesOf(fx, `BC${order.id}`)).toHaveLength(6);
	});
});

describe('never half an order', () => {
	const rejectedLine = {
		skuMapping: { entries: [{ sku: 'STOVE-CANISTER', itemNumber: 'NOT-RELEASED-1' }] },
	};

	it.each([
		['generated number (header deleted again)', 'generated'],
		['deterministic number (changeset rolled back)', 'deterministic'],
	])('a line F&O rejects leaves nothing behind: %s', async (_label, numbering) => {
		await manualNumbers(true);
		const order = await fx.storeOrder({
			customer_id: 1,
			lines: [{ sku: 'TENT-2P-ALPINE' }, { sku: 'STOVE-CANISTER' }],
		});
		const error = await runNode(
			fx,
			salesOrderParameters(fx, order, { numbering, ...rejectedLine }),
		).catch((e: Error) => e);
		expect((error as Error).message).toMatch(/Order not posted: .*NOT-RELEASED-1/);
		expect(await salesOrdersFor(fx, reference(order))).toEqual([]);
		expect(
			(await fx.records('SalesOrderLines', 'usmf')).filter(
				(l) => l.ItemNumber === 'NOT-RELEASED-1',
			),
		).toEqual([]);
		if (numbering === 'deterministic') expect(await linesOf(fx, `BC${order.id}`)).toEqual([]);
	});

	it('an unknown SKU fails the order by name before anything is written', async () => {
		const order = await fx.storeOrder({
			customer_id: 1,
			lines: [{ sku: 'TENT-2P-ALPINE' }, { sku: 'POLES-TREK-CARBON' }],
		});
		const before = fx.lastSeq();
		await expect(runNode(fx, salesOrderParameters(fx, order))).rejects.toThrow(
			'SKU POLES-TREK-CARBON is not a released product in usmf',
		);
		expect(
			fx.requests('d365', before).filter((r) => r.method !== 'GET' && r.route !== 'odata.batch'),
		).toEqual([]);
		expect(await salesOrdersFor(fx, reference(order))).toEqual([]);
	});

	it('an order whose totals the mapping cannot explain is refused by name; nothing is written', async () => {
		const order = await fx.storeOrder({ customer_id: 1, lines: lines(2), shipping: 7.5 });
		const off = (value: unknown) => (Number(value) + 0.05).toFixed(4);
		const tampered = {
			...order,
			total_ex_tax: off(order.total_ex_tax),
			total_inc_tax: off(order.total_inc_tax),
		};
		const before = fx.lastSeq();
		await expect(runNode(fx, salesOrderParameters(fx, tampered))).rejects.toThrow(
			new RegExp(
				`BigCommerce order ${order.id} does not add up excluding tax: .*nothing was written`,
			),
		);
		expect(
			fx.requests('d365', before).filter((r) => r.method !== 'GET' && r.route !== 'odata.batch'),
		).toEqual([]);
		const writesInBatches = fx
			.requests('d365', before)
			.filter(
				(r) => r.route === 'odata.batch' && /^(POST|PATCH|PUT|DELETE) /m.test(String(r.body)),
			);
		expect(writesInBatches).toEqual([]);
		expect(await salesOrdersFor(fx, reference(order))).toEqual([]);
	});

	it('a guest order without email, in one-account-per-email mode, names the problem', async () => {
		const order = await fx.storeOrder({
			guest: { first_name: 'Sam', last_name: 'Guest', email: '' },
			lines: lines(2),
		});
		await expect(
			runNode(fx, salesOrderParameters(fx, order, { guestMode: 'perEmail' })),
		).rejects.toThrow(/has no billing email/);
		expect(await salesOrdersFor(fx, reference(order))).toEqual([]);
	});

	it('a currency F&O does not know is refused by F&O with its reason; nothing remains', async () => {
		const order = await fx.storeOrder({ customer_id: 1, lines: lines(2) });
		const inYen = { ...order, currency_code: 'JPY', default_currency_code: 'JPY' };
		const error = await runNode(fx, salesOrderParameters(fx, inYen)).catch((e: Error) => e);
		expect((error as Error).message).toMatch(/JPY/);
		expect(await salesOrdersFor(fx, reference(order))).toEqual([]);
	});

	it('continueOnFail puts the error on the item and goes on with the next order', async () => {
		const bad = await fx.storeOrder({ customer_id: 1, lines: [{ sku: 'POLES-TREK-CARBON' }] });
		const good = await fx.storeOrder({ customer_id: 1, lines: lines(2) });
		const parameters = salesOrderParameters(fx, bad);
		const out = await runNode(fx, parameters, {
			continueOnFail: true,
			items: [{ json: {} }, { json: {} }],
		}).catch((e: Error) => e);
		// both items read the same parameters here; run the good one on its own to show it posts
		const failed = (out as IDataObject[])[0];
		const error = failed.error as IDataObject;
		expect(Array.isArray(out) && error.message).toMatch(/POLES-TREK-CARBON/);
		// only error: what n8n 1.x and 2.x send to the error output; the audit is under it
		expect(Object.keys(failed)).toEqual(['error']);
		expect(error).toMatchObject({
			itemIndex: 0,
			audit: { action: 'failed', reason: error.message },
		});
		const [ok] = await runNode(fx, salesOrderParameters(fx, good), { continueOnFail: true });
		expect((ok.audit as IDataObject).action).toBe('created');
	});
});

describe('no re-pricing', () => {
	it("F&O's automatic charges and trade-agreement discounts are stopped: its totals are BigCommerce's to the cent", async () => {
		await fx.admin('PUT', '/d365/switches', {
			autoChargeAmount: 4.95,
			tradeAgreementLineDiscountPercentage: 10,
			tradeAgreementMultilineDiscountPercentage: 5,
			tradeAgreementTotalDiscountPercentage: 2,
		});
		const order = await fx.storeOrder({ customer_id: 1, lines: lines(3), shipping: 8.25 });
		const [result] = await runNode(fx, salesOrderParameters(fx, order));
		const [header] = await runNode(fx, {
			resource: 'salesOrder',
			operation: 'get',
			dataAreaId: 'usmf',
			salesOrderNumber: result.salesOrderNumber,
		});
		expect(header).toMatchObject({
			SkipCreateAutoCharges: 'Yes',
			TotalDiscountPercentage: 0,
			OrderTotalChargesAmount: 0,
			TotalDiscountAmount: 0,
		});
		// The buyer's WEB group carries the store's 8.25 %, so F&O's tax equals BigCommerce's too.
		expect(Math.round(Number(header.OrderTotalAmount) * 100)).toBe(
			Math.round(Number(order.total_inc_tax) * 100),
		);
		for (const line of await linesOf(fx, String(result.salesOrderNumber)))
			expect(line).toMatchObject({ LineDiscountPercentage: 0, MultilineDiscountPercentage: 0 });
	});
});

describe('exactly once', () => {
	it('posting twice with static data cleared in between creates one order', async () => {
		const order = await fx.storeOrder({ customer_id: 1, lines: lines(3) });
		const [first] = await runNode(fx, salesOrderParameters(fx, order));
		const [second] = await runNode(fx, salesOrderParameters(fx, order), {
			staticData: emptyStaticData(),
		});
		expect((first.audit as IDataObject).action).toBe('created');
		expect(second.audit).toMatchObject({ action: 'skipped-duplicate', reason: 'f&o' });
		expect(second.salesOrderNumber).toBe(first.salesOrderNumber);
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(1);
	});

	it('with static data kept, the second post costs no F&O call', async () => {
		const order = await fx.storeOrder({ customer_id: 1, lines: lines(3) });
		const staticData = emptyStaticData();
		await runNode(fx, salesOrderParameters(fx, order), { staticData });
		const before = fx.lastSeq();
		const [again] = await runNode(fx, salesOrderParameters(fx, order), { staticData });
		expect(again.audit).toMatchObject({ action: 'skipped-duplicate', reason: 'static-data' });
		expect(foCalls(fx, before)).toBe(0);
	});

	it('20 concurrent posts of one order with the deterministic number create one', async () => {
		await manualNumbers(true);
		const order = await fx.storeOrder({ customer_id: 1, lines: lines(4) });
		const results = await Promise.all(
			Array.from({ length: 20 }, () =>
				runNode(fx, salesOrderParameters(fx, order, { numbering: 'deterministic' })),
			),
		);
		const actions = results.map(([r]) => (r.audit as IDataObject).action);
		expect(actions.filter((a) => a === 'created')).toHaveLength(1);
		expect(actions.filter((a) => a === 'skipped-duplicate')).toHaveLength(19);
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(1);
		expect(await linesOf(fx, `BC${order.id}`)).toHaveLength(5);
	});

	it('a header write that times out after commit is found, not re-sent (generated number)', async () => {
		const order = await fx.storeOrder({ customer_id: 1, lines: lines(3) });
		await fx.admin('POST', '/faults/d365', {
			route: 'odata.SalesOrderHeadersV2.create',
			timeoutAfterCommit: 1,
		});
		const [result] = await runNode(fx, salesOrderParameters(fx, order));
		expect(result.audit).toMatchObject({
			action: 'created',
			reason: 'outcome-unknown-resolved-by-lookup',
		});
		const headers = await salesOrdersFor(fx, reference(order));
		expect(headers).toHaveLength(1);
		expect(await linesOf(fx, String(headers[0].SalesOrderNumber))).toHaveLength(4);
		const [retry] = await runNode(fx, salesOrderParameters(fx, order));
		expect((retry.audit as IDataObject).action).toBe('skipped-duplicate');
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(1);
	});

	it('a changeset that times out after commit is found by key (deterministic number)', async () => {
		await manualNumbers(true);
		const order = await fx.storeOrder({
			customer_id: 1,
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 2 }],
			shipping: 0,
		});
		// Map the SKU on the node and charge no shipping (no charge item to look up) so the changeset
		// is the only batch, then cut it after it commits.
		const mapped = {
			skuMapping: { entries: [{ sku: 'TENT-2P-ALPINE', itemNumber: 'TENT-2P-ALPINE' }] },
		};
		await fx.admin('POST', '/faults/d365', { route: 'odata.batch', timeoutAfterCommit: 1 });
		const before = fx.lastSeq();
		const [result] = await runNode(
			fx,
			salesOrderParameters(fx, order, { numbering: 'deterministic', ...mapped }),
		);
		expect(result.audit).toMatchObject({
			action: 'created',
			reason: 'outcome-unknown-resolved-by-lookup',
		});
		expect(fx.requests('d365', before, 'odata.batch')).toHaveLength(1); // not re-sent
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(1);
		expect(await linesOf(fx, `BC${order.id}`)).toHaveLength(1); // the tent; no shipping charged
	});

	it('429 inside a batch answer is waited out; one order, all lines', async () => {
		const order = await fx.storeOrder({ customer_id: 1, lines: lines(3) });
		await fx.admin('POST', '/faults/d365', {
			route: 'odata.SalesOrderLines.create',
			throttle: 1,
			retryAfterSeconds: 1,
		});
		const before = fx.lastSeq();
		const [result] = await runNode(fx, salesOrderParameters(fx, order));
		expect((result.audit as IDataObject).action).toBe('created');
		const headers = await salesOrdersFor(fx, reference(order));
		expect(headers).toHaveLength(1);
		expect(await linesOf(fx, String(headers[0].SalesOrderNumber))).toHaveLength(4);
		const batches = fx.requests('d365', before, 'odata.batch');
		expect(batches.length).toBeGreaterThanOrEqual(3); // SKU lookup, throttled lines, lines again
	});

	it('a token that expires mid-run is renewed once and the order posts once', async () => {
		await fx.admin('PUT', '/d365/entra/settings', { tokenLifetimeOverride: 1 });
		const order = await fx.storeOrder({ customer_id: 1, lines: lines(3) });
		await runNode(
			fx,
			salesOrderParameters(fx, await fx.storeOrder({ customer_id: 1, lines: lines(1) })),
		);
		await new Promise((r) => setTimeout(r, 1500)); // the cached token is now refused by F&O
		// The renewed token lives normally: a loaded machine taking more than a second over the
		// order must not see a second, legitimate expiry (a CI run did).
		await fx.admin('PUT', '/d365/entra/settings', { tokenLifetimeOverride: null });
		const before = fx.lastSeq();
		const [result] = await runNode(fx, salesOrderParameters(fx, order));
		expect((result.audit as IDataObject).action).toBe('created');
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(1);
		expect(fx.requests('d365', before).filter((r) => r.status === 401)).toHaveLength(1);
	});
});

describe('dry run', () => {
	it('outputs the exact OData requests and writes nothing', async () => {
		const order = await fx.storeOrder({ customer_id: 1, lines: lines(3), shipping: 5 });
		const before = fx.lastSeq();
		const [result] = await runNode(
			fx,
			salesOrderParameters(fx, order, {
				options: { customerGroupId: 'WEB', currencyCode: 'USD', dryRun: true },
			}),
		);
		expect((result.audit as IDataObject).action).toBe('dry-run');
		const planned = result.plannedRequests as IDataObject[];
		expect(planned[0]).toMatchObject({ method: 'POST', path: '/data/SalesOrderHeadersV2' });
		expect((planned[0].body as IDataObject).CustomersOrderReference).toBe(reference(order));
		expect((planned[1].changeset as IDataObject[]).map((op) => op.path)).toEqual(
			Array(4).fill('/data/SalesOrderLines'),
		);
		expect(
			fx.requests('d365', before).filter((r) => r.method !== 'GET' && r.route !== 'odata.batch'),
		).toEqual([]);
		expect(await salesOrdersFor(fx, reference(order))).toEqual([]);
	});
});

describe('held to the real entities', () => {
	itWithShared(ENTITY_CATALOGUE)(
		'every property written and every key access match entities-derived.json',
		async () => {
			await manualNumbers(true);
			const before = fx.lastSeq();
			const registered = await fx.storeOrder({ customer_id: 2, lines: lines(6), shipping: 7 });
			const guest = await fx.storeOrder({
				guest: { first_name: 'Río', last_name: 'Vega', email: 'rio.vega@example.org' },
				lines: lines(3),
			});
			await runNode(fx, salesOrderParameters(fx, registered));
			await runNode(
				fx,
				salesOrderParameters(fx, guest, { guestMode: 'perEmail', numbering: 'deterministic' }),
			);
			await runNode(fx, salesOrderParameters(fx, registered), { staticData: emptyStaticData() }); // lookups only
			const [got] = await runNode(fx, {
				resource: 'salesOrder',
				operation: 'get',
				dataAreaId: 'usmf',
				salesOrderNumber: `BC${guest.id}`,
			});
			expect(got.CustomersOrderReference).toBe(reference(guest));
			const [customer] = await runNode(fx, {
				resource: 'customer',
				operation: 'get',
				dataAreaId: 'usmf',
				customerAccount: 'WEB-GUEST',
			});
			expect(customer.CustomerAccount).toBe('WEB-GUEST');
			const log = fx.requests('d365', before);
			const { records, keyed } = readWrites(log);
			expect(new Set(records.map((r) => r.entitySet))).toEqual(
				new Set(['CustomersV3', 'SalesOrderHeadersV2', 'SalesOrderLines']),
			);
			expect(keyed.length).toBeGreaterThan(0);
			expect(writeProblems(log)).toEqual([]);
		},
	);
});
