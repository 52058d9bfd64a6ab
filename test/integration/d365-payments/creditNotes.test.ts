/** Refund → return order and/or free-text credit note against the sandbox, each exactly once. */
import type { IDataObject } from 'n8n-workflow';

import {
	description as createDescription,
	RETURN_DEFAULTS,
} from '../../../nodes/MicrosoftDynamicsFo/actions/creditNote/create.operation';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { itWithShared } from '../../support/specs';
import {
	plannedWrites,
	readOrder,
	readRefunds,
	round2,
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

function params(
	refund: IDataObject,
	order: IDataObject,
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		resource: 'creditNote',
		operation: 'create',
		dataAreaId: 'usmf',
		input: 'refund',
		bigcommerceRecord: refund,
		bigcommerceOrder: order,
		storeHash,
		customerMode: 'account',
		customerAccount: 'WEB-GUEST',
		mainAccount: '401100',
		options: {},
		...overrides,
	};
}

/** An order (tent ×2, lamp ×1), refunded as given; the order and the refund as the BigCommerce node reads them. */
async function refunded(
	refund: IDataObject,
): Promise<{ order: IDataObject; refund: IDataObject; products: IDataObject[] }> {
	const created = await fixture.storeOrder({
		lines: [
			{ sku: 'TENT-2P-ALPINE', quantity: 2 },
			{ sku: 'LAMP-HEAD-400', quantity: 1 },
		],
	});
	const products = created.products as IDataObject[];
	const spec =
		typeof refund.lines === 'function'
			? { ...refund, lines: (refund.lines as (p: IDataObject[]) => unknown)(products) }
			: refund;
	await fixture.admin('POST', `/bigcommerce/orders/${created.id}/refunds`, spec);
	const order = await readOrder(fixture, Number(created.id));
	const refunds = await readRefunds(fixture, Number(created.id));
	return { order, refund: refunds[refunds.length - 1], products };
}

const tentLine = (qty: number) => (products: IDataObject[]) => [
	{ id: products.find((p) => p.sku === 'TENT-2P-ALPINE')?.id, quantity: qty },
];
const audit = (o: IDataObject) => o.audit as IDataObject;
const records = (set: string) => fixture.records(set, 'usmf');

