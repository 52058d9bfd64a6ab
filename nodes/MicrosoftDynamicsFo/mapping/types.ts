/**
 * Types for the BigCommerce records the mapping layer consumes and the Dynamics 365 F&O OData
 * payloads it produces. Only the fields we read or write, named exactly as the APIs name them.
 *
 * BigCommerce: v2 orders use money as decimal strings and RFC 2822 dates; v3 uses numbers and ISO
 * dates. F&O: property names as in the entity sets' $metadata; enum values are member-name strings.
 */

/** A money value as BigCommerce sends it: v2 decimal string ("12.0000", "8"), v3 number. */
export type BcMoney = string | number;

// ---------------------------------------------------------------------------------------------
// BigCommerce v2 order
// ---------------------------------------------------------------------------------------------

export interface BcAddress {
	first_name?: string;
	last_name?: string;
	company?: string;
	street_1?: string;
	street_2?: string;
	city?: string;
	state?: string;
	zip?: string;
	country?: string;
	country_iso2?: string;
	phone?: string;
	email?: string;
}

export type BcBillingAddress = BcAddress;

/** `GET /v2/orders/{id}/shipping_addresses` item, or a shipping consignment. */
export interface BcShippingAddress extends BcAddress {
	id?: number;
	order_id?: number;
	shipping_method?: string;
	base_cost?: BcMoney;
	cost_ex_tax?: BcMoney;
	cost_inc_tax?: BcMoney;
	base_handling_cost?: BcMoney;
	handling_cost_ex_tax?: BcMoney;
	handling_cost_inc_tax?: BcMoney;
}

export interface BcAppliedDiscount {
	id?: string | number;
	amount: BcMoney;
	name?: string;
	code?: string | null;
	target?: string;
}

/** `GET /v2/orders/{id}/products` item (also the consignment `line_items` entries). */
export interface BcOrderProduct {
	id: number;
	order_id?: number;
	product_id?: number;
	variant_id?: number;
	order_address_id?: number;
	name?: string;
	sku?: string;
	type?: string;
	base_price?: BcMoney;
	price_ex_tax: BcMoney;
	price_inc_tax: BcMoney;
	total_ex_tax: BcMoney;
	total_inc_tax: BcMoney;
	quantity: number;
	quantity_refunded?: number;
	parent_order_product_id?: number | null;
	is_bundled_product?: boolean;
	applied_discounts?: BcAppliedDiscount[];
	discounted_total_inc_tax?: BcMoney;
}

/** A link object `{url, resource}` that v2 returns in place of a sub-resource. */
export interface BcResourceLink {
	url?: string;
	resource?: string;
}

export interface BcShippingConsignment extends BcShippingAddress {
	line_items?: Array<BcOrderProduct | BcResourceLink>;
}

export interface BcLineItemConsignment {
	line_items?: Array<BcOrderProduct | BcResourceLink> | BcResourceLink;
}

/** `consignments` with `consignment_structure=object`. */
export interface BcConsignments {
	shipping?: BcShippingConsignment[];
	pickups?: BcLineItemConsignment[];
	downloads?: BcLineItemConsignment[];
	email?: { gift_certificates?: BcLineItemConsignment[] };
}

/** `GET /v2/orders/{id}/coupons` item. */
export interface BcOrderCoupon {
	id?: number;
	coupon_id?: number;
	order_id?: number;
	code: string;
	amount?: BcMoney;
	type?: number;
	discount?: BcMoney;
}

/** `GET /v2/orders/{id}` (plus, when the caller fetched them, products / addresses / coupons). */
export interface BcOrder {
	id: number;
	customer_id: number;
	date_created: string;
	date_modified?: string;
	status_id?: number;
	subtotal_ex_tax: BcMoney;
	subtotal_inc_tax: BcMoney;
	shipping_cost_ex_tax?: BcMoney;
	shipping_cost_inc_tax?: BcMoney;
	handling_cost_ex_tax?: BcMoney;
	handling_cost_inc_tax?: BcMoney;
	wrapping_cost_ex_tax?: BcMoney;
	wrapping_cost_inc_tax?: BcMoney;
	total_ex_tax: BcMoney;
	total_inc_tax: BcMoney;
	total_tax?: BcMoney;
	is_tax_inclusive_pricing?: boolean;
	payment_method?: string;
	currency_code?: string;
	default_currency_code?: string;
	discount_amount?: BcMoney;
	coupon_discount?: BcMoney;
	customer_message?: string;
	billing_address: BcBillingAddress;
	external_order_id?: string | null;
	/** A link object from the API, or the product list when the caller attached it. */
	products?: BcOrderProduct[] | BcResourceLink;
	shipping_addresses?: BcShippingAddress[] | BcResourceLink;
	coupons?: BcOrderCoupon[] | BcResourceLink;
	/** With `include=consignments.line_items`: the object structure, or an array of them. */
	consignments?: BcConsignments | BcConsignments[] | BcResourceLink;
}

// ---------------------------------------------------------------------------------------------
// BigCommerce v3 transaction, refund, customer
// ---------------------------------------------------------------------------------------------

export type BcTransactionEvent =
	'purchase' | 'authorization' | 'capture' | 'refund' | 'void' | 'pending' | 'settled';

/** `GET /v3/orders/{order_id}/transactions` item. `order_id` is a string there. */
export interface BcTransaction {
	id: number;
	order_id: string | number;
	event: BcTransactionEvent | string;
	method?: string;
	amount: number;
	currency: string;
	gateway?: string;
	gateway_transaction_id?: string;
	status: 'ok' | 'error' | string;
	test?: boolean;
	date_created: string;
	payment_method_id?: string;
}

export type BcRefundItemType =
	'PRODUCT' | 'GIFT_WRAPPING' | 'SHIPPING' | 'HANDLING' | 'ORDER' | 'FEE' | 'TAX';

export interface BcRefundItemAdjustment {
	amount: number;
	description?: string;
}

export interface BcRefundItem {
	item_type: BcRefundItemType | string;
	item_id: number;
	quantity?: number;
	reason?: string;
	requested_amount?: number | null;
	/** Present on request-shaped items (AmountBoundItem); read defensively. */
	amount?: number | null;
	adjustments?: BcRefundItemAdjustment[];
}

export interface BcRefundPayment {
	id?: number;
	provider_id?: string;
	amount: number;
	offline?: boolean;
	is_declined?: boolean;
	transaction_id?: string;
}

/** `GET /v3/orders/payment_actions/refunds/{refund_id}` `data`. `order_id` is an integer there. */
export interface BcRefund {
	id: number;
	order_id: number;
	created: string;
	reason?: string;
	total_amount: number;
	total_tax?: number;
	items: BcRefundItem[];
	payments?: BcRefundPayment[];
}

export interface BcCustomerAddress {
	first_name?: string;
	last_name?: string;
	company?: string;
	address1?: string;
	address2?: string;
	city?: string;
	state_or_province?: string;
	postal_code?: string;
	country_code?: string;
	phone?: string;
	address_type?: string;
}

/** `GET /v3/customers` item (`customer_Full`), addresses only with `include=addresses`. */
export interface BcCustomer {
	id?: number;
	email?: string;
	first_name?: string;
	last_name?: string;
	company?: string;
	phone?: string;
	customer_group_id?: number;
	addresses?: BcCustomerAddress[];
}

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
	LineDescription?: string;
	CustomersLineNumber: number;
	OrderLineReference?: string;
	ExternalItemNumber?: string;
	CurrencyCode: string;
	RequestedShippingDate: string;
	ShippingSiteId?: string;
	ShippingWarehouseId?: string;
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
