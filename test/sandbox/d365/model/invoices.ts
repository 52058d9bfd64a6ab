/**
 * Posted sales invoices: what F&O writes when a sales order is invoiced, read through
 * SalesInvoiceHeadersV2 (keys dataAreaId, InvoiceNumber, InvoiceDate, LedgerVoucher) and
 * SalesInvoiceLines (keys dataAreaId, InvoiceNumber, LineCreationSequenceNumber, InvoiceDate). The
 * header names its order by SalesOrderNumber and CustomersOrderReference and carries the posted
 * totals; reconciliation reads them to tell what reached the ledger. F&O produces them by posting,
 * never by an OData insert, so the sandbox produces them only through its admin route
 * (invoicing.ts). Names and types are F&O's own; model.contract.test.ts holds them to
 * entities-derived.json.
 */
import type { EntityTable } from './table';

export const SALES_INVOICE_HEADERS_V2: EntityTable = {
	set: 'SalesInvoiceHeadersV2',
	type: 'SalesInvoiceHeaderV2',
	keys: ['dataAreaId', 'InvoiceNumber', 'InvoiceDate', 'LedgerVoucher'],
	properties: {
		dataAreaId: 'String',
		InvoiceNumber: 'String',
		InvoiceDate: 'DateTimeOffset',
		LedgerVoucher: 'String',
		CurrencyCode: 'String',
		CustomersOrderReference: 'String',
		DeliveryModeCode: 'String',
		InvoiceCustomerAccountNumber: 'String',
		InvoiceHeaderTaxAmount: 'Decimal',
		PaymentTermsName: 'String',
		SalesOrderNumber: 'String',
		TotalChargeAmount: 'Decimal',
		TotalDiscountAmount: 'Decimal',
		TotalInvoiceAmount: 'Decimal',
		TotalTaxAmount: 'Decimal',
	},
};

export const SALES_INVOICE_LINES: EntityTable = {
	set: 'SalesInvoiceLines',
	type: 'SalesInvoiceLine',
	keys: ['dataAreaId', 'InvoiceNumber', 'LineCreationSequenceNumber', 'InvoiceDate'],
	properties: {
		dataAreaId: 'String',
		InvoiceNumber: 'String',
		LineCreationSequenceNumber: 'Int32',
		InvoiceDate: 'DateTimeOffset',
		CurrencyCode: 'String',
		InventorySiteId: 'String',
		InventoryWarehouseId: 'String',
		InvoicedQuantity: 'Decimal',
		LineAmount: 'Decimal',
		LineTotalChargeAmount: 'Decimal',
		LineTotalDiscountAmount: 'Decimal',
		LineTotalTaxAmount: 'Decimal',
		ProductColorId: 'String',
		ProductConfigurationId: 'String',
		ProductNumber: 'String',
		ProductSizeId: 'String',
		ProductStyleId: 'String',
		ProductVersionId: 'String',
		SalesPrice: 'Decimal',
		SalesUnitSymbol: 'String',
	},
};
