/**
 * Slow F&O: a write whose answer the node gave up on commits later (F&O takes seconds per line, and
 * a changeset is invisible until all of it commits). The node must find it by polling through the
 * settle window, never send it again while it may still land, and send again exactly once when it
 * really is absent. Times are scaled to milliseconds through the node's own options; no test
 * asserts on time.
 */
import type { IDataObject } from 'n8n-workflow';

import { getCustomer, getOrder, listRefunds } from '../../../nodes/BigCommerce/api';
import { emptyStaticData } from '../../support/n8n/context';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { CATALOG } from '../../sandbox/catalog';
import { linesOf, MAPPED_SKUS, runNode, salesOrderParameters, salesOrdersFor } from './helpers';

let fx: SandboxFixture;

beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.reset());

/** The node's write timing options, given in ms (the options take minutes). */
const timing = (writeTimeoutMs: number, settleWindowMs: number): IDataObject => ({
	writeTimeoutMinutes: writeTimeoutMs / 60_000,
	settleWindowMinutes: settleWindowMs / 60_000,
});
/** The client gives up after 150 ms and looks for 4 s: far longer than any scaled commit here. */
const SLOW = timing(150, 4000);

const RESOLVED = 'outcome-unknown-resolved-by-lookup';
const audit = (output: IDataObject) => output.audit as IDataObject;
const reference = (order: IDataObject) => `BC-${fx.bigCommerceCredentials.storeHash}-${order.id}`;
const batches = (since: number) => fx.requests('d365', since, 'odata.batch').length;

/** Simple products: the SKU is the F&O item number, so a mapping table needs no lookup batch. */
const SIMPLE_SKUS = CATALOG.filter((p) => p.mappedInFo && !p.variants?.length).map((p) => p.sku);
const skuTable = (skus: string[]) => ({
	skuMapping: { entries: skus.map((sku) => ({ sku, itemNumber: sku })) },
});
const orderLines = (count: number, skus: string[]) =>
	Array.from({ length: count }, (_, i) => ({ sku: skus[i % skus.length], quantity: 1 + (i % 3) }));

async function numbering(mode: 'generated' | 'deterministic') {
	await fx.admin('PUT', '/d365/switches', {
		manualNumbers: { SalesOrderNumber: mode === 'deterministic' },
	});
}

async function orderParameters(
	order: IDataObject,
	mode: 'generated' | 'deterministic',
	extra: IDataObject = {},
) {
	const base = salesOrderParameters(fx, order, { numbering: mode, ...extra });
	return { ...base, options: { ...(base.options as IDataObject), ...SLOW } };
}

/** The order is in F&O once: one header carrying its reference, with `lineCount` lines. */
async function postedOnce(order: IDataObject, lineCount: number) {
	const headers = await salesOrdersFor(fx, reference(order));
	expect(headers).toHaveLength(1);
	expect(await linesOf(fx, String(headers[0].SalesOrderNumber))).toHaveLength(lineCount);
}

