/**
 * BigCommerce customers and order billing addresses → CustomersV3 create and update bodies (which
 * order customer they are for, orderCustomer.ts decides).
 */
import { optionalDimensions, type DimensionFormatOptions } from './dimensions';
import { MappingError } from './errors';
import { clean, dropUndefined } from './fields';
import { FIELD_MAX_LENGTHS, truncate } from './references';
import { countryRegionId, stateId } from './regions';
import type {
	BcAddress,
	BcCustomer,
	BcCustomerAddress,
	DimensionsInput,
	FoCustomerCreate,
	FoCustomerUpdate,
} from './types';

export interface CustomerMappingOptions {
	/** F&O company (legal entity), e.g. `usmf`. */
	dataAreaId: string;
	/** Customer group used when no mapping applies (e.g. `WEB`). */
	customerGroupId: string;
	/** BigCommerce `customer_group_id` → F&O CustomerGroupId. */
	customerGroupMap?: Readonly<Record<string, string>>;
	/** SalesCurrencyCode, e.g. the store's transactional currency `USD`. */
	currencyCode: string;
	/**
	 * Deterministic account for registered customers: `<prefix><BigCommerce id>` (e.g. `BC-42`).
	 * Omitted → CustomerAccount is left out and F&O's number sequence assigns it.
	 */
	customerAccountPrefix?: string;
	/** Explicit CustomerAccount (wins over the prefix). */
	customerAccount?: string;
	languageId?: string;
	paymentTerms?: string;
	paymentMethod?: string;
	salesTaxGroup?: string;
	deliveryMode?: string;
	/** Default dimensions for DefaultDimensionDisplayValue (Default dimension format). */
	dimensions?: DimensionsInput;
	dimensionFormat?: DimensionFormatOptions;
	/** ISO2 → CountryRegionId overrides for setups that do not use ISO alpha-3 ids. */
	countryOverrides?: Readonly<Record<string, string>>;
}

/** The name/party part shared by create and update. */
interface PartyFields {
	PartyType: 'Person' | 'Organization';
	OrganizationName?: string;
	PersonFirstName?: string;
	PersonLastName?: string;
	NameAlias?: string;
}

interface AddressFields {
	AddressStreet?: string;
	AddressCity?: string;
	AddressState?: string;
	AddressZipCode?: string;
	AddressCountryRegionId?: string;
}

function joinStreet(...lines: Array<string | undefined>): string | undefined {
	const parts = lines.map(clean).filter((x): x is string => x !== undefined);
	// F&O's Street is a multi-line field; BigCommerce's second line becomes its second line.
	return parts.length ? parts.join('\n') : undefined;
}

/**
 * Person vs organisation: a non-empty company makes an Organization named after the company;
 * otherwise a Person with first/last name. NameAlias (search name) is the company, or
 * "Last First", cut to the field's length.
 */
function partyFields(
	first: string | undefined,
	last: string | undefined,
	company: string | undefined,
	source: string,
): PartyFields {
	const org = clean(company);
	const firstName = clean(first);
	const lastName = clean(last);
	if (org) {
		// Person names ride along for updates of customers F&O holds as persons; create drops them.
		return {
			PartyType: 'Organization',
			OrganizationName: org,
			PersonFirstName: firstName,
			PersonLastName: lastName,
			NameAlias: truncate(org, FIELD_MAX_LENGTHS.NameAlias),
		};
	}
	if (!firstName && !lastName) {
		throw new MappingError(
			'MISSING_NAME',
			`${source} has neither a company nor a first/last name; F&O needs one to create the customer`,
			{ source },
		);
	}
	const alias = [lastName, firstName].filter(Boolean).join(' ');
	return {
		PartyType: 'Person',
		PersonFirstName: firstName,
		PersonLastName: lastName,
		NameAlias: truncate(alias, FIELD_MAX_LENGTHS.NameAlias),
	};
}

function addressFields(
	street1: string | undefined,
	street2: string | undefined,
	city: string | undefined,
	state: string | undefined,
	zip: string | undefined,
	iso2: string | undefined,
	overrides: Readonly<Record<string, string>> | undefined,
): AddressFields {
	const street = joinStreet(street1, street2);
	const anyField = street || clean(city) || clean(zip) || clean(iso2);
	if (!anyField) return {};
	// AddressCountryRegionId is required whenever an address is sent.
	return {
		AddressStreet: street,
		AddressCity: clean(city),
		AddressState: stateId(state, iso2),
		AddressZipCode: clean(zip),
		AddressCountryRegionId: countryRegionId(iso2, overrides),
	};
}

function pickAddress(customer: BcCustomer): BcCustomerAddress | undefined {
	const addresses = customer.addresses ?? [];
	return (
		addresses.find((a) => a.address_type === 'commercial' && clean(customer.company)) ??
		addresses[0]
	);
}

function accountFor(id: number | undefined, options: CustomerMappingOptions): string | undefined {
	if (options.customerAccount) return options.customerAccount;
	if (options.customerAccountPrefix !== undefined && id !== undefined && id > 0) {
		const account = `${options.customerAccountPrefix}${id}`;
		if (account.length > FIELD_MAX_LENGTHS.CustomerAccount) {
			throw new MappingError(
				'REFERENCE_TOO_LONG',
				`Customer account "${account}" is longer than ${FIELD_MAX_LENGTHS.CustomerAccount} characters`,
				{ customerAccount: account },
			);
		}
		return account;
	}
	return undefined;
}

