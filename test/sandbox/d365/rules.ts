/**
 * What F&O does on create/update beyond storing the fields: generated keys from number sequences,
 * defaults, and validations our nodes must survive. Messages are F&O's own words where they were
 * captured from a real environment; wording that was not captured is marked [inferred].
 */
import type { InfologLine } from './errors';
import type { D365Store } from './store';
import type { D365Switches } from './switches';

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

export interface RuleContext {
	store: D365Store;
	switches: D365Switches;
	company: string;
	/** Fields the client sent (after coercion). */
	sent: Record<string, unknown>;
}

const upperCompany = (c: string) => c.toUpperCase();
const pad = (n: number, width = 6) => String(n).padStart(width, '0');

/** Number sequence formats; F&O's examples show `DAT-000024` (orders), `DAT-000053` (customers), `DAT-000029` (journals). */
export const FORMATS = {
	SalesOrderNumber: (n: number, c: string) => `${upperCompany(c)}-${pad(n)}`,
	CustomerAccount: (n: number, c: string) => `${upperCompany(c)}-C${pad(n)}`,
	JournalBatchNumber: (n: number, c: string) => `${upperCompany(c)}-J${pad(n)}`,
	ReturnOrderNumber: (n: number, c: string) => `${upperCompany(c)}-RMA${pad(n)}`,
	InventoryLotId: (n: number, c: string) => `${upperCompany(c)}-L${pad(n, 8)}`,
	Voucher: (n: number, c: string) => `${upperCompany(c)}-V${pad(n)}`,
};

const exists = (store: D365Store, set: string, company: string, field: string, value: unknown) =>
	store
		.all(set)
		.some(
			(r) =>
				r.data.dataAreaId === company &&
				String(r.data[field]).toLowerCase() === String(value).toLowerCase(),
		);
const currencyExists = (store: D365Store, code: unknown) =>
	Boolean(store.find('Currencies', { CurrencyCode: code }));
const today = () => `${new Date().toISOString().slice(0, 10)}T12:00:00Z`;
const blank = (v: unknown) => v === undefined || v === '' || v === null;

/**
 * Generated keys and manual-number checks on create. Returns Infolog lines on failure.
 * Number sequences: SalesOrderNumber, CustomerAccount, JournalBatchNumber,
 * InventoryLotId, LineNumber, InvoiceIdentifier (RecId), ReturnOrderNumber are generated.
 */
export function assignGeneratedKeys(
	set: string,
	data: Record<string, unknown>,
	ctx: RuleContext,
): InfologLine[] | undefined {
	const { store, company, sent, switches } = ctx;
	const sequence = (
		field: 'SalesOrderNumber' | 'CustomerAccount',
		label: string,
	): InfologLine[] | undefined => {
		if (!blank(sent[field])) {
			// Supplying the number needs a sequence that allows manual numbers [wording inferred].
			if (!switches.manualNumbers[field]) {
				return [
					{
						level: 'Error',
						text: `The number sequence for ${label} does not allow the number to be entered manually`,
					},
				];
			}
			return undefined;
		}
		data[field] = store.nextNumber(field, company, FORMATS[field]);
		return undefined;
	};
	switch (set) {
		case 'SalesOrderHeadersV2':
			return sequence('SalesOrderNumber', 'Sales order');
		case 'CustomersV3':
			return sequence('CustomerAccount', 'Customer account');
		case 'CustomerPaymentJournalHeaders':
			data.JournalBatchNumber = store.nextNumber(
				'JournalBatchNumber',
				company,
				FORMATS.JournalBatchNumber,
			);
			return undefined;
		case 'ReturnOrderHeaders':
			data.ReturnOrderNumber = store.nextNumber(
				'ReturnOrderNumber',
				company,
				FORMATS.ReturnOrderNumber,
			);
			if (blank(data.RMANumber)) data.RMANumber = data.ReturnOrderNumber;
			return undefined;
		case 'SalesOrderLines':
			data.InventoryLotId = store.nextNumber('InventoryLotId', company, FORMATS.InventoryLotId);
			data.LineNumber = store.nextLineNumber(
				`SalesLine\u0001${company}\u0001${String(data.SalesOrderNumber).toLowerCase()}`,
			);
			data.LineCreationSequenceNumber = data.LineNumber;
			return undefined;
		case 'ReturnOrderLines':
			data.ReturnInventoryLotId = store.nextNumber(
				'InventoryLotId',
				company,
				FORMATS.InventoryLotId,
			);
			return undefined;
		case 'CustomerPaymentJournalLines':
			data.LineNumber = store.nextLineNumber(
				`LedgerJournalTrans\u0001${company}\u0001${String(data.JournalBatchNumber).toLowerCase()}`,
			);
			if (blank(data.Voucher)) data.Voucher = store.nextNumber('Voucher', company, FORMATS.Voucher);
			return undefined;
		case 'FreeTextInvoiceHeaders':
			// InvoiceIdentifier is the header's RecId (Int64).
			data.InvoiceIdentifier = store.nextRecId();
			if (blank(data.FreeTextNumber)) data.FreeTextNumber = 'Not posted';
			return undefined;
		case 'FreeTextInvoiceLines':
			data.LineNumber = store.nextLineNumber(
				`CustInvoiceLine\u0001${company}\u0001${String(data.ParentRecId)}`,
			);
			return undefined;
		default:
			return undefined;
	}
}

