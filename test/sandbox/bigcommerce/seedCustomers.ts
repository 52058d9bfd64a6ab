/**
 * The seed's registered shoppers: US, German, French and wholesale customers with their addresses
 * (a guest needs none). Apart from the seed's orders (./seed.ts), which name the customers returned.
 */
import type { BigCommerceStore } from './store';

/** Register the seed's customers (silently, dated `date`); returns those the seed orders name. */
export function seedCustomers(store: BigCommerceStore, date: string) {
	const s = { silent: true };
	const c = (
		email: string,
		first: string,
		last: string,
		address: Record<string, string>,
		extra = {},
	) =>
		store.createCustomer(
			{
				email,
				first_name: first,
				last_name: last,
				addresses: [address],
				date,
				...extra,
			},
			s,
		);
	const ava = c(
		'ava.thompson@example.com',
		'Ava',
		'Thompson',
		{
			address1: '1420 Pearl St',
			city: 'Boulder',
			state_or_province: 'Colorado',
			postal_code: '80302',
			country_code: 'US',
		},
		{ phone: '3035550142', accepts_product_review_abandoned_cart_emails: true },
	);
	const liam = c(
		'liam.oconnor@example.com',
		'Liam',
		"O'Connor",
		{
			address1: '88 Summit Ave',
			address2: 'Apt 4',
			city: 'Seattle',
			state_or_province: 'Washington',
			postal_code: '98101',
			country_code: 'US',
		},
		{ phone: '2065550188' },
	);
	const jonas = c(
		'jonas.becker@example.de',
		'Jonas',
		'Becker',
		{
			address1: 'Bergstraße 12',
			city: 'München',
			state_or_province: 'Bayern',
			postal_code: '80331',
			country_code: 'DE',
		},
		{ phone: '+49 89 5550123' },
	);
	const summit = c(
		'purchasing@summitguides.example.com',
		'Maya',
		'Patel',
		{
			address1: '500 Canyon Rd',
			city: 'Salt Lake City',
			state_or_province: 'Utah',
			postal_code: '84101',
			country_code: 'US',
			address_type: 'commercial',
		},
		{
			company: 'Summit Guides LLC',
			phone: '8015550500',
			customer_group_id: 1,
			notes: 'Wholesale account',
		},
	);
	const emma = c(
		'emma.laurent@example.fr',
		'Emma',
		'Laurent',
		{
			address1: '7 Rue des Alpes',
			city: 'Annecy',
			state_or_province: 'Haute-Savoie',
			postal_code: '74000',
			country_code: 'FR',
		},
		{ phone: '+33 4 5055 0177' },
	);
	c(
		'noah.kim@example.com',
		'Noah',
		'Kim',
		{
			address1: '9 Lakeview Dr',
			city: 'Portland',
			state_or_province: 'Oregon',
			postal_code: '97205',
			country_code: 'US',
		},
		{ phone: '5035550909' },
	);
	return { ava, liam, jonas, summit, emma };
}
