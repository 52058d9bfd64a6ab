/**
 * Which F&O customer a BigCommerce order belongs to, decided once for the sales order and the
 * customer upsert alike: the shared web-guest account, or a customer found or created by a
 * deterministic account or the billing email (trimmed and lower-cased).
 */
import {
	mapBillingAddressCustomerCreate,
	mapBillingAddressCustomerUpdate,
	type CustomerMappingOptions,
} from './customer';
import { MappingError } from './errors';
import { clean } from './fields';
import type { BcOrder, FoCustomerCreate, FoCustomerUpdate } from './types';

export type GuestMode = 'sharedAccount' | 'perEmail';

export interface GuestCustomerOptions extends CustomerMappingOptions {
	guestMode: GuestMode;
	/** The shared web-guest CustomerAccount (required for `sharedAccount`). */
	sharedGuestAccount?: string;
}

export type CustomerResolution =
	| { kind: 'registered'; bigCommerceCustomerId: number }
	| { kind: 'sharedGuest'; customerAccount: string }
	| { kind: 'perEmailGuest'; email: string; create: FoCustomerCreate };

/**
 * Which F&O customer an order belongs to. Registered (`customer_id > 0`): the caller looks up or
 * creates the customer by its BigCommerce id. Guest (`customer_id: 0`): either the shared web-guest
 * account, or one account per billing email (the caller looks it up by PrimaryContactEmail and
 * creates it from `create` when absent). Per-email mode without an email is an error.
 */
export function resolveOrderCustomer(
	order: BcOrder,
	options: GuestCustomerOptions,
): CustomerResolution {
	if (order.customer_id > 0)
		return { kind: 'registered', bigCommerceCustomerId: order.customer_id };
	if (options.guestMode === 'sharedAccount') {
		const account = clean(options.sharedGuestAccount);
		if (!account) {
			throw new MappingError(
				'MISSING_OPTION',
				'Guest mode "sharedAccount" needs the shared web-guest customer account (sharedGuestAccount)',
				{ option: 'sharedGuestAccount' },
			);
		}
		return { kind: 'sharedGuest', customerAccount: account };
	}
	const email = billingEmail(order);
	if (!email) {
		throw new MappingError(
			'GUEST_EMAIL_MISSING',
			`Guest order ${order.id} has no billing email; guest mode "perEmail" needs an email to find or create the customer`,
			{ orderId: order.id },
		);
	}
	const create = mapBillingAddressCustomerCreate({ ...order.billing_address, email }, options);
	return { kind: 'perEmailGuest', email, create };
}

/** The order's billing email as a customer is found by: trimmed, lower-cased; undefined if blank. */
const billingEmail = (order: BcOrder) => clean(order.billing_address?.email)?.toLowerCase();

/** What finds an F&O customer: a deterministic account, or an email. */
export type CustomerIdentity = { account: string } | { email: string };

export type OrderCustomer =
	| { kind: 'sharedGuest'; customerAccount: string }
	| {
			kind: 'upsert';
			/** Undefined when nothing identifies the buyer: no account prefix and no billing email. */
			identity?: CustomerIdentity;
			/** For the audit record: `customer:42`, `guest:a@b.c`. */
			bigcommerceId: string;
			create: FoCustomerCreate;
			/** The fields the order's billing address owns, for refreshing an existing customer. */
			update: FoCustomerUpdate;
	  };

/**
 * The order's customer: the shared guest account, or the identity, audit id and create/update
 * bodies of the customer to find or create. A registered buyer is identified by
 * `<customerAccountPrefix><id>` when a prefix is set, else by billing email.
 */
export function orderCustomer(order: BcOrder, options: GuestCustomerOptions): OrderCustomer {
	const resolution = resolveOrderCustomer(order, options);
	if (resolution.kind === 'sharedGuest') return resolution;
	const email = billingEmail(order);
	const prefix = options.customerAccountPrefix;
	let identity: CustomerIdentity | undefined;
	if (resolution.kind === 'registered' && prefix)
		identity = { account: `${prefix}${resolution.bigCommerceCustomerId}` };
	else if (email) identity = { email };
	return {
		kind: 'upsert',
		identity,
		bigcommerceId:
			resolution.kind === 'registered'
				? `customer:${resolution.bigCommerceCustomerId}`
				: `guest:${email ?? ''}`,
		create:
			resolution.kind === 'perEmailGuest'
				? resolution.create
				: mapBillingAddressCustomerCreate(order.billing_address, options, order.customer_id),
		update: mapBillingAddressCustomerUpdate(order.billing_address, options),
	};
}
