/**
 * The compact specs the store's records are made from: what `POST /bigcommerce/orders` and the
 * other admin calls (./admin.ts) take, and what the seed writes. They say what to create, leaving
 * ids, dates and derived amounts to the store (./orders.ts, ./payments.ts, ./refunds.ts,
 * ./customers.ts); they live apart from the records, which are the store's own full shape.
 */
import type {
	AddressRec,
	CustomerAddressRec,
	CustomerRec,
	RefundItemRec,
	TransactionRec,
} from './records';

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

/** An order edit (`store/order/updated`): lines added/replaced, addresses, notes, shipping. */
export type OrderEdit = Partial<
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
};

/** A new customer: the v3 fields it sets (e-mail and name required), its addresses, its date. */
export type CustomerSpec = Partial<Omit<CustomerRec, 'addresses'>> & {
	email: string;
	first_name: string;
	last_name: string;
	addresses?: Partial<CustomerAddressRec>[];
	date?: string;
};

/** A customer edit (`store/customer/updated`): the v3 fields `PUT /bigcommerce/customers/:id` may change. */
export type CustomerPatch = Partial<Omit<CustomerRec, 'id' | 'addresses'>>;