/** Defaults F&O fills from related records on create (a line defaults from its item and header). */
export function applyDefaults(set: string, data: Record<string, unknown>, ctx: RuleContext): void {
	const { store, company, sent } = ctx;
	if (set === 'SalesOrderHeadersV2') {
		const customer = store.find('CustomersV3', {
			dataAreaId: company,
			CustomerAccount: data.OrderingCustomerAccountNumber,
		})?.data;
		if (blank(sent.InvoiceCustomerAccountNumber))
			data.InvoiceCustomerAccountNumber = data.OrderingCustomerAccountNumber;
		if (blank(sent.CurrencyCode) && customer) data.CurrencyCode = customer.SalesCurrencyCode;
		if (blank(sent.RequestedShippingDate)) data.RequestedShippingDate = today();
		if (blank(sent.SalesOrderStatus)) data.SalesOrderStatus = 'Backorder';
		if (blank(sent.LanguageId) && customer) data.LanguageId = customer.LanguageId;
		data.OrderCreationDateTime = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
	}
	if (set === 'SalesOrderLines') {
		const header = store.find('SalesOrderHeadersV2', {
			dataAreaId: company,
			SalesOrderNumber: data.SalesOrderNumber,
		})?.data;
		const item = store.find('ReleasedProductsV2', {
			dataAreaId: company,
			ItemNumber: data.ItemNumber,
		})?.data;
		if (blank(sent.OrderedSalesQuantity)) data.OrderedSalesQuantity = 1;
		if (item && blank(sent.SalesUnitSymbol)) data.SalesUnitSymbol = item.SalesUnitSymbol;
		if (item && blank(sent.SalesPrice)) data.SalesPrice = item.SalesPrice;
		if (blank(sent.SalesPriceQuantity)) data.SalesPriceQuantity = 1;
		if (header && blank(sent.RequestedShippingDate))
			data.RequestedShippingDate = header.RequestedShippingDate;
		if (header && blank(sent.ShippingSiteId)) data.ShippingSiteId = header.DefaultShippingSiteId;
		if (header && blank(sent.ShippingWarehouseId))
			data.ShippingWarehouseId = header.DefaultShippingWarehouseId;
		if (header) data.CurrencyCode = header.CurrencyCode;
		if (blank(sent.LineAmount)) {
			const qty = Number(data.OrderedSalesQuantity);
			const gross = (qty * Number(data.SalesPrice)) / (Number(data.SalesPriceQuantity) || 1);
			const pct = Number(data.LineDiscountPercentage) || 0;
			data.LineAmount =
				Math.round((gross * (1 - pct / 100) - (Number(data.LineDiscountAmount) || 0) * qty) * 100) /
				100;
		}
		if (blank(sent.SalesOrderLineStatus)) data.SalesOrderLineStatus = 'Backorder';
	}
	if (set === 'ReturnOrderHeaders' && blank(sent.ReturnOrderStatus))
		data.ReturnOrderStatus = 'Backorder';
	if (set === 'ReturnOrderLines') {
		const item = store.find('ReleasedProductsV2', {
			dataAreaId: company,
			ItemNumber: data.ItemNumber,
		})?.data;
		if (item && blank(sent.SalesUnitSymbol)) data.SalesUnitSymbol = item.SalesUnitSymbol;
	}
}

