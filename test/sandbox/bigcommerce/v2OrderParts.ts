/**
 * The v2 renderings of an order's sub-resources (orders.v2.oas2.yml): its products (lines), shipping
 * addresses, coupons and fees, in v2's wire format (money as 4-dp strings), plus the `{url,
 * resource}` link v2 gives in place of a sub-resource. The order body (./v2Order.ts), its
 * consignments and the routes (./v2.ts) all render these, so they stand apart.
 */
import { money } from './format';
import type { AddressRec, OrderLineRec, OrderRec } from './records';
import { lineTotals, orderTotals } from './totals';
import type { V2Context } from './v2';

export function resource(ctx: V2Context, path: string) {
	return { url: `${ctx.storeUrl()}/v2${path}`, resource: path };
}

/**
 * The name and street fields of an address, in v2's order: a shipping address and a consignment's
 * shipping entry both start with them (each then orders the rest its own way).
 */
export function nameAndStreet(a: AddressRec) {
	return {
		first_name: a.first_name,
		last_name: a.last_name,
		company: a.company,
		street_1: a.street_1,
		street_2: a.street_2,
		city: a.city,
	};
}

export function renderLine(
	ctx: V2Context,
	order: OrderRec,
	line: OrderLineRec,
): Record<string, unknown> {
	const t = lineTotals(order, line);
	const unitInc = line.unitPrice + t.priceTax;
	const costTax = line.costPrice * order.taxRate;
	return {
		id: line.id,
		order_id: order.id,
		product_id: line.productId,
		variant_id: line.variantId,
		order_pickup_method_id: 0,
		order_address_id: order.shipping[0].id,
		name: line.name,
		name_customer: line.name,
		name_merchant: line.name,
		sku: line.sku,
		upc: line.upc,
		type: 'physical',
		base_price: money(line.unitPrice),
		price_ex_tax: money(line.unitPrice),
		price_inc_tax: money(unitInc),
		price_tax: money(t.priceTax),
		base_total: money(t.totalEx),
		total_ex_tax: money(t.totalEx),
		total_inc_tax: money(t.totalInc),
		total_tax: money(t.totalTax),
		weight: line.weight.toFixed(4),
		width: '10.0000',
		height: '4.0000',
		depth: '6.0000',
		quantity: line.quantity,
		base_cost_price: money(line.costPrice),
		cost_price_inc_tax: money(line.costPrice + costTax),
		cost_price_ex_tax: money(line.costPrice),
		cost_price_tax: money(costTax),
		is_refunded: line.quantityRefunded > 0,
		quantity_refunded: line.quantityRefunded,
		refund_amount: money(line.refundAmount),
		return_id: 0,
		wrapping_id: 0,
		wrapping_name: null,
		base_wrapping_cost: '0.0000',
		wrapping_cost_ex_tax: '0.0000',
		wrapping_cost_inc_tax: '0.0000',
		wrapping_cost_tax: '0.0000',
		wrapping_message: '',
		quantity_shipped: line.quantityShipped,
		event_name: null,
		event_date: null,
		fixed_shipping_cost: '0.0000',
		ebay_item_id: '',
		ebay_transaction_id: '',
		option_set_id: line.options.length ? 15 : null,
		parent_order_product_id: null,
		is_bundled_product: false,
		bin_picking_number: '',
		external_id: null,
		brand: line.brand,
		applied_discounts: order.coupons.length
			? [
					{
						id: String(order.coupons[0].couponId),
						amount: money(line.discount),
						name: `Coupon ${order.coupons[0].code}`,
						code: order.coupons[0].code,
						target: 'order',
					},
				]
			: [],
		product_options: line.options.map((o) => ({
			id: o.id,
			option_id: o.optionId,
			order_product_id: line.id,
			product_option_id: o.productOptionId,
			display_name: o.name,
			display_name_customer: o.name,
			display_name_merchant: o.name,
			display_value: o.value,
			display_value_customer: o.value,
			display_value_merchant: o.value,
			value: String(o.optionId * 100 + o.value.length),
			type: 'Multiple choice',
			name: o.name.toLowerCase(),
			display_style: 'Rectangle',
		})),
		configurable_fields: [],
		gift_certificate_id: null,
		discounted_total_inc_tax: money(t.discountedInc),
	};
}

export function renderShippingAddress(ctx: V2Context, order: OrderRec): Record<string, unknown>[] {
	const t = orderTotals(order);
	return order.shipping.map((a) => ({
		id: a.id,
		order_id: order.id,
		...nameAndStreet(a),
		state: a.state,
		zip: a.zip,
		country: a.country,
		country_iso2: a.country_iso2,
		phone: a.phone,
		email: a.email,
		items_total: t.itemsTotal,
		items_shipped: t.itemsShipped,
		shipping_method: a.shippingMethod,
		base_cost: money(t.shippingExTax),
		cost_ex_tax: money(t.shippingExTax),
		cost_inc_tax: money(t.shippingIncTax),
		cost_tax: money(t.shippingTax),
		cost_tax_class_id: 2,
		base_handling_cost: money(order.handlingCostExTax),
		handling_cost_ex_tax: money(order.handlingCostExTax),
		handling_cost_inc_tax: money(order.handlingCostExTax + t.handlingTax),
		handling_cost_tax: money(t.handlingTax),
		handling_cost_tax_class_id: 2,
		shipping_zone_id: a.zoneId,
		shipping_zone_name: a.zoneName,
		form_fields: [],
		shipping_quotes: resource(
			ctx,
			`/orders/${order.id}/shipping_addresses/${a.id}/shipping_quotes`,
		),
	}));
}

export function renderCoupons(order: OrderRec): Record<string, unknown>[] {
	return order.coupons.map((c) => ({
		id: c.id,
		coupon_id: c.couponId,
		order_id: order.id,
		code: c.code,
		amount: money(c.type === 1 ? c.value : c.value),
		type: c.type,
		discount: c.discount,
	}));
}

export function renderFees(order: OrderRec): Record<string, unknown>[] {
	return order.fees.map((f) => {
		const tax = Math.round(f.costExTax * order.taxRate * 100) / 100;
		return {
			id: f.id,
			type: 'custom_fee',
			display_name_customer: f.displayNameCustomer,
			display_name_merchant: f.displayNameMerchant,
			source: f.source,
			base_cost: money(f.costExTax),
			cost_ex_tax: money(f.costExTax),
			cost_inc_tax: money(f.costExTax + tax),
			cost_tax: money(tax),
			tax_class_id: null,
		};
	});
}