function commonCreate(
	party: PartyFields,
	address: AddressFields,
	email: string | undefined,
	phone: string | undefined,
	account: string | undefined,
	groupKey: number | undefined,
	options: CustomerMappingOptions,
): FoCustomerCreate {
	for (const key of ['dataAreaId', 'customerGroupId', 'currencyCode'] as const) {
		if (!clean(options[key])) {
			throw new MappingError('MISSING_OPTION', `Customer mapping needs the "${key}" option`, {
				option: key,
			});
		}
	}
	const group =
		(groupKey !== undefined ? options.customerGroupMap?.[String(groupKey)] : undefined) ??
		options.customerGroupId;
	const names =
		party.PartyType === 'Organization'
			? { OrganizationName: party.OrganizationName }
			: { PersonFirstName: party.PersonFirstName, PersonLastName: party.PersonLastName };
	return dropUndefined<FoCustomerCreate>({
		dataAreaId: options.dataAreaId,
		CustomerAccount: account,
		PartyType: party.PartyType,
		...names,
		NameAlias: party.NameAlias,
		CustomerGroupId: group,
		SalesCurrencyCode: options.currencyCode,
		...address,
		PrimaryContactEmail: clean(email),
		PrimaryContactPhone: clean(phone),
		LanguageId: options.languageId,
		PaymentTerms: options.paymentTerms,
		PaymentMethod: options.paymentMethod,
		SalesTaxGroup: options.salesTaxGroup,
		DeliveryMode: options.deliveryMode,
		DefaultDimensionDisplayValue: optionalDimensions(options.dimensions, options.dimensionFormat),
	});
}

/** The party, address and contact of a v3 customer (its primary address, if any). */
function customerParts(customer: BcCustomer, countryOverrides?: Readonly<Record<string, string>>) {
	const source = `BigCommerce customer ${customer.id ?? '(no id)'}`;
	const party = partyFields(customer.first_name, customer.last_name, customer.company, source);
	const a = pickAddress(customer);
	const address = a
		? addressFields(
				a.address1,
				a.address2,
				a.city,
				a.state_or_province,
				a.postal_code,
				a.country_code,
				countryOverrides,
			)
		: {};
	return { party, address, email: customer.email, phone: customer.phone || a?.phone };
}

/** The party, address and contact of an order's billing address. */
function billingParts(billing: BcAddress, countryOverrides?: Readonly<Record<string, string>>) {
	const party = partyFields(
		billing.first_name,
		billing.last_name,
		billing.company,
		'Billing address',
	);
	const address = addressFields(
		billing.street_1,
		billing.street_2,
		billing.city,
		billing.state,
		billing.zip,
		billing.country_iso2,
		countryOverrides,
	);
	return { party, address, email: billing.email, phone: billing.phone };
}

/** BigCommerce v3 customer → CustomersV3 create body. */
export function mapCustomerCreate(
	customer: BcCustomer,
	options: CustomerMappingOptions,
): FoCustomerCreate {
	const { party, address, email, phone } = customerParts(customer, options.countryOverrides);
	const account = accountFor(customer.id, options);
	return commonCreate(party, address, email, phone, account, customer.customer_group_id, options);
}

/** An order's billing address (guest or registered) → CustomersV3 create body. */
export function mapBillingAddressCustomerCreate(
	billing: BcAddress,
	options: CustomerMappingOptions,
	customerId?: number,
): FoCustomerCreate {
	const { party, address, email, phone } = billingParts(billing, options.countryOverrides);
	return commonCreate(
		party,
		address,
		email,
		phone,
		accountFor(customerId, options),
		undefined,
		options,
	);
}

export interface CustomerUpdateOptions {
	/** The party type the F&O customer already has; names are sent for that type only. */
	partyType?: 'Person' | 'Organization';
	countryOverrides?: Readonly<Record<string, string>>;
}

function updateBody(
	party: PartyFields,
	address: AddressFields,
	email: string | undefined,
	phone: string | undefined,
	options: CustomerUpdateOptions,
): FoCustomerUpdate {
	const type = options.partyType ?? party.PartyType;
	const names: Partial<PartyFields> =
		type === 'Organization'
			? {
					OrganizationName:
						party.OrganizationName ??
						[party.PersonFirstName, party.PersonLastName].filter(Boolean).join(' '),
				}
			: { PersonFirstName: party.PersonFirstName, PersonLastName: party.PersonLastName };
	return dropUndefined<FoCustomerUpdate>({
		...names,
		NameAlias: party.NameAlias,
		...address,
		PrimaryContactEmail: clean(email),
		PrimaryContactPhone: clean(phone),
	});
}

/**
 * CustomersV3 PATCH body from a v3 customer: the fields BigCommerce owns (names, contact, primary
 * address). Keys go in the URL; PartyType, group, currency and F&O-side terms are left alone. A
 * customer that turned from person into organisation (or back) keeps its F&O party type; only the
 * names matching `options.partyType` are sent.
 */
export function mapCustomerUpdate(
	customer: BcCustomer,
	options: CustomerUpdateOptions = {},
): FoCustomerUpdate {
	const { party, address, email, phone } = customerParts(customer, options.countryOverrides);
	return updateBody(party, address, email, phone, options);
}

/** CustomersV3 PATCH body from an order's billing address (per-email guest customers). */
export function mapBillingAddressCustomerUpdate(
	billing: BcAddress,
	options: CustomerUpdateOptions = {},
): FoCustomerUpdate {
	const { party, address, email, phone } = billingParts(billing, options.countryOverrides);
	return updateBody(party, address, email, phone, options);
}