describe('a 200-line order whose commit lands after the node gave up', () => {
	const late = {
		/** F&O's pace: 3 ms per line, so the 200 lines commit ~600 ms after they were sent. */
		pace: async () => {
			await fx.admin('PUT', '/d365/switches', { lineLatencyMs: 3 });
			return { lines: orderLines(200, MAPPED_SKUS), parameters: {} };
		},
		/** The changeset is not answered; it commits 300 ms after the node's timeout. */
		'commit after timeout': async () => {
			await fx.admin('POST', '/faults/d365', {
				route: 'odata.batch',
				timeoutAfterCommit: 1,
				commitDelayMs: 300,
			});
			return { lines: orderLines(200, SIMPLE_SKUS), parameters: skuTable(SIMPLE_SKUS) };
		},
	};

	for (const mode of ['generated', 'deterministic'] as const) {
		for (const [how, slowDown] of Object.entries(late)) {
			it(`${mode} number, ${how}: found by polling, never sent twice; a retry finds it once`, async () => {
				await numbering(mode);
				const setup = await slowDown();
				const order = await fx.storeOrder({ customer_id: 1, lines: setup.lines, shipping: 0 });
				const since = fx.lastSeq();

				const [first] = await runNode(fx, await orderParameters(order, mode, setup.parameters));

				expect(audit(first)).toMatchObject({ action: 'created', reason: RESOLVED });
				const changesets = fx
					.requests('d365', since, 'odata.batch')
					.filter((r) => /SalesOrderLines/.test(r.body ?? ''));
				expect(changesets).toHaveLength(1); // the lines were sent once
				await postedOnce(order, Number(first.lineCount));
				expect(Number(first.lineCount)).toBeGreaterThanOrEqual(200);

				// The retry: another execution without this one's memory finds the order in F&O.
				const [retry] = await runNode(fx, await orderParameters(order, mode, setup.parameters), {
					staticData: emptyStaticData(),
				});
				expect(audit(retry)).toMatchObject({ action: 'skipped-duplicate', reason: 'f&o' });
				await postedOnce(order, Number(first.lineCount));
			});
		}
	}
});

describe('credit documents and payments through the same engine', () => {
	/** 150 ms per record: every write (header POST, lines changeset) outlasts a 60 ms timeout. */
	const SLOWER = timing(60, 4000);
	const slowWrites = () => fx.admin('PUT', '/d365/switches', { lineLatencyMs: 150 });

	async function storeOrderWith(spec: IDataObject) {
		const created = await fx.storeOrder({
			lines: [
				{ sku: 'TENT-2P-ALPINE', quantity: 2 },
				{ sku: 'LAMP-HEAD-400', quantity: 1 },
			],
			...spec,
		});
		return created;
	}

	const creditDocuments = {
		returnOrder: {
			refund: (tentId: unknown) => ({ lines: [{ id: tentId, quantity: 1 }] }),
			headerSet: 'ReturnOrderHeaders',
			referenceField: 'CustomersOrderReference',
			lineSet: 'ReturnOrderLines',
			ofHeader: (header: IDataObject) => (line: IDataObject) =>
				line.ReturnOrderNumber === header.ReturnOrderNumber,
		},
		freeTextCredit: {
			refund: () => ({ shipping: true }),
			headerSet: 'FreeTextInvoiceHeaders',
			referenceField: 'CustomerReference',
			lineSet: 'FreeTextInvoiceLines',
			ofHeader: (header: IDataObject) => (line: IDataObject) =>
				line.ParentRecId === header.InvoiceIdentifier,
		},
	};

	for (const [kind, doc] of Object.entries(creditDocuments)) {
		it(`a ${kind}: header and lines found after their late commits; a retry finds it once`, async () => {
			const created = await storeOrderWith({});
			const tent = (created.products as IDataObject[]).find((p) => p.sku === 'TENT-2P-ALPINE');
			await fx.admin('POST', `/bigcommerce/orders/${created.id}/refunds`, doc.refund(tent?.id));
			const order = (await getOrder(fx.context(), Number(created.id))) as IDataObject;
			const [refund] = await listRefunds(fx.context(), Number(created.id));
			const parameters = {
				resource: 'creditNote',
				operation: 'create',
				dataAreaId: 'usmf',
				input: 'refund',
				bigcommerceRecord: refund,
				bigcommerceOrder: order,
				storeHash: fx.bigCommerceCredentials.storeHash,
				customerMode: 'account',
				customerAccount: 'WEB-GUEST',
				mainAccount: '401100',
				options: SLOWER,
			};
			await slowWrites();

			const [first] = await runNode(fx, parameters);
			expect(first).toMatchObject({ document: kind, lineCount: 1 });
			expect(audit(first)).toMatchObject({ action: 'created', reason: RESOLVED });
			const [retry] = await runNode(fx, parameters, { staticData: emptyStaticData() });
			expect(audit(retry).action).toBe('skipped-duplicate');

			const refundReference = `${reference(order)}-R${refund.id}`;
			const headers = (await fx.records(doc.headerSet, 'usmf')).filter(
				(h) => h[doc.referenceField] === refundReference,
			);
			expect(headers).toHaveLength(1);
			const lines = (await fx.records(doc.lineSet, 'usmf')).filter(doc.ofHeader(headers[0]));
			expect(lines).toHaveLength(1);
		});
	}

	it('a payment journal: header and line found after their late commits; a retry finds it once', async () => {
		const created = await storeOrderWith({});
		await fx.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, { event: 'capture' });
		const order = (await getOrder(fx.context(), Number(created.id))) as IDataObject;
		const [transaction] = order.transactions as IDataObject[];
		const parameters = {
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
			paymentMethodMap: { entries: [{ bigcommerce: 'braintree.card', paymentMethod: 'CARD' }] },
			options: SLOWER,
		};
		await slowWrites();

		const [first] = await runNode(fx, parameters);
		expect(audit(first)).toMatchObject({ action: 'created', reason: RESOLVED });
		const [retry] = await runNode(fx, parameters, { staticData: emptyStaticData() });
		expect(audit(retry).action).toBe('skipped-duplicate');

		const paymentReference = `BC-${order.id}-T${transaction.id}`;
		const lines = (await fx.records('CustomerPaymentJournalLines', 'usmf')).filter(
			(l) => l.PaymentReference === paymentReference,
		);
		expect(lines).toHaveLength(1);
		expect(await fx.records('CustomerPaymentJournalHeaders', 'usmf')).toHaveLength(1);
	});
});

