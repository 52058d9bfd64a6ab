/**
 * Shipments exactly once across queue-mode workers. Each "worker" is its own copy of the pack's
 * modules (jest.isolateModulesAsync: its own in-process lock map and Redis client, as a separate
 * n8n process has), and the Redis this machine runs (127.0.0.1:6379, as queue mode does) holds the
 * Posting Lock. Two workers that both poll the same slips (the same saved watermark) and each ship
 * them twice at once create each shipment once with the Redis lock; with the in-process lock only,
 * the same runs ship twice — the control that shows the first test can fail.
 */
import { randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { BigCommerceD365RedisLockApi } from '../../../credentials/BigCommerceD365RedisLockApi.credentials';
import { createContext, emptyStaticData } from '../../support/n8n/context';
import { salesOrderParameters } from '../../support/salesOrderParameters';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { bigCommerceOf, runFo } from './support';

jest.setTimeout(60000);

interface Worker {
	node: { execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> };
	close: () => Promise<void>;
}

/** One worker process: the BigCommerce node and the lock clients, loaded apart from the others. */
async function worker(): Promise<Worker> {
	let loaded!: Worker;
	await jest.isolateModulesAsync(async () => {
		const { BigCommerce } = await import('../../../nodes/BigCommerce/BigCommerce.node');
		const { closeLockClients } = await import('../../../nodes/common/recordLock');
		loaded = { node: new BigCommerce(), close: closeLockClients };
	});
	return loaded;
}

let fx: SandboxFixture;
let workers: Worker[];
const redis = { host: '127.0.0.1', port: 6379, namespace: `test-${randomUUID()}:` };

beforeAll(async () => {
	fx = await startSandboxFixture();
	workers = [await worker(), await worker()];
});
afterAll(async () => {
	await Promise.all(workers.map(async (w) => await w.close()));
	await fx.close();
});
beforeEach(() => fx.reset());

async function postedOrder() {
	const order = await fx.storeOrder({
		customer_id: 1,
		lines: [
			{ sku: 'TENT-2P-ALPINE', quantity: 2 },
			{ sku: 'LAMP-HEAD-400', quantity: 3 },
		],
	});
	await runFo(fx, salesOrderParameters(fx, order));
	const reference = `BC-${String(fx.bigCommerceCredentials.storeHash)}-${String(order.id)}`;
	const header = (await fx.records('SalesOrderHeadersV2', 'usmf')).find(
		(h) => h.CustomersOrderReference === reference,
	) as IDataObject;
	const lot = (await fx.records('SalesOrderLines', 'usmf')).find(
		(l) => l.SalesOrderNumber === header.SalesOrderNumber && l.ItemNumber === 'TENT-2P-ALPINE',
	)?.InventoryLotId;
	return { orderId: Number(order.id), salesOrderNumber: String(header.SalesOrderNumber), lot };
}

const poll = async () =>
	await runFo(fx, {
		resource: 'packingSlip',
		operation: 'getAll',
		storeHash: fx.bigCommerceCredentials.storeHash,
		options: {},
	});

/** One execution of Create From Packing Slip on a worker, one item per slip. */
async function ship(on: Worker, slips: IDataObject[], postingLock: string) {
	const perItem = slips.map((packingSlip) => ({ packingSlip }));
	const ctx = createContext({
		parameters: { resource: 'shipment', operation: 'create', postingLock, options: {} },
		itemParameters: perItem,
		items: perItem.map(() => ({ json: {} })),
		staticData: emptyStaticData(),
		credentials: {
			...fx.credentials,
			bigCommerceD365RedisLockApi: { type: new BigCommerceD365RedisLockApi(), data: redis },
		},
	});
	const [out] = await on.node.execute.call(ctx as never);
	return out.map((i) => i.json.status);
}

/** Partial then final slip; each worker polls them (duplicate polls) and ships them twice at once. */
async function race(postingLock: string) {
	const o = await postedOrder();
	const slip = (body: IDataObject) => fx.admin('POST', '/d365/packing-slips', body);
	await slip({
		salesOrderNumber: o.salesOrderNumber,
		lines: [{ inventoryLotId: o.lot, quantity: 1 }],
	});
	await slip({ salesOrderNumber: o.salesOrderNumber });
	const [first, second] = [await poll(), await poll()];
	expect([first.length, second.length]).toEqual([2, 2]);
	const statuses = await Promise.all([
		ship(workers[0], first, postingLock),
		ship(workers[1], second, postingLock),
		ship(workers[0], [...first].reverse(), postingLock),
		ship(workers[1], second, postingLock),
	]);
	return { o, statuses: statuses.flat() };
}

describe('shipments across queue-mode workers', () => {
	it('with the Redis posting lock, each shipment is created once', async () => {
		const { o, statuses } = await race('redis');
		expect(statuses.filter((s) => s === 'created')).toHaveLength(2);
		expect(statuses.filter((s) => s === 'alreadySent')).toHaveLength(6);
		const shipments = bigCommerceOf(fx).shipments.of(o.orderId);
		expect(shipments.map((s) => s.items.map((i) => i.quantity)).sort()).toEqual([[1], [1, 3]]);
		expect(bigCommerceOf(fx).shipments.created).toHaveLength(2);
	});

	it('control: with the in-process lock only, two workers ship the same slip twice', async () => {
		// Let the store take a second shipment of a line (it refuses over-shipping by default,
		// [inferred]), so what the lock prevents is visible.
		bigCommerceOf(fx).switches.refuseOverShipment = false;
		const { o } = await race('process');
		expect(bigCommerceOf(fx).shipments.of(o.orderId).length).toBeGreaterThan(2);
	});
});
