/** orderCustomer: one decision for the sales order and the customer upsert alike. */
import {
	orderCustomer,
	type GuestCustomerOptions,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';
import { order } from './helpers';

const options: GuestCustomerOptions = {
	dataAreaId: 'usmf',
	customerGroupId: 'WEB',
	currencyCode: 'USD',
	guestMode: 'perEmail',
};
const lines = [{ sku: 'A', qty: 1, price: 1 }];

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
