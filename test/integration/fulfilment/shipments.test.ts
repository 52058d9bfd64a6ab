/**
 * Packing slips posted in the F&O sandbox reach the BigCommerce sandbox as shipments, through the
 * two nodes as fulfilment-sync runs them (F&O Packing Slip → Get Many, then BigCommerce Shipment →
 * Create From Packing Slip): a partial then a final slip give two shipments with the right lines
 * and quantities, once each, however often the poll re-reads them and when two executions run at
 * once; a corrected slip is reported and not resent — also one corrected long after the overlap
 * window, found by its packing-slip version (with the unverified version link on or off); a slip
 * cut to nothing is a cancellation; a shipment deleted in the store is reported, not resent; the
 * unverified lot-id link can be off; and the calls per slip stay flat.
 */
import type { IDataObject } from 'n8n-workflow';

import { REMEMBERED_SLIPS } from '../../../nodes/BigCommerce/actions/shipment/create.operation';
import { bigCommerceRequest } from '../../../nodes/BigCommerce/transport';
import type { D365Sandbox } from '../../sandbox/d365';

import { emptyStaticData } from '../../support/n8n/context';
import { salesOrderParameters } from '../../support/salesOrderParameters';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { bigCommerceOf, runBc, runFo, type StaticData } from './support';

jest.setTimeout(60000);

let fx: SandboxFixture;
beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(async () => fx.close());
beforeEach(() => fx.reset());

interface Posted {
	orderId: number;
	salesOrderNumber: string;
	lots: string[];
	products: IDataObject[];
}

/** A store order of 2 tents and 3 lamps, posted to F&O by the F&O node as order-sync does. */
async function postedOrder(): Promise<Posted> {
	const order = await fx.storeOrder({
		customer_id: 1,
		lines: [
			{ sku: 'TENT-2P-ALPINE', quantity: 2 },
			{ sku: 'LAMP-HEAD-400', quantity: 3 },
		],
	});
	const [created] = await runFo(fx, salesOrderParameters(fx, order));
	expect((created.audit as IDataObject)?.action).toBe('created');
	const reference = `BC-${String(fx.bigCommerceCredentials.storeHash)}-${String(order.id)}`;
	const [header] = (await fx.records('SalesOrderHeadersV2', 'usmf')).filter(
		(h) => h.CustomersOrderReference === reference,
	);
	const salesOrderNumber = String(header.SalesOrderNumber);
	const lines = (await fx.records('SalesOrderLines', 'usmf'))
		.filter((l) => l.SalesOrderNumber === salesOrderNumber && l.ItemNumber !== 'SHIPPING')
		.sort((a, b) => Number(a.LineNumber) - Number(b.LineNumber));
	return {
		orderId: Number(order.id),
		salesOrderNumber,
		lots: lines.map((l) => String(l.InventoryLotId)),
		products: order.products as IDataObject[],
	};
}

const slip = (body: IDataObject) => fx.admin('POST', '/d365/packing-slips', body);

const poll = (memory: StaticData) =>
	runFo(
		fx,
		{
			resource: 'packingSlip',
			operation: 'getAll',
			storeHash: fx.bigCommerceCredentials.storeHash,
			options: {},
		},
		memory,
	);

const ship = (
	slips: IDataObject[],
	memory: StaticData = emptyStaticData(),
	options: IDataObject = {},
) =>
	runBc(
		fx,
		{
			resource: 'shipment',
			operation: 'create',
			carriers: {
				entries: [
					{
						foCarrier: 'UPS',
						shippingProvider: 'ups',
						trackingUrl: 'https://www.ups.com/track?tracknum={tracking}',
					},
				],
			},
			options,
		},
		slips.map((s) => ({ packingSlip: s })),
		memory,
	);

const shipmentsOf = (orderId: number) => bigCommerceOf(fx).shipments.of(orderId);
const shipped = (orderId: number) =>
	bigCommerceOf(fx)
		.store.getOrder(orderId)
		.lines.map((l) => [l.quantity, l.quantityShipped]);

