/** The pure parts of the BigCommerce API layer: consignment reading, dates, filters, v3 paging. */
import {
	CONSIGNMENT_LINE_CAP,
	orderFilterQs,
	parseDateInput,
	readConsignments,
	toRfc3339,
	toV2Date,
	v3HasNextPage,
} from '../../../nodes/BigCommerce/api';

const line = (id: number, extra: Record<string, unknown> = {}) => ({
	id,
	order_id: 100,
	product_id: 7,
	sku: `SKU-${id}`,
	quantity: 1,
	...extra,
});

const shipping = (id: number, lines: unknown[], extra: Record<string, unknown> = {}) => ({
	id,
	first_name: 'Jane',
	city: 'Austin',
	line_items: lines,
	...extra,
});

describe('readConsignments', () => {
	it('flattens lines from every consignment kind, by line id, and lists shipping addresses without lines', () => {
		const order = {
			id: 100,
			consignments: {
				shipping: [shipping(11, [line(3), line(1)]), shipping(12, [line(2)])],
				pickups: [{ id: 99, line_items: [line(5)] }],
				downloads: [{ recipient_email: 'a@b.c', line_items: [line(4)] }],
				email: { gift_certificates: [{ recipient_email: 'g@b.c', line_items: [line(6)] }] },
			},
		};
		const reading = readConsignments(order);
		expect(reading.hasConsignments).toBe(true);
		expect(reading.linesIncomplete).toBe(false);
		expect(reading.products.map((p) => p.id)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(reading.shippingAddresses.map((a) => a.id)).toEqual([11, 12]);
		expect(reading.shippingAddresses[0]).not.toHaveProperty('line_items');
		expect(reading.shippingAddresses[0]).toMatchObject({ first_name: 'Jane', city: 'Austin' });
	});

	it('counts a line listed in two consignments once', () => {
		const order = {
			id: 1,
			consignments: { shipping: [shipping(1, [line(1)]), shipping(2, [line(1), line(2)])] },
		};
		expect(readConsignments(order).products.map((p) => p.id)).toEqual([1, 2]);
	});

	it.each([
		[
			'on the consignment',
			(o: any) => (o.consignments.shipping[0].__warning__ = { message: 'only 50' }),
		],
		[
			'on the consignments structure',
			(o: any) => (o.consignments.__warning__ = { message: 'only 50' }),
		],
		['on the order', (o: any) => (o.__warning__ = { message: 'only 50' })],
	])('a __warning__ %s marks the lines incomplete', (_where, addWarning) => {
		const order: any = { id: 1, consignments: { shipping: [shipping(1, [line(1), line(2)])] } };
		expect(readConsignments(order).linesIncomplete).toBe(false);
		addWarning(order);
		expect(readConsignments(order).linesIncomplete).toBe(true);
	});

	it('a consignment at the cap counts as capped even without a warning; one line fewer does not', () => {
		const lines = (n: number) => Array.from({ length: n }, (_, i) => line(i + 1));
		const full = { id: 1, consignments: { shipping: [shipping(1, lines(CONSIGNMENT_LINE_CAP))] } };
		const under = {
			id: 1,
			consignments: { shipping: [shipping(1, lines(CONSIGNMENT_LINE_CAP - 1))] },
		};
		expect(readConsignments(full).linesIncomplete).toBe(true);
		expect(readConsignments(under).linesIncomplete).toBe(false);
	});

	it('resource links instead of lines (include=consignments only) are incomplete', () => {
		const order = {
			id: 1,
			consignments: {
				shipping: [
					shipping(1, [
						{ url: 'https://x/v2/orders/1/products/1', resource: '/orders/1/products/1' },
					]),
				],
			},
		};
		const reading = readConsignments(order);
		expect(reading.linesIncomplete).toBe(true);
		expect(reading.products).toEqual([]);
		expect(reading.shippingAddresses).toHaveLength(1);
	});

	it('an order without consignments (or with a link object) has nothing to read', () => {
		for (const order of [
			{ id: 1 },
			{ id: 1, consignments: { url: 'u', resource: '/orders/1/consignments' } },
		]) {
			const reading = readConsignments(order);
			expect(reading.hasConsignments).toBe(false);
			expect(reading.linesIncomplete).toBe(true);
			expect(reading.shippingAddresses).toEqual([]);
		}
	});

	it('accepts an array of consignment structures', () => {
		const order = {
			id: 1,
			consignments: [
				{ shipping: [shipping(1, [line(2)])] },
				{ pickups: [{ line_items: [line(1)] }] },
			],
		};
		const reading = readConsignments(order);
		expect(reading.products.map((p) => p.id)).toEqual([1, 2]);
		expect(reading.shippingAddresses.map((a) => a.id)).toEqual([1]);
	});
});

describe('dates', () => {
	it('v2 filters are RFC 2822 in UTC, whole seconds', () => {
		expect(toV2Date('2012-11-20T00:00:00Z')).toBe('Tue, 20 Nov 2012 00:00:00 +0000');
		expect(toV2Date('2017-04-20T11:32:00.000-04:00')).toBe('Thu, 20 Apr 2017 15:32:00 +0000');
		expect(toV2Date(new Date(Date.UTC(2025, 2, 3, 9, 5, 7, 999)))).toBe(
			'Mon, 03 Mar 2025 09:05:07 +0000',
		);
		expect(toV2Date('Thu, 20 Apr 2017 11:32:00 -0400')).toBe('Thu, 20 Apr 2017 15:32:00 +0000');
	});

	it('v3 filters are RFC 3339 in UTC', () => {
		expect(toRfc3339('2020-01-15T01:02:34-01:00')).toBe('2020-01-15T02:02:34Z');
		expect(toRfc3339({ toJSDate: () => new Date('2024-05-14T09:34:00.250Z') })).toBe(
			'2024-05-14T09:34:00Z',
		);
	});

	it("reads a date without an offset in the workflow's time zone, across DST", () => {
		// New York: UTC-5 in January, UTC-4 in July.
		expect(parseDateInput('2024-01-15T09:00:00', 'America/New_York').toISOString()).toBe(
			'2024-01-15T14:00:00.000Z',
		);
		expect(parseDateInput('2024-07-15T09:00:00', 'America/New_York').toISOString()).toBe(
			'2024-07-15T13:00:00.000Z',
		);
		expect(parseDateInput('2024-07-15', 'Europe/Berlin').toISOString()).toBe(
			'2024-07-14T22:00:00.000Z',
		);
		expect(parseDateInput('2024-07-15T09:00:00', 'UTC').toISOString()).toBe(
			'2024-07-15T09:00:00.000Z',
		);
		// An explicit offset wins over the time zone.
		expect(parseDateInput('2024-07-15T09:00:00Z', 'America/New_York').toISOString()).toBe(
			'2024-07-15T09:00:00.000Z',
		);
	});

	it('refuses what is not a date', () => {
		expect(() => toV2Date('yesterday-ish')).toThrow(/not a date/);
		expect(() => toV2Date(new Date('nope'))).toThrow(/Invalid date/);
	});
});

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

describe('v3HasNextPage', () => {
	it('follows total_pages', () => {
		expect(v3HasNextPage({ pagination: { current_page: 1, total_pages: 3 } }, 1, 50, 50)).toBe(
			true,
		);
		expect(v3HasNextPage({ pagination: { current_page: 3, total_pages: 3 } }, 3, 10, 50)).toBe(
			false,
		);
	});

	it('falls back to links.next without total_pages', () => {
		expect(
			v3HasNextPage(
				{ pagination: { current_page: 1, links: { next: '?page=2&limit=5' } } },
				1,
				5,
				5,
			),
		).toBe(true);
		expect(v3HasNextPage({ pagination: { current_page: 2, links: {} } }, 2, 5, 5)).toBe(false);
	});

	it('without pagination meta, a full page may have a successor; a short one does not', () => {
		expect(v3HasNextPage({}, 1, 50, 50)).toBe(true);
		expect(v3HasNextPage({}, 1, 49, 50)).toBe(false);
		expect(v3HasNextPage(undefined, 1, 3, null)).toBe(false);
	});
});
