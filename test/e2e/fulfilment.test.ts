/**
 * The two return-flow reference workflows in a real n8n 2.x, scheduled every few seconds instead
 * of every 15/30 minutes (the only change, besides the store hash): fulfilment-sync turns a
 * partial then a final F&O packing slip into two BigCommerce shipments and keeps them at two over
 * many more polls, audits each once in bcd365_audit, and puts a later correction of a slip in
 * bcd365_failures as one review row (not resent, not repeated every poll); stock-sync writes F&O
 * on-hand per warehouse to the mapped locations and then only what changed, with its writes in the
 * audit table and an unknown SKU as one review row. No execution fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { MicrosoftDynamicsFo } from '../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import type { BigCommerceSandbox } from '../sandbox/bigcommerce';
import { addBulkProducts } from '../sandbox/bigcommerce/inventory';
import { AUDIT_TABLE, dataTableRows, FAILURE_TABLE } from './support/dataTables';
import { emptyStaticData } from '../support/n8n/context';
import { salesOrderParameters } from '../support/salesOrderParameters';
import { startSandboxFixture, type SandboxFixture } from '../support/sandboxFixture';
import {
	executions,
	readWorkflow,
	sandboxCredentials,
	scheduledEvery,
	waitFor,
} from './support/pack-e2e';
import { REPO_ROOT } from './support/hosts';
import { startN8n, type N8nInstance } from './support/index';

jest.setTimeout(10 * 60_000);

const IDS = { fulfilment: 'bcd365Fulfil0001', stock: 'bcd365Stock00001' };
let fx: SandboxFixture;
let n8n: N8nInstance;
let dir: string;

/** The shipped workflow with its schedule every `seconds` and the sandbox's store hash. */
function scheduled(name: string, seconds: number, storeHash: string): string {
	const workflow = scheduledEvery(
		readWorkflow(join(REPO_ROOT, 'workflows', `${name}.json`)),
		seconds,
		storeHash,
	);
	const file = join(dir, `${name}.json`);
	writeFileSync(file, JSON.stringify(workflow));
	return file;
}

beforeAll(async () => {
	fx = await startSandboxFixture({ bigcommerce: { quota: 100000 } });
	dir = mkdtempSync(join(tmpdir(), 'fulfilment-e2e-'));
	const storeHash = String(fx.bigCommerceCredentials.storeHash);
	n8n = await startN8n({
		host: 'n8n-2x',
		workflows: [scheduled('fulfilment-sync', 5, storeHash), scheduled('stock-sync', 5, storeHash)],
		activate: Object.values(IDS),
		credentials: sandboxCredentials(fx),
		readyTimeoutMs: 120_000,
	});
}, 25 * 60_000);