describe('credit note: create from a BigCommerce refund', () => {
	itWithShared(ENTITY_CATALOGUE)(
		'a partial line refund becomes a return order with exactly the refunded quantity, negative',
		async () => {
			const { order, refund } = await refunded({ lines: tentLine(1) });
			const since = fixture.lastSeq();

			const out = await runNode(fixture, params(refund, order));

			expect(out).toHaveLength(1);
			expect(out[0]).toMatchObject({
				document: 'returnOrder',
				refundId: refund.id,
				lineCount: 1,
				amount: -349,
			});
			expect(audit(out[0]).action).toBe('created');
			const [header] = await records('ReturnOrderHeaders');
			expect(await records('ReturnOrderHeaders')).toHaveLength(1);
			expect(header).toMatchObject({
				ReturnOrderNumber: out[0].returnOrderNumber,
				CustomerAccountNumber: 'WEB-GUEST',
				CurrencyCode: 'USD',
				CustomersOrderReference: `BC-${storeHash}-${order.id}-R${refund.id}`,
				CustomerRequisitionNumber: `BC-${order.id}-R${refund.id}`,
			});
			const returnLines = await records('ReturnOrderLines');
			expect(returnLines).toHaveLength(1);
			expect(returnLines[0]).toMatchObject({
				ReturnOrderNumber: header.ReturnOrderNumber,
				ItemNumber: 'TENT-2P-ALPINE',
				ReturnSalesQuantity: -1,
				SalesPrice: 349,
				LineAmount: -349,
			});
			expect(await records('FreeTextInvoiceHeaders')).toEqual([]);
			const writes = writesSince(fixture, since);
			expect(writes.map((w) => w.entitySet)).toEqual(['ReturnOrderHeaders', 'ReturnOrderLines']);
			expect(unknownProperties(writes)).toEqual([]);
		},
	);

	itWithShared(ENTITY_CATALOGUE)(
		'a shipping-only refund becomes a free-text credit note with a negative amount on the main account',
		async () => {
			const { order, refund } = await refunded({ shipping: true });
			const shipping = Number(order.shipping_cost_inc_tax);
			expect(refund.total_amount).toBe(shipping);
			const since = fixture.lastSeq();

			const out = await runNode(fixture, params(refund, order));

			expect(out).toHaveLength(1);
			expect(out[0]).toMatchObject({ document: 'freeTextCredit', lineCount: 1, amount: -shipping });
			const [header] = await records('FreeTextInvoiceHeaders');
			expect(header).toMatchObject({
				InvoiceIdentifier: out[0].invoiceIdentifier,
				CustomerAccount: 'WEB-GUEST',
				CurrencyCode: 'USD',
				CustomerReference: `BC-${storeHash}-${order.id}-R${refund.id}`,
			});
			const ftLines = await records('FreeTextInvoiceLines');
			expect(ftLines).toHaveLength(1);
			expect(ftLines[0]).toMatchObject({
				ParentRecId: header.InvoiceIdentifier,
				MainAccountDisplayValue: '401100',
				Quantity: 1,
				UnitPrice: -shipping,
				TransactionCurrencyAmount: -shipping,
			});
			expect(await records('ReturnOrderHeaders')).toEqual([]);
			const writes = writesSince(fixture, since);
			expect(writes.map((w) => w.entitySet)).toEqual([
				'FreeTextInvoiceHeaders',
				'FreeTextInvoiceLines',
			]);
			expect(unknownProperties(writes)).toEqual([]);
		},
	);

	it('items and shipping in one refund give both documents; an amount-only refund a free-text credit', async () => {
		const { order, refund } = await refunded({ lines: tentLine(2), shipping: true });
		const out = await runNode(
			fixture,
			params(refund, order, { options: { shippingMainAccount: '401500' } }),
		);
		expect(out.map((o) => o.document)).toEqual(['returnOrder', 'freeTextCredit']);
		expect((await records('ReturnOrderLines'))[0]).toMatchObject({
			ReturnSalesQuantity: -2,
			LineAmount: -698,
		});
		expect((await records('FreeTextInvoiceLines'))[0]).toMatchObject({
			MainAccountDisplayValue: '401500',
		});
		// The two documents together credit what was refunded ex tax (the tent) plus shipping with its tax.
		expect(round2(-Number(out[0].amount) - Number(out[1].amount))).toBe(
			round2(698 + Number(order.shipping_cost_inc_tax)),
		);

		await fixture.reset();
		const amountOnly = await refunded({ amount: 5 });
		const [credit] = await runNode(fixture, params(amountOnly.refund, amountOnly.order));
		expect(credit).toMatchObject({ document: 'freeTextCredit', amount: -5 });
		expect((await records('FreeTextInvoiceLines'))[0]).toMatchObject({
			TransactionCurrencyAmount: -5,
			MainAccountDisplayValue: '401100',
		});
	});

	it("credits in the order's default currency, not the display currency", async () => {
		const { order, refund } = await refunded({ amount: 5 });
		const displayedInEur = { ...order, currency_code: 'EUR', default_currency_code: 'USD' };
		await runNode(fixture, params(refund, displayedInEur));
		expect((await records('FreeTextInvoiceHeaders'))[0]).toMatchObject({ CurrencyCode: 'USD' });
	});

	it('re-running the same refunds posts nothing new, with static data kept or cleared', async () => {
		const { order, refund } = await refunded({ lines: tentLine(1), shipping: true });
		const staticData = freshStatic();
		await runNode(fixture, params(refund, order), { staticData });
		const before = {
			ro: await records('ReturnOrderHeaders'),
			rl: await records('ReturnOrderLines'),
			fh: await records('FreeTextInvoiceHeaders'),
			fl: await records('FreeTextInvoiceLines'),
		};
		expect([before.ro.length, before.rl.length, before.fh.length, before.fl.length]).toEqual([
			1, 1, 1, 1,
		]);

		let since = fixture.lastSeq();
		const kept = await runNode(fixture, params(refund, order), { staticData });
		expect(kept.map((o) => audit(o).reason)).toEqual(['static-data', 'static-data']);
		expect(fixture.requests('d365', since)).toHaveLength(0);

		since = fixture.lastSeq();
		const cleared = await runNode(fixture, params(refund, order), { staticData: freshStatic() });
		expect(cleared.map((o) => [audit(o).action, audit(o).reason])).toEqual([
			['skipped-duplicate', 'f&o'],
			['skipped-duplicate', 'f&o'],
		]);
		expect(cleared[0].returnOrderNumber).toBe(before.ro[0].ReturnOrderNumber);
		expect(cleared[1].invoiceIdentifier).toBe(before.fh[0].InvoiceIdentifier);
		// Two lookups, nothing else: no customer, no SKU lookup, no write.
		expect(fixture.requests('d365', since)).toHaveLength(2);
		expect(writesSince(fixture, since)).toEqual([]);
		expect(await records('ReturnOrderLines')).toEqual(before.rl);
		expect(await records('FreeTextInvoiceLines')).toEqual(before.fl);
	});

	it('a refund credited one way is not credited again after Sales Tax is switched and it is replayed', async () => {
		const asPosted = {
			taxCalculation: 'asPosted',
			zeroRateItemSalesTaxGroup: 'ZERO',
			zeroRateSalesTaxGroup: 'ZERO',
			options: { taxMainAccount: '222200' },
		};
		const credits = async () => [
			(await records('ReturnOrderHeaders')).length,
			(await records('FreeTextInvoiceHeaders')).length,
		];
		// Credited by a return order, then replayed as posted.
		const first = await refunded({ lines: tentLine(1) });
		await runNode(fixture, params(first.refund, first.order), { staticData: freshStatic() });
		expect(await credits()).toEqual([1, 0]);
		const [again] = await runNode(fixture, params(first.refund, first.order, asPosted), {
			staticData: freshStatic(),
		});
		expect([audit(again).action, audit(again).reason]).toEqual([
			'skipped-duplicate',
			'credited-by-returnOrder',
		]);
		// Credited as posted, then replayed with F&O calculating.
		const second = await refunded({ lines: tentLine(1) });
		await runNode(fixture, params(second.refund, second.order, asPosted), {
			staticData: freshStatic(),
		});
		expect(await credits()).toEqual([1, 1]);
		const [back] = await runNode(fixture, params(second.refund, second.order), {
			staticData: freshStatic(),
		});
		expect([audit(back).action, audit(back).reason]).toEqual([
			'skipped-duplicate',
			'credited-by-freeTextCredit',
		]);
		expect(await credits()).toEqual([1, 1]);
	});

	it('an order with several refunds (order input) posts each refund once, a second partial one too', async () => {
		const first = await refunded({ lines: tentLine(1) });
		await fixture.admin('POST', `/bigcommerce/orders/${first.order.id}/refunds`, {
			lines: tentLine(1)(first.products),
		});
		const refunds = await readRefunds(fixture, Number(first.order.id));
		const order = { ...(await readOrder(fixture, Number(first.order.id))), refunds };

		const out = await runNode(fixture, params(order, order, { input: 'order' }));
		expect(out.map((o) => [o.refundId, audit(o).action])).toEqual(
			refunds.map((r) => [r.id, 'created']),
		);
		const returnLines = await records('ReturnOrderLines');
		expect(returnLines.map((l) => l.ReturnSalesQuantity)).toEqual([-1, -1]);
		expect(new Set(returnLines.map((l) => l.ReturnOrderNumber)).size).toBe(2);
	});

	it('lines F&O rejects are compensated: the return order header is deleted again', async () => {
		const { order, refund } = await refunded({ lines: tentLine(1) });
		const skuMapping = { entries: [{ sku: 'TENT-2P-ALPINE', itemNumber: 'NOT-RELEASED' }] };
		const out = await runNode(fixture, params(refund, order, { skuMapping }), {
			continueOnFail: true,
		});
		expect(String((out[0].error as IDataObject).message)).toMatch(
			/Return order not posted: .*NOT-RELEASED/,
		);
		expect(await records('ReturnOrderHeaders')).toEqual([]);
		expect(await records('ReturnOrderLines')).toEqual([]);
	});

	it('a lost answer on the header POST is resolved by its reference: one header, then its lines', async () => {
		const { order, refund } = await refunded({ shipping: true });
		await fixture.admin('POST', '/faults/d365', {
			route: 'odata.FreeTextInvoiceHeaders.create',
			timeoutAfterCommit: 1,
		});
		const [out] = await runNode(fixture, params(refund, order));
		expect(audit(out)).toMatchObject({
			action: 'created',
			reason: 'outcome-unknown-resolved-by-lookup',
		});
		expect(await records('FreeTextInvoiceHeaders')).toHaveLength(1);
		expect(await records('FreeTextInvoiceLines')).toHaveLength(1);
	});

	it('a shipping refund without a credit main account fails before anything is written', async () => {
		const { order, refund } = await refunded({ shipping: true });
		const since = fixture.lastSeq();
		const out = await runNode(fixture, params(refund, order, { mainAccount: '' }), {
			continueOnFail: true,
		});
		expect(String((out[0].error as IDataObject).message)).toMatch(/main account is needed/);
		expect(fixture.requests('d365', since)).toHaveLength(0);
	});

	itWithShared(ENTITY_CATALOGUE)(
		'a dry run plans both documents with properties that exist, and writes nothing',
		async () => {
			const { order, refund } = await refunded({ lines: tentLine(1), shipping: true });
			const since = fixture.lastSeq();
			const out = await runNode(fixture, params(refund, order, { options: { dryRun: true } }));
			expect(out.map((o) => audit(o).action)).toEqual(['dry-run', 'dry-run']);
			const planned = out.flatMap((o) => plannedWrites(o.plannedRequests as IDataObject[]));
			expect(planned.map((w) => w.entitySet)).toEqual([
				'ReturnOrderHeaders',
				'ReturnOrderLines',
				'FreeTextInvoiceHeaders',
				'FreeTextInvoiceLines',
			]);
			expect(unknownProperties(planned)).toEqual([]);
			expect(writesSince(fixture, since)).toEqual([]);
		},
	);

	it('find by BigCommerce refund returns both documents', async () => {
		const { order, refund } = await refunded({ lines: tentLine(1), shipping: true });
		await runNode(fixture, params(refund, order));
		const found = await runNode(fixture, {
			resource: 'creditNote',
			operation: 'find',
			dataAreaId: 'usmf',
			storeHash,
			orderId: order.id,
			refundId: refund.id,
			options: {},
		});
		expect(found.map((f) => f.document)).toEqual(['returnOrder', 'freeTextCredit']);
	});
});

