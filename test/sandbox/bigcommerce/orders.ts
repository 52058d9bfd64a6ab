/**
 * The store's order mutations (see ./store.ts): an order made from its compact spec (billing from
 * the customer or a guest, lines priced from the catalog in the order's currency, coupon and fees),
 * an order edit and a status change, each emitting the store events BigCommerce reports by webhook.
 * They are plain functions of the store so the store class stays its state and thin delegates.
 */
import { CURRENCIES } from '../catalog';
import { round2 } from './format';
import {
	ORDER_STATUSES,
	type AddressRec,
	type CustomerRec,
	type OrderLineRec,
	type OrderRec,
} from './records';
import type { OrderEdit, OrderLineSpec, OrderSpec } from './specs';
import type { BigCommerceStore } from './store';
import { StoreError } from './storeErrors';
import { applyDiscounts } from './totals';

const DEFAULT_GUEST: AddressRec = {
	first_name: 'Guest',
	last_name: 'Shopper',
	company: '',
	street_1: '1 Trailhead Way',
	street_2: '',
	city: 'Boulder',
	state: 'Colorado',
	zip: '80302',
	country: 'United States',
	country_iso2: 'US',
	phone: '3035550100',
	email: 'guest.shopper@example.com',
};

export function createOrder(
	store: BigCommerceStore,
	spec: OrderSpec,
	options: { silent?: boolean } = {},
): OrderRec {
	if (!spec.lines?.length) throw new StoreError(400, 'An order needs at least one line.');
	const currency = CURRENCIES.find((c) => c.code === (spec.currency ?? 'USD'));
	if (!currency)
		throw new StoreError(400, `Currency ${spec.currency} is not enabled in this store.`);
	const customer = spec.customer_id ? store.customers.get(spec.customer_id) : undefined;
	if (spec.customer_id && !customer)
		throw new StoreError(400, `Customer ${spec.customer_id} does not exist.`);
	const date = spec.date_created ? new Date(spec.date_created) : store.now();
	const billing = billingFor(customer, spec);
	const shipTo = { ...billing, ...spec.shipping_address };
	const statusId = spec.status_id ?? 11;
	if (!(statusId in ORDER_STATUSES)) throw new StoreError(400, `Unknown status_id ${statusId}.`);
	const id = store.nextId('order');
	const order: OrderRec = {
		id,
		customerId: customer?.id ?? 0,
		statusId,
		dateCreated: date,
		dateModified: date,
		currency,
		taxRate: spec.tax_rate ?? (currency.code === 'EUR' ? 0.19 : 0.0825),
		taxClassId: 0,
		billing,
		shipping: [],
		lines: [],
		coupons: [],
		fees: [],
		shippingCostExTax: round2(spec.shipping ?? 9.95 * currency.exchangeRate),
		handlingCostExTax: round2(spec.handling ?? 0),
		paymentMethod: spec.payment_method ?? (statusId === 0 ? '' : 'Credit Card'),
		paymentProviderId: '',
		paymentStatus: statusId === 0 ? '' : 'authorized',
		creditCardType: null,
		refundedAmount: 0,
		storeCreditAmount: 0,
		isDeleted: false,
		staffNotes: spec.staff_notes ?? '',
		customerMessage: spec.customer_message ?? '',
		ipAddress: '203.0.113.24',
		geoCountry: shipTo.country,
		geoCountryIso2: shipTo.country_iso2,
		cartId: cartIdFor(id),
		channelId: 1,
		orderSource: 'www',
		externalSource: null,
		externalId: null,
		externalOrderId: spec.external_order_id ?? '',
		isEmailOptIn: customer ? customer.accepts_product_review_abandoned_cart_emails : false,
		customerLocale: currency.code === 'EUR' ? 'de' : 'en',
	};
	order.shipping.push({
		...shipTo,
		id: store.nextId('address'),
		shippingMethod: currency.code === 'EUR' ? 'DHL Paket' : 'UPS® Ground',
		zoneId: currency.code === 'EUR' ? 2 : 1,
		zoneName: currency.code === 'EUR' ? 'Europe' : 'United States',
	});
	for (const line of spec.lines) order.lines.push(buildLine(store, order, line));
	if (spec.coupon) {
		const percent = spec.coupon.percent;
		order.coupons.push({
			id: store.nextId('coupon'),
			couponId: 1 + (hashCode(spec.coupon.code) % 50),
			code: spec.coupon.code,
			type: percent !== undefined ? 1 : 2,
			value: percent ?? spec.coupon.amount ?? 0,
			discount: 0,
		});
	}
	for (const fee of spec.fees ?? []) {
		order.fees.push({
			id: store.nextId('fee'),
			displayNameCustomer: fee.name,
			displayNameMerchant: fee.name,
			source: 'API',
			costExTax: round2(fee.amount),
		});
	}
	applyDiscounts(order);
	store.orders.set(order.id, order);
	if (!options.silent) store.emit('store/order/created', { type: 'order', id: order.id });
	return order;
}

