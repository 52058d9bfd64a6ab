/**
 * Posted packing slips of the orders this pack posted, read back from F&O so the store can be told
 * what shipped. Standard F&O has no "sales packing slip header/line" entity: posted slips are read
 * from the BI entities CustPackingSlipJourBiEntities (headers) and CustPackingSlipTransBiEntities
 * (lines), tracking numbers from PackingSlipTrackingInformation (zero or more per slip). None of
 * them has a modified date, so the watermark is the header's CreatedOn plus its RecId key
 * (SourceDocumentHeader), and every read goes back an overlap window before it: a slip committed
 * late, or corrected in place (F&O's correction keeps CreatedOn and changes Qty), is read again.
 * Re-reading is safe because the store side compares with what the order already shipped.
 *
 * Corrections and cancellations older than the overlap: F&O keeps a version of a posted slip per
 * correction (CustPackingSlipVersionBiEntities, VersionDateTime; no company, RecIds are global).
 * Each read also takes the versions since a second watermark (less the overlap); a slip with a
 * version later than its CreatedOn is `corrected`, and one outside the window is read again by its
 * key, so the store side can report the change (never resend it). The version's CustPackingSlipJour
 * is taken to be the BI header's SourceKey (the journal's RecId) — UNVERIFIED, inferred from the
 * BI-entity naming; a version that matches no SourceKey is matched by InternalPackingSlipId, and the
 * sandbox switch packingSlipVersionJourIsSourceKey plays an F&O where the first link does not hold.
 *
 * Calls are flat per page of headers: one read of headers and one of versions (plus one per 20
 * corrected slips older than the window), then per chunk of sales orders one read each of slip lines, order headers (CustomersOrderReference → BigCommerce order), order lines
 * (OrderLineReference → BigCommerce order product) and tracking numbers.
 *
 * Linking a slip line to its order line: InventTransId = SalesOrderLines.InventoryLotId is
 * UNVERIFIED (inferred from the EDT names in the research). `lineMatch: 'inventTransId'` uses it and
 * falls back to the safe secondary key SalesId + LineNum = LineNumber when it finds nothing;
 * `lineMatch: 'lineNumber'` uses only the secondary key. The sandbox switch
 * packingSlipInventTransIdIsLotId plays an F&O where the first link does not hold.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { parseOrderReference } from '../mapping/references';
import { odataString, queryEntities } from '../odata';

export type LineMatch = 'inventTransId' | 'lineNumber';

export interface Watermark {
	createdOn: string;
	id: number;
	/** The newest packing-slip version read (VersionDateTime). */
	versionOn?: string;
}

export interface PackingSlipLine {
	lineNumber: number;
	inventTransId: string;
	itemId: string;
	quantity: number;
	/** The BigCommerce order product id (SalesOrderLines.OrderLineReference), or undefined. */
	orderProductId?: number;
	/** How the order line was found: by lot id, by line number, or not at all. */
	matchedBy: 'inventTransId' | 'lineNumber' | 'none';
}

export interface PackingSlipItem extends IDataObject {
	dataAreaId: string;
	packingSlipId: string;
	recId: number;
	salesOrderNumber: string;
	customersOrderReference: string;
	bigCommerceOrderId: number;
	createdOn: string;
	deliveryDate: string;
	carrier: string;
	deliveryMode: string;
	trackingNumbers: IDataObject[];
	lines: IDataObject[];
	/** Read before (at or under the last watermark): re-read within the overlap window. */
	reRead: boolean;
	/** F&O has a version of the slip later than its posting: corrected or cancelled since. */
	corrected: boolean;
	/** The newest such version's time, when corrected. */
	correctedOn?: string;
}

export interface PackingSlipQuery {
	dataAreaId: string;
	storeHash: string;
	referencePrefix?: string;
	/** Start of the read; the overlap is taken off it. */
	since?: Watermark;
	overlapMinutes: number;
	lineMatch: LineMatch;
	itemIndex?: number;
}

export interface PackingSlipRead {
	slips: PackingSlipItem[];
	/** Slips of orders the pack did not post (another reference, or none): not for this store. */
	skipped: number;
	watermark?: Watermark;
	requests: number;
}

const CHUNK = 20;
const EPOCH = '1900-01-01T00:00:00Z';

const chunks = <T>(values: T[], size: number): T[][] =>
	Array.from({ length: Math.ceil(values.length / size) }, (_, i) =>
		values.slice(i * size, i * size + size),
	);

