/**
 * Master and reference data the sandbox serves: companies, currencies, dimension formats,
 * customers and their groups, released products and their variants. Each table lists the
 * properties the pack, the sandbox's rules and seed, and the tests read or write, not every
 * property F&O has; a property outside these tables is refused as F&O refuses an unknown one.
 */
import type { EntityTable } from './table';

export const CUSTOMERS_V3: EntityTable = {
	set: 'CustomersV3',
	type: 'CustomerV3',
	keys: ['dataAreaId', 'CustomerAccount'],
	properties: {
		dataAreaId: 'String',
		CustomerAccount: 'String',
		AddressCity: 'String',
		AddressCountryRegionId: 'String',
		AddressState: 'String',
		AddressStreet: 'String',
		AddressValidTo: 'DateTimeOffset',
		AddressZipCode: 'String',
		CreditLimit: 'Decimal',
		CustomerGroupId: 'String',
		DefaultDimensionDisplayValue: 'String',
		DeliveryAddressCity: 'String',
		DeliveryAddressCountryRegionId: 'String',
		DeliveryAddressStreet: 'String',
		DeliveryAddressZipCode: 'String',
		DeliveryMode: 'String',
		InvoiceAccount: 'String',
		IsFuelSurchargeApplied: 'NoYes',
		LanguageId: 'String',
		NameAlias: 'String',
		OrganizationName: 'String',
		PartyNumber: 'String',
		PartyType: 'String',
		PaymentMethod: 'String',
		PaymentTerms: 'String',
		PersonFirstName: 'String',
		PersonLastName: 'String',
		PrimaryContactEmail: 'String',
		PrimaryContactPhone: 'String',
		SalesCurrencyCode: 'String',
		SalesTaxGroup: 'String',
		// Customer defaults F&O has; listed because the pack names SiteId/WarehouseId (sites,
		// warehouses), which the model contract holds against every served entity.
		SiteId: 'String',
		WarehouseId: 'String',
	},
};

export const CUSTOMER_GROUPS: EntityTable = {
	set: 'CustomerGroups',
	type: 'CustomerGroup',
	keys: ['dataAreaId', 'CustomerGroupId'],
	properties: {
		dataAreaId: 'String',
		CustomerGroupId: 'String',
		DefaultDimensionDisplayValue: 'String',
		Description: 'String',
		PaymentTermId: 'String',
		TaxGroupId: 'String',
	},
};

export const CURRENCIES: EntityTable = {
	set: 'Currencies',
	type: 'Currency',
	keys: ['CurrencyCode'],
	properties: {
		CurrencyCode: 'String',
		GeneralRoundingRule: 'Decimal',
		Name: 'String',
		RoundingRulePrices: 'Decimal',
		RoundingRuleSalesOrders: 'Decimal',
		Symbol: 'String',
	},
};

export const LEGAL_ENTITIES: EntityTable = {
	set: 'LegalEntities',
	type: 'LegalEntity',
	keys: ['LegalEntityId'],
	properties: {
		LegalEntityId: 'String',
		AddressCity: 'String',
		AddressCountryRegionId: 'String',
		AddressState: 'String',
		AddressStreet: 'String',
		AddressValidTo: 'DateTimeOffset',
		AddressZipCode: 'String',
		LanguageId: 'String',
		Name: 'String',
		NameAlias: 'String',
		PartyNumber: 'String',
		PrimaryContactEmail: 'String',
		PrimaryContactPhone: 'String',
	},
};

export const DIMENSION_INTEGRATION_FORMATS: EntityTable = {
	set: 'DimensionIntegrationFormats',
	type: 'DimensionIntegrationFormat',
	keys: ['DimensionFormatName', 'DimensionFormatType'],
	properties: {
		DimensionFormatName: 'String',
		DimensionFormatType: 'DimensionHierarchyType',
		FinancialDimensionFormat: 'String',
		IsActive: 'NoYes',
	},
};

export const RELEASED_PRODUCTS_V2: EntityTable = {
	set: 'ReleasedProductsV2',
	type: 'ReleasedProductV2',
	keys: ['dataAreaId', 'ItemNumber'],
	properties: {
		dataAreaId: 'String',
		ItemNumber: 'String',
		DefaultLedgerDimensionDisplayValue: 'String',
		InventoryUnitSymbol: 'String',
		ProductDimensionGroupName: 'String',
		ProductNumber: 'String',
		ProductSearchName: 'String',
		ProductSubType: 'EcoResProductSubtype',
		ProductType: 'EcoResProductType',
		PurchaseUnitSymbol: 'String',
		SalesPrice: 'Decimal',
		SalesPriceQuantity: 'Decimal',
		SalesSalesTaxItemGroupCode: 'String',
		SalesUnitSymbol: 'String',
		SearchName: 'String',
	},
};

export const RELEASED_PRODUCT_VARIANTS_V2: EntityTable = {
	set: 'ReleasedProductVariantsV2',
	type: 'ReleasedProductVariantV2',
	keys: [
		'dataAreaId',
		'ProductMasterNumber',
		'ProductConfigurationId',
		'ProductSizeId',
		'ProductColorId',
		'ProductStyleId',
		'ProductVersionId',
	],
	properties: {
		dataAreaId: 'String',
		ProductMasterNumber: 'String',
		ProductConfigurationId: 'String',
		ProductSizeId: 'String',
		ProductColorId: 'String',
		ProductStyleId: 'String',
		ProductVersionId: 'String',
		ItemNumber: 'String',
		ProductDescription: 'String',
		ProductName: 'String',
		ProductSearchName: 'String',
		ProductVariantNumber: 'String',
	},
};
