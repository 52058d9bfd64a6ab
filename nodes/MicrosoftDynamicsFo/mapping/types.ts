/**
 * Types for the Dynamics 365 F&O OData payloads the mapping layer produces. Only the fields we
 * write, named exactly as the entity sets' $metadata names them; enum values are member-name
 * strings. The BigCommerce records the mappers read are typed once, in the BigCommerce node's
 * model, and re-exported here so mapping code can import both from one place.
 */
export type {
	BcAddress,
	BcAppliedDiscount,
	BcBillingAddress,
	BcConsignments,
	BcCustomer,
	BcCustomerAddress,
	BcLineItemConsignment,
	BcMoney,
	BcOrder,
	BcOrderCoupon,
	BcOrderProduct,
	BcRefund,
	BcRefundItem,
	BcRefundItemAdjustment,
	BcRefundItemType,
	BcRefundPayment,
	BcResourceLink,
	BcShippingAddress,
	BcShippingConsignment,
	BcTransaction,
	BcTransactionEvent,
} from '../../BigCommerce/model';

// ---------------------------------------------------------------------------------------------
// F&O payloads
// ---------------------------------------------------------------------------------------------

export type FoNoYes = 'No' | 'Yes';

/** Entity set CustomersV3 (type CustomerV3): create body. */
export interface FoCustomerCreate {
	dataAreaId: string;
	CustomerAccount?: string;
	PartyType: 'Person' | 'Organization';
	OrganizationName?: string;
	PersonFirstName?: string;
	PersonLastName?: string;
	NameAlias?: string;
	CustomerGroupId: string;
	SalesCurrencyCode: string;
	AddressStreet?: string;
	AddressCity?: string;
	AddressState?: string;
	AddressZipCode?: string;
	AddressCountryRegionId?: string;
	PrimaryContactEmail?: string;
	PrimaryContactPhone?: string;
	LanguageId?: string;
	PaymentTerms?: string;
	PaymentMethod?: string;
	SalesTaxGroup?: string;
	DeliveryMode?: string;
	DefaultDimensionDisplayValue?: string;
}

/** CustomersV3 PATCH body: keys go in the URL, PartyType cannot change, F&O-owned fields stay. */
export type FoCustomerUpdate = Partial<
	Omit<
		FoCustomerCreate,
		'dataAreaId' | 'CustomerAccount' | 'PartyType' | 'CustomerGroupId' | 'SalesCurrencyCode'
	>
>;

/** The order-specific delivery address fields header and lines share on sales orders. */
export interface FoDeliveryAddress {
	DeliveryAddressName?: string;
	DeliveryAddressStreet?: string;
	DeliveryAddressCity?: string;
	DeliveryAddressZipCode?: string;
	DeliveryAddressStateId?: string;
	DeliveryAddressCountryRegionId?: string;
	IsDeliveryAddressOrderSpecific?: FoNoYes;
}

/** A released product as a line names it: the item and, for a variant, its dimensions. */
export interface FoItemFields {
	ItemNumber: string;
	ProductSizeId?: string;
	ProductColorId?: string;
	ProductStyleId?: string;
	ProductConfigurationId?: string;
}

/** Entity set SalesOrderHeadersV2: create body. */
export interface FoSalesOrderHeader extends FoDeliveryAddress {
	dataAreaId: string;
	SalesOrderNumber?: string;
	OrderingCustomerAccountNumber: string;
	InvoiceCustomerAccountNumber: string;
	CurrencyCode: string;
	LanguageId?: string;
	CustomersOrderReference: string;
	CustomerRequisitionNumber?: string;
	RequestedShippingDate: string;
	RequestedReceiptDate: string;
	Email?: string;
	DeliveryModeCode?: string;
	PaymentTermsName?: string;
	CustomerPaymentMethodName?: string;
	SalesTaxGroupCode?: string;
	ArePricesIncludingSalesTax: FoNoYes;
	DefaultShippingSiteId?: string;
	DefaultShippingWarehouseId?: string;
	DefaultLedgerDimensionDisplayValue?: string;
	/** Yes: F&O adds no automatic charges to what BigCommerce already charged. */
	SkipCreateAutoCharges: FoNoYes;
	/** 0: no trade-agreement total discount on top of BigCommerce's discounts. */
	TotalDiscountPercentage: number;
}