const anyOf = (field: string, values: string[]) =>
	`(${values.map((v) => `${field} eq ${odataString(v)}`).join(' or ')})`;

/** ISO minus minutes, as an OData DateTimeOffset literal (no quotes, no milliseconds). */
function minus(iso: string, minutes: number): string {
	const ms = Date.parse(iso) - minutes * 60000;
	return new Date(Math.max(ms, Date.parse(EPOCH))).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const HEADER_FIELDS = [
	'dataAreaId',
	'SourceDocumentHeader',
	'SourceKey',
	'InternalPackingSlipId',
	'PackingSlipId',
	'SalesId',
	'CreatedOn',
	'DeliveryDate',
	'ShipCarrierId',
	'DlvMode',
];

const newest = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) || !b ? a : b);

/** Does a version belong to a header: by SourceKey (unverified link), else by internal slip id. */
const versionOf = (v: IDataObject, h: IDataObject) =>
	Number(v.CustPackingSlipJour) === Number(h.SourceKey) ||
	(!!v.InternalPackingSlipId &&
		String(v.InternalPackingSlipId).toLowerCase() ===
			String(h.InternalPackingSlipId ?? '').toLowerCase());

const versionClause = (v: IDataObject) =>
	v.InternalPackingSlipId
		? `(SourceKey eq ${Number(v.CustPackingSlipJour)} or InternalPackingSlipId eq ${odataString(String(v.InternalPackingSlipId))})`
		: `SourceKey eq ${Number(v.CustPackingSlipJour)}`;

/** Versions of slips not in the window: one per slip, to read those headers by key. */
function olderCorrected(headers: IDataObject[], versions: IDataObject[]): IDataObject[] {
	const out = new Map<string, IDataObject>();
	for (const v of versions)
		if (!headers.some((h) => versionOf(v, h))) out.set(String(v.CustPackingSlipJour), v);
	return [...out.values()];
}

/** Headers with a version later than their posting, and the newest such version's time. */
function correctionsOf(headers: IDataObject[], versions: IDataObject[]) {
	const out = new Map<IDataObject, string>();
	for (const h of headers)
		for (const v of versions) {
			const at = String(v.VersionDateTime);
			if (versionOf(v, h) && Date.parse(at) > Date.parse(String(h.CreatedOn)))
				out.set(h, newest(out.get(h) ?? '', at));
		}
	return out;
}

const later = (a: Watermark, b: Watermark) =>
	a.createdOn > b.createdOn || (a.createdOn === b.createdOn && a.id > b.id);

