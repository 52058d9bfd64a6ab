/**
 * The store's data and its mutations (store events). Orders are kept as internal records with
 * numbers and Dates, and rendered to the v2 wire format by `v2.ts`; v3 records (transactions,
 * refunds, customers, catalog, hooks) are kept in their wire shape.
 *
 * Every mutation that BigCommerce reports by webhook calls `emit(scope, data)`; the webhook
 * dispatcher turns those into deliveries.
 */
import { CURRENCIES, type CatalogCurrency } from '../catalog';
import { iso, isoZ, round2 } from './format';

export const ORDER_STATUSES: Record<number, string> = {
	0: 'Incomplete',
	1: 'Pending',
	2: 'Shipped',
	3: 'Partially Shipped',
	4: 'Refunded',
	5: 'Cancelled',
	6: 'Declined',
	7: 'Awaiting Payment',
	8: 'Awaiting Pickup',
	9: 'Awaiting Shipment',
	10: 'Completed',
	11: 'Awaiting Fulfillment',
	12: 'Manual Verification Required',
	13: 'Disputed',
	14: 'Partially Refunded',
};

export interface AddressRec {
	first_name: string;
	last_name: string;
	company: string;
	street_1: string;
	street_2: string;
	city: string;
	state: string;
	zip: string;
	country: string;
	country_iso2: string;
	phone: string;
	email: string;
}

export interface OrderLineRec {
	id: number;
	productId: number;
	variantId: number;
	sku: string;
	name: string;
	brand: string;
	upc: string;
	weight: number;
	quantity: number;
	/** Unit price ex tax in the order's (transactional) currency. */
	unitPrice: number;
	/** Cost price in the order's currency. */
	costPrice: number;
	/** Discount allocated to this line (coupon), ex tax, order currency. */
	discount: number;
	options: {
		id: number;
		optionId: number;
		productOptionId: number;
		name: string;
		value: string;
	}[];
	quantityShipped: number;
	quantityRefunded: number;
	refundAmount: number;
}

export interface CouponRec {
	id: number;
	couponId: number;
	code: string;
	/** 0 per item discount, 1 percentage, 2 per total, 3 shipping, 4 free shipping, 5 promotion. */
	type: number;
	/** Percent for type 1, amount otherwise. */
	value: number;
	/** The discount it gave on this order (order currency). */
	discount: number;
}

export interface FeeRec {
	id: number;
	displayNameCustomer: string;
	displayNameMerchant: string;
	source: string;
	costExTax: number;
}

export interface OrderRec {
	id: number;
	customerId: number;
	statusId: number;
	dateCreated: Date;
	dateModified: Date;
	dateShipped?: Date;
	currency: CatalogCurrency;
	taxRate: number;
	taxClassId: number;
	billing: AddressRec;
	shipping: (AddressRec & {
		id: number;
		shippingMethod: string;
		zoneId: number;
		zoneName: string;
	})[];
	lines: OrderLineRec[];
	coupons: CouponRec[];
	fees: FeeRec[];
	shippingCostExTax: number;
	handlingCostExTax: number;
	paymentMethod: string;
	paymentProviderId: string;
	paymentStatus: string;
	creditCardType: string | null;
	refundedAmount: number;
	storeCreditAmount: number;
	isDeleted: boolean;
	staffNotes: string;
	customerMessage: string;
	ipAddress: string;
	geoCountry: string;
	geoCountryIso2: string;
	cartId: string;
	channelId: number;
	orderSource: string;
	externalSource: string | null;
	externalId: string | null;
	externalOrderId: string;
	isEmailOptIn: boolean;
	customerLocale: string;
}

export interface TransactionRec {
	id: number;
	order_id: string;
	event: string;
	method: string;
	amount: number;
	currency: string;
	gateway: string;
	gateway_transaction_id: string;
	test: boolean;
	status: 'ok' | 'error';
	fraud_review: boolean;
	reference_transaction_id: number;
	offline: { display_name: string } | null;
	custom: { payment_method: string } | null;
	payment_method_id: string;
	date_created: string;
	payment_instrument_token: string | null;
	provider_instrument_token: string | null;
	provider_customer_id: string | null;
	avs_result: {
		code: string;
		message: string;
		street_match: string;
		postal_match: string;
	};
	cvv_result: { code: string; message: string };
	credit_card: {
		card_type: string;
		card_iin: string;
		card_last4: string;
		card_expiry_month: number;
		card_expiry_year: number;
	};
	gift_certificate: {
		code: string;
		original_balance: number;
		starting_balance: number;
		remaining_balance: number;
		status: string;
	} | null;
	store_credit: { remaining_balance: number } | null;
	custom_provider_field_result: {
		receipt_number: string | null;
		authorization_code: string | null;
		fraud_response: string | null;
		amount_received: number | null;
	} | null;
}

