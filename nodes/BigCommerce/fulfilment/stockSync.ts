/**
 * F&O on-hand rows → BigCommerce stock levels, writing only what changed. Each row (SKU, site,
 * warehouse, quantity) goes to the location a table maps its warehouse to (several warehouses may
 * add up in one location); the quantity published is the sum less a safety stock, floored to a
 * whole number and never below 0. The node keeps what it last sent per location and SKU (workflow
 * static data) and the BigCommerce product/variant each SKU resolved to, so a sync that finds
 * nothing changed sends nothing, and one that finds N changes sends ceil(N / 2,000) adjustments per
 * location — grouped by location as BigCommerce advises, at most 2,000 items each, one at a time
 * (BigCommerce asks not to send the next before the previous answered; the node's Posting Lock
 * holds one lock per store over the writes: this process, or Redis across queue-mode workers).
 * Remembered values move on only after BigCommerce accepted them.
 *
 * SKU → BigCommerce: the catalog lookup orders use (findProductsBySku): a product's own SKU
 * names the product, a variant's SKU the variant; an item of a product tracked by product is
 * written by product_id (BigCommerce refuses variant_id for it), else by variant_id. A SKU the
 * store does not sell, a row without SKU and a warehouse the table does not map are output as
 * items, not errors, each with a message saying what to do (`alreadyReported` on the next syncs).
 *
 * Echoes: the store fires store/sku|product/inventory/updated for these writes. The pack's
 * BigCommerce Trigger does not subscribe inventory events, so nothing here reacts to them; a
 * workflow that does should drop events whose value equals `sent` in this node's memory.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { withProcessLock } from '../../common/processLock';
import type { RecordLocker } from '../../MicrosoftDynamicsFo/posting/lock';
import { findProductsBySku } from '../api/catalog';
import { MAX_ADJUSTMENT_ITEMS, setAbsolute, type AbsoluteItem } from '../api/inventory';

export interface StockRow {
	sku?: string;
	/** The F&O item, to name a row without SKU. */
	itemNumber?: string;
	siteId?: string;
	warehouseId?: string;
	quantity: number;
}

export interface LocationRow {
	siteId?: string;
	warehouseId: string;
	locationId: number;
}

export interface StockMemory {
	/** `${locationId}|${sku}` → quantity last accepted by BigCommerce. */
	sent?: Record<string, number>;
	/** sku → how BigCommerce names it in an adjustment. */
	ids?: Record<string, { product_id?: number; variant_id?: number }>;
	/** The issues the last sync reported (their messages), so a repeated one says so. */
	reported?: string[];
	/** `${locationId}|${sku}` → quantity of a SKU the store did not know: not looked up again. */
	unknown?: Record<string, number>;
}

export interface StockSyncOptions {
	locations: LocationRow[];
	safetyStock: number;
	onlyChanged: boolean;
	storeHash: string;
	reason: string;
	/** The posting lock over the writes (default: this process only). */
	lock?: RecordLocker;
	itemIndex?: number;
}

export interface StockSyncResult {
	summary: IDataObject;
	issues: IDataObject[];
}