describe('fulfilment: packing slips to shipments', () => {
	it('partial then final slip: two shipments with the right lines, once each under repeated polls', async () => {
		const o = await postedOrder();
		const foMemory = emptyStaticData();
		const bcMemory = emptyStaticData();
		await slip({
			salesOrderNumber: o.salesOrderNumber,
			lines: [{ inventoryLotId: o.lots[0], quantity: 1 }],
			trackingNumbers: ['1Z999AA10123456784', '1Z999AA10123456785'],
			carrier: 'UPS',
		});
		const first = await poll(foMemory);
		expect(first).toHaveLength(1);
		expect(first[0]).toMatchObject({ bigCommerceOrderId: o.orderId, reRead: false });
		const [created] = await ship(first, bcMemory);
		expect(created.status).toBe('created');
		expect(
			shipmentsOf(o.orderId).map((s) => [
				s.trackingNumber,
				s.items.map((i) => i.quantity),
				s.shippingProvider,
			]),
		).toEqual([['1Z999AA10123456784', [1], 'ups']]);
		expect(shipmentsOf(o.orderId)[0].comments).toContain('Tracking: 1Z999AA10123456785');
		expect(shipmentsOf(o.orderId)[0].trackingLink).toBe(
			'https://www.ups.com/track?tracknum=1Z999AA10123456784',
		);
		expect(bigCommerceOf(fx).store.getOrder(o.orderId).statusId).toBe(3);

		// The same poll again (overlap window): re-read, and not resent.
		const again = await poll(foMemory);
		expect(again.map((s) => s.reRead)).toEqual([true]);
		expect((await ship(again, bcMemory)).map((r) => r.status)).toEqual(['alreadySent']);
		expect(shipmentsOf(o.orderId)).toHaveLength(1);

		await slip({ salesOrderNumber: o.salesOrderNumber, trackingNumbers: ['TRK-FINAL'] });
		const both = await poll(foMemory);
		expect(both.map((s) => s.reRead)).toEqual([true, false]);
		expect((await ship(both, bcMemory)).map((r) => r.status)).toEqual(['alreadySent', 'created']);
		expect((await ship(await poll(foMemory), bcMemory)).map((r) => r.status)).toEqual([
			'alreadySent',
			'alreadySent',
		]);
		expect(
			shipmentsOf(o.orderId).map((s) => s.items.map((i) => [i.order_product_id, i.quantity])),
		).toEqual([
			[[o.products[0].id, 1]],
			[
				[o.products[0].id, 1],
				[o.products[1].id, 3],
			],
		]);
		expect(shipped(o.orderId)).toEqual([
			[2, 2],
			[3, 3],
		]);
		expect(bigCommerceOf(fx).store.getOrder(o.orderId).statusId).toBe(2);
	});

	it('two concurrent runs of the same slips create each shipment once', async () => {
		const o = await postedOrder();
		await slip({
			salesOrderNumber: o.salesOrderNumber,
			lines: [{ inventoryLotId: o.lots[1], quantity: 2 }],
		});
		await slip({ salesOrderNumber: o.salesOrderNumber });
		const slips = await poll(emptyStaticData());
		expect(slips).toHaveLength(2);
		const runs = await Promise.all([ship(slips), ship(slips), ship([...slips].reverse())]);
		const statuses = runs.flat().map((r) => r.status);
		expect(statuses.filter((s) => s === 'created')).toHaveLength(2);
		expect(statuses.filter((s) => s === 'alreadySent')).toHaveLength(4);
		expect(shipmentsOf(o.orderId)).toHaveLength(2);
		expect(shipped(o.orderId)).toEqual([
			[2, 2],
			[3, 3],
		]);
	});

	it('a corrected slip is reported as a correction and nothing is resent', async () => {
		const o = await postedOrder();
		const foMemory = emptyStaticData();
		const posted = await slip({ salesOrderNumber: o.salesOrderNumber });
		await ship(await poll(foMemory));
		const id = String((posted.header as IDataObject).PackingSlipId);
		await fx.admin('POST', `/d365/packing-slips/${id}/correct`, {
			lines: [{ lineNumber: 2, quantity: 1 }],
		});
		const [result] = await ship(await poll(foMemory));
		expect(result).toMatchObject({
			status: 'correction',
			sent: { [String(o.products[1].id)]: 3 },
			slip: { [String(o.products[1].id)]: 1 },
		});
		expect(shipmentsOf(o.orderId)).toHaveLength(1);
	});

	it.each([true, false])(
		'a correction older than the overlap window is found by its version (SourceKey link %s) and reported',
		async (sourceKeyLink) => {
			await fx.admin('PUT', '/d365/switches', {
				packingSlipVersionJourIsSourceKey: sourceKeyLink,
			});
			const o = await postedOrder();
			const foMemory = emptyStaticData();
			const posted = await slip({ salesOrderNumber: o.salesOrderNumber });
			const id = String((posted.header as IDataObject).PackingSlipId);
			// The slip was posted three days ago (its version with it); a newer slip moves the watermark.
			const d365 = fx.sandbox.services.d365 as unknown as D365Sandbox;
			const past = new Date(Date.now() - 3 * 86400000).toISOString().replace(/\.\d{3}Z$/, 'Z');
			for (const r of d365.store.all('CustPackingSlipJourBiEntities'))
				if (r.data.InternalPackingSlipId === id) r.data.CreatedOn = past;
			// VersionDateTime is a key: the row is stored again under its new key.
			for (const r of d365.store.all('CustPackingSlipVersionBiEntities'))
				if (r.data.InternalPackingSlipId === id) {
					d365.store.remove('CustPackingSlipVersionBiEntities', r);
					d365.store.seed('CustPackingSlipVersionBiEntities', { ...r.data, VersionDateTime: past });
				}
			expect((await ship(await poll(foMemory))).map((r) => r.status)).toEqual(['created']);
			const other = await postedOrder();
			await slip({ salesOrderNumber: other.salesOrderNumber });
			expect((await ship(await poll(foMemory))).map((r) => r.status)).toEqual([
				'alreadySent',
				'created',
			]);
			expect(await poll(foMemory)).toHaveLength(1); // the old slip is outside the window now

			await fx.admin('POST', `/d365/packing-slips/${id}/correct`, {
				lines: [
					{ lineNumber: 1, quantity: 0 },
					{ lineNumber: 2, quantity: 0 },
				],
			});
			const read = await poll(foMemory);
			const old = read.find((r) => r.packingSlipId === id) as IDataObject;
			expect(old).toMatchObject({ corrected: true, reRead: true });
			const bcMemory = emptyStaticData();
			const results = await ship(read, bcMemory);
			expect(results.find((r) => r.packingSlipId === id)).toMatchObject({
				status: 'cancellation',
				action: expect.stringMatching(/was cancelled after BigCommerce order .* fix the shipment/),
				needsReview: true,
				alreadyReported: false,
			});
			expect(shipmentsOf(o.orderId)).toHaveLength(1);
			// Read again while the version is inside the window: flagged as reported, never resent.
			const repeat = await ship(await poll(foMemory), bcMemory);
			expect(repeat.map((r) => [r.status, r.needsReview, r.alreadyReported]).sort()).toEqual([
				['alreadySent', false, false],
				['cancellation', true, true],
			]);
			expect(bigCommerceOf(fx).shipments.created).toHaveLength(2);
		},
	);

	it('a shipment deleted in the store is reported from what the node sent, not resent', async () => {
		const o = await postedOrder();
		const bcMemory = emptyStaticData();
		await slip({ salesOrderNumber: o.salesOrderNumber });
		const slips = await poll(emptyStaticData());
		const [created] = await ship(slips, bcMemory);
		const shipmentId = Number((created.shipments as IDataObject[])[0].id);
		await bigCommerceRequest(fx.context(), {
			method: 'DELETE',
			version: 'v2',
			path: `/orders/${o.orderId}/shipments/${shipmentId}`,
		});
		const [again] = await ship(slips, bcMemory);
		expect(again).toMatchObject({
			status: 'deletedInStore',
			action: expect.stringContaining(`Shipment ${shipmentId} for F&O packing slip`),
		});
		expect(shipmentsOf(o.orderId)).toEqual([]);
		// Without the node's memory (another workflow), the store's quantities decide: it ships again.
		expect((await ship(slips)).map((r) => r.status)).toEqual(['created']);
		// The memory keeps only the newest slips (it is saved with every execution).
		const memory = Object.values(bcMemory.node)[0] as { sent: Record<string, unknown> };
		const key = `usmf|${String(slips[0].packingSlipId)}`;
		delete memory.sent[key];
		for (let n = 0; n < REMEMBERED_SLIPS; n++) memory.sent[`usmf|OLD-${n}`] = {};
		expect((await ship(slips, bcMemory)).map((r) => r.status)).toEqual(['alreadySent']);
		const kept = Object.keys(memory.sent);
		expect(kept).toHaveLength(REMEMBERED_SLIPS);
		expect(kept).not.toContain('usmf|OLD-0');
		expect(kept.at(-1)).toBe(key);
	});

	it('a line shipped by hand in the store is not shipped again; a fully shipped slip sends nothing', async () => {
		const o = await postedOrder();
		await fx.admin('PUT', `/bigcommerce/orders/${o.orderId}/status`, { status_id: 2 }); // marks every line shipped
		await slip({ salesOrderNumber: o.salesOrderNumber });
		const [result] = await ship(await poll(emptyStaticData()));
		expect(result.status).toBe('nothingToShip');
		expect((result.notShipped as IDataObject[]).map((n) => n.reason)).toEqual([
			'alreadyShippedInStore',
			'alreadyShippedInStore',
		]);
		expect(shipmentsOf(o.orderId)).toEqual([]);
	});

	it('with the lot-id link off in F&O (unverified), lines still match by line number', async () => {
		await fx.admin('PUT', '/d365/switches', { packingSlipInventTransIdIsLotId: false });
		const o = await postedOrder();
		await slip({ salesOrderNumber: o.salesOrderNumber });
		const [read] = await poll(emptyStaticData());
		expect((read.lines as IDataObject[]).map((l) => [l.matchedBy, l.orderProductId])).toEqual([
			['lineNumber', o.products[0].id],
			['lineNumber', o.products[1].id],
		]);
	});

	it('calls stay flat: F&O reads per page of slips, BigCommerce calls per slip', async () => {
		const orders = [];
		for (let n = 0; n < 4; n++) orders.push(await postedOrder());
		for (const o of orders) await slip({ salesOrderNumber: o.salesOrderNumber });
		const foSince = fx.lastSeq();
		const slips = await poll(emptyStaticData());
		expect(slips).toHaveLength(4);
		// One header read and one of versions, then per chunk of orders: order headers, slip lines,
		// order lines, tracking.
		expect(fx.requests('d365', foSince).length).toBe(6);
		const bcSince = fx.lastSeq();
		await ship(slips);
		// Per slip: list shipments, products, create, status (set from the products read before).
		expect(fx.requests('bigcommerce', bcSince).length).toBe(4 * 4);
	});
});
