import {
	mapBillingAddressCustomerCreate,
	mapBillingAddressCustomerUpdate,
	mapCustomerCreate,
	mapCustomerUpdate,
	type CustomerMappingOptions,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { BIGCOMMERCE_SPECS } from '../../support/bigcommerceSpecs';
import { itWithShared } from '../../support/specs';
import { expectConforms, order, thrownMappingError } from './helpers';
import { specResponseExample } from './helpers';

const options: CustomerMappingOptions = {
	dataAreaId: 'usmf',
	customerGroupId: 'WEB',
	currencyCode: 'USD',
	customerGroupMap: { '2': 'WHOLESALE' },
};

describe('customer mapping', () => {
	itWithShared(ENTITY_CATALOGUE, BIGCOMMERCE_SPECS)(
		'maps the spec customer (company) to an organisation',
		() => {
			const c = specResponseExample('customers.v3.yml', 'CustomerCollectionResponse', 'example-1')
				.data[0];
			c.addresses[0].country_code = 'US';
			const p = mapCustomerCreate({ ...c, id: 42 }, { ...options, customerAccountPrefix: 'BC-' });
			expect(p).toMatchObject({
				dataAreaId: 'usmf',
				CustomerAccount: 'BC-42',
				PartyType: 'Organization',
				OrganizationName: 'Acme Corp',
				NameAlias: 'Acme Corp',
				CustomerGroupId: 'WEB',
				SalesCurrencyCode: 'USD',
				AddressStreet: 'Addr1',
				AddressCountryRegionId: 'USA',
				PrimaryContactEmail: 'jane.smith@example.com',
				PrimaryContactPhone: '555-123-4567',
			});
			expect(p.PersonFirstName).toBeUndefined();
			expectConforms(p, 'CustomersV3');
		},
	);

	itWithShared(ENTITY_CATALOGUE)(
		'maps a person without company, with customer group mapping',
		() => {
			const p = mapCustomerCreate(
				{
					id: 7,
					first_name: 'Ana',
					last_name: 'Lopez',
					company: '',
					email: 'ana@example.com',
					customer_group_id: 2,
					addresses: [
						{
							address1: 'Calle 1',
							address2: '2B',
							city: 'Madrid',
							postal_code: '28001',
							state_or_province: 'Madrid',
							country_code: 'ES',
						},
					],
				},
				options,
			);
			expect(p).toMatchObject({
				PartyType: 'Person',
				PersonFirstName: 'Ana',
				PersonLastName: 'Lopez',
				NameAlias: 'Lopez Ana',
				CustomerGroupId: 'WHOLESALE',
				AddressStreet: 'Calle 1\n2B',
				AddressState: 'Madrid',
				AddressCountryRegionId: 'ESP',
			});
			expect(p.CustomerAccount).toBeUndefined();
			expect(p.OrganizationName).toBeUndefined();
			expectConforms(p, 'CustomersV3');
		},
	);

	itWithShared(ENTITY_CATALOGUE)(
		'maps a billing address and builds PATCH bodies without keys or party type',
		() => {
			const o = order({ id: 1, lines: [{ sku: 'A', qty: 1, price: 1 }], company: 'Laser Ltd' });
			const create = mapBillingAddressCustomerCreate(o.billing_address, options);
			expect(create).toMatchObject({
				PartyType: 'Organization',
				OrganizationName: 'Laser Ltd',
				AddressState: 'TX',
				AddressZipCode: '78108',
			});
			expectConforms(create, 'CustomersV3');
			const update = mapBillingAddressCustomerUpdate(o.billing_address);
			expect(update).not.toHaveProperty('dataAreaId');
			expect(update).not.toHaveProperty('CustomerAccount');
			expect(update).not.toHaveProperty('PartyType');
			expect(update).not.toHaveProperty('CustomerGroupId');
			expectConforms(update, 'CustomersV3');
			const asPerson = mapCustomerUpdate(
				{ id: 3, first_name: 'Jo', last_name: 'Ng', company: 'Ng Co', email: 'jo@x.io' },
				{ partyType: 'Person' },
			);
			expect(asPerson).toMatchObject({
				PersonFirstName: 'Jo',
				PersonLastName: 'Ng',
				PrimaryContactEmail: 'jo@x.io',
			});
			expect(asPerson).not.toHaveProperty('OrganizationName');
			expectConforms(asPerson, 'CustomersV3');
		},
	);

	it('refuses a customer with no name and no company', () => {
		expect(
			thrownMappingError(() => mapCustomerCreate({ id: 1, email: 'x@y.z' }, options)).code,
		).toBe('MISSING_NAME');
	});
});