describe('credit note: return order codes and tax basis', () => {
	it('a return order gets the default reason code and a Credit Only disposition on every line', async () => {
		const { order, refund } = await refunded({ lines: tentLine(1) });
		await runNode(fixture, params(refund, order));
		const [header] = await records('ReturnOrderHeaders');
		expect(header.CustomerReturnReasonCode).toBe('REFUND');
		expect((await records('ReturnOrderLines')).map((l) => l.ReturnDispositionCode)).toEqual([
			'CREDIT',
		]);
		// What n8n fills in for the fields is the same default.
		const defaults = Object.fromEntries(createDescription.map((p) => [p.name, p.default]));
		expect([defaults.returnReasonCode, defaults.returnDispositionCode]).toEqual([
			RETURN_DEFAULTS.reasonCode,
			RETURN_DEFAULTS.dispositionCode,
		]);
	});

	it('configured codes are used; an empty reason code fails and nothing is written', async () => {
		const { order, refund } = await refunded({ lines: tentLine(1) });
		const since = fixture.lastSeq();
		const [failed] = await runNode(fixture, params(refund, order, { returnReasonCode: ' ' }), {
			continueOnFail: true,
		});
		expect(String((failed.error as IDataObject).message)).toContain(
			'a return order needs a Return Reason Code; nothing was written',
		);
		expect(writesSince(fixture, since)).toEqual([]);
		await runNode(
			fixture,
			params(refund, order, { returnReasonCode: 'WEBRET', returnDispositionCode: 'CREDONLY' }),
		);
		expect((await records('ReturnOrderHeaders'))[0].CustomerReturnReasonCode).toBe('WEBRET');
		expect((await records('ReturnOrderLines'))[0].ReturnDispositionCode).toBe('CREDONLY');
	});

	it("the tax basis follows the order's unless one is chosen", async () => {
		const created = await fixture.storeOrder({
			tax_rate: 0.0825,
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 2 }],
		});
		const products = created.products as IDataObject[];
		await fixture.admin('POST', `/bigcommerce/orders/${created.id}/refunds`, {
			lines: tentLine(1)(products),
		});
		const [refund] = await readRefunds(fixture, Number(created.id));
		const order = await readOrder(fixture, Number(created.id));
		const [tent] = order.products as IDataObject[];
		const inclusive = { ...order, is_tax_inclusive_pricing: true };
		const price = async () => (await records('ReturnOrderLines')).map((l) => l.SalesPrice);

		await runNode(fixture, params(refund, inclusive));
		expect(await price()).toEqual([Number(tent.price_inc_tax)]);
		await fixture.reset();
		await runNode(fixture, params(refund, inclusive, { options: { taxMode: 'exclusive' } }));
		expect(await price()).toEqual([Number(tent.price_ex_tax)]);
		expect(Number(tent.price_ex_tax)).not.toBe(Number(tent.price_inc_tax));
	});
});
