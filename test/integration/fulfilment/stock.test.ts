/**
 * F&O on-hand stock reaches BigCommerce as stock-sync runs it (F&O On-Hand → Get Many, one item
 * with all rows, then BigCommerce Inventory → Set Absolute From Stock Rows): 10,000 SKUs in 3
 * warehouses go to 3 locations in adjustments of at most 2,000 items, one at a time, within the
 * store's rate limit (never a 429); the next sync sends only what changed, in ceil(n / 2,000) calls
 * per location and nothing else; safety stock and the floor at 0 apply; a SKU the store does not
 * sell, a row without SKU and an unmapped warehouse come out as items that say what to do; a sync
 * with nothing changed sends nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import type { D365Sandbox } from '../../sandbox/d365';
import { setOnHand, type OnHandSpec } from '../../sandbox/d365/onHand';
import { addBulkProducts } from '../../sandbox/bigcommerce/inventory';
import { emptyStaticData } from '../../support/n8n/context';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { bigCommerceOf, runBc, runFo, type StaticData } from './support';

jest.setTimeout(180000);

let fx: SandboxFixture;
beforeAll(async () => {
	// Many SKU lookups on the first sync: a quota that does not make the test wait for windows.
	fx = await startSandboxFixture({ bigcommerce: { quota: 100000 } });
});
afterAll(async () => fx.close());
beforeEach(() => fx.reset());

const d365 = () => fx.sandbox.services.d365 as unknown as D365Sandbox;
const WAREHOUSES = [
	{ site: '1', warehouse: '11', location: 1 },
	{ site: '2', warehouse: '21', location: 2 },
	{ site: '3', warehouse: '31', location: 3 },
];
const locations = {
	entries: WAREHOUSES.map((w) => ({
		siteId: w.site,
		warehouseId: w.warehouse,
		locationId: w.location,
	})),
};

function onHand(rows: OnHandSpec[]) {
	setOnHand(d365().store, d365().switches, rows);
}

async function sync(memory: StaticData, options: IDataObject = {}) {
	const [read] = await runFo(fx, {
		resource: 'onHand',
		operation: 'getAll',
		output: 'oneItem',
		skuMapping: {},
		options: {},
	});
	const seq = fx.lastSeq();
	const out = await runBc(
		fx,
		{
			resource: 'inventory',
			operation: 'setAbsolute',
			quantityField: 'availableOnHand',
			locations,
			options,
		},
		[{ rows: read.rows }],
		memory,
	);
	const all = fx.requests('bigcommerce', seq);
	const calls = all.filter((r) => r.route === 'v3.inventory.absolute');
	return { summary: out[0], issues: out.slice(1), calls, all, rowCount: read.rowCount };
}

describe('stock sync', () => {
	it('10,000 SKUs × 3 warehouses: ≤ 2,000 items per call, one at a time; then only what changed', async () => {
		const skus = addBulkProducts(bigCommerceOf(fx).store, 10000);
		onHand(
			WAREHOUSES.flatMap((w, wi) =>
				skus.map((sku, n) => ({
					ItemNumber: sku,
					InventorySiteId: w.site,
					InventoryWarehouseId: w.warehouse,
					OnHandQuantity: (n % 50) + wi,
					ReservedOnHandQuantity: n % 7 === 0 ? 1 : 0,
				})),
			),
		);
		bigCommerceOf(fx).switches.inventoryWriteLatencyMs = 5;
		// The store's rate limit, in short windows so the test does not wait long: the sync keeps
		// to it (never a 429), as it shares the quota with every other app of the store.
		await fx.admin('PUT', '/bigcommerce/rate-limit', { quota: 60, windowMs: 1000 });
		const memory = emptyStaticData();
		const first = await sync(memory);
		expect(first.rowCount).toBe(30000);
		expect(first.summary.written).toBe(30000);
		expect(first.all.filter((r) => r.status === 429)).toEqual([]);
		// SKU lookups once (50 SKUs a call), then adjustments: flat per 2,000 items.
		expect(first.all).toHaveLength(Number(first.summary.skuLookups) / 50 + 15);
		const adjustments = bigCommerceOf(fx).inventory.adjustments;
		expect(adjustments.length).toBe(15);
		expect(Math.max(...adjustments.map((a) => a.items))).toBeLessThanOrEqual(2000);
		expect(bigCommerceOf(fx).inventory.overlapping).toBe(0);
		const inv = bigCommerceOf(fx).inventory;
		const variantOf = (sku: string) =>
			Number(
				[...bigCommerceOf(fx).store.products.values()].find((p) => p.sku === sku)?.base_variant_id,
			);
		// SKU n=7 at warehouse 21: on hand 7 + 1, 1 reserved → 7 available.
		expect(inv.level(2, variantOf(skus[7]))).toBe(7);

		// Change 300 rows in warehouse 31; nothing else moves.
		onHand(
			skus.slice(0, 300).map((sku) => ({
				ItemNumber: sku,
				InventorySiteId: '3',
				InventoryWarehouseId: '31',
				OnHandQuantity: 500,
			})),
		);
		const second = await sync(memory);
		expect(second.summary).toMatchObject({ written: 300, unchanged: 29700, skuLookups: 0 });
		expect(second.calls).toHaveLength(1);
		expect(inv.level(3, variantOf(skus[0]))).toBe(500);

		const third = await sync(memory);
		expect(third.summary.written).toBe(0);
		expect(third.all).toHaveLength(0);

		// 4,500 changed at one location and 2,001 at another: ceil(n / 2,000) calls each, nothing else.
		onHand([
			...skus.slice(0, 4500).map((sku) => ({
				ItemNumber: sku,
				InventorySiteId: '2',
				InventoryWarehouseId: '21',
				OnHandQuantity: 900,
			})),
			...skus.slice(5000, 7001).map((sku) => ({
				ItemNumber: sku,
				InventorySiteId: '1',
				InventoryWarehouseId: '11',
				OnHandQuantity: 901,
			})),
		]);
		const fourth = await sync(memory);
		expect(fourth.summary.written).toBe(6501);
		expect(fourth.all.map((r) => r.route)).toEqual(Array(5).fill('v3.inventory.absolute'));
		expect(
			(fourth.summary.adjustments as IDataObject[]).map((a) => [a.locationId, a.items]),
		).toEqual([
			[1, 2000],
			[1, 1],
			[2, 2000],
			[2, 2000],
			[2, 500],
		]);
		expect(bigCommerceOf(fx).inventory.overlapping).toBe(0);
	});

	it('safety stock and the floor at 0; unknown SKU, missing SKU and unmapped warehouse are items', async () => {
		const [known] = addBulkProducts(bigCommerceOf(fx).store, 1);
		onHand([
			{ ItemNumber: known, InventorySiteId: '1', InventoryWarehouseId: '11', OnHandQuantity: 10 },
			{ ItemNumber: known, InventorySiteId: '2', InventoryWarehouseId: '21', OnHandQuantity: 1 },
			{
				ItemNumber: 'NOT-SOLD-IN-STORE',
				InventorySiteId: '1',
				InventoryWarehouseId: '11',
				OnHandQuantity: 4,
			},
			{ ItemNumber: known, InventorySiteId: '4', InventoryWarehouseId: '41', OnHandQuantity: 9 },
			{
				ItemNumber: 'NO-VARIANT',
				ProductColorId: 'RED',
				InventorySiteId: '1',
				InventoryWarehouseId: '11',
				OnHandQuantity: 2,
			},
		]);
		const memory = emptyStaticData();
		const { summary, issues } = await sync(memory, { safetyStock: 2 });
		expect(summary.written).toBe(2);
		const id = Number(
			[...bigCommerceOf(fx).store.products.values()].find((p) => p.sku === known)?.base_variant_id,
		);
		expect([
			bigCommerceOf(fx).inventory.level(1, id),
			bigCommerceOf(fx).inventory.level(2, id),
		]).toEqual([8, 0]);
		expect(issues.map((i) => [i.issue, i.sku || i.itemNumber || i.warehouseId])).toEqual(
			expect.arrayContaining([
				['unmappedWarehouse', '41'],
				['noSku', 'NO-VARIANT'],
				['unknownSku', 'NOT-SOLD-IN-STORE'],
			]),
		);
		expect(issues).toHaveLength(3);
		expect(issues.map((i) => i.message)).toEqual(
			expect.arrayContaining([
				'F&O site 4 / warehouse 41 is not in the Warehouse → Location table: its 1 row(s) were not written',
				'SKU NOT-SOLD-IN-STORE is not sold in the store (no product or variant has it): not written; looked up again when its quantity changes',
				expect.stringMatching(/^F&O item NO-VARIANT at warehouse 11 has no BigCommerce SKU/),
			]),
		);
		expect(issues.map((i) => i.alreadyReported)).toEqual([false, false, false]);
		// The next sync: the unknown SKU, unchanged, costs no catalog call and is not reported again;
		// the other two are flagged as reported before.
		const again = await sync(memory, { safetyStock: 2 });
		expect(again.all).toEqual([]);
		expect(again.issues.map((i) => [i.issue, i.alreadyReported])).toEqual(
			expect.arrayContaining([
				['unmappedWarehouse', true],
				['noSku', true],
			]),
		);
		expect(again.issues).toHaveLength(2);
		// Its quantity changes: looked up again, reported again.
		onHand([
			{
				ItemNumber: 'NOT-SOLD-IN-STORE',
				InventorySiteId: '1',
				InventoryWarehouseId: '11',
				OnHandQuantity: 9,
			},
		]);
		const changed = await sync(memory, { safetyStock: 2 });
		expect(changed.issues.map((i) => i.issue)).toContain('unknownSku');
		expect(changed.all.length).toBeGreaterThan(0);
	});

	it('a batch BigCommerce refuses (tracking changed to variant) fails and resolves its SKUs again next time', async () => {
		const [sku] = addBulkProducts(bigCommerceOf(fx).store, 1);
		const row = (n: number) => [
			{ ItemNumber: sku, InventorySiteId: '1', InventoryWarehouseId: '11', OnHandQuantity: n },
		];
		onHand(row(5));
		const memory = emptyStaticData();
		expect((await sync(memory)).summary.written).toBe(1);
		const product = [...bigCommerceOf(fx).store.products.values()].find((p) => p.sku === sku);
		product!.inventory_tracking = 'variant';
		onHand(row(6));
		await expect(sync(memory)).rejects.toThrow(/tracked by variant/);
		const next = await sync(memory);
		expect(next.summary).toMatchObject({ written: 1, skuLookups: 1 });
		expect(bigCommerceOf(fx).inventory.level(1, Number(product!.base_variant_id))).toBe(6);
	});
});