/** An order edit (`store/order/updated`): lines added/replaced, addresses, notes, coupon. */
export function editOrder(store: BigCommerceStore, id: number, edit: OrderEdit): OrderRec {
	const order = store.getOrder(id);
	if (edit.lines) order.lines = edit.lines.map((l) => buildLine(store, order, l));
	for (const l of edit.add_lines ?? []) order.lines.push(buildLine(store, order, l));
	for (const q of edit.set_quantities ?? []) {
		const line = order.lines.find((l) => l.id === q.id);
		if (!line) throw new StoreError(400, `Order product ${q.id} is not on order ${id}.`);
		line.quantity = q.quantity;
	}
	if (edit.remove_line_ids)
		order.lines = order.lines.filter((l) => !edit.remove_line_ids?.includes(l.id));
	if (!order.lines.length) throw new StoreError(400, 'An order needs at least one line.');
	if (edit.billing_address) order.billing = { ...order.billing, ...edit.billing_address };
	if (edit.shipping_address) Object.assign(order.shipping[0], edit.shipping_address);
	if (edit.staff_notes !== undefined) order.staffNotes = edit.staff_notes;
	if (edit.customer_message !== undefined) order.customerMessage = edit.customer_message;
	if (edit.shipping !== undefined) order.shippingCostExTax = round2(edit.shipping);
	applyDiscounts(order);
	order.dateModified = store.now();
	store.emit('store/order/updated', { type: 'order', id: order.id });
	return order;
}

/** A status change: `store/order/statusUpdated` (only if changed), then `store/order/updated`. */
export function setOrderStatus(
	store: BigCommerceStore,
	id: number,
	statusId: number,
	options: { silent?: boolean } = {},
): OrderRec {
	const order = store.getOrder(id);
	if (!(statusId in ORDER_STATUSES)) throw new StoreError(400, `Unknown status_id ${statusId}.`);
	const previous = order.statusId;
	if (previous === statusId) return order;
	order.statusId = statusId;
	order.dateModified = store.now();
	if (statusId === 2 || statusId === 10) {
		order.dateShipped = order.dateShipped ?? order.dateModified;
		for (const line of order.lines) line.quantityShipped = line.quantity;
	}
	if (!options.silent) {
		store.inStatusChange = true;
		try {
			store.emit('store/order/statusUpdated', {
				type: 'order',
				id: order.id,
				status: { previous_status_id: previous, new_status_id: statusId },
			});
			store.emit('store/order/updated', { type: 'order', id: order.id });
		} finally {
			store.inStatusChange = false;
		}
	}
	return order;
}

function billingFor(customer: CustomerRec | undefined, spec: OrderSpec): AddressRec {
	if (!customer) return { ...DEFAULT_GUEST, ...spec.guest, ...spec.billing_address };
	const a = customer.addresses[0];
	const base: AddressRec = {
		first_name: customer.first_name,
		last_name: customer.last_name,
		company: customer.company,
		street_1: a?.address1 ?? '',
		street_2: a?.address2 ?? '',
		city: a?.city ?? '',
		state: a?.state_or_province ?? '',
		zip: a?.postal_code ?? '',
		country: a?.country ?? '',
		country_iso2: a?.country_code ?? '',
		phone: customer.phone,
		email: customer.email,
	};
	return { ...base, ...spec.billing_address };
}

function buildLine(store: BigCommerceStore, order: OrderRec, spec: OrderLineSpec): OrderLineRec {
	const found = store.productBySku(spec.sku);
	if (!found) throw new StoreError(400, `No product or variant with SKU ${spec.sku}.`);
	const { product, variant } = found;
	const catalogPrice = Number(variant.price ?? product.price);
	const options = (
		(variant.option_values as {
			option_display_name: string;
			label: string;
			id: number;
			option_id: number;
		}[]) ?? []
	).map((ov) => ({
		id: store.nextId('line'),
		optionId: ov.option_id,
		productOptionId: ov.option_id,
		name: ov.option_display_name,
		value: ov.label,
	}));
	const hasOptions = options.length > 0;
	return {
		id: store.nextId('line'),
		productId: product.id,
		variantId: variant.id,
		sku: spec.sku,
		name: product.name,
		brand: String(product.brand_name ?? ''),
		upc: String(variant.upc ?? product.upc ?? ''),
		weight: Number(variant.weight ?? product.weight),
		quantity: spec.quantity ?? 1,
		unitPrice: round2(spec.price ?? catalogPrice * order.currency.exchangeRate),
		costPrice: round2(
			Number(variant.cost_price ?? product.cost_price) * order.currency.exchangeRate,
		),
		discount: 0,
		options: hasOptions ? options : [],
		quantityShipped: 0,
		quantityRefunded: 0,
		refundAmount: 0,
	};
}

function hashCode(text: string): number {
	let h = 0;
	for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return h;
}

function cartIdFor(n: number): string {
	const hex = (n * 2654435761).toString(16).padStart(12, '0').slice(-12);
	return `7e48f7ef-2e88-4817-aea4-${hex}`;
}
