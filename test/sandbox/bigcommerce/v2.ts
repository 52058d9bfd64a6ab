/**
 * v2 routes (orders.v2.oas2.yml): bare-array lists, money as 4-dp strings, RFC 2822 UTC dates,
 * errors as `[{status,message}]`, `204 No Content` for an empty order list, page/limit with a max
 * of 250, and the order includes (consignments, consignments.line_items, fees).
 */
import type { ServerResponse } from 'node:http';

import { sendEmpty, sendJson, type Router, type SandboxRequest } from '../common/http';
import { money, parseFilterDate, rate, rfc2822, sendV2Error, statusMessage } from './format';
import { CURRENCIES } from '../catalog';
import {
	lineTotals,
	ORDER_STATUSES,
	orderTotals,
	type BigCommerceStore,
	type OrderLineRec,
	type OrderRec,
} from './store';
import type { BigCommerceSwitches } from './switches';

export interface V2Context {
	store: BigCommerceStore;
	switches: BigCommerceSwitches;
	/** `https://api.bigcommerce.com/stores/{hash}` equivalent, for resource links. */
	storeUrl: () => string;
	/** Store information (`GET /v2/store`). */
	storeInfo: () => Record<string, unknown>;
	/** Default page size of `/v2/orders/{id}/products` ("Lists 50 order products"). */
	productsPageSize: number;
}

const MAX_LIMIT = 250;

/** page/limit as BigCommerce pages v2 lists; answers 400/413 itself and returns undefined when it did. */
function paging(req: SandboxRequest, res: ServerResponse, ctx: V2Context, defaultLimit = 50) {
	const q = req.url.searchParams;
	const page = q.has('page') ? Number(q.get('page')) : 1;
	let limit = q.has('limit') ? Number(q.get('limit')) : defaultLimit;
	if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1) {
		sendV2Error(res, 400, 'The field "page" or "limit" is invalid.');
		return undefined;
	}
	if (limit > MAX_LIMIT) {
		if (ctx.switches.v2LimitOverMax === 'error413') {
			sendV2Error(res, 413, statusMessage(413));
			return undefined;
		}
		limit = MAX_LIMIT;
	}
	return {
		page,
		limit,
		slice: <T>(rows: T[]) => rows.slice((page - 1) * limit, page * limit),
	};
}

