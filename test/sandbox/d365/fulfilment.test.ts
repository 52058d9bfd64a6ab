/**
 * The F&O sandbox ships and counts as F&O does, read back over OData: a packing slip posted for a
 * sales order (full, partial, with several tracking numbers, corrected later) shows as a
 * CustPackingSlipJourBiEntities header, CustPackingSlipTransBiEntities lines that link to the order
 * lines, and PackingSlipTrackingInformation rows; the order's status follows; the sets refuse OData
 * writes; on-hand rows set per warehouse read back from WarehousesOnHandV2, company-scoped.
 */
import { useD365Sandbox } from './testSupport';

const d365 = useD365Sandbox();
const { call } = d365;

type Json = Record<string, unknown>;

const admin = async (method: string, path: string[], body?: unknown) =>
	(await d365.sandbox.admin(method, path, body, new URLSearchParams())) as {
		status: number;
		body: Json;
	};

/** A sales order of two stocked lines (2 tents, 3 lamps) and a shipping charge line. */
async function salesOrder(): Promise<{ number: string; lots: string[] }> {
	const so = await call('POST', 'SalesOrderHeadersV2', {
		OrderingCustomerAccountNumber: 'WEB-GUEST',
		CustomersOrderReference: 'BC-sbx-101',
	});
	expect(so.status).toBe(201);
	const number = so.json.SalesOrderNumber as string;
	const lots: string[] = [];
	for (const [ItemNumber, qty] of [
		['TENT-2P-ALPINE', 2],
		['LAMP-HEAD-400', 3],
		['SHIPPING', 1],
	] as const) {
		const line = await call('POST', 'SalesOrderLines', {
			SalesOrderNumber: number,
			ItemNumber,
			OrderedSalesQuantity: qty,
		});
		expect(line.status).toBe(201);
		lots.push(line.json.InventoryLotId as string);
	}
	return { number, lots };
}

const rows = async (set: string, filter: string) =>
	(await call('GET', `${set}?$filter=${encodeURIComponent(filter)}`)).json.value as Json[];