/** Entity set SalesOrderLines: create body. SalesOrderNumber is set once the header exists. */
export interface FoSalesOrderLine extends FoDeliveryAddress, FoItemFields {
	dataAreaId: string;
	SalesOrderNumber?: string;
	OrderedSalesQuantity: number;
	SalesUnitSymbol?: string;
	SalesPrice: number;
	LineDiscountAmount: number;
	LineAmount: number;
	CalculateLineAmount: FoNoYes;
	IsPriceLocked: FoNoYes;
	/** 0, as are MultilineDiscountPercentage: no trade-agreement discount on the line. */
	LineDiscountPercentage: number;
	MultilineDiscountPercentage: number;
	LineDescription?: string;
	CustomersLineNumber: number;
	OrderLineReference?: string;
	ExternalItemNumber?: string;
	CurrencyCode: string;
	RequestedShippingDate: string;
	ShippingSiteId?: string;
	ShippingWarehouseId?: string;
	SalesTaxGroupCode?: string;
	SalesTaxItemGroupCode?: string;
	DefaultLedgerDimensionDisplayValue?: string;
}

export type FoLedgerJournalAcType = 'Cust' | 'Ledger' | 'Bank' | 'Vend' | 'Project' | 'FixedAssets';

/** Entity set CustomerPaymentJournalLines: create body (JournalBatchNumber from the header). */
export interface FoCustomerPaymentJournalLine {
	dataAreaId: string;
	JournalBatchNumber?: string;
	AccountType: 'Cust';
	AccountDisplayValue: string;
	CreditAmount: number;
	DebitAmount: number;
	CurrencyCode: string;
	TransactionDate: string;
	PaymentMethodName?: string;
	PaymentReference: string;
	TransactionText: string;
	IsPrepayment: FoNoYes;
	OffsetAccountType: 'Bank' | 'Ledger';
	OffsetAccountDisplayValue: string;
	PostingProfile?: string;
	DefaultDimensionsForAccountDisplayValue?: string;
}

/** Entity set ReturnOrderHeaders: create body (ReturnOrderNumber usually generated). */
export interface FoReturnOrderHeader {
	dataAreaId: string;
	ReturnOrderNumber?: string;
	CustomerAccountNumber: string;
	CurrencyCode: string;
	CustomersOrderReference: string;
	CustomerRequisitionNumber: string;
	CustomerReturnReasonCode?: string;
	DefaultReturnSiteId?: string;
	DefaultReturnWarehouseId?: string;
	Email?: string;
}

/** Entity set ReturnOrderLines: create body. */
export interface FoReturnOrderLine extends FoItemFields {
	dataAreaId: string;
	ReturnOrderNumber?: string;
	ReturnSalesQuantity: number;
	SalesPrice: number;
	LineAmount: number;
	CalculateLineAmount: FoNoYes;
	LineDescription?: string;
	ReturnDispositionCode?: string;
	ReturnSiteId?: string;
	ReturnWarehouseId?: string;
	SalesUnitSymbol?: string;
	/** The original sales line's InventoryLotId, on the field chosen (posting/returnLineLinks.ts). */
	ReturningInventoryLotId?: string;
	ReferenceInventoryLotId?: string;
}

/** Entity set FreeTextInvoiceHeaders: create body (InvoiceIdentifier is a generated RecId). */
export interface FoFreeTextInvoiceHeader {
	dataAreaId: string;
	CustomerAccount: string;
	InvoiceAccount?: string;
	InvoiceDate: string;
	CurrencyCode: string;
	CustomerReference: string;
	CustomerRequisition: string;
	InclTax: FoNoYes;
	SalesTaxGroupId?: string;
	DefaultDimensionDisplayValue?: string;
}

/** Entity set FreeTextInvoiceLines: create body (ParentRecId = header InvoiceIdentifier). */
export interface FoFreeTextInvoiceLine {
	dataAreaId: string;
	ParentRecId?: number;
	LineNumber: number;
	Description: string;
	MainAccountDisplayValue: string;
	Quantity: number;
	UnitPrice: number;
	TransactionCurrencyAmount: number;
	CurrencyCode: string;
	SalesTaxGroupId?: string;
	SalesTaxItemGroupId?: string;
	DefaultDimensionDisplayValue?: string;
}

// ---------------------------------------------------------------------------------------------
// Inputs shared by several mappers
// ---------------------------------------------------------------------------------------------

/** What the SKU lookup resolved a BigCommerce SKU to in F&O. */
export interface ResolvedItem extends FoItemFields {
	SalesUnitSymbol?: string;
}

/** SKU → resolved item, as a plain object (JSON-friendly for n8n items) or a Map. */
export type ResolvedItemMap =
	Readonly<Record<string, ResolvedItem>> | ReadonlyMap<string, ResolvedItem>;

/** Financial dimensions: the active integration format's dimension names and the values to set. */
export interface DimensionsInput {
	/** Dimension names in the order of the active integration format (Default dimension format). */
	format: readonly string[];
	/** Values by dimension name; names not in `format` are an error, missing names stay blank. */
	values: Readonly<Record<string, string | undefined>>;
}
