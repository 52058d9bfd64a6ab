/**
 * Posting a sales packing slip, as F&O's "Post packing slip" does for a sales order, and correcting
 * one. The result is what an integration can read back over OData: a CustPackingSlipJourBiEntities
 * header, one CustPackingSlipTransBiEntities line per shipped order line, and zero or more
 * PackingSlipTrackingInformation rows (one per tracking number: the number is part of the key). A
 * slip ships either what is left of every stocked line (full) or the quantities given (partial);
 * service items (charges) are never on a slip [inferred]. Over-shipping is refused, as F&O refuses a
 * deliver-now quantity above what remains without over-delivery tolerance [inferred].
 *
 * Linking a slip line to the order line: the line's InventTransId is taken to be the order line's
 * lot id (SalesOrderLines.InventoryLotId) — UNVERIFIED (research: inferred from the EDT names). The
 * switch `packingSlipInventTransIdIsLotId` (default true) set to false writes another lot id there,
 * so only the secondary key (SalesId + LineNum = SalesOrderLines.LineNumber) still matches; the pack's
 * Line Match option must then be set to the secondary key.
 *
 * A correction (F&O: "Correct" on a posted packing slip) changes the quantities of the existing slip
 * rows in place and keeps their CreatedOn, so a reader polling on CreatedOn only sees it when it
 * re-reads the slip (the pack's overlap window) — or by its new CustPackingSlipVersionBiEntities row
 * (one is written at posting, one per correction [inferred]; VersionDateTime is when).
 */
import type { D365Store, StoredRecord } from './store';
import type { D365Switches } from './switches';

export class PackingSlipError extends Error {}

export interface PackingSlipLineSpec {
	/** The order line by its lot id (SalesOrderLines.InventoryLotId) … */
	inventoryLotId?: string;
	/** … or by its line number (SalesOrderLines.LineNumber). */
	lineNumber?: number;
	quantity: number;
}

export interface TrackingSpec {
	number: string;
	url?: string;
}

export interface PackingSlipSpec {
	dataAreaId?: string;
	salesOrderNumber: string;
	/** Omitted: everything still to ship on every stocked line (a full packing slip). */
	lines?: PackingSlipLineSpec[];
	trackingNumbers?: (string | TrackingSpec)[];
	/** CustPackingSlipJour.ShipCarrierId; default: none. */
	carrier?: string;
	/** CustPackingSlipJour.DlvMode; default: the order's DeliveryModeCode. */
	deliveryMode?: string;
	/** ISO date; default today. F&O answers date-only values as `…T12:00:00Z`. */
	deliveryDate?: string;
	warehouse?: string;
}

export interface PostedPackingSlip {
	header: Record<string, unknown>;
	lines: Record<string, unknown>[];
	tracking: Record<string, unknown>[];
}

const dateOnly = (iso: string) => `${iso.slice(0, 10)}T12:00:00Z`;
const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function orderLines(store: D365Store, company: string, salesId: string): StoredRecord[] {
	return store
		.all('SalesOrderLines')
		.filter(
			(r) =>
				r.data.dataAreaId === company &&
				String(r.data.SalesOrderNumber).toLowerCase() === salesId.toLowerCase(),
		)
		.sort((a, b) => Number(a.data.LineNumber) - Number(b.data.LineNumber));
}

function isStocked(store: D365Store, company: string, itemNumber: unknown): boolean {
	const item = store.find('ReleasedProductsV2', { dataAreaId: company, ItemNumber: itemNumber });
	return item?.data.ProductType !== 'Service';
}

/** What the order line's slips shipped so far (sum of Qty over every slip line of the lot). */
function shippedSoFar(store: D365Store, company: string, line: StoredRecord): number {
	return store
		.all('CustPackingSlipTransBiEntities')
		.filter(
			(r) =>
				r.data.dataAreaId === company &&
				String(r.data.SalesId).toLowerCase() === String(line.data.SalesOrderNumber).toLowerCase() &&
				Number(r.data.LineNum) === Number(line.data.LineNumber),
		)
		.reduce((sum, r) => sum + Number(r.data.Qty), 0);
}

/** The slip line's InventTransId: the lot id, or (switch off) another id F&O might carry there. */
function inventTransId(line: StoredRecord, switches: D365Switches): string {
	const lot = String(line.data.InventoryLotId);
	return switches.packingSlipInventTransIdIsLotId ? lot : `${lot}-T`;
}