function locationOf(row: StockRow, table: LocationRow[]): number | undefined {
	const same = (a?: string, b?: string) =>
		(a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
	const match =
		table.find(
			(l) => l.siteId && same(l.siteId, row.siteId) && same(l.warehouseId, row.warehouseId),
		) ?? table.find((l) => !l.siteId && same(l.warehouseId, row.warehouseId));
	return match?.locationId;
}

export async function syncStock(
	context: HttpContext,
	rows: StockRow[],
	memory: StockMemory,
	options: StockSyncOptions,
): Promise<StockSyncResult> {
	const issues: IDataObject[] = [];
	const unmapped = new Map<string, number>();
	const totals = new Map<string, { locationId: number; sku: string; quantity: number }>();
	for (const row of rows) {
		const sku = String(row.sku ?? '').trim();
		const locationId = locationOf(row, options.locations);
		if (locationId === undefined) {
			const key = `${row.siteId ?? ''}/${row.warehouseId ?? ''}`;
			unmapped.set(key, (unmapped.get(key) ?? 0) + 1);
			continue;
		}
		if (!sku) {
			issues.push({
				issue: 'noSku',
				...row,
				message: `F&O item ${row.itemNumber ?? '?'} at warehouse ${row.warehouseId ?? '?'} has no BigCommerce SKU (a variant F&O does not number): add it to SKU Mapping on the On-Hand node; not written`,
			});
			continue;
		}
		const key = `${locationId}|${sku}`;
		const total = totals.get(key) ?? { locationId, sku, quantity: 0 };
		total.quantity += Number(row.quantity) || 0;
		totals.set(key, total);
	}
	for (const [key, count] of unmapped) {
		const [siteId, warehouseId] = key.split('/');
		issues.push({
			issue: 'unmappedWarehouse',
			siteId,
			warehouseId,
			rows: count,
			message: `F&O site ${siteId || '(any)'} / warehouse ${warehouseId} is not in the Warehouse → Location table: its ${count} row(s) were not written`,
		});
	}
	const sent = { ...memory.sent };
	const unknownBefore = memory.unknown ?? {};
	const changed = [...totals.values()]
		.map((t) => ({ ...t, quantity: Math.max(0, Math.floor(t.quantity - options.safetyStock)) }))
		.filter((t) => {
			const key = `${t.locationId}|${t.sku}`;
			return (
				!options.onlyChanged || (sent[key] !== t.quantity && unknownBefore[key] !== t.quantity)
			);
		});
	const ids = { ...memory.ids };
	const unresolved = [...new Set(changed.map((c) => c.sku).filter((sku) => !ids[sku]))];
	let lookups = 0;
	if (unresolved.length) {
		const matches = await findProductsBySku(context, unresolved, { itemIndex: options.itemIndex });
		lookups = matches.length;
		for (const m of matches) {
			if (!m.found) continue;
			const byProduct = m.matchedOn === 'product' && m.product?.inventory_tracking === 'product';
			ids[m.sku] = byProduct ? { product_id: m.product_id } : { variant_id: m.variant_id };
		}
	}
	const unknown = new Set(unresolved.filter((sku) => !ids[sku]));
	for (const sku of unknown)
		issues.push({
			issue: 'unknownSku',
			sku,
			message: `SKU ${sku} is not sold in the store (no product or variant has it): not written; looked up again when its quantity changes`,
		});
	// An unknown SKU costs catalog calls: remember it with its quantity, so an unchanged one is
	// not looked up on every sync (Only Changed off looks everything up again).
	const stillUnknown: Record<string, number> = {};
	for (const [key, quantity] of Object.entries(unknownBefore))
		if (totals.has(key) && !ids[key.slice(key.indexOf('|') + 1)]) stillUnknown[key] = quantity;
	for (const c of changed)
		if (unknown.has(c.sku)) stillUnknown[`${c.locationId}|${c.sku}`] = c.quantity;
	memory.unknown = stillUnknown;
	const byLocation = new Map<number, { sku: string; item: AbsoluteItem }[]>();
	for (const c of changed) {
		if (unknown.has(c.sku)) continue;
		const item: AbsoluteItem = { location_id: c.locationId, quantity: c.quantity, ...ids[c.sku] };
		byLocation.set(c.locationId, [...(byLocation.get(c.locationId) ?? []), { sku: c.sku, item }]);
	}
	const calls: IDataObject[] = [];
	const lock: RecordLocker = options.lock ?? withProcessLock;
	await lock(`bigcommerce-inventory:${options.storeHash.toLowerCase()}`, async () => {
		for (const [locationId, entries] of [...byLocation].sort((a, b) => a[0] - b[0])) {
			for (let i = 0; i < entries.length; i += MAX_ADJUSTMENT_ITEMS) {
				const batch = entries.slice(i, i + MAX_ADJUSTMENT_ITEMS);
				let transactionId = '';
				let accepted = false;
				try {
					transactionId = await setAbsolute(
						context,
						batch.map((b) => b.item),
						options.reason,
						options.itemIndex,
					);
					accepted = true;
				} finally {
					// A refused batch (e.g. 422 "tracked by product": the product's inventory tracking
					// changed since its SKUs were resolved) resolves them again on the next sync.
					if (!accepted) {
						for (const b of batch) delete ids[b.sku];
						memory.ids = ids;
					}
				}
				for (const b of batch) sent[`${locationId}|${b.sku}`] = b.item.quantity;
				memory.sent = { ...sent };
				calls.push({ locationId, items: batch.length, transactionId });
			}
		}
	});
	memory.ids = ids;
	// The same issue comes back every sync until someone fixes it: flag the repeats.
	const before = new Set(memory.reported ?? []);
	for (const issue of issues) issue.alreadyReported = before.has(String(issue.message));
	memory.reported = issues.map((i) => String(i.message));
	const written = calls.reduce((n, c) => n + Number(c.items), 0);
	return {
		summary: {
			rows: rows.length,
			written,
			unchanged: totals.size - changed.length,
			adjustments: calls,
			skuLookups: lookups,
			issues: issues.length,
		},
		issues,
	};
}
