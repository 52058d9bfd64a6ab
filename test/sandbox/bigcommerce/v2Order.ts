/**
 * The v2 order body (`GET /v2/orders/{id}` and each row of `GET /v2/orders`): its fields in v2's
 * wire format, and the includes a request may ask for (`consignments`, `consignments.line_items`,
 * `fees`), with the consignment line-item cap and its warning. Kept apart from the routes (./v2.ts)
 * because the admin order view and the shipments routes render orders too.
 */
import type { SandboxRequest } from '../common/http';
import { CURRENCIES } from '../catalog';
import { money, rate, rfc2822 } from './format';
import { ORDER_STATUSES, type OrderRec } from './records';
import { orderTotals } from './totals';
import type { V2Context } from './v2';
import { nameAndStreet, renderFees, renderLine, resource } from './v2OrderParts';

export interface Includes {
	consignments: boolean;
	lineItems: boolean;
	fees: boolean;
}

export function parseIncludes(req: SandboxRequest): Includes {
	const values = (req.url.searchParams.get('include') ?? '').split(',').map((s) => s.trim());
	const lineItems = values.includes('consignments.line_items');
	return {
		consignments: lineItems || values.includes('consignments'),
		lineItems,
		fees: values.includes('fees'),
	};
}

export function renderConsignments(
	ctx: V2Context,
	order: OrderRec,
	includes: Includes,
	out: Record<string, unknown>,
) {
	const t = orderTotals(order);
	let lines: unknown[] = order.lines.map((l) =>
		includes.lineItems
			? renderLine(ctx, order, l)
			: resource(ctx, `/orders/${order.id}/products/${l.id}`),
	);
	const cap = ctx.switches.consignmentLineItemCap;
	if (includes.lineItems && cap !== null && lines.length > cap) {
		lines = lines.slice(0, cap);
		if (ctx.switches.consignmentCapWarning) {
			// The cap and the existence of a `__warning__` object are documented (bigcommerce/docs issue
			// #960); its shape is not. This shape is a GUESS: do not let product code depend on it.
			out.__warning__ = {
				message: `Only the first ${cap} line items are returned in consignments. Use /v2/orders/${order.id}/products to get all line items.`,
			};
		}
	}
	const a = order.shipping[0];
	return {
		pickups: [],
		shipping: [
			{
				id: a.id,
				...nameAndStreet(a),
				zip: a.zip,
				country: a.country,
				country_iso2: a.country_iso2,
				state: a.state,
				email: a.email,
				phone: a.phone,
				form_fields: [],
				line_items: lines,
				items_total: t.itemsTotal,
				items_shipped: t.itemsShipped,
				shipping_method: a.shippingMethod,
				base_cost: t.shippingExTax,
				cost_ex_tax: t.shippingExTax,
				cost_inc_tax: t.shippingIncTax,
				cost_tax: t.shippingTax,
				cost_tax_class_id: 2,
				base_handling_cost: order.handlingCostExTax,
				handling_cost_ex_tax: order.handlingCostExTax,
				handling_cost_inc_tax: order.handlingCostExTax + t.handlingTax,
				handling_cost_tax: t.handlingTax,
				handling_cost_tax_class_id: 2,
				shipping_zone_id: a.zoneId,
				shipping_zone_name: a.zoneName,
				shipping_quotes: resource(
					ctx,
					`/orders/${order.id}/consignments/shipping/${a.id}/shipping_quotes`,
				),
			},
		],
		downloads: [],
		email: { gift_certificates: [] },
	};
}

/** What the order's coupons took off (their allocation is in the lines' `discount`). */
function couponDiscount(order: OrderRec): number {
	return Math.round(order.coupons.reduce((s, c) => s + c.discount, 0) * 100) / 100;
}

