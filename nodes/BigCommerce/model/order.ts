/**
 * The BigCommerce v2 order as this pack reads it, defined once for the action node, the triggers,
 * the F&O mapping and the F&O posting code (`orderLines` in lines.ts decides which lines it has).
 * Only the fields the pack reads are typed, named exactly as the API names them.
 *
 * v2 sends money as decimal strings ("12.0000") and dates as RFC 2822; v3 sends numbers and ISO
 * dates. v2 answers sub-resources (products, shipping addresses, coupons) with link objects
 * `{ url, resource }` unless the caller attached them; `FullOrder` is the order with them attached.
 */
import type { IDataObject } from 'n8n-workflow';

import type { BcConsignments } from './consignments';
import type { BcTransaction } from './transaction';

/** A money value as BigCommerce sends it: v2 decimal string ("12.0000", "8"), v3 number. */
export type BcMoney = string | number;

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
	/** How many of the line were shipped (shipments, or the order marked Shipped). */
	quantity_shipped?: number;
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
	/** The lines under another name, as some workflows hand an order over. */
	line_items?: BcOrderProduct[];
	shipping_addresses?: BcShippingAddress[] | BcResourceLink;
	coupons?: BcOrderCoupon[] | BcResourceLink;
	/** With `include=consignments.line_items`: the object structure, or an array of them. */
	consignments?: BcConsignments | BcConsignments[] | BcResourceLink;
}

/**
 * The order as the BigCommerce node and triggers hand it over: `products` (every line, by line
 * id), `shipping_addresses` (the shipping consignments, without their lines), `coupons` when asked
 * for, and `transactions` (v3). `consignments` keeps pickups, downloads and gift certificates,
 * without the lines (they are in `products`, linked by `order_address_id`). Any other field the
 * store sends rides along untyped.
 */
export interface FullOrder extends BcOrder, IDataObject {
	products?: BcOrderProduct[];
	shipping_addresses?: BcShippingAddress[];
	coupons?: BcOrderCoupon[];
	transactions?: BcTransaction[];
}

/** Whether a value is an order line (a link object or a stray value is not). */
export const isOrderLine = (value: unknown): value is BcOrderProduct =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as BcOrderProduct).id === 'number' &&
	(value as BcOrderProduct).quantity !== undefined;
