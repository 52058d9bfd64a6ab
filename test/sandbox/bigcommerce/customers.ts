/**
 * The store's customers (see ./store.ts): a registered customer made from its spec (unique e-mail,
 * addresses, the attribute and form field the seed's shoppers carry) and a customer edit, each with
 * the store/customer event BigCommerce reports by webhook. Orders take a customer's first address
 * as their billing address (./orders.ts).
 */
import { isoZ } from './format';
import type { CustomerAddressRec, CustomerRec } from './records';
import type { CustomerPatch, CustomerSpec } from './specs';
import type { BigCommerceStore } from './store';
import { StoreError } from './storeErrors';

const COUNTRY_NAMES: Record<string, string> = {
	US: 'United States',
	DE: 'Germany',
	CA: 'Canada',
	FR: 'France',
	NL: 'Netherlands',
};

export function createCustomer(
	store: BigCommerceStore,
	spec: CustomerSpec,
	options: { silent?: boolean } = {},
): CustomerRec {
	if (
		[...store.customers.values()].some((c) => c.email.toLowerCase() === spec.email.toLowerCase())
	) {
		throw new StoreError(
			422,
			`The email address ${spec.email} is already in use by another customer.`,
		);
	}
	const id = store.nextId('customer');
	const at = isoZ(spec.date ? new Date(spec.date) : store.now());
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
	customer.addresses = (spec.addresses ?? []).map((a) => customerAddress(store, customer, a));
	customer.address_count = customer.addresses.length;
	customer.attributes = [
		{
			id: store.nextId('attribute'),
			attribute_id: 1,
			attribute_value: 'newsletter',
			customer_id: id,
			date_created: at,
			date_modified: at,
		},
	];
	customer.attribute_count = customer.attributes.length;
	customer.form_fields = [{ name: 'Preferred activity', value: 'Hiking', customer_id: id }];
	store.customers.set(id, customer);
	if (!options.silent) store.emit('store/customer/created', { type: 'customer', id });
	return customer;
}

function customerAddress(
	store: BigCommerceStore,
	customer: CustomerRec,
	a: Partial<CustomerAddressRec>,
): CustomerAddressRec {
	const country = a.country_code ?? 'US';
	return {
		id: store.nextId('customerAddress'),
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

export function updateCustomer(
	store: BigCommerceStore,
	id: number,
	patch: CustomerPatch,
): CustomerRec {
	const customer = store.customers.get(id);
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
	customer.date_modified = isoZ(store.now());
	store.emit('store/customer/updated', { type: 'customer', id });
	return customer;
}