describe('a customer whose create commits late', () => {
	it('is found by polling, not created twice; a retry finds the same account', async () => {
		const bc = (await getCustomer(fx.context(), 1)) as IDataObject;
		const parameters = {
			resource: 'customer',
			operation: 'upsert',
			dataAreaId: 'usmf',
			source: 'customer',
			bigcommerceRecord: bc,
			options: { customerGroupId: 'WEB', currencyCode: 'USD', ...timing(60, 4000) },
		};
		await fx.admin('PUT', '/d365/switches', { lineLatencyMs: 150 });
		const since = fx.lastSeq();

		const [first] = await runNode(fx, parameters);

		expect(audit(first)).toMatchObject({ action: 'created', reason: RESOLVED });
		expect(fx.requests('d365', since, 'odata.CustomersV3.create')).toHaveLength(1);
		const [retry] = await runNode(fx, parameters, { staticData: emptyStaticData() });
		expect(retry.customerAccount).toBe(first.customerAccount);
		const customers = (await fx.records('CustomersV3', 'usmf')).filter(
			(c) => String(c.PrimaryContactEmail).toLowerCase() === String(bc.email).toLowerCase(),
		);
		expect(customers).toHaveLength(1);
	});
});

describe('a changeset that really never arrived', () => {
	for (const mode of ['generated', 'deterministic'] as const) {
		it(`${mode} number: absent after the settle window, sent again exactly once, posted once`, async () => {
			await numbering(mode);
			// No shipping charged: no charge item to look up, so the changeset is the first batch.
			const order = await fx.storeOrder({
				customer_id: 1,
				lines: orderLines(12, SIMPLE_SKUS),
				shipping: 0,
			});
			// The connection drops before F&O reads the changeset: nothing of it is ever written.
			await fx.admin('POST', '/faults/d365', { route: 'odata.batch', drop: 1 });
			const since = fx.lastSeq();
			const parameters = salesOrderParameters(fx, order, {
				numbering: mode,
				...skuTable(SIMPLE_SKUS),
			});
			parameters.options = { ...(parameters.options as IDataObject), ...timing(2000, 200) };

			const [result] = await runNode(fx, parameters);

			expect(audit(result).action).toBe('created');
			expect(batches(since)).toBe(2); // the dropped changeset, and it once more
			await postedOnce(order, Number(result.lineCount));
		});
	}
});