/**
 * Validations (create and update). Each names its source; a violation returns Infolog lines that
 * become the AxODataWriteException envelope.
 */
export function validate(
	set: string,
	data: Record<string, unknown>,
	ctx: RuleContext,
): InfologLine[] | undefined {
	const { store, company, switches } = ctx;
	const relation = (field: string, label: string, ok: boolean, related: string) =>
		ok ? undefined : notFoundLines(set, field, label, data[field], related);
	switch (set) {
		case 'CustomersV3': {
			// CustomersV3 (Microsoft's entity reference): CustomerGroupId, SalesCurrencyCode required; the group must exist
			// — F&O's Infolog "The value 'Local' in field 'Customer group' is not found …".
			if (blank(data.CustomerGroupId)) return [mandatoryLine('Customer group')];
			if (blank(data.SalesCurrencyCode)) return [mandatoryLine('Currency')];
			return (
				relation(
					'CustomerGroupId',
					'Customer group',
					exists(store, 'CustomerGroups', company, 'CustomerGroupId', data.CustomerGroupId),
					'Customer groups',
				) ??
				relation(
					'SalesCurrencyCode',
					'Currency',
					currencyExists(store, data.SalesCurrencyCode),
					'Currency',
				)
			);
		}
		case 'SalesOrderHeadersV2':
			// SalesOrderHeadersV2 (Microsoft's entity reference): the ordering customer is required; referenced codes
			// (currency, …) must exist.
			if (blank(data.OrderingCustomerAccountNumber)) return [mandatoryLine('Customer account')];
			return (
				relation(
					'OrderingCustomerAccountNumber',
					'Customer account',
					exists(
						store,
						'CustomersV3',
						company,
						'CustomerAccount',
						data.OrderingCustomerAccountNumber,
					),
					'Customers',
				) ??
				relation(
					'InvoiceCustomerAccountNumber',
					'Invoice account',
					exists(
						store,
						'CustomersV3',
						company,
						'CustomerAccount',
						data.InvoiceCustomerAccountNumber,
					),
					'Customers',
				) ??
				relation('CurrencyCode', 'Currency', currencyExists(store, data.CurrencyCode), 'Currency')
			);
		case 'SalesOrderLines': {
			// SalesOrderLines (Microsoft's entity reference): created after the header; ItemNumber + SalesOrderNumber required.
			if (blank(data.SalesOrderNumber)) return [mandatoryLine('Sales order')];
			if (blank(data.ItemNumber)) return [mandatoryLine('Item number')];
			const bad =
				relation(
					'SalesOrderNumber',
					'Sales order',
					exists(store, 'SalesOrderHeadersV2', company, 'SalesOrderNumber', data.SalesOrderNumber),
					'Sales orders',
				) ??
				relation(
					'ItemNumber',
					'Item number',
					exists(store, 'ReleasedProductsV2', company, 'ItemNumber', data.ItemNumber),
					'Items',
				);
			if (bad) return bad;
			const variants = store
				.all('ReleasedProductVariantsV2')
				.filter(
					(r) =>
						r.data.dataAreaId === company &&
						String(r.data.ProductMasterNumber).toLowerCase() ===
							String(data.ItemNumber).toLowerCase(),
				);
			if (variants.length) {
				// A product master needs a valid dimension combination [wording inferred].
				const dims = [
					'ProductSizeId',
					'ProductColorId',
					'ProductStyleId',
					'ProductConfigurationId',
				] as const;
				const match = variants.some((v) =>
					dims.every(
						(d) => String(v.data[d]).toLowerCase() === String(data[d] ?? '').toLowerCase(),
					),
				);
				if (!match) {
					return [
						{
							level: 'Warning',
							text: `The combination of product dimensions is not valid for item ${String(data.ItemNumber)}`,
						},
						{
							level: 'Warning',
							text: `validateWrite failed on data source 'SalesLine (SalesLine)'`,
						},
					];
				}
			}
			if (switches.requireShippingSite && blank(data.ShippingSiteId)) {
				// F&O's Infolog, as captured.
				return [
					{
						level: 'Warning',
						text: 'Inventory dimension Site is mandatory and must consequently be specified',
					},
					{ level: 'Error', text: 'Update has been canceled.' },
				];
			}
			return undefined;
		}
		case 'CustomerPaymentJournalHeaders':
			if (blank(data.JournalName)) return [mandatoryLine('Name')];
			return relation(
				'JournalName',
				'Name',
				exists(store, 'JournalNames', company, 'Name', data.JournalName),
				'Journal names',
			);
		case 'CustomerPaymentJournalLines': {
			const bad = relation(
				'JournalBatchNumber',
				'Journal batch number',
				exists(
					store,
					'CustomerPaymentJournalHeaders',
					company,
					'JournalBatchNumber',
					data.JournalBatchNumber,
				),
				'Journal table',
			);
			if (bad) return bad;
			if (!blank(data.CurrencyCode) && !currencyExists(store, data.CurrencyCode))
				return notFoundLines(set, 'CurrencyCode', 'Currency', data.CurrencyCode, 'Currency');
			if (data.AccountType === 'Cust' && !blank(data.AccountDisplayValue)) {
				// Display values escape the delimiter with a backslash ("DAT\\-000011").
				const account = String(data.AccountDisplayValue).replace(/\\(.)/g, '$1');
				if (!exists(store, 'CustomersV3', company, 'CustomerAccount', account))
					return notFoundLines(set, 'AccountDisplayValue', 'Account', account, 'Customers');
			}
			return undefined;
		}
		case 'ReturnOrderHeaders':
			if (blank(data.CustomerAccountNumber)) return [mandatoryLine('Customer account')];
			return (
				relation(
					'CustomerAccountNumber',
					'Customer account',
					exists(store, 'CustomersV3', company, 'CustomerAccount', data.CustomerAccountNumber),
					'Customers',
				) ??
				(blank(data.CurrencyCode)
					? undefined
					: relation(
							'CurrencyCode',
							'Currency',
							currencyExists(store, data.CurrencyCode),
							'Currency',
						))
			);
		case 'ReturnOrderLines':
			return (
				relation(
					'ReturnOrderNumber',
					'RMA number',
					exists(store, 'ReturnOrderHeaders', company, 'ReturnOrderNumber', data.ReturnOrderNumber),
					'Sales orders',
				) ??
				relation(
					'ItemNumber',
					'Item number',
					exists(store, 'ReleasedProductsV2', company, 'ItemNumber', data.ItemNumber),
					'Items',
				) ??
				(blank(data[switches.returnLineLinkField])
					? undefined
					: relation(
							switches.returnLineLinkField,
							'Lot ID',
							store
								.list('SalesOrderLines', company)
								.some(
									(l) =>
										l.InventoryLotId === data[switches.returnLineLinkField] &&
										l.ItemNumber === data.ItemNumber,
								),
							'Order lines',
						))
			);
		case 'FreeTextInvoiceHeaders':
			if (blank(data.CustomerAccount)) return [mandatoryLine('Customer account')];
			return (
				relation(
					'CustomerAccount',
					'Customer account',
					exists(store, 'CustomersV3', company, 'CustomerAccount', data.CustomerAccount),
					'Customers',
				) ??
				(blank(data.CurrencyCode)
					? undefined
					: relation(
							'CurrencyCode',
							'Currency',
							currencyExists(store, data.CurrencyCode),
							'Currency',
						))
			);
		case 'FreeTextInvoiceLines':
			return relation(
				'ParentRecId',
				'Record-ID',
				store
					.all('FreeTextInvoiceHeaders')
					.some(
						(r) => r.data.dataAreaId === company && r.data.InvoiceIdentifier === data.ParentRecId,
					),
				'Free text invoice',
			);
		default:
			return undefined;
	}
}