export function renderOrder(
	ctx: V2Context,
	order: OrderRec,
	includes: Includes,
): Record<string, unknown> {
	const t = orderTotals(order);
	const storeCurrency = CURRENCIES.find((c) => c.isDefault) ?? order.currency;
	const out: Record<string, unknown> = {
		id: order.id,
		customer_id: order.customerId,
		date_created: rfc2822(order.dateCreated),
		date_modified: rfc2822(order.dateModified),
		date_shipped: order.dateShipped ? rfc2822(order.dateShipped) : '',
		status_id: order.statusId,
		status: ORDER_STATUSES[order.statusId],
		custom_status: ORDER_STATUSES[order.statusId],
		subtotal_ex_tax: money(t.subtotalExTax),
		subtotal_inc_tax: money(t.subtotalExTax + t.subtotalTax),
		subtotal_tax: money(t.subtotalTax),
		base_shipping_cost: money(t.shippingExTax),
		shipping_cost_ex_tax: money(t.shippingExTax),
		shipping_cost_inc_tax: money(t.shippingIncTax),
		shipping_cost_tax: money(t.shippingTax),
		shipping_cost_tax_class_id: 2,
		base_handling_cost: money(order.handlingCostExTax),
		handling_cost_ex_tax: money(order.handlingCostExTax),
		handling_cost_inc_tax: money(order.handlingCostExTax + t.handlingTax),
		handling_cost_tax: money(t.handlingTax),
		handling_cost_tax_class_id: 2,
		base_wrapping_cost: '0.0000',
		wrapping_cost_ex_tax: '0.0000',
		wrapping_cost_inc_tax: '0.0000',
		wrapping_cost_tax: '0.0000',
		wrapping_cost_tax_class_id: 3,
		total_ex_tax: money(t.totalExTax),
		total_inc_tax: money(t.totalIncTax),
		total_tax: money(t.totalTax),
		items_total: t.itemsTotal,
		items_shipped: t.itemsShipped,
		payment_method: order.paymentMethod,
		payment_provider_id: order.paymentProviderId,
		payment_status: order.paymentStatus,
		refunded_amount: money(order.refundedAmount),
		order_is_digital: false,
		store_credit_amount: money(order.storeCreditAmount),
		gift_certificate_amount: '0.0000',
		ip_address: order.ipAddress,
		ip_address_v6: '',
		geoip_country: order.geoCountry,
		geoip_country_iso2: order.geoCountryIso2,
		currency_id: order.currency.id,
		currency_code: order.currency.code,
		currency_exchange_rate: rate(order.currency.exchangeRate),
		default_currency_id: order.currency.id,
		default_currency_code: order.currency.code,
		store_default_currency_code: storeCurrency.code,
		store_default_to_transactional_exchange_rate: rate(
			order.currency.exchangeRate / storeCurrency.exchangeRate,
		),
		staff_notes: order.staffNotes,
		customer_message: order.customerMessage,
		// BigCommerce's two order discounts add (the spec's order 218: 67.84 + 12.00 − 5.00 − 5.00 =
		// 69.84): discount_amount is what is not a coupon, coupon_discount the coupons.
		discount_amount: money(Math.round((t.discount - couponDiscount(order)) * 100) / 100),
		coupon_discount: money(couponDiscount(order)),
		shipping_address_count: order.shipping.length,
		is_deleted: order.isDeleted,
		ebay_order_id: '0',
		cart_id: order.cartId,
		billing_address: { ...order.billing, form_fields: [] },
		is_email_opt_in: order.isEmailOptIn,
		credit_card_type: order.creditCardType,
		order_source: order.orderSource,
		channel_id: order.channelId,
		external_source: order.externalSource,
		products: resource(ctx, `/orders/${order.id}/products`),
		// BigCommerce's own links say `shippingaddresses`; the endpoint is shipping_addresses.
		shipping_addresses: resource(ctx, `/orders/${order.id}/shippingaddresses`),
		coupons: resource(ctx, `/orders/${order.id}/coupons`),
		external_id: order.externalId,
		external_merchant_id: null,
		external_order_id: order.externalOrderId,
		tax_provider_id: 'BasicTaxProvider',
		customer_locale: order.customerLocale,
		is_tax_inclusive_pricing: false,
		consignments: resource(ctx, `/orders/${order.id}/consignments`),
		fees: resource(ctx, `/orders/${order.id}/fees`),
	};
	if (includes.consignments) out.consignments = renderConsignments(ctx, order, includes, out);
	if (includes.fees) out.fees = renderFees(order);
	return out;
}
