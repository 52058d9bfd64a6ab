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
 * Calls are flat per page of headers: one read of headers, then per chunk of sales orders one read
 * each of slip lines, order headers (CustomersOrderReference → BigCommerce order), order lines
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

const later = (a: Watermark, b: Watermark) =>
	a.createdOn > b.createdOn || (a.createdOn === b.createdOn && a.id > b.id);

export async function readPackingSlipsSince(
	context: HttpContext,
	query: PackingSlipQuery,
): Promise<PackingSlipRead> {
	const company = `dataAreaId eq ${odataString(query.dataAreaId)}`;
	const from = minus(query.since?.createdOn ?? EPOCH, query.since ? query.overlapMinutes : 0);
	let requests = 1;
	const headers = await queryEntities(context, 'CustPackingSlipJourBiEntities', {
		filter: `${company} and CreatedOn ge ${from}`,
		orderby: 'CreatedOn,SourceDocumentHeader',
		select: [
			'dataAreaId',
			'SourceDocumentHeader',
			'PackingSlipId',
			'SalesId',
			'CreatedOn',
			'DeliveryDate',
			'ShipCarrierId',
			'DlvMode',
		],
		itemIndex: query.itemIndex,
	});
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
			});
		}
	}
	return { slips, skipped, watermark, requests };
}