export interface RefundItemRec {
	item_type: 'PRODUCT' | 'GIFT_WRAPPING' | 'SHIPPING' | 'HANDLING' | 'ORDER' | 'FEE';
	item_id: number;
	reason: string;
	quantity: number;
	adjustments: { amount: number; description: string }[];
	requested_amount: number | null;
}

export interface RefundRec {
	id: number;
	order_id: number;
	user_id: number;
	created: string;
	reason: string;
	total_amount: number;
	total_tax: number;
	uses_merchant_override_values: boolean;
	items: RefundItemRec[];
	payments: {
		id: number;
		provider_id: string;
		amount: number;
		offline: boolean;
		is_declined: boolean;
		declined_message: string;
		transaction_id: string;
	}[];
}

export interface CustomerAddressRec {
	id: number;
	customer_id: number;
	first_name: string;
	last_name: string;
	company: string;
	address1: string;
	address2: string;
	city: string;
	state_or_province: string;
	postal_code: string;
	country_code: string;
	country: string;
	phone: string;
	address_type: 'residential' | 'commercial';
	form_fields: { name: string; value: string }[];
}

export interface CustomerRec {
	id: number;
	email: string;
	first_name: string;
	last_name: string;
	company: string;
	phone: string;
	registration_ip_address: string;
	notes: string;
	tax_exempt_category: string;
	customer_group_id: number;
	date_modified: string;
	date_created: string;
	address_count: number;
	attribute_count: number;
	authentication: { force_password_reset: boolean };
	addresses: CustomerAddressRec[];
	attributes: {
		id: number;
		attribute_id: number;
		attribute_value: string;
		customer_id: number;
		date_created: string;
		date_modified: string;
	}[];
	form_fields: { name: string; value: string; customer_id: number }[];
	store_credit_amounts: { amount: number }[];
	accepts_product_review_abandoned_cart_emails: boolean;
	origin_channel_id: number;
	channel_ids: number[];
}

export interface HookRec {
	id: number;
	client_id: string;
	store_hash: string;
	scope: string;
	destination: string;
	is_active: boolean;
	headers: Record<string, string> | null;
	created_at: number;
	updated_at: number;
}

/** v3 catalog records are kept in wire shape; see seed.ts for the full field set. */
export type ProductRec = Record<string, unknown> & {
	id: number;
	sku: string;
	name: string;
};
export type VariantRec = Record<string, unknown> & {
	id: number;
	product_id: number;
	sku: string;
};

export type StoreEmit = (scope: string, data: Record<string, unknown>) => void;

export interface OrderLineSpec {
	sku: string;
	quantity?: number;
	/** Unit price ex tax in the order currency; default the catalog price converted. */
	price?: number;
}

/** The compact order spec of `POST /bigcommerce/orders` (and of the seed). */
export interface OrderSpec {
	/** A registered customer (its first address is the billing address), or omit for a guest. */
	customer_id?: number;
	/** Guest billing address (and e-mail); default a generic guest. */
	guest?: Partial<AddressRec>;
	billing_address?: Partial<AddressRec>;
	shipping_address?: Partial<AddressRec>;
	lines: OrderLineSpec[];
	status_id?: number;
	currency?: string;
	coupon?: { code: string; percent?: number; amount?: number };
	/** Shipping cost ex tax in the order currency; default 9.95 (converted). */
	shipping?: number;
	handling?: number;
	fees?: { name: string; amount: number }[];
	/** Tax rate, default 8.25 % for USD (Texas), 19 % for EUR (Germany). */
	tax_rate?: number;
	payment_method?: string;
	date_created?: string;
	staff_notes?: string;
	customer_message?: string;
	external_order_id?: string;
}

export interface TransactionSpec {
	event: TransactionRec['event'];
	amount?: number;
	method?: string;
	gateway?: string;
	status?: 'ok' | 'error';
	date?: string;
	/** For a transaction/created webhook: provider status words. */
	emit?: boolean;
}

export interface RefundSpec {
	items?: {
		item_type: RefundItemRec['item_type'];
		item_id?: number;
		quantity?: number;
		amount?: number;
	}[];
	/** Shorthand for line items: order product id → quantity. */
	lines?: { id: number; quantity: number }[];
	shipping?: boolean | number;
	amount?: number;
	reason?: string;
	provider_id?: string;
	/**
	 * How the refund is paid back, when by more than one provider (e.g. card + store credit); the
	 * amounts must add up to the refund's total, as BigCommerce's quote requires.
	 */
	payments?: { provider_id: string; amount: number }[];
	date?: string;
}

export class StoreError extends Error {
	constructor(
		public readonly status: number,
		message: string,
		/** BigCommerce's own error body for this refusal, where its API documents one. */
		public readonly body?: Record<string, unknown>,
	) {
		super(message);
	}
}