export async function readPackingSlipsSince(
	context: HttpContext,
	query: PackingSlipQuery,
): Promise<PackingSlipRead> {
	const company = `dataAreaId eq ${odataString(query.dataAreaId)}`;
	const from = minus(query.since?.createdOn ?? EPOCH, query.since ? query.overlapMinutes : 0);
	let requests = 2;
	const headers = await queryEntities(context, 'CustPackingSlipJourBiEntities', {
		filter: `${company} and CreatedOn ge ${from}`,
		orderby: 'CreatedOn,SourceDocumentHeader',
		select: HEADER_FIELDS,
		itemIndex: query.itemIndex,
	});
	const since = query.since?.versionOn ?? query.since?.createdOn ?? EPOCH;
	const versions = await queryEntities(context, 'CustPackingSlipVersionBiEntities', {
		filter: `VersionDateTime ge ${minus(since, query.since ? query.overlapMinutes : 0)}`,
		select: ['CustPackingSlipJour', 'VersionDateTime', 'InternalPackingSlipId'],
		itemIndex: query.itemIndex,
	});
	const older = olderCorrected(headers, versions);
	for (const group of chunks(older, CHUNK)) {
		requests++;
		headers.push(
			...(await queryEntities(context, 'CustPackingSlipJourBiEntities', {
				filter: `${company} and (${group.map(versionClause).join(' or ')})`,
				select: HEADER_FIELDS,
				itemIndex: query.itemIndex,
			})),
		);
	}
	const correctedOn = correctionsOf(headers, versions);
	const versionOn = versions.map((v) => String(v.VersionDateTime)).reduce(newest, since);
	const slips: PackingSlipItem[] = [];
	let skipped = 0;
	let watermark = query.since;
	for (const group of chunks([...new Set(headers.map((h) => String(h.SalesId)))], CHUNK)) {
		const read = async (set: string, field: string, select: string[]) => {
			requests++;
			return await queryEntities(context, set, {
				filter: `${company} and ${anyOf(field, group)}`,
				select,
				itemIndex: query.itemIndex,
			});
		};
		const orders = await read('SalesOrderHeadersV2', 'SalesOrderNumber', [
			'SalesOrderNumber',
			'CustomersOrderReference',
		]);
		const ours = new Map<string, { reference: string; orderId: number }>();
		for (const o of orders) {
			const reference = String(o.CustomersOrderReference ?? '');
			const parsed = parseOrderReference(reference, { prefix: query.referencePrefix });
			if (parsed && parsed.storeHash.toLowerCase() === query.storeHash.toLowerCase())
				ours.set(String(o.SalesOrderNumber).toLowerCase(), { reference, orderId: parsed.orderId });
		}
		const wanted = group.filter((id) => ours.has(id.toLowerCase()));
		if (!wanted.length) {
			skipped += headers.filter((h) => group.includes(String(h.SalesId))).length;
			continue;
		}
		const slipLines = await read('CustPackingSlipTransBiEntities', 'SalesId', [
			'PackingSlipId',
			'SalesId',
			'InventTransId',
			'LineNum',
			'ItemId',
			'Qty',
		]);
		const orderLines = await read('SalesOrderLines', 'SalesOrderNumber', [
			'SalesOrderNumber',
			'InventoryLotId',
			'LineNumber',
			'OrderLineReference',
		]);
		const tracking = await read('PackingSlipTrackingInformation', 'SalesOrderNumber', [
			'SalesOrderNumber',
			'PackingSlipNumber',
			'TrackingNumber',
			'TrackingURL',
		]);
		for (const h of headers.filter((x) => group.includes(String(x.SalesId)))) {
			const salesId = String(h.SalesId);
			const order = ours.get(salesId.toLowerCase());
			const mark = { createdOn: String(h.CreatedOn), id: Number(h.SourceDocumentHeader) };
			if (!watermark || later(mark, watermark)) watermark = mark;
			if (!order) {
				skipped++;
				continue;
			}
			const id = String(h.PackingSlipId);
			const same = (a: unknown, b: string) => String(a).toLowerCase() === b.toLowerCase();
			const ofOrder = orderLines.filter((l) => same(l.SalesOrderNumber, salesId));
			const lines: PackingSlipLine[] = slipLines
				.filter((l) => same(l.PackingSlipId, id))
				.map((l) => {
					const byLot =
						query.lineMatch === 'inventTransId'
							? ofOrder.find((o) => same(o.InventoryLotId, String(l.InventTransId)))
							: undefined;
					const byNumber = byLot
						? undefined
						: ofOrder.find((o) => Number(o.LineNumber) === Number(l.LineNum));
					const line = byLot ?? byNumber;
					const reference = Number(line?.OrderLineReference);
					return {
						lineNumber: Number(l.LineNum),
						inventTransId: String(l.InventTransId ?? ''),
						itemId: String(l.ItemId ?? ''),
						quantity: Number(l.Qty),
						orderProductId: Number.isInteger(reference) && reference > 0 ? reference : undefined,
						matchedBy: byLot ? 'inventTransId' : byNumber ? 'lineNumber' : 'none',
					};
				});
			slips.push({
				dataAreaId: String(h.dataAreaId),
				packingSlipId: id,
				recId: mark.id,
				salesOrderNumber: salesId,
				customersOrderReference: order.reference,
				bigCommerceOrderId: order.orderId,
				createdOn: mark.createdOn,
				deliveryDate: String(h.DeliveryDate ?? ''),
				carrier: String(h.ShipCarrierId ?? ''),
				deliveryMode: String(h.DlvMode ?? ''),
				trackingNumbers: tracking
					.filter((t) => same(t.PackingSlipNumber, id))
					.map((t) => ({ number: String(t.TrackingNumber), url: String(t.TrackingURL ?? '') })),
				lines: lines as unknown as IDataObject[],
				reRead: Boolean(query.since && !later(mark, query.since)),
				corrected: correctedOn.has(h),
				...(correctedOn.has(h) ? { correctedOn: correctedOn.get(h) } : {}),
			});
		}
	}
	if (watermark && versionOn !== EPOCH) watermark = { ...watermark, versionOn };
	return { slips, skipped, watermark, requests };
}
