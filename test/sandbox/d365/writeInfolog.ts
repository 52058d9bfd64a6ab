/**
 * The Infolog lines F&O answers a refused write with, worded per entity: the entity's AOT name,
 * table label and title fields (ENTITY_INFO), and the duplicate-key, relation and mandatory-field
 * lines built from them. The write rules (./validations.ts, ./tax.ts) and the OData service
 * (./odata.ts) word their refusals through these, so each wording is written once.
 */
import type { InfologLine } from './errors';

export interface EntityInfo {
	/** AOT entity name in "Write failed for table row of type '…'". */
	aot: string;
	/** "Cannot create a record in <label> (<table>). <keyLabel>: <title fields>." */
	tableLabel: string;
	table: string;
	keyLabel: string;
	titleFields: string[];
}

/** The CustGroup wording is F&O's, captured; the other labels are F&O's table labels [inferred]. */
export const ENTITY_INFO: Record<string, EntityInfo> = {
	CustomersV3: {
		aot: 'CustCustomerV3Entity',
		tableLabel: 'Customers',
		table: 'CustTable',
		keyLabel: 'Customer account',
		titleFields: ['CustomerAccount'],
	},
	CustomerGroups: {
		aot: 'CustCustomerGroupEntity',
		tableLabel: 'Customer groups',
		table: 'CustGroup',
		keyLabel: 'Customer group',
		titleFields: ['CustomerGroupId', 'Description'],
	},
	Currencies: {
		aot: 'CurrencyEntity',
		tableLabel: 'Currency',
		table: 'Currency',
		keyLabel: 'Currency',
		titleFields: ['CurrencyCode', 'Name'],
	},
	LegalEntities: {
		aot: 'OMLegalEntity',
		tableLabel: 'Legal entities',
		table: 'CompanyInfo',
		keyLabel: 'Company',
		titleFields: ['LegalEntityId', 'Name'],
	},
	DimensionIntegrationFormats: {
		aot: 'DimensionIntegrationFormatEntity',
		tableLabel: 'Dimension integration formats',
		table: 'DimensionHierarchy',
		keyLabel: 'Name',
		titleFields: ['DimensionFormatName'],
	},
	ReleasedProductsV2: {
		aot: 'EcoResReleasedProductV2Entity',
		tableLabel: 'Items',
		table: 'InventTable',
		keyLabel: 'Item number',
		titleFields: ['ItemNumber'],
	},
	ReleasedProductVariantsV2: {
		aot: 'EcoResReleasedProductVariantV2Entity',
		tableLabel: 'Item - dimension combinations',
		table: 'InventDimCombination',
		keyLabel: 'Item number',
		titleFields: ['ProductMasterNumber', 'ProductVariantNumber'],
	},
	SalesOrderHeadersV2: {
		aot: 'SalesOrderHeaderV2Entity',
		tableLabel: 'Sales orders',
		table: 'SalesTable',
		keyLabel: 'Sales order',
		titleFields: ['SalesOrderNumber'],
	},
	SalesOrderLines: {
		aot: 'SalesOrderLineV2Entity',
		tableLabel: 'Order lines',
		table: 'SalesLine',
		keyLabel: 'Lot ID',
		titleFields: ['InventoryLotId'],
	},
	CustomerPaymentJournalHeaders: {
		aot: 'CustomerPaymentJournalHeaderEntity',
		tableLabel: 'Journal table',
		table: 'LedgerJournalTable',
		keyLabel: 'Journal batch number',
		titleFields: ['JournalBatchNumber'],
	},
	CustomerPaymentJournalLines: {
		aot: 'CustomerPaymentJournalLineEntity',
		tableLabel: 'Journal lines',
		table: 'LedgerJournalTrans',
		keyLabel: 'Journal batch number',
		titleFields: ['JournalBatchNumber', 'LineNumber'],
	},
	ReturnOrderHeaders: {
		aot: 'ReturnOrderHeaderEntity',
		tableLabel: 'Sales orders',
		table: 'SalesTable',
		keyLabel: 'RMA number',
		titleFields: ['ReturnOrderNumber'],
	},
	ReturnOrderLines: {
		aot: 'ReturnOrderLineEntity',
		tableLabel: 'Order lines',
		table: 'SalesLine',
		keyLabel: 'Lot ID',
		titleFields: ['ReturnInventoryLotId'],
	},
	FreeTextInvoiceHeaders: {
		aot: 'FreeTextInvoiceHeaderEntity',
		tableLabel: 'Free text invoice',
		table: 'CustInvoiceTable',
		keyLabel: 'Record-ID',
		titleFields: ['InvoiceIdentifier'],
	},
	FreeTextInvoiceLines: {
		aot: 'FreeTextInvoiceLineEntity',
		tableLabel: 'Customer invoice lines',
		table: 'CustInvoiceLine',
		keyLabel: 'Line number',
		titleFields: ['LineNumber'],
	},
};

/** F&O's duplicate-key Infolog: "Cannot create a record in … .\nThe record already exists." */
export function duplicateKeyLine(set: string, data: Record<string, unknown>): InfologLine {
	const info = ENTITY_INFO[set];
	const title = info.titleFields
		.map((f) => String(data[f] ?? ''))
		.filter((v) => v !== '')
		.join(', ');
	return {
		level: 'Info',
		text: `Cannot create a record in ${info.tableLabel} (${info.table}). ${info.keyLabel}: ${title}.\nThe record already exists.`,
	};
}

/** F&O's relation failure: "The value 'Local' in field 'Customer group' is not found in the related table 'Customer groups'." */
export function notFoundLines(
	set: string,
	field: string,
	label: string,
	value: unknown,
	relatedTable: string,
): InfologLine[] {
	return [
		{
			level: 'Warning',
			text: `The value '${String(value)}' in field '${label}' is not found in the related table '${relatedTable}'`,
		},
		{ level: 'Warning', text: `validateField failed on field '${ENTITY_INFO[set].aot}.${field}'` },
	];
}

/** "Field '<label>' must be filled in." — F&O's mandatory-field Infolog [inferred wording]. */
export function mandatoryLine(label: string): InfologLine {
	return { level: 'Warning', text: `Field '${label}' must be filled in` };
}