/** Where BigCommerce's status-code documentation lives; its v3 errors name it as their `type`. */
const STATUS_CODES_TYPE = '/api-docs/getting-started/api-status-codes';

/**
 * A refused payment capture, in the shape of BigCommerce's v3 422 (`{status, title, type}`), which
 * `POST /v3/orders/{id}/payment_actions/capture` answers with. The title is the sandbox's own words:
 * BigCommerce documents the status and the shape, not the wording.
 */
function captureRefused(message: string): StoreError {
	return new StoreError(422, message, { status: 422, title: message, type: STATUS_CODES_TYPE });
}

/**
 * A refused refund, in the shape `POST /v3/orders/{id}/payment_actions/refunds` answers a 422 with:
 * the errors wrapped in `data` (documented with "Unable to provide store credit for a guest
 * customer."; other titles are the sandbox's own words).
 */
function refundRefused(message: string): StoreError {
	return new StoreError(422, message, {
		data: [
			{
				status: 422,
				title: message,
				type: `https://developer.bigcommerce.com${STATUS_CODES_TYPE}`,
			},
		],
	});
}

/** The switches the store itself consults (the rest act in the routes and the dispatcher). */
export interface StoreRules {
	/** See `BigCommerceSwitches.partialCaptures`. */
	partialCaptures: boolean;
}

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

const COUNTRY_NAMES: Record<string, string> = {
	US: 'United States',
	DE: 'Germany',
	CA: 'Canada',
	FR: 'France',
	NL: 'Netherlands',
};

export class BigCommerceStore {
	orders = new Map<number, OrderRec>();
	transactions: TransactionRec[] = [];
	refunds: RefundRec[] = [];
	customers = new Map<number, CustomerRec>();
	products = new Map<number, ProductRec>();
	variants = new Map<number, VariantRec>();
	hooks = new Map<number, HookRec>();
	private ids = BigCommerceStore.initialIds();
	private static initialIds() {
		return {
			order: 100,
			line: 1000,
			address: 500,
			coupon: 0,
			fee: 0,
			transaction: 85926000,
			refund: 0,
			payment: 0,
			customer: 0,
			customerAddress: 0,
			attribute: 0,
			hook: 25000000,
		};
	}
	emit: StoreEmit = () => undefined;
	/** The switches that shape payment refusals; the sandbox points this at its live switches. */
	rules: StoreRules = { partialCaptures: true };
	/** True while a status change emits its events (lets the fan-out switch drop `updated`). */
	inStatusChange = false;

	constructor(
		readonly storeHash: string,
		readonly clientId: string,
		/** Event time source (tests may pin it). */
		readonly now: () => Date = () => new Date(),
	) {}

	/** Empty the store (before re-seeding). */
	clear(): void {
		this.orders.clear();
		this.transactions = [];
		this.refunds = [];
		this.customers.clear();
		this.products.clear();
		this.variants.clear();
		this.hooks.clear();
		this.ids = BigCommerceStore.initialIds();
	}

	nextId(kind: keyof BigCommerceStore['ids']): number {
		return ++this.ids[kind];
	}

	// ---------------------------------------------------------------- catalog

	productBySku(sku: string): { product: ProductRec; variant: VariantRec } | undefined {
		for (const variant of this.variants.values()) {
			if (variant.sku === sku) {
				const product = this.products.get(variant.product_id);
				if (product) return { product, variant };
			}
		}
		return undefined;
	}

	// ---------------------------------------------------------------- orders

