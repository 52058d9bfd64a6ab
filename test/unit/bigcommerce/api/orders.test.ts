/** The `/v2/orders` query string for the node's filters. */
import { orderFilterQs } from '../../../../nodes/BigCommerce/api/orders';

describe('orderFilterQs', () => {
	it('maps filters to /v2/orders query names, dates as RFC 2822 UTC', () => {
		expect(
			orderFilterQs({
				statusId: 0,
				customerId: 0,
				email: 'jane@example.com',
				minId: 120,
				createdFrom: '2025-03-01T00:00:00',
				modifiedTo: '2025-03-05T12:00:00Z',
				sort: 'date_modified:asc',
				timeZone: 'America/Denver',
			}),
		).toEqual({
			status_id: 0,
			customer_id: 0,
			email: 'jane@example.com',
			min_id: 120,
			min_date_created: 'Sat, 01 Mar 2025 07:00:00 +0000',
			max_date_modified: 'Wed, 05 Mar 2025 12:00:00 +0000',
			sort: 'date_modified:asc',
		});
	});

	it('leaves out empty filters', () => {
		expect(orderFilterQs({ email: '', createdFrom: '', statusId: undefined })).toEqual({});
	});
});