function resource(ctx: V2Context, path: string) {
	return { url: `${ctx.storeUrl()}/v2${path}`, resource: path };
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
		first_name: a.first_name,
		last_name: a.last_name,
		company: a.company,
		street_1: a.street_1,
		street_2: a.street_2,
		city: a.city,
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

function renderCoupons(order: OrderRec): Record<string, unknown>[] {
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

function renderFees(order: OrderRec): Record<string, unknown>[] {
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

interface Includes {
	consignments: boolean;
	lineItems: boolean;
	fees: boolean;
}

function parseIncludes(req: SandboxRequest): Includes {
	const values = (req.url.searchParams.get('include') ?? '').split(',').map((s) => s.trim());
	const lineItems = values.includes('consignments.line_items');
	return {
		consignments: lineItems || values.includes('consignments'),
		lineItems,
		fees: values.includes('fees'),
	};
}

function renderConsignments(
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
				first_name: a.first_name,
				last_name: a.last_name,
				company: a.company,
				street_1: a.street_1,
				street_2: a.street_2,
				city: a.city,
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

const SORT_KEYS: Record<string, (o: OrderRec) => number | string> = {
	id: (o) => o.id,
	customer_id: (o) => o.customerId,
	date_created: (o) => o.dateCreated.getTime(),
	date_modified: (o) => o.dateModified.getTime(),
	status_id: (o) => o.statusId,
	channel_id: (o) => o.channelId,
	external_id: (o) => o.externalId ?? '',
};

function filterOrders(
	req: SandboxRequest,
	res: ServerResponse,
	ctx: V2Context,
): OrderRec[] | undefined {
	const q = req.url.searchParams;
	let rows = [...ctx.store.orders.values()];
	const num = (name: string): number | undefined | null => {
		if (!q.has(name)) return undefined;
		const n = Number(q.get(name));
		return Number.isFinite(n) ? n : null;
	};
	for (const name of [
		'min_id',
		'max_id',
		'min_total',
		'max_total',
		'customer_id',
		'status_id',
		'channel_id',
	]) {
		if (num(name) === null) {
			sendV2Error(res, 400, `The field '${name}' is invalid.`);
			return undefined;
		}
	}
	const dates: Record<string, Date | undefined> = {};
	for (const name of [
		'min_date_created',
		'max_date_created',
		'min_date_modified',
		'max_date_modified',
	]) {
		if (!q.has(name)) continue;
		const d = parseFilterDate(q.get(name) as string);
		if (!d) {
			sendV2Error(res, 400, `The field '${name}' is invalid. Dates must be RFC 2822 or ISO 8601.`);
			return undefined;
		}
		dates[name] = d;
	}
	const statusId = num('status_id');
	if (statusId === undefined && !ctx.switches.listIncludesIncomplete)
		rows = rows.filter((o) => o.statusId !== 0);
	if (!ctx.switches.listIncludesArchived && q.get('is_deleted') !== 'true')
		rows = rows.filter((o) => !o.isDeleted);
	if (q.get('is_deleted') === 'true') rows = rows.filter((o) => o.isDeleted);
	const total = (o: OrderRec) => orderTotals(o).totalIncTax;
	const checks: [string, (o: OrderRec, v: number) => boolean][] = [
		['min_id', (o, v) => o.id >= v],
		['max_id', (o, v) => o.id <= v],
		['min_total', (o, v) => total(o) >= v],
		['max_total', (o, v) => total(o) <= v],
		['customer_id', (o, v) => o.customerId === v],
		['status_id', (o, v) => o.statusId === v],
		['channel_id', (o, v) => o.channelId === v],
	];
	for (const [name, check] of checks) {
		const v = num(name);
		if (typeof v === 'number') rows = rows.filter((o) => check(o, v));
	}
	const t = (d: Date) => Math.floor(d.getTime() / 1000);
	if (dates.min_date_created)
		rows = rows.filter((o) => t(o.dateCreated) >= t(dates.min_date_created as Date));
	if (dates.max_date_created)
		rows = rows.filter((o) => t(o.dateCreated) <= t(dates.max_date_created as Date));
	if (dates.min_date_modified)
		rows = rows.filter((o) => t(o.dateModified) >= t(dates.min_date_modified as Date));
	if (dates.max_date_modified)
		rows = rows.filter((o) => t(o.dateModified) <= t(dates.max_date_modified as Date));
	const email = q.get('email');
	if (email) rows = rows.filter((o) => o.billing.email.toLowerCase() === email.toLowerCase());
	const cart = q.get('cart_id');
	if (cart) rows = rows.filter((o) => o.cartId === cart);
	const pm = q.get('payment_method');
	if (pm) rows = rows.filter((o) => o.paymentMethod === pm);
	const ext = q.get('external_order_id');
	if (ext) rows = rows.filter((o) => o.externalOrderId === ext);

	const sort = q.get('sort') ?? 'id:asc';
	const [field, dir = 'asc'] = sort.split(':');
	const key = SORT_KEYS[field];
	if (!key || (dir !== 'asc' && dir !== 'desc')) {
		sendV2Error(res, 400, `The field 'sort' is invalid.`);
		return undefined;
	}
	rows.sort((a, b) => {
		const ka = key(a);
		const kb = key(b);
		const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
		return dir === 'desc' ? -c : c;
	});
	return rows;
}

function orderFor(req: SandboxRequest, res: ServerResponse, ctx: V2Context): OrderRec | undefined {
	const id = Number(req.params.id);
	const order = Number.isInteger(id) ? ctx.store.orders.get(id) : undefined;
	if (!order) sendV2Error(res, 404, 'The requested resource was not found.');
	return order;
}

export function registerV2Routes(router: Router, ctx: V2Context): void {
	router.add('GET', '/v2/store', 'v2.store', (_req, res) => sendJson(res, 200, ctx.storeInfo()));

	router.add('GET', '/v2/orders', 'v2.orders.list', (req, res) => {
		const rows = filterOrders(req, res, ctx);
		if (!rows) return;
		const p = paging(req, res, ctx);
		if (!p) return;
		const pageRows = p.slice(rows);
		// An empty result is `204 No Content` with no body (as reported from live stores).
		if (!pageRows.length) return sendEmpty(res, 204);
		const includes = parseIncludes(req);
		sendJson(
			res,
			200,
			pageRows.map((o) => renderOrder(ctx, o, includes)),
		);
	});

	router.add('GET', '/v2/orders/count', 'v2.orders.count', (req, res) => {
		const rows = filterOrders(req, res, ctx);
		if (!rows) return;
		sendJson(res, 200, {
			statuses: Object.entries(ORDER_STATUSES).map(([id, name], i) => ({
				id: Number(id),
				name,
				system_label: name,
				custom_label: name,
				system_description: name,
				count: rows.filter((o) => o.statusId === Number(id)).length,
				sort_order: i,
			})),
			count: rows.length,
		});
	});

	router.add('GET', '/v2/order_statuses', 'v2.order_statuses', (_req, res) =>
		sendJson(
			res,
			200,
			Object.entries(ORDER_STATUSES).map(([id, name], i) => ({
				id: Number(id),
				name,
				system_label: name,
				custom_label: name,
				system_description: name,
				order: i,
			})),
		),
	);

	router.add('GET', '/v2/orders/:id(\\d+)', 'v2.orders.get', (req, res) => {
		const order = orderFor(req, res, ctx);
		if (order) sendJson(res, 200, renderOrder(ctx, order, parseIncludes(req)));
	});

	router.add('GET', '/v2/orders/:id(\\d+)/products', 'v2.orders.products', (req, res) => {
		const order = orderFor(req, res, ctx);
		if (!order) return;
		const p = paging(req, res, ctx, ctx.productsPageSize);
		if (!p) return;
		sendJson(
			res,
			200,
			p.slice(order.lines).map((l) => renderLine(ctx, order, l)),
		);
	});

	router.add(
		'GET',
		'/v2/orders/:id(\\d+)/products/:line(\\d+)',
		'v2.orders.products.get',
		(req, res) => {
			const order = orderFor(req, res, ctx);
			if (!order) return;
			const line = order.lines.find((l) => l.id === Number(req.params.line));
			if (!line) return sendV2Error(res, 404, 'The requested resource was not found.');
			sendJson(res, 200, renderLine(ctx, order, line));
		},
	);

	router.add(
		'GET',
		'/v2/orders/:id(\\d+)/shipping_addresses',
		'v2.orders.shipping_addresses',
		(req, res) => {
			const order = orderFor(req, res, ctx);
			if (!order) return;
			const p = paging(req, res, ctx);
			if (p) sendJson(res, 200, p.slice(renderShippingAddress(ctx, order)));
		},
	);

	router.add('GET', '/v2/orders/:id(\\d+)/coupons', 'v2.orders.coupons', (req, res) => {
		const order = orderFor(req, res, ctx);
		if (!order) return;
		const p = paging(req, res, ctx);
		if (!p) return;
		// The spec documents only 200 for coupons; an order without coupons gives an empty array here.
		sendJson(res, 200, p.slice(renderCoupons(order)));
	});

	router.add('GET', '/v2/orders/:id(\\d+)/fees', 'v2.orders.fees', (req, res) => {
		const order = orderFor(req, res, ctx);
		if (order) sendJson(res, 200, renderFees(order));
	});

	router.add('GET', '/v2/orders/:id(\\d+)/consignments', 'v2.orders.consignments', (req, res) => {
		const order = orderFor(req, res, ctx);
		if (!order) return;
		const includes = {
			consignments: true,
			lineItems: req.url.searchParams.get('include') === 'consignments.line_items',
			fees: false,
		};
		const warning: Record<string, unknown> = {};
		const body = renderConsignments(ctx, order, includes, warning);
		sendJson(res, 200, { ...body, ...warning });
	});
}