afterAll(async () => {
	await n8n?.stop();
	await fx?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

const bc = () => fx.sandbox.services.bigcommerce as unknown as BigCommerceSandbox;
const tableRows = async (table: string, where: IDataObject) =>
	(await dataTableRows(n8n, n8n.dataTableIds[table])).filter((r) =>
		Object.entries(where).every(([k, v]) => r[k] === v),
	);
/** Waits for `polls` more executions of the workflow; every one of them succeeded. */
async function morePolls(workflowId: string, polls: number) {
	const before = (await executions(n8n, workflowId)).length;
	await waitFor(
		`${polls} more polls`,
		async () => (await executions(n8n, workflowId)).length >= before + polls,
		120_000,
	);
	const statuses = (await executions(n8n, workflowId)).map((e) => e.status);
	expect(statuses.filter((status) => status !== 'success' && status !== 'running')).toEqual([]);
}

it('fulfilment-sync: partial then final packing slip → two shipments, once each over many polls', async () => {
	const order = await fx.storeOrder({
		customer_id: 1,
		lines: [
			{ sku: 'TENT-2P-ALPINE', quantity: 2 },
			{ sku: 'LAMP-HEAD-400', quantity: 1 },
		],
	});
	const ctx = fx.context({
		parameters: salesOrderParameters(fx, order),
		staticData: emptyStaticData(),
	});
	await new MicrosoftDynamicsFo().execute.call(ctx as never);
	const reference = `BC-${String(fx.bigCommerceCredentials.storeHash)}-${String(order.id)}`;
	const header = (await fx.records('SalesOrderHeadersV2', 'usmf')).find(
		(h) => h.CustomersOrderReference === reference,
	) as IDataObject;
	const lines = (await fx.records('SalesOrderLines', 'usmf')).filter(
		(l) => l.SalesOrderNumber === header.SalesOrderNumber && l.ItemNumber === 'TENT-2P-ALPINE',
	);
	const orderId = Number(order.id);
	await fx.admin('POST', '/d365/packing-slips', {
		salesOrderNumber: header.SalesOrderNumber,
		lines: [{ inventoryLotId: lines[0].InventoryLotId, quantity: 1 }],
		trackingNumbers: ['1Z999AA10123456784'],
		carrier: 'UPS',
	});
	await waitFor('the first shipment', async () => bc().shipments.of(orderId).length === 1, 120_000);
	await fx.admin('POST', '/d365/packing-slips', { salesOrderNumber: header.SalesOrderNumber });
	await waitFor(
		'the second shipment',
		async () => bc().shipments.of(orderId).length === 2,
		120_000,
	);
	await morePolls(IDS.fulfilment, 3);
	expect(
		bc()
			.shipments.of(orderId)
			.map((s) => s.items.map((i) => i.quantity)),
	).toEqual([[1], [1, 1]]);
	expect(
		bc()
			.store.getOrder(orderId)
			.lines.map((l) => l.quantityShipped),
	).toEqual([2, 1]);
	expect(bc().store.getOrder(orderId).statusId).toBe(2);
	expect(bc().shipments.of(orderId)[0].trackingLink).toContain('1Z999AA10123456784');
	const audited = await tableRows(AUDIT_TABLE.name, {
		entity: 'shipment',
		orderId: String(orderId),
	});
	expect(audited.map((r) => r.action)).toEqual(['created', 'created']);

	// The final slip is corrected in F&O (the lamp was not shipped after all): one review row.
	const final = (await fx.records('CustPackingSlipJourBiEntities', 'usmf')).filter(
		(h) => h.SalesId === header.SalesOrderNumber,
	)[1];
	const lamp = (await fx.records('SalesOrderLines', 'usmf')).find(
		(l) => l.SalesOrderNumber === header.SalesOrderNumber && l.ItemNumber === 'LAMP-HEAD-400',
	) as IDataObject;
	await fx.admin('POST', `/d365/packing-slips/${String(final.PackingSlipId)}/correct`, {
		lines: [{ lineNumber: Number(lamp.LineNumber), quantity: 0 }],
	});
	const review = { kind: 'shipment-review', orderId: String(orderId) };
	await waitFor(
		'the correction review row',
		async () => (await tableRows(FAILURE_TABLE.name, review)).length > 0,
		120_000,
	);
	await morePolls(IDS.fulfilment, 3);
	const reviews = await tableRows(FAILURE_TABLE.name, review);
	expect(reviews).toHaveLength(1);
	expect(reviews[0].errorMessage).toMatch(/was corrected after BigCommerce order/);
	expect(bc().shipments.of(orderId)).toHaveLength(2);
	expect(await tableRows(FAILURE_TABLE.name, { kind: 'shipment' })).toEqual([]);
});

it('stock-sync: on hand per warehouse reaches the mapped locations, then only what changed', async () => {
	const skus = addBulkProducts(bc().store, 50, 'E2E-');
	const rows = (quantity: (n: number) => number, warehouse = '11', site = '1') =>
		skus.map((sku, n) => ({
			ItemNumber: sku,
			InventorySiteId: site,
			InventoryWarehouseId: warehouse,
			OnHandQuantity: quantity(n),
		}));
	await fx.admin('PUT', '/d365/on-hand', [...rows((n) => n + 1), ...rows((n) => 2 * n, '21', '2')]);
	const variant = (sku: string) =>
		Number([...bc().store.products.values()].find((p) => p.sku === sku)?.base_variant_id);
	await waitFor(
		'stock at both locations',
		async () =>
			bc().inventory.level(1, variant(skus[49])) === 50 &&
			bc().inventory.level(2, variant(skus[49])) === 98,
		120_000,
	);
	const writesBefore = bc().inventory.adjustments.length;
	await fx.admin('PUT', '/d365/on-hand', [
		{ ItemNumber: skus[3], InventorySiteId: '1', InventoryWarehouseId: '11', OnHandQuantity: 77 },
	]);
	await waitFor(
		'the changed level',
		async () => bc().inventory.level(1, variant(skus[3])) === 77,
		120_000,
	);
	const changedWrites = bc().inventory.adjustments.slice(writesBefore);
	expect(changedWrites.map((a) => a.items)).toEqual([1]);
	expect(bc().inventory.overlapping).toBe(0);
	// Two syncs wrote (the first, the change): two audit rows, the last with its one adjustment.
	const audited = await tableRows(AUDIT_TABLE.name, { entity: 'inventory' });
	expect(audited).toHaveLength(2);
	expect(JSON.parse(String(audited[1].keys))).toEqual([
		{ locationId: 1, items: 1, transactionId: expect.stringMatching(/.+/) },
	]);

	// A SKU the store does not sell: one review row, not one per sync.
	await fx.admin('PUT', '/d365/on-hand', [
		{
			ItemNumber: 'NOT-IN-STORE',
			InventorySiteId: '1',
			InventoryWarehouseId: '11',
			OnHandQuantity: 5,
		},
	]);
	const review = { kind: 'stock-review', bigcommerceId: 'NOT-IN-STORE' };
	await waitFor(
		'the unknown SKU review row',
		async () => (await tableRows(FAILURE_TABLE.name, review)).length > 0,
		120_000,
	);
	await morePolls(IDS.stock, 3);
	expect(await tableRows(FAILURE_TABLE.name, review)).toHaveLength(1);
	expect(await tableRows(FAILURE_TABLE.name, { kind: 'stock' })).toEqual([]);
});