function updateStatuses(store: D365Store, company: string, header: StoredRecord): void {
	const lines = orderLines(store, company, String(header.data.SalesOrderNumber)).filter((l) =>
		isStocked(store, company, l.data.ItemNumber),
	);
	for (const line of lines) {
		const left = Number(line.data.OrderedSalesQuantity) - shippedSoFar(store, company, line);
		line.data.SalesOrderLineStatus = left <= 0 ? 'Delivered' : 'Backorder';
	}
	header.data.SalesOrderStatus = lines.every((l) => l.data.SalesOrderLineStatus === 'Delivered')
		? 'Delivered'
		: 'Backorder';
}

/** The slip's newest version time, so a correction in the same second still gets its own row. */
function lastVersionOn(store: D365Store, jour: Record<string, unknown>): string {
	return store
		.all('CustPackingSlipVersionBiEntities')
		.filter((r) => r.data.InternalPackingSlipId === jour.InternalPackingSlipId)
		.map((r) => String(r.data.VersionDateTime))
		.reduce((a, b) => (a > b ? a : b), '');
}

/** A CustPackingSlipVersionBiEntities row for the slip as it stands now. */
function addVersion(
	store: D365Store,
	switches: D365Switches,
	jour: Record<string, unknown>,
	at: string,
	after = '',
): void {
	const later = at > after ? at : new Date(Date.parse(after) + 1000).toISOString();
	store.seed('CustPackingSlipVersionBiEntities', {
		CustPackingSlipJour: switches.packingSlipVersionJourIsSourceKey
			? jour.SourceKey
			: store.nextRecId(),
		VersionDateTime: later.replace(/\.\d{3}Z$/, 'Z'),
		AccountingDate: jour.DocumentDate,
		InternalPackingSlipId: jour.InternalPackingSlipId,
		LedgerVoucher: jour.LedgerVoucher ?? '',
		Qty: jour.Qty,
		SourceKey: store.nextRecId(),
	});
}

export function postPackingSlip(
	store: D365Store,
	switches: D365Switches,
	spec: PackingSlipSpec,
): PostedPackingSlip {
	const company = (spec.dataAreaId ?? switches.defaultCompany).toLowerCase();
	const header = store.find('SalesOrderHeadersV2', {
		dataAreaId: company,
		SalesOrderNumber: spec.salesOrderNumber,
	});
	if (!header)
		throw new PackingSlipError(
			`Sales order ${spec.salesOrderNumber} does not exist in ${company}.`,
		);
	const salesId = String(header.data.SalesOrderNumber);
	const stocked = orderLines(store, company, salesId).filter((l) =>
		isStocked(store, company, l.data.ItemNumber),
	);
	const remaining = (l: StoredRecord) =>
		Number(l.data.OrderedSalesQuantity) - shippedSoFar(store, company, l);
	const picks: { line: StoredRecord; quantity: number }[] = spec.lines
		? spec.lines.map((want) => {
				const line = stocked.find((l) =>
					want.inventoryLotId !== undefined
						? String(l.data.InventoryLotId).toLowerCase() === want.inventoryLotId.toLowerCase()
						: Number(l.data.LineNumber) === want.lineNumber,
				);
				if (!line)
					throw new PackingSlipError(
						`No stocked line ${want.inventoryLotId ?? want.lineNumber} on sales order ${salesId}.`,
					);
				return { line, quantity: want.quantity };
			})
		: stocked.map((line) => ({ line, quantity: remaining(line) })).filter((p) => p.quantity > 0);
	if (!picks.length)
		throw new PackingSlipError(`Nothing is left to ship on sales order ${salesId}.`);
	for (const { line, quantity } of picks) {
		if (!(quantity > 0) || quantity > remaining(line))
			throw new PackingSlipError(
				`Line ${String(line.data.LineNumber)} of ${salesId}: deliver now ${quantity}, remaining ${remaining(line)}.`,
			);
	}
	const createdOn = nowIso();
	const deliveryDate = dateOnly(spec.deliveryDate ?? createdOn);
	const packingSlipId = store.nextNumber(
		'PackingSlipId',
		company,
		(n, c) => `${c.toUpperCase()}-PS${String(n).padStart(6, '0')}`,
	);
	const warehouse = spec.warehouse ?? String(header.data.DefaultShippingWarehouseId ?? '');
	const jour = store.seed('CustPackingSlipJourBiEntities', {
		dataAreaId: company,
		SourceDocumentHeader: store.nextRecId(),
		PackingSlipId: packingSlipId,
		InternalPackingSlipId: packingSlipId,
		SalesId: salesId,
		CreatedOn: createdOn,
		DeliveryDate: deliveryDate,
		DocumentDate: deliveryDate,
		Qty: picks.reduce((sum, p) => sum + p.quantity, 0),
		DlvMode: spec.deliveryMode ?? String(header.data.DeliveryModeCode ?? ''),
		ShipCarrierId: spec.carrier ?? '',
		SourceKey: store.nextRecId(),
		CustomerRef: header.data.CustomersOrderReference, // [inferred: copied from the order]
		DeliveryName: header.data.DeliveryAddressName,
		inventLocationId: warehouse,
		OrderAccount: header.data.OrderingCustomerAccountNumber,
		InvoiceAccount: header.data.InvoiceCustomerAccountNumber,
		LanguageId: header.data.LanguageId,
	});
	const lines = picks.map(({ line, quantity }) => {
		const left = remaining(line) - quantity;
		return store.seed('CustPackingSlipTransBiEntities', {
			dataAreaId: company,
			SourceDocumentLine: store.nextRecId(),
			PackingSlipId: packingSlipId,
			SalesId: salesId,
			OrigSalesId: salesId,
			InventTransId: inventTransId(line, switches),
			LineNum: line.data.LineNumber,
			ItemId: line.data.ItemNumber,
			ExternalItemId: line.data.ExternalItemNumber,
			Name: line.data.LineDescription,
			Qty: quantity,
			inventQty: quantity,
			Ordered: line.data.OrderedSalesQuantity,
			Remain: left,
			SalesUnit: line.data.SalesUnitSymbol,
			CurrencyCode: line.data.CurrencyCode,
			DeliveryDate: deliveryDate,
			CreatedOn: createdOn,
		}).data;
	});
	const tracking = (spec.trackingNumbers ?? []).map((t) => {
		const { number, url } = typeof t === 'string' ? { number: t, url: '' } : t;
		return store.seed('PackingSlipTrackingInformation', {
			dataAreaId: company,
			SalesOrderNumber: salesId,
			PackingSlipNumber: packingSlipId,
			DeliveryDate: deliveryDate,
			TrackingNumber: number,
			TrackingURL: url ?? '',
		}).data;
	});
	addVersion(store, switches, jour.data, createdOn);
	updateStatuses(store, company, header);
	return { header: jour.data, lines, tracking };
}