	createOrder(spec: OrderSpec, options: { silent?: boolean } = {}): OrderRec {
		if (!spec.lines?.length) throw new StoreError(400, 'An order needs at least one line.');
		const currency = CURRENCIES.find((c) => c.code === (spec.currency ?? 'USD'));
		if (!currency)
			throw new StoreError(400, `Currency ${spec.currency} is not enabled in this store.`);
		const customer = spec.customer_id ? this.customers.get(spec.customer_id) : undefined;
		if (spec.customer_id && !customer)
			throw new StoreError(400, `Customer ${spec.customer_id} does not exist.`);
		const date = spec.date_created ? new Date(spec.date_created) : this.now();
		const billing = this.billingFor(customer, spec);
		const shipTo = { ...billing, ...spec.shipping_address };
		const statusId = spec.status_id ?? 11;
		if (!(statusId in ORDER_STATUSES)) throw new StoreError(400, `Unknown status_id ${statusId}.`);
		const order: OrderRec = {
			id: this.nextId('order'),
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
			cartId: cartIdFor(this.ids.order),
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
			id: this.nextId('address'),
			shippingMethod: currency.code === 'EUR' ? 'DHL Paket' : 'UPS® Ground',
			zoneId: currency.code === 'EUR' ? 2 : 1,
			zoneName: currency.code === 'EUR' ? 'Europe' : 'United States',
		});
		for (const line of spec.lines) order.lines.push(this.buildLine(order, line));
		if (spec.coupon) {
			const percent = spec.coupon.percent;
			order.coupons.push({
				id: this.nextId('coupon'),
				couponId: 1 + (hashCode(spec.coupon.code) % 50),
				code: spec.coupon.code,
				type: percent !== undefined ? 1 : 2,
				value: percent ?? spec.coupon.amount ?? 0,
				discount: 0,
			});
		}
		for (const fee of spec.fees ?? []) {
			order.fees.push({
				id: this.nextId('fee'),
				displayNameCustomer: fee.name,
				displayNameMerchant: fee.name,
				source: 'API',
				costExTax: round2(fee.amount),
			});
		}
		applyDiscounts(order);
		this.orders.set(order.id, order);
		if (!options.silent) this.emit('store/order/created', { type: 'order', id: order.id });
		return order;
	}

	private billingFor(customer: CustomerRec | undefined, spec: OrderSpec): AddressRec {
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

	private buildLine(order: OrderRec, spec: OrderLineSpec): OrderLineRec {
		const found = this.productBySku(spec.sku);
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
			id: this.nextId('line'),
			optionId: ov.option_id,
			productOptionId: ov.option_id,
			name: ov.option_display_name,
			value: ov.label,
		}));
		const hasOptions = options.length > 0;
		return {
			id: this.nextId('line'),
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

	getOrder(id: number): OrderRec {
		const order = this.orders.get(id);
		if (!order) throw new StoreError(404, `Order ${id} not found.`);
		return order;
	}

	/** An order edit (`store/order/updated`): lines added/replaced, addresses, notes, coupon. */
	editOrder(
		id: number,
		edit: Partial<
			Pick<
				OrderSpec,
				| 'lines'
				| 'billing_address'
				| 'shipping_address'
				| 'staff_notes'
				| 'customer_message'
				| 'shipping'
			>
		> & {
			/** Add these lines instead of replacing all lines. */
			add_lines?: OrderLineSpec[];
			/** Change quantities of existing order products by id. */
			set_quantities?: { id: number; quantity: number }[];
			remove_line_ids?: number[];
		},
	): OrderRec {
		const order = this.getOrder(id);
		if (edit.lines) order.lines = edit.lines.map((l) => this.buildLine(order, l));
		for (const l of edit.add_lines ?? []) order.lines.push(this.buildLine(order, l));
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
		order.dateModified = this.now();
		this.emit('store/order/updated', { type: 'order', id: order.id });
		return order;
	}

	/** A status change: `store/order/statusUpdated` (only if changed), then `store/order/updated`. */
	setStatus(id: number, statusId: number, options: { silent?: boolean } = {}): OrderRec {
		const order = this.getOrder(id);
		if (!(statusId in ORDER_STATUSES)) throw new StoreError(400, `Unknown status_id ${statusId}.`);
		const previous = order.statusId;
		if (previous === statusId) return order;
		order.statusId = statusId;
		order.dateModified = this.now();
		if (statusId === 2 || statusId === 10) {
			order.dateShipped = order.dateShipped ?? order.dateModified;
			for (const line of order.lines) line.quantityShipped = line.quantity;
		}
		if (!options.silent) {
			this.inStatusChange = true;
			try {
				this.emit('store/order/statusUpdated', {
					type: 'order',
					id: order.id,
					status: { previous_status_id: previous, new_status_id: statusId },
				});
				this.emit('store/order/updated', { type: 'order', id: order.id });
			} finally {
				this.inStatusChange = false;
			}
		}
		return order;
	}

	ordersTotal(order: OrderRec): ReturnType<typeof orderTotals> {
		return orderTotals(order);
	}

	// ---------------------------------------------------------------- transactions

	addTransaction(
		orderId: number,
		spec: TransactionSpec,
		options: { silent?: boolean } = {},
	): TransactionRec {
		const order = this.getOrder(orderId);
		const totals = orderTotals(order);
		const gateway = spec.gateway ?? (order.currency.code === 'EUR' ? 'adyen' : 'braintree');
		const auth = this.transactions.find(
			(t) => t.order_id === String(orderId) && t.event === 'authorization',
		);
		const takesPayment = spec.event === 'capture' || spec.event === 'purchase';
		const amount =
			takesPayment && (spec.status ?? 'ok') === 'ok'
				? this.capturable(order, spec.amount)
				: round2(spec.amount ?? totals.totalIncTax);
		const id = this.nextId('transaction');
		const tx: TransactionRec = {
			id,
			order_id: String(orderId),
			event: spec.event,
			method: spec.method ?? 'credit_card',
			amount,
			currency: order.currency.code,
			gateway,
			gateway_transaction_id: `${gateway.slice(0, 2).toUpperCase()}${id.toString(36).toUpperCase()}X${orderId}`,
			test: false,
			status: spec.status ?? 'ok',
			fraud_review: false,
			reference_transaction_id: auth && spec.event !== 'authorization' ? auth.id : 0,
			offline: null,
			custom: null,
			payment_method_id: `${gateway}.card`,
			date_created: iso(spec.date ? new Date(spec.date) : this.now()),
			payment_instrument_token: null,
			provider_instrument_token: null,
			provider_customer_id: order.customerId ? `cus_${order.customerId}` : null,
			avs_result: {
				code: 'Y',
				message: 'Street address and 5-digit postal code match.',
				street_match: 'Y',
				postal_match: 'Y',
			},
			cvv_result: { code: 'M', message: 'CVV2 match' },
			credit_card: {
				card_type: order.currency.code === 'EUR' ? 'master' : 'visa',
				card_iin: order.currency.code === 'EUR' ? '545454' : '411111',
				card_last4: order.currency.code === 'EUR' ? '5454' : '1111',
				card_expiry_month: 9,
				card_expiry_year: 2029,
			},
			gift_certificate: null,
			store_credit: null,
			custom_provider_field_result: null,
		};
		this.transactions.push(tx);
		if (tx.status === 'ok') {
			const next: Record<string, string> = {
				authorization: 'authorized',
				capture: 'captured',
				purchase: 'captured',
				void: 'void',
				pending: 'pending',
			};
			if (next[tx.event]) order.paymentStatus = next[tx.event];
			order.creditCardType = tx.credit_card.card_type === 'master' ? 'MasterCard' : 'Visa';
			order.paymentProviderId = tx.gateway_transaction_id;
		}
		if (!options.silent && spec.emit !== false) {
			const results: Record<string, { code: string; message: string }> = {
				capture: { code: 'captured', message: 'Captured' },
				purchase: { code: 'captured', message: 'Captured' },
				authorization: { code: 'authorized', message: 'Authorized' },
				void: { code: 'voided', message: 'Voided' },
				refund: { code: 'refunded', message: 'Refunded' },
				pending: { code: 'pending', message: 'Pending' },
				settled: { code: 'settled', message: 'Settled' },
			};
			const result = results[tx.event] ?? { code: tx.event, message: tx.event };
			// BigCommerce's documented shape: order_id is a string and there is no data.id.
			this.emit('store/order/transaction/created', {
				type: 'transaction',
				order_id: String(orderId),
				transaction_id: String(tx.id),
				transaction_status: tx.status === 'ok' ? 'complete' : 'failed',
				transaction_type: tx.event,
				result: { ...result, type: tx.status === 'ok' ? 'success' : 'error' },
				platform_transaction_id: String(tx.id + 878973000),
				provider_transaction_id: tx.gateway_transaction_id,
			});
			order.dateModified = this.now();
		}
		return tx;
	}

	/** The order's successful payment transactions of the given events. */
	private paymentsOf(order: OrderRec, events: string[]): TransactionRec[] {
		return this.transactions.filter(
			(t) => t.order_id === String(order.id) && t.status === 'ok' && events.includes(t.event),
		);
	}

	/** What the order's captures and purchases took so far. */
	capturedAmount(order: OrderRec): number {
		return round2(
			this.paymentsOf(order, ['capture', 'purchase']).reduce((s, t) => s + t.amount, 0),
		);
	}

	/**
	 * The amount a capture may take (`requested`, or all that is left), refusing what BigCommerce
	 * refuses: a capture after a void, beyond the authorised amount (the authorisation's, or the order
	 * total where none was recorded) and so a second full capture. Several partial captures adding up
	 * to the authorisation are allowed unless the `partialCaptures` switch is off.
	 */
	private capturable(order: OrderRec, requested: number | undefined): number {
		if (this.paymentsOf(order, ['void']).length)
			throw captureRefused(
				`The payment of order ${order.id} was voided; there is nothing to capture.`,
			);
		const [auth] = this.paymentsOf(order, ['authorization']);
		const authorised = auth ? auth.amount : orderTotals(order).totalIncTax;
		const captured = this.capturedAmount(order);
		const left = round2(authorised - captured);
		if (captured > 0 && !this.rules.partialCaptures)
			throw captureRefused(`The payment of order ${order.id} has already been captured.`);
		if (left <= 0.005)
			throw captureRefused(
				`The payment of order ${order.id} has already been captured in full (${authorised.toFixed(2)} ${order.currency.code}).`,
			);
		const amount = round2(requested ?? left);
		if (amount <= 0) throw captureRefused('A capture needs a positive amount.');
		if (amount > left + 0.005)
			throw captureRefused(
				`A capture of ${amount.toFixed(2)} exceeds what is left of the authorised amount of order ${order.id} (${left.toFixed(2)} ${order.currency.code}).`,
			);
		return amount;
	}

	/**
	 * What the order paid: its captures and purchases, or its total where no payment transaction was
	 * recorded at all (the sandbox's orders are paid at checkout unless a test records the payment).
	 * An order with only an authorisation has paid nothing yet.
	 */
	paidAmount(order: OrderRec): number {
		const recorded = this.paymentsOf(order, ['authorization', 'capture', 'purchase']);
		return recorded.length ? this.capturedAmount(order) : orderTotals(order).totalIncTax;
	}

	/** What a refund may still return: paid minus refunded. */
	refundableAmount(order: OrderRec): number {
		return round2(this.paidAmount(order) - order.refundedAmount);
	}

	// ---------------------------------------------------------------- refunds

	addRefund(orderId: number, spec: RefundSpec, options: { silent?: boolean } = {}): RefundRec {
		const order = this.getOrder(orderId);
		if (order.statusId === 0) throw refundRefused('An incomplete order cannot be refunded.');
		const providers = [spec.provider_id, ...(spec.payments ?? []).map((p) => p.provider_id)];
		if (providers.includes('storecredit') && order.customerId === 0)
			throw refundRefused('Unable to provide store credit for a guest customer.');
		const items: RefundItemRec[] = [];
		let total = 0;
		let tax = 0;
		const reason = spec.reason ?? 'Customer return';
		const lineSpecs = [
			...(spec.lines ?? []).map((l) => ({
				item_type: 'PRODUCT' as const,
				item_id: l.id,
				quantity: l.quantity,
			})),
			...(spec.items ?? []),
		];
		if (spec.shipping) {
			lineSpecs.push({
				item_type: 'SHIPPING',
				item_id: order.shipping[0].id,
				amount: typeof spec.shipping === 'number' ? spec.shipping : undefined,
			} as never);
		}
		if (spec.amount !== undefined)
			lineSpecs.push({
				item_type: 'ORDER',
				item_id: order.id,
				amount: spec.amount,
			} as never);
		if (!lineSpecs.length) throw refundRefused('A refund needs at least one item.');
		const totals = orderTotals(order);
		for (const item of lineSpecs) {
			const amountSpec = (item as { amount?: number }).amount;
			if (item.item_type === 'PRODUCT') {
				const line = order.lines.find((l) => l.id === item.item_id);
				if (!line) throw refundRefused(`Order product ${item.item_id} is not on order ${orderId}.`);
				const qty = item.quantity ?? line.quantity - line.quantityRefunded;
				if (qty <= 0 || line.quantityRefunded + qty > line.quantity) {
					throw refundRefused(`Quantity ${qty} of order product ${line.id} cannot be refunded.`);
				}
				// The refunded share of what the line charged (all of it when every unit comes back).
				const ex = round2(((line.unitPrice * line.quantity - line.discount) * qty) / line.quantity);
				const t = round2(ex * order.taxRate);
				line.quantityRefunded += qty;
				line.refundAmount = round2(line.refundAmount + ex + t);
				total += ex + t;
				tax += t;
				items.push({
					item_type: 'PRODUCT',
					item_id: line.id,
					reason,
					quantity: qty,
					adjustments: [],
					requested_amount: null,
				});
			} else if (item.item_type === 'SHIPPING') {
				const full = round2(totals.shippingIncTax);
				const amount = round2(amountSpec ?? full);
				const t = round2((amount * order.taxRate) / (1 + order.taxRate));
				total += amount;
				tax += t;
				items.push({
					item_type: 'SHIPPING',
					item_id: order.shipping[0].id,
					reason,
					quantity: 1,
					adjustments: [],
					requested_amount: amountSpec ?? full,
				});
			} else {
				const amount = round2(amountSpec ?? 0);
				if (amount <= 0) throw refundRefused('An amount refund needs a positive amount.');
				total += amount;
				items.push({
					item_type: item.item_type,
					item_id: item.item_id ?? order.id,
					reason,
					quantity: 1,
					adjustments: [],
					requested_amount: amount,
				});
			}
		}
		total = round2(total);
		tax = round2(tax);
		// BigCommerce's refund quote reports a negative adjustment when the request exceeds what is
		// refundable, and the refund itself is refused with 422 (orders.v3.yml, refund quotes).
		const refundable = this.refundableAmount(order);
		if (total > refundable + 0.005) {
			throw refundRefused(
				`The refund amount (${total.toFixed(2)}) exceeds the amount available to refund on order ${order.id} (${Math.max(0, refundable).toFixed(2)} ${order.currency.code}: paid ${this.paidAmount(order).toFixed(2)}, refunded ${order.refundedAmount.toFixed(2)}).`,
			);
		}
		const capture = this.transactions.find(
			(t) =>
				t.order_id === String(orderId) &&
				(t.event === 'capture' || t.event === 'purchase') &&
				t.status === 'ok',
		);
		const split = spec.payments?.length
			? spec.payments.map((p) => ({ provider_id: p.provider_id, amount: round2(p.amount) }))
			: [{ provider_id: spec.provider_id ?? capture?.gateway ?? 'storecredit', amount: total }];
		const paid = round2(split.reduce((sum, p) => sum + p.amount, 0));
		if (Math.abs(paid - total) > 0.005 || split.some((p) => p.amount <= 0))
			throw refundRefused(
				`The refund payments (${paid.toFixed(2)}) do not match the refund amount (${total.toFixed(2)}).`,
			);
		// One refund transaction per provider, on its gateway (store credit on BigCommerce's own).
		const payments = split.map((p) => {
			const storeCredit = p.provider_id === 'storecredit';
			const refundTx = this.addTransaction(
				orderId,
				{
					event: 'refund',
					amount: p.amount,
					gateway: storeCredit ? 'storecredit' : (capture?.gateway ?? p.provider_id),
					method: storeCredit ? 'store_credit' : undefined,
					date: spec.date,
					emit: false,
				},
				{ silent: true },
			);
			return {
				id: this.nextId('payment'),
				provider_id: p.provider_id,
				amount: p.amount,
				offline: storeCredit || p.provider_id === 'custom',
				is_declined: false,
				declined_message: '',
				transaction_id: String(refundTx.id),
			};
		});
		const refund: RefundRec = {
			id: this.nextId('refund'),
			order_id: order.id,
			user_id: 0,
			created: iso(spec.date ? new Date(spec.date) : this.now()),
			reason,
			total_amount: total,
			total_tax: tax,
			uses_merchant_override_values: false,
			items,
			payments,
		};
		this.refunds.push(refund);
		order.refundedAmount = round2(order.refundedAmount + total);
		const full = order.refundedAmount >= totals.totalIncTax - 0.005;
		order.paymentStatus = full ? 'refunded' : 'partially refunded';
		order.dateModified = spec.date ? new Date(spec.date) : this.now();
		if (!options.silent)
			this.emit('store/order/refund/created', {
				type: 'order',
				id: order.id,
				refund: { refund_id: refund.id },
			});
		// A refund also moves the status to Refunded / Partially Refunded (as reported from live stores).
		this.setStatus(order.id, full ? 4 : 14, options);
		return refund;
	}

	// ---------------------------------------------------------------- customers

	createCustomer(
		spec: Partial<Omit<CustomerRec, 'addresses'>> & {
			email: string;
			first_name: string;
			last_name: string;
			addresses?: Partial<CustomerAddressRec>[];
			date?: string;
		},
		options: { silent?: boolean } = {},
	): CustomerRec {
		if (
			[...this.customers.values()].some((c) => c.email.toLowerCase() === spec.email.toLowerCase())
		) {
			throw new StoreError(
				422,
				`The email address ${spec.email} is already in use by another customer.`,
			);
		}
		const id = this.nextId('customer');
		const at = isoZ(spec.date ? new Date(spec.date) : this.now());
		const customer: CustomerRec = {
			id,
			email: spec.email,
			first_name: spec.first_name,
			last_name: spec.last_name,
			company: spec.company ?? '',
			phone: spec.phone ?? '',
			registration_ip_address: spec.registration_ip_address ?? '198.51.100.7',
			notes: spec.notes ?? '',
			tax_exempt_category: spec.tax_exempt_category ?? '',
			customer_group_id: spec.customer_group_id ?? 0,
			date_created: at,
			date_modified: at,
			address_count: 0,
			attribute_count: 0,
			authentication: { force_password_reset: false },
			addresses: [],
			attributes: [],
			form_fields: [],
			store_credit_amounts: [{ amount: 0 }],
			accepts_product_review_abandoned_cart_emails:
				spec.accepts_product_review_abandoned_cart_emails ?? false,
			origin_channel_id: 1,
			channel_ids: [1],
		};
		customer.addresses = (spec.addresses ?? []).map((a) => this.customerAddress(customer, a));
		customer.address_count = customer.addresses.length;
		customer.attributes = [
			{
				id: this.nextId('attribute'),
				attribute_id: 1,
				attribute_value: 'newsletter',
				customer_id: id,
				date_created: at,
				date_modified: at,
			},
		];
		customer.attribute_count = customer.attributes.length;
		customer.form_fields = [{ name: 'Preferred activity', value: 'Hiking', customer_id: id }];
		this.customers.set(id, customer);
		if (!options.silent) this.emit('store/customer/created', { type: 'customer', id });
		return customer;
	}

	private customerAddress(
		customer: CustomerRec,
		a: Partial<CustomerAddressRec>,
	): CustomerAddressRec {
		const country = a.country_code ?? 'US';
		return {
			id: this.nextId('customerAddress'),
			customer_id: customer.id,
			first_name: a.first_name ?? customer.first_name,
			last_name: a.last_name ?? customer.last_name,
			company: a.company ?? customer.company,
			address1: a.address1 ?? '',
			address2: a.address2 ?? '',
			city: a.city ?? '',
			state_or_province: a.state_or_province ?? '',
			postal_code: a.postal_code ?? '',
			country_code: country,
			country: a.country ?? COUNTRY_NAMES[country] ?? country,
			phone: a.phone ?? customer.phone,
			address_type: a.address_type ?? 'residential',
			form_fields: [],
		};
	}

	updateCustomer(id: number, patch: Partial<Omit<CustomerRec, 'id' | 'addresses'>>): CustomerRec {
		const customer = this.customers.get(id);
		if (!customer) throw new StoreError(404, `Customer ${id} not found.`);
		const allowed = [
			'email',
			'first_name',
			'last_name',
			'company',
			'phone',
			'notes',
			'customer_group_id',
			'tax_exempt_category',
		];
		for (const key of allowed) {
			if (key in patch)
				(customer as unknown as Record<string, unknown>)[key] = (patch as Record<string, unknown>)[
					key
				];
		}
		customer.date_modified = isoZ(this.now());
		this.emit('store/customer/updated', { type: 'customer', id });
		return customer;
	}
}

