/**
 * On-hand stock as F&O reports it through WarehousesOnHandV2: one row per item, product dimensions
 * (colour, configuration, size, style, version; `""` when unused) and site/warehouse. F&O computes
 * these rows from inventory transactions; the sandbox lets a test or the demo set them directly
 * (admin `PUT /d365/on-hand`), and change them later, so a stock sync sees what changed. Available
 * on hand defaults to on hand less reserved, as F&O's "Available physical" is [inferred].
 */
import type { D365Store } from './store';
import type { D365Switches } from './switches';

export interface OnHandSpec {
	dataAreaId?: string;
	ItemNumber: string;
	InventorySiteId: string;
	InventoryWarehouseId: string;
	ProductColorId?: string;
	ProductConfigurationId?: string;
	ProductSizeId?: string;
	ProductStyleId?: string;
	ProductVersionId?: string;
	OnHandQuantity: number;
	ReservedOnHandQuantity?: number;
	AvailableOnHandQuantity?: number;
	OrderedQuantity?: number;
	ProductName?: string;
}

const DIMENSIONS = [
	'ProductColorId',
	'ProductConfigurationId',
	'ProductSizeId',
	'ProductStyleId',
	'ProductVersionId',
] as const;

/** Create or replace on-hand rows; returns how many rows were written. */
export function setOnHand(store: D365Store, switches: D365Switches, rows: OnHandSpec[]): number {
	for (const row of rows) {
		const company = (row.dataAreaId ?? switches.defaultCompany).toLowerCase();
		const key: Record<string, unknown> = {
			dataAreaId: company,
			ItemNumber: row.ItemNumber,
			InventorySiteId: row.InventorySiteId,
			InventoryWarehouseId: row.InventoryWarehouseId,
		};
		for (const d of DIMENSIONS) key[d] = row[d] ?? '';
		const reserved = row.ReservedOnHandQuantity ?? 0;
		const available = row.AvailableOnHandQuantity ?? row.OnHandQuantity - reserved;
		const ordered = row.OrderedQuantity ?? 0;
		const fields = {
			...key,
			OnHandQuantity: row.OnHandQuantity,
			ReservedOnHandQuantity: reserved,
			AvailableOnHandQuantity: available,
			OrderedQuantity: ordered,
			AvailableOrderedQuantity: ordered,
			TotalAvailableQuantity: available + ordered,
			ProductName: row.ProductName ?? '',
		};
		const existing = store.find('WarehousesOnHandV2', key);
		if (existing) {
			Object.assign(existing.data, fields);
			existing.version++;
		} else store.seed('WarehousesOnHandV2', fields);
	}
	return rows.length;
}
