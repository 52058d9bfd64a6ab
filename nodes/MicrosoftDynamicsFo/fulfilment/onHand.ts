/**
 * On-hand stock per item and warehouse from WarehousesOnHandV2, read cross-company and scoped to
 * the node's legal entity (`dataAreaId eq …`: without cross-company F&O shows only the service
 * user's default company), every page followed. Each row gets the BigCommerce SKU it is sold as:
 * the SKU resolution of orders run backwards — the SKU Mapping table first (an item number and
 * dimensions back to the SKU a row names), then an item without product dimensions is its item
 * number (ReleasedProductsV2: SKU = ItemNumber), and a variant is its product variant number
 * (ReleasedProductVariantsV2: SKU = ProductVariantNumber, one read per chunk of item numbers).
 * These entities have no modified date, so a sync reads all rows and the store side keeps what it
 * last sent to write only what changed.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { odataString, queryEntities } from '../odata';
import type { SkuMappingTable } from '../skuResolution';

export interface OnHandRow extends IDataObject {
	dataAreaId: string;
	itemNumber: string;
	/** The BigCommerce SKU, or '' when none could be derived (a variant F&O does not know). */
	sku: string;
	siteId: string;
	warehouseId: string;
	availableOnHand: number;
	onHand: number;
	reserved: number;
	totalAvailable: number;
	dimensions: IDataObject;
}

export interface OnHandQuery {
	dataAreaId: string;
	/** Only these warehouses (InventoryWarehouseId); all when empty. */
	warehouses?: string[];
	skuMapping?: SkuMappingTable;
	itemIndex?: number;
}

const DIMENSIONS = [
	'ProductColorId',
	'ProductConfigurationId',
	'ProductSizeId',
	'ProductStyleId',
	'ProductVersionId',
] as const;
const ITEMS_PER_READ = 40;

const dimensionKey = (item: string, dims: IDataObject) =>
	[item, ...DIMENSIONS.map((d) => String(dims[d] ?? ''))].join('\u0001').toLowerCase();

/** The mapping table backwards: item number + dimensions → the SKU the table names for it. */
function reverseTable(table: SkuMappingTable = {}): Map<string, string> {
	const reversed = new Map<string, string>();
	for (const [sku, item] of Object.entries(table))
		reversed.set(dimensionKey(item.ItemNumber, item as unknown as IDataObject), sku);
	return reversed;
}

export async function readOnHand(
	context: HttpContext,
	query: OnHandQuery,
): Promise<{ rows: OnHandRow[]; requests: number }> {
	const conditions = [`dataAreaId eq ${odataString(query.dataAreaId)}`];
	if (query.warehouses?.length)
		conditions.push(
			`(${query.warehouses.map((w) => `InventoryWarehouseId eq ${odataString(w)}`).join(' or ')})`,
		);
	const raw = await queryEntities(context, 'WarehousesOnHandV2', {
		filter: conditions.join(' and '),
		select: [
			'dataAreaId',
			'ItemNumber',
			...DIMENSIONS,
			'InventorySiteId',
			'InventoryWarehouseId',
			'AvailableOnHandQuantity',
			'OnHandQuantity',
			'ReservedOnHandQuantity',
			'TotalAvailableQuantity',
		],
		itemIndex: query.itemIndex,
	});
	let requests = 1;
	const reversed = reverseTable(query.skuMapping);
	const hasDimensions = (r: IDataObject) => DIMENSIONS.some((d) => String(r[d] ?? '') !== '');
	const variantItems = [
		...new Set(
			raw
				.filter((r) => hasDimensions(r) && !reversed.has(dimensionKey(String(r.ItemNumber), r)))
				.map((r) => String(r.ItemNumber)),
		),
	];
	const variantSkus = new Map<string, string>();
	for (let i = 0; i < variantItems.length; i += ITEMS_PER_READ) {
		const group = variantItems.slice(i, i + ITEMS_PER_READ);
		requests++;
		const variants = await queryEntities(context, 'ReleasedProductVariantsV2', {
			filter: `dataAreaId eq ${odataString(query.dataAreaId)} and (${group.map((g) => `ItemNumber eq ${odataString(g)}`).join(' or ')})`,
			select: ['ItemNumber', ...DIMENSIONS, 'ProductVariantNumber'],
			itemIndex: query.itemIndex,
		});
		for (const v of variants)
			variantSkus.set(dimensionKey(String(v.ItemNumber), v), String(v.ProductVariantNumber));
	}
	const rows = raw.map((r): OnHandRow => {
		const key = dimensionKey(String(r.ItemNumber), r);
		const sku =
			reversed.get(key) ?? (hasDimensions(r) ? (variantSkus.get(key) ?? '') : String(r.ItemNumber));
		return {
			dataAreaId: String(r.dataAreaId),
			itemNumber: String(r.ItemNumber),
			sku,
			siteId: String(r.InventorySiteId),
			warehouseId: String(r.InventoryWarehouseId),
			availableOnHand: Number(r.AvailableOnHandQuantity),
			onHand: Number(r.OnHandQuantity),
			reserved: Number(r.ReservedOnHandQuantity),
			totalAvailable: Number(r.TotalAvailableQuantity),
			dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, String(r[d] ?? '')])),
		};
	});
	return { rows, requests };
}