/** Spread the coupon discount over the lines (pro rata to line value). */
function applyDiscounts(order: OrderRec): void {
	const subtotal = order.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
	for (const line of order.lines) line.discount = 0;
	for (const coupon of order.coupons) {
		const discount = round2(
			coupon.type === 1 ? (subtotal * coupon.value) / 100 : Math.min(coupon.value, subtotal),
		);
		coupon.discount = discount;
		let left = discount;
		order.lines.forEach((line, i) => {
			const share =
				i === order.lines.length - 1
					? left
					: round2((discount * line.unitPrice * line.quantity) / subtotal);
			line.discount = round2(line.discount + share);
			left = round2(left - share);
		});
	}
}

export interface OrderTotals {
	subtotalExTax: number;
	subtotalTax: number;
	discount: number;
	shippingExTax: number;
	shippingTax: number;
	shippingIncTax: number;
	handlingTax: number;
	feesExTax: number;
	feesTax: number;
	totalExTax: number;
	totalTax: number;
	totalIncTax: number;
	itemsTotal: number;
	itemsShipped: number;
}

export function lineTotals(order: OrderRec, line: OrderLineRec) {
	const totalEx = round2(line.unitPrice * line.quantity);
	const discountedEx = round2(totalEx - line.discount);
	const totalTax = round2(discountedEx * order.taxRate);
	return {
		priceTax: round2(line.unitPrice * order.taxRate),
		totalEx,
		totalTax,
		totalInc: round2(totalEx + round2(totalEx * order.taxRate)),
		discountedInc: round2(discountedEx + totalTax),
	};
}