export interface CorrectionSpec {
	dataAreaId?: string;
	packingSlipId: string;
	/** New quantities per slip line, by the order line's LineNumber; 0 cancels the line. */
	lines: { lineNumber: number; quantity: number }[];
}

/** A packing-slip correction: the slip's rows get the new quantities; CreatedOn stays. */
export function correctPackingSlip(
	store: D365Store,
	switches: D365Switches,
	spec: CorrectionSpec,
): PostedPackingSlip {
	const company = (spec.dataAreaId ?? switches.defaultCompany).toLowerCase();
	const ofSlip = (set: string) =>
		store
			.all(set)
			.filter(
				(r) =>
					r.data.dataAreaId === company &&
					String(r.data.PackingSlipId).toLowerCase() === spec.packingSlipId.toLowerCase(),
			);
	const [jour] = ofSlip('CustPackingSlipJourBiEntities');
	if (!jour) throw new PackingSlipError(`Packing slip ${spec.packingSlipId} does not exist.`);
	const rows = ofSlip('CustPackingSlipTransBiEntities');
	for (const change of spec.lines) {
		const row = rows.find((r) => Number(r.data.LineNum) === change.lineNumber);
		if (!row)
			throw new PackingSlipError(
				`Packing slip ${spec.packingSlipId} has no line ${change.lineNumber}.`,
			);
		if (change.quantity < 0 || change.quantity > Number(row.data.Qty))
			throw new PackingSlipError('A correction can only lower a quantity [inferred].');
		row.data.Remain = Number(row.data.Remain) + Number(row.data.Qty) - change.quantity;
		row.data.Qty = row.data.inventQty = change.quantity;
		row.version++;
	}
	jour.data.Qty = rows.reduce((sum, r) => sum + Number(r.data.Qty), 0);
	jour.version++;
	addVersion(store, switches, jour.data, nowIso(), lastVersionOn(store, jour.data));
	const header = store.find('SalesOrderHeadersV2', {
		dataAreaId: company,
		SalesOrderNumber: jour.data.SalesId,
	});
	if (header) updateStatuses(store, company, header);
	const tracking = store
		.all('PackingSlipTrackingInformation')
		.filter(
			(r) =>
				r.data.dataAreaId === company &&
				String(r.data.PackingSlipNumber).toLowerCase() === spec.packingSlipId.toLowerCase(),
		)
		.map((r) => r.data);
	return { header: jour.data, lines: rows.map((r) => r.data), tracking };
}
