/**
 * The syncs back to the store (README "Back to the store"): one scheduled run each of the shipped
 * fulfilment-sync and stock-sync, with the e2e suite's changes only (./harness.ts: a schedule of
 * seconds, the sandbox's store hash). Calls per run for a page of packing slips of orders the pack
 * posted, and for 2,000 stock items F&O changed, counted from the sandbox's log between the
 * activation and the end of the first run.
 */
import type { IDataObject } from 'n8n-workflow';

import { addBulkProducts } from '../test/sandbox/bigcommerce/inventory';
import type { BigCommerceSandbox } from '../test/sandbox/bigcommerce';
import type { SandboxFixture } from '../test/support/sandboxFixture';
import { progress } from '../test/e2e/support/log';
import { executionsRunning, setActive, type BenchN8n } from './harness';
import { callsSince, until, type CallCounts } from './orders';

export interface ReturnFlowRun {
	flow: 'fulfilment-sync' | 'stock-sync';
	/** Packing slips in the page, or stock items changed. */
	records: number;
	calls: CallCounts;
	/** Shipments created, or stock levels written, in the store. */
	written: number;
	succeeded: boolean;
}

/** Activates the workflow, waits for its first scheduled run to end, deactivates it. */
async function oneRun(bench: BenchN8n, wf: IDataObject): Promise<boolean> {
	const id = String(wf.id);
	await setActive(bench, wf, true);
	let status = '';
	await until(
		async () => {
			const list = await bench.n8n.api('GET', `/executions?workflowId=${id}&limit=5`);
			const done = (list.body?.data as IDataObject[] | undefined)?.find(
				(e) => e.status !== 'running' && e.status !== 'new',
			);
			status = String(done?.status ?? '');
			return !!done;
		},
		5 * 60_000,
		1_000,
	);
	await setActive(bench, wf, false);
	await until(async () => !(await executionsRunning(bench)), 60_000);
	return status === 'success';
}

export async function measureFulfilment(
	bench: BenchN8n,
	fx: SandboxFixture,
	slips: number,
): Promise<ReturnFlowRun> {
	const prefix = `BC-${String(fx.bigCommerceCredentials.storeHash)}-`;
	const headers = (await fx.records('SalesOrderHeadersV2', 'usmf')).filter((h) =>
		String(h.CustomersOrderReference).startsWith(prefix),
	);
	for (const h of headers.slice(-slips))
		await fx.admin('POST', '/d365/packing-slips', {
			salesOrderNumber: h.SalesOrderNumber,
			trackingNumbers: [
				`1Z999AA1${String(h.SalesOrderNumber).replace(/\D/g, '').padStart(10, '0')}`,
			],
			carrier: 'UPS',
		});
	const bc = fx.sandbox.services.bigcommerce as unknown as BigCommerceSandbox;
	const shipped = () =>
		headers.reduce((n, h) => n + bc.shipments.of(orderIdOf(h, prefix)).length, 0);
	const before = shipped();
	const since = fx.lastSeq();
	const succeeded = await oneRun(bench, bench.workflows.fulfilment);
	const run = {
		flow: 'fulfilment-sync' as const,
		records: Math.min(slips, headers.length),
		calls: callsSince(fx, since),
		written: shipped() - before,
		succeeded,
	};
	progress(`benchmark: fulfilment-sync: ${run.records} slips, ${JSON.stringify(run.calls)}`);
	return run;
}

const orderIdOf = (h: IDataObject, prefix: string) =>
	Number(String(h.CustomersOrderReference).slice(prefix.length));

export async function measureStock(
	bench: BenchN8n,
	fx: SandboxFixture,
	items: number,
): Promise<ReturnFlowRun> {
	const bc = fx.sandbox.services.bigcommerce as unknown as BigCommerceSandbox;
	const skus = addBulkProducts(bc.store, items, 'BENCH-');
	await fx.admin(
		'PUT',
		'/d365/on-hand',
		skus.map((sku, n) => ({
			ItemNumber: sku,
			InventorySiteId: '1',
			InventoryWarehouseId: '11',
			OnHandQuantity: 1 + (n % 40),
		})),
	);
	const writesBefore = bc.inventory.adjustments.reduce((n, a) => n + a.items, 0);
	const since = fx.lastSeq();
	const succeeded = await oneRun(bench, bench.workflows.stock);
	const run = {
		flow: 'stock-sync' as const,
		records: items,
		calls: callsSince(fx, since),
		written: bc.inventory.adjustments.reduce((n, a) => n + a.items, 0) - writesBefore,
		succeeded,
	};
	progress(`benchmark: stock-sync: ${items} items, ${JSON.stringify(run.calls)}`);
	return run;
}