describe('packing slips', () => {
	it('a partial slip then a full one: lines link to the order lines, remaining counts down, status follows', async () => {
		const { number, lots } = await salesOrder();
		const first = await admin('POST', ['packing-slips'], {
			salesOrderNumber: number,
			lines: [{ inventoryLotId: lots[0], quantity: 1 }],
			trackingNumbers: ['1Z999AA10123456784'],
			carrier: 'UPS',
		});
		expect(first.status).toBe(201);
		const header = await call(
			'GET',
			`SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${number}')`,
		);
		expect(header.json.SalesOrderStatus).toBe('Backorder');
		const second = await admin('POST', ['packing-slips'], {
			salesOrderNumber: number,
			trackingNumbers: ['1Z999AA10123456785', { number: 'TRK-2', url: 'https://t.example/TRK-2' }],
		});
		expect(second.status).toBe(201);

		const slips = await rows('CustPackingSlipJourBiEntities', `SalesId eq '${number}'`);
		expect(slips.map((s) => [s.Qty, s.ShipCarrierId, s.CustomerRef])).toEqual([
			[1, 'UPS', 'BC-sbx-101'],
			[4, '', 'BC-sbx-101'],
		]);
		const lines = await rows('CustPackingSlipTransBiEntities', `SalesId eq '${number}'`);
		// The charge line (a Service item) is never on a slip; InventTransId carries the lot id.
		expect(
			lines.map((l) => [l.PackingSlipId, l.InventTransId, l.LineNum, l.Qty, l.Remain]),
		).toEqual([
			[slips[0].PackingSlipId, lots[0], 1, 1, 1],
			[slips[1].PackingSlipId, lots[0], 1, 1, 0],
			[slips[1].PackingSlipId, lots[1], 2, 3, 0],
		]);
		const tracking = await rows(
			'PackingSlipTrackingInformation',
			`SalesOrderNumber eq '${number}'`,
		);
		expect(tracking.map((t) => [t.PackingSlipNumber, t.TrackingNumber, t.TrackingURL])).toEqual([
			[slips[0].PackingSlipId, '1Z999AA10123456784', ''],
			[slips[1].PackingSlipId, '1Z999AA10123456785', ''],
			[slips[1].PackingSlipId, 'TRK-2', 'https://t.example/TRK-2'],
		]);
		const after = await call(
			'GET',
			`SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${number}')`,
		);
		expect(after.json.SalesOrderStatus).toBe('Delivered');
		const recent = await rows(
			'CustPackingSlipJourBiEntities',
			`CreatedOn gt 2020-01-01T00:00:00Z and SalesId eq '${number}'`,
		);
		expect(recent).toHaveLength(2);
	});

	it('refuses shipping more than remains, and a slip when nothing is left', async () => {
		const { number, lots } = await salesOrder();
		const over = await admin('POST', ['packing-slips'], {
			salesOrderNumber: number,
			lines: [{ inventoryLotId: lots[0], quantity: 3 }],
		});
		expect(over.status).toBe(400);
		expect(await rows('CustPackingSlipTransBiEntities', `SalesId eq '${number}'`)).toEqual([]);
		expect((await admin('POST', ['packing-slips'], { salesOrderNumber: number })).status).toBe(201);
		expect((await admin('POST', ['packing-slips'], { salesOrderNumber: number })).status).toBe(400);
	});

	it('a correction lowers the slip quantities in place and keeps CreatedOn', async () => {
		const { number } = await salesOrder();
		const posted = await admin('POST', ['packing-slips'], { salesOrderNumber: number });
		const id = (posted.body.header as Json).PackingSlipId as string;
		const before = await rows('CustPackingSlipTransBiEntities', `PackingSlipId eq '${id}'`);
		const corrected = await admin('POST', ['packing-slips', id, 'correct'], {
			lines: [{ lineNumber: 2, quantity: 1 }],
		});
		expect(corrected.status).toBe(200);
		const after = await rows('CustPackingSlipTransBiEntities', `PackingSlipId eq '${id}'`);
		expect(after.map((l) => [l.Qty, l.Remain, l.CreatedOn])).toEqual([
			[2, 0, before[0].CreatedOn],
			[1, 2, before[1].CreatedOn],
		]);
		const header = await call(
			'GET',
			`SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${number}')`,
		);
		expect(header.json.SalesOrderStatus).toBe('Backorder');
		// One version at posting, one for the correction, linked by the header's SourceKey.
		const [jour] = await rows('CustPackingSlipJourBiEntities', `PackingSlipId eq '${id}'`);
		const versions = await rows(
			'CustPackingSlipVersionBiEntities',
			`CustPackingSlipJour eq ${String(jour.SourceKey)}`,
		);
		expect(versions.map((v) => v.Qty)).toEqual([5, 3]);
		expect(String(versions[1].VersionDateTime) > String(versions[0].VersionDateTime)).toBe(true);
	});

	it('with packingSlipInventTransIdIsLotId off only SalesId + LineNum link a slip line (unverified link)', async () => {
		await admin('PUT', ['switches'], { packingSlipInventTransIdIsLotId: false });
		const { number, lots } = await salesOrder();
		await admin('POST', ['packing-slips'], { salesOrderNumber: number });
		const lines = await rows('CustPackingSlipTransBiEntities', `SalesId eq '${number}'`);
		expect(lines.map((l) => l.InventTransId)).not.toContain(lots[0]);
		expect(lines.map((l) => l.LineNum)).toEqual([1, 2]);
	});

	it('the posted sets are read-only over OData', async () => {
		for (const set of [
			'CustPackingSlipJourBiEntities',
			'CustPackingSlipTransBiEntities',
			'CustPackingSlipVersionBiEntities',
			'PackingSlipTrackingInformation',
			'WarehousesOnHandV2',
		])
			expect((await call('POST', set, { dataAreaId: 'usmf' })).status).toBe(405);
	});
});

describe('on hand per warehouse', () => {
	it('rows set per warehouse read back, change, and are company-scoped (cross-company to see another)', async () => {
		const put = await admin(
			'PUT',
			['on-hand'],
			[
				{
					ItemNumber: 'TENT-2P-ALPINE',
					InventorySiteId: '1',
					InventoryWarehouseId: '11',
					OnHandQuantity: 10,
					ReservedOnHandQuantity: 2,
				},
				{
					ItemNumber: 'TENT-2P-ALPINE',
					InventorySiteId: '2',
					InventoryWarehouseId: '21',
					OnHandQuantity: 4,
				},
				{
					dataAreaId: 'demf',
					ItemNumber: 'TENT-2P-ALPINE',
					InventorySiteId: '1',
					InventoryWarehouseId: '11',
					OnHandQuantity: 99,
				},
			],
		);
		expect(put.body).toEqual({ written: 3 });
		const usmf = await call('GET', 'WarehousesOnHandV2');
		expect(
			usmf.json.value.map((r: Json) => [
				r.InventoryWarehouseId,
				r.AvailableOnHandQuantity,
				r.ProductColorId,
			]),
		).toEqual([
			['11', 8, ''],
			['21', 4, ''],
		]);
		await admin(
			'PUT',
			['on-hand'],
			[
				{
					ItemNumber: 'TENT-2P-ALPINE',
					InventorySiteId: '2',
					InventoryWarehouseId: '21',
					OnHandQuantity: 1,
				},
			],
		);
		const demf = await call(
			'GET',
			`WarehousesOnHandV2?cross-company=true&$filter=${encodeURIComponent("dataAreaId eq 'demf'")}`,
		);
		expect(demf.json.value.map((r: Json) => r.AvailableOnHandQuantity)).toEqual([99]);
		const changed = await rows('WarehousesOnHandV2', "InventoryWarehouseId eq '21'");
		expect(changed.map((r) => r.AvailableOnHandQuantity)).toEqual([1]);
	});
});
