/** Which customer an order belongs to: one decision for the sales order and the customer upsert. */
import {
	orderCustomer,
	resolveOrderCustomer,
	type CustomerMappingOptions,
	type GuestCustomerOptions,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { itWithShared } from '../../support/specs';
import { expectConforms, order, thrownMappingError } from './helpers';

const options: GuestCustomerOptions = {
	dataAreaId: 'usmf',
	customerGroupId: 'WEB',
	currencyCode: 'USD',
	guestMode: 'perEmail',
};
const lines = [{ sku: 'A', qty: 1, price: 1 }];

describe('resolveOrderCustomer', () => {
	const options: CustomerMappingOptions = {
		dataAreaId: 'usmf',
		customerGroupId: 'WEB',
		currencyCode: 'USD',
		customerGroupMap: { '2': 'WHOLESALE' },
	};

	itWithShared(ENTITY_CATALOGUE)(
		'resolves registered, shared-guest and per-email-guest orders',
		() => {
			const lines = [{ sku: 'A', qty: 1, price: 1 }];
			expect(
				resolveOrderCustomer(order({ id: 1, lines, customerId: 11 }), {
					...options,
					guestMode: 'perEmail',
				}),
			).toEqual({
				kind: 'registered',
				bigCommerceCustomerId: 11,
			});
			const guest = order({ id: 2, lines, customerId: 0, email: 'Guest@Example.com' });
			expect(
				resolveOrderCustomer(guest, {
					...options,
					guestMode: 'sharedAccount',
					sharedGuestAccount: 'WEB-GUEST',
				}),
			).toEqual({
				kind: 'sharedGuest',
				customerAccount: 'WEB-GUEST',
			});
			const perEmail = resolveOrderCustomer(guest, { ...options, guestMode: 'perEmail' });
			expect(perEmail.kind).toBe('perEmailGuest');
			if (perEmail.kind === 'perEmailGuest') {
				expect(perEmail.email).toBe('guest@example.com');
				expect(perEmail.create.PrimaryContactEmail).toBe('guest@example.com');
				expectConforms(perEmail.create, 'CustomersV3');
			}
			expect(
				thrownMappingError(() =>
					resolveOrderCustomer(guest, { ...options, guestMode: 'sharedAccount' }),
				).code,
			).toBe('MISSING_OPTION');
		},
	);

	it('per-email guest mode without an email is a clear error', () => {
		const guest = order({
			id: 3,
			lines: [{ sku: 'A', qty: 1, price: 1 }],
			customerId: 0,
			email: null,
		});
		const e = thrownMappingError(() =>
			resolveOrderCustomer(guest, { ...options, guestMode: 'perEmail' }),
		);
		expect(e.code).toBe('GUEST_EMAIL_MISSING');
		expect(e.message).toMatch(/Guest order 3 has no billing email/);
	});
});

describe('orderCustomer', () => {
	it('finds a buyer by the billing email, trimmed and lower-cased', () => {
		const registered = order({ id: 1, lines, customerId: 11, email: '  Jane.Doe@Example.COM ' });
		expect(orderCustomer(registered, options)).toMatchObject({
			kind: 'upsert',
			identity: { email: 'jane.doe@example.com' },
			bigcommerceId: 'customer:11',
			create: { PrimaryContactEmail: 'Jane.Doe@Example.COM' },
			update: { PrimaryContactEmail: 'Jane.Doe@Example.COM' },
		});
		const guest = order({ id: 2, lines, customerId: 0, email: ' Guest@Example.com' });
		expect(orderCustomer(guest, options)).toMatchObject({
			kind: 'upsert',
			identity: { email: 'guest@example.com' },
			bigcommerceId: 'guest:guest@example.com',
			create: { PrimaryContactEmail: 'guest@example.com' },
		});
	});

	it('a registered buyer gets the deterministic account when a prefix is set', () => {
		const registered = order({ id: 1, lines, customerId: 11 });
		expect(orderCustomer(registered, { ...options, customerAccountPrefix: 'BC-' })).toMatchObject({
			identity: { account: 'BC-11' },
			create: { CustomerAccount: 'BC-11' },
		});
	});

	it('the shared guest account needs no customer; nothing identifies a buyer without email', () => {
		const guest = order({ id: 2, lines, customerId: 0 });
		expect(
			orderCustomer(guest, {
				...options,
				guestMode: 'sharedAccount',
				sharedGuestAccount: 'WEB-GUEST',
			}),
		).toEqual({ kind: 'sharedGuest', customerAccount: 'WEB-GUEST' });
		const noEmail = order({ id: 3, lines, customerId: 11, email: null });
		expect(orderCustomer(noEmail, options)).toMatchObject({ kind: 'upsert', identity: undefined });
	});
});
