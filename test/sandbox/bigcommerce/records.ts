/**
 * The records the sandbox store keeps (see ./store.ts): orders as internal records with numbers and
 * Dates (v2.ts renders them to the wire), and the v3 records (transactions, refunds, customers,
 * hooks, catalog) in their wire shape. They live apart from the store so the routes, the seed and
 * the store's mutation modules can name them without the store class around them.
 */
import type { CatalogCurrency } from '../catalog';

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
