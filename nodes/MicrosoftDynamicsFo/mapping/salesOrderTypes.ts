/**
 * The shapes of the sales order mapping: its options, the payload it produces for
 * SalesOrderHeadersV2 + SalesOrderLines, and the draft that only lacks the customer account.
 */
import type { DimensionFormatOptions } from './dimensions';
import type { AmountOptions, ChargeItemOptions } from './salesOrderAmounts';
import type { TaxCalculation } from './taxMode';
import type {
	BcOrderCoupon,
	BcOrderProduct,
	BcShippingAddress,
	DimensionsInput,
	FoSalesOrderHeader,
	FoSalesOrderLine,
	ResolvedItemMap,
} from './types';

/**
 * Tax handling. F&O computes its own sales tax from tax groups, so we send BigCommerce's prices
 * either without tax (`exclusive`, ArePricesIncludingSalesTax=No: F&O adds its tax on top) or with
 * tax (`inclusive`, ArePricesIncludingSalesTax=Yes: F&O backs its tax out of the gross). `auto`
 * follows the order's `is_tax_inclusive_pricing`. Either way F&O's tax can differ from
 * BigCommerce's by its own rules; the amounts we send are exactly what BigCommerce charged in the
 * chosen basis.
 */
export type TaxMode = 'exclusive' | 'inclusive' | 'auto';

/** What the mapper needs besides the order; the amount rules are in AmountOptions. */
export interface SalesOrderMappingOptions extends AmountOptions {
	/** F&O company, e.g. `usmf`. */
	dataAreaId: string;
	/** BigCommerce store hash, part of CustomersOrderReference. */
	storeHash: string;
	/** Invoice account; default the customer account (see withCustomerAccount). */
	invoiceAccount?: string;
	/** SKU → F&O item, from the one-per-order SKU lookup (see collectSkus). */
	resolvedItems: ResolvedItemMap;
	/** Order lines from `/v2/orders/{id}/products`; default: the order's products or consignments. */
	products?: BcOrderProduct[];
	/** Shipping addresses from `/v2/orders/{id}/shipping_addresses`; default: from the order. */
	shippingAddresses?: BcShippingAddress[];
	/** Coupons from `/v2/orders/{id}/coupons` (reported back; their amounts are in the discounts). */
	coupons?: BcOrderCoupon[];
	/** Reference prefix (default `BC`), see references.ts. */
	referencePrefix?: string;
	/** CustomerRequisitionNumber: `orderShortReference` (`BC-<orderId>`, default) or `none`. */
	requisitionNumber?: 'orderShortReference' | 'none';
	/** Deterministic SalesOrderNumber `<prefix><orderId>` when set (needs a manual number sequence). */
	salesOrderNumberPrefix?: string;
	/** SalesOrderNumber length limit; default 20. */
	salesOrderNumberMaxLength?: number;
	/** Currency; default the order's `default_currency_code` (the transactional currency). */
	currencyCode?: string;
	taxMode?: TaxMode;
	/** Header SalesTaxGroupCode (e.g. the customer's tax group override). */
	salesTaxGroupCode?: string;
	/** Line SalesTaxItemGroupCode for product lines. */
	salesTaxItemGroupCode?: string;
	charges?: ChargeItemOptions;
	defaultSiteId?: string;
	defaultWarehouseId?: string;
	/** BigCommerce shipping method name → DeliveryModeCode. */
	deliveryModeMap?: Readonly<Record<string, string>>;
	/** BigCommerce `payment_method` → CustomerPaymentMethodName. */
	paymentMethodMap?: Readonly<Record<string, string>>;
	paymentTermsName?: string;
	languageId?: string;
	/** Default dimensions → DefaultLedgerDimensionDisplayValue on header and lines. */
	dimensions?: DimensionsInput;
	dimensionFormat?: DimensionFormatOptions;
	/** Requested shipping date = order date + this many days (default 0). */
	requestedShipDaysAfterOrder?: number;
	/** Requested receipt date = shipping date + this many days (default 0). */
	requestedReceiptDaysAfterShip?: number;
	/** Business time zone offset in minutes, to take the order's calendar day; default UTC. */
	utcOffsetMinutes?: number;
	countryOverrides?: Readonly<Record<string, string>>;
}

export interface SalesOrderTotals {
	currencyCode: string;
	taxBasis: 'exclusive' | 'inclusive';
	/** BigCommerce subtotal in the tax basis (before discounts). */
	subtotal: number;
	/** Discount BigCommerce applied to the products (allocated + prorated). */
	discount: number;
	/** Shipping + handling + wrapping in the tax basis. */
	charges: number;
	/** subtotal − discount + charges, rounded to the currency: what BigCommerce charged. */
	expectedTotal: number;
	/** Sum of the lines' LineAmount. */
	linesTotal: number;
	/** Who owns the tax (taxMode.ts): F&O calculates it, or BigCommerce's is posted as a line. */
	taxCalculation?: TaxCalculation;
	/** BigCommerce's `total_tax` posted on the tax-liability line (taxCalculation `asPosted`). */
	tax?: number;
}

export interface SalesOrderPayload<Header = FoSalesOrderHeader> {
	/** CustomersOrderReference, the lookup key for the exactly-once check. */
	reference: string;
	header: Header;
	/** Product lines first (by BigCommerce line id), then charge lines. */
	lines: FoSalesOrderLine[];
	couponCodes: string[];
	totals: SalesOrderTotals;
}

/** The header before the customer is known: the invoice account only when one was given. */
export type SalesOrderHeaderDraft = Omit<
	FoSalesOrderHeader,
	'OrderingCustomerAccountNumber' | 'InvoiceCustomerAccountNumber'
> & { InvoiceCustomerAccountNumber?: string };

/** A mapped and checked order that only lacks its customer account (see withCustomerAccount). */
export type SalesOrderDraft = SalesOrderPayload<SalesOrderHeaderDraft>;
