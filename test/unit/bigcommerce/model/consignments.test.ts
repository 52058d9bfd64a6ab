/** Reading an order's consignments: which lines they carry, and whether lines may be missing. */
import { CONSIGNMENT_LINE_CAP, readConsignments } from '../../../../nodes/BigCommerce/model';

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