export function orderTotals(order: OrderRec): OrderTotals {
	let subtotalExTax = 0;
	let subtotalTax = 0;
	let discount = 0;
	for (const line of order.lines) {
		const t = lineTotals(order, line);
		subtotalExTax += t.totalEx;
		subtotalTax += t.totalTax;
		discount += line.discount;
	}
	const shippingTax = round2(order.shippingCostExTax * order.taxRate);
	const handlingTax = round2(order.handlingCostExTax * order.taxRate);
	const feesExTax = order.fees.reduce((s, f) => s + f.costExTax, 0);
	const feesTax = order.fees.reduce((s, f) => s + round2(f.costExTax * order.taxRate), 0);
	const totalExTax = round2(
		subtotalExTax - discount + order.shippingCostExTax + order.handlingCostExTax + feesExTax,
	);
	const totalTax = round2(subtotalTax + shippingTax + handlingTax + feesTax);
	return {
		subtotalExTax: round2(subtotalExTax),
		subtotalTax: round2(subtotalTax),
		discount: round2(discount),
		shippingExTax: order.shippingCostExTax,
		shippingTax,
		shippingIncTax: round2(order.shippingCostExTax + shippingTax),
		handlingTax,
		feesExTax: round2(feesExTax),
		feesTax: round2(feesTax),
		totalExTax,
		totalTax,
		totalIncTax: round2(totalExTax + totalTax),
		itemsTotal: order.lines.reduce((s, l) => s + l.quantity, 0),
		itemsShipped: order.lines.reduce((s, l) => s + l.quantityShipped, 0),
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
