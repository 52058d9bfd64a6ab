/**
 * What F&O produces when a warehouse ships and counts: posted packing slips, their tracking
 * numbers, and on-hand stock per warehouse. Standard F&O has no "sales packing slip header/line"
 * entity; posted packing slips are only readable through the BI entities over the CustPackingSlipJour
 * and CustPackingSlipTrans tables (keys are RecIds), tracking numbers through
 * PackingSlipTrackingInformation (one row per number, the number is part of the key), stock through
 * WarehousesOnHandV2 (one row per item, product dimensions and warehouse). The names and types are
 * F&O's own, case included (`inventLocationId`, `inventQty`), and model.contract.test.ts holds them
 * to fulfilment-entities.json. These sets are produced by posting in F&O, not by OData inserts, so
 * the sandbox serves them read-only (FULFILMENT_READ_ONLY_SETS) and its admin routes post them
 * (packingSlips.ts, onHand.ts).
 */
import type { EntityTable } from './table';

export const CUST_PACKING_SLIP_JOUR_BI_ENTITIES: EntityTable = {
	set: 'CustPackingSlipJourBiEntities',
	type: 'CustPackingSlipJourBiEntity',
	keys: ['dataAreaId', 'SourceDocumentHeader'],
	properties: {
		dataAreaId: 'String',
		SourceDocumentHeader: 'Int64',
		BOLCarrierName: 'String',
		CreatedOn: 'DateTimeOffset',
		CustomerRef: 'String',
		DeliveryDate: 'DateTimeOffset',
		DeliveryName: 'String',
		DeliveryPostalAddress: 'Int64',
		DlvMode: 'String',
		DlvTerm: 'String',
		DocumentDate: 'DateTimeOffset',
		InternalPackingSlipId: 'String',
		inventLocationId: 'String',
		InvoiceAccount: 'String',
		LanguageId: 'String',
		LedgerVoucher: 'String',
		OrderAccount: 'String',
		PackingSlipId: 'String',
		Qty: 'Decimal',
		SalesId: 'String',
		ShipCarrierId: 'String',
		SourceKey: 'Int64',
	},
};

/**
 * One row per version of a posted packing slip: F&O keeps the slip's versions when it is corrected
 * or cancelled [CDM CustPackingSlipVersion]. The sandbox writes one at posting and one per
 * correction [inferred]; CustPackingSlipJour is the journal's RecId, i.e. the BI header's SourceKey
 * [inferred from BI-entity naming; switch packingSlipVersionJourIsSourceKey]. No dataAreaId: RecIds
 * are unique across companies.
 */
export const CUST_PACKING_SLIP_VERSION_BI_ENTITIES: EntityTable = {
	set: 'CustPackingSlipVersionBiEntities',
	type: 'CustPackingSlipVersionBiEntity',
	keys: ['CustPackingSlipJour', 'VersionDateTime'],
	properties: {
		CustPackingSlipJour: 'Int64',
		VersionDateTime: 'DateTimeOffset',
		AccountingDate: 'DateTimeOffset',
		InternalPackingSlipId: 'String',
		LedgerVoucher: 'String',
		Qty: 'Decimal',
		SourceKey: 'Int64',
	},
};

export const CUST_PACKING_SLIP_TRANS_BI_ENTITIES: EntityTable = {
	set: 'CustPackingSlipTransBiEntities',
	type: 'CustPackingSlipTransBiEntity',
	keys: ['dataAreaId', 'SourceDocumentLine'],
	properties: {
		dataAreaId: 'String',
		SourceDocumentLine: 'Int64',
		CreatedOn: 'DateTimeOffset',
		CurrencyCode: 'String',
		DeliveryDate: 'DateTimeOffset',
		ExternalItemId: 'String',
		InventDimId: 'String',
		inventQty: 'Decimal',
		InventTransId: 'String',
		ItemId: 'String',
		LineNum: 'Decimal',
		Name: 'String',
		Ordered: 'Decimal',
		OrigSalesId: 'String',
		PackingSlipId: 'String',
		Port: 'String',
		Qty: 'Decimal',
		Remain: 'Decimal',
		SalesId: 'String',
		SalesUnit: 'String',
		SourceKey: 'Int64',
	},
};

export const PACKING_SLIP_TRACKING_INFORMATION: EntityTable = {
	set: 'PackingSlipTrackingInformation',
	type: 'SalesPackingSlipTrackingInformation',
	keys: ['dataAreaId', 'SalesOrderNumber', 'PackingSlipNumber', 'DeliveryDate', 'TrackingNumber'],
	properties: {
		dataAreaId: 'String',
		SalesOrderNumber: 'String',
		PackingSlipNumber: 'String',
		DeliveryDate: 'DateTimeOffset',
		TrackingNumber: 'String',
		TrackingURL: 'String',
	},
};

export const WAREHOUSES_ON_HAND_V2: EntityTable = {
	set: 'WarehousesOnHandV2',
	type: 'WarehouseOnHandV2',
	keys: [
		'dataAreaId',
		'ItemNumber',
		'ProductColorId',
		'ProductConfigurationId',
		'ProductSizeId',
		'ProductStyleId',
		'ProductVersionId',
		'InventorySiteId',
		'InventoryWarehouseId',
	],
	properties: {
		dataAreaId: 'String',
		ItemNumber: 'String',
		ProductColorId: 'String',
		ProductConfigurationId: 'String',
		ProductSizeId: 'String',
		ProductStyleId: 'String',
		ProductVersionId: 'String',
		InventorySiteId: 'String',
		InventoryWarehouseId: 'String',
		AvailableOnHandQuantity: 'Decimal',
		AvailableOrderedQuantity: 'Decimal',
		OnHandQuantity: 'Decimal',
		OnOrderQuantity: 'Decimal',
		OrderedQuantity: 'Decimal',
		ProductName: 'String',
		ReservedOnHandQuantity: 'Decimal',
		ReservedOrderedQuantity: 'Decimal',
		TotalAvailableQuantity: 'Decimal',
	},
};

/** Sets F&O fills by posting; OData writes to them are refused (405) [inferred for the tracking set]. */
export const FULFILMENT_READ_ONLY_SETS: readonly string[] = [
	CUST_PACKING_SLIP_JOUR_BI_ENTITIES.set,
	CUST_PACKING_SLIP_TRANS_BI_ENTITIES.set,
	CUST_PACKING_SLIP_VERSION_BI_ENTITIES.set,
	PACKING_SLIP_TRACKING_INFORMATION.set,
	WAREHOUSES_ON_HAND_V2.set,
];
