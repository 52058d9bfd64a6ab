/** `orderLines`: the one rule for which product lines an order has, whatever shape it came in. */
import { orderLines } from '../../../../nodes/BigCommerce/model';

const line = (id: number, extra: Record<string, unknown> = {}) =>
	({
		id,
		sku: `SKU-${id}`,
		quantity: 1,
		price_ex_tax: '1.00',
		price_inc_tax: '1.00',
		total_ex_tax: '1.00',
		total_inc_tax: '1.00',
		...extra,
	}) as const;

const ids = (lines: Array<{ id: number }>) => lines.map((l) => l.id);

describe('orderLines', () => {
	it('takes products first, then line_items, then the consignments', () => {
		const consignments = {
			shipping: [{ line_items: [line(5)] }],
			pickups: [{ line_items: [line(4)] }],
		};
		expect(ids(orderLines({ products: [line(1)], line_items: [line(2)], consignments }))).toEqual([
			1,
		]);
		expect(ids(orderLines({ line_items: [line(2)], consignments }))).toEqual([2]);
		expect(ids(orderLines({ products: { resource: '/orders/1/products' }, consignments }))).toEqual(
			[4, 5],
		);
	});

	it('drops bundle children unless asked for, counts a line once, sorts by line id', () => {
		const order = {
			products: [line(3), line(1), line(2, { parent_order_product_id: 1 }), line(3)],
		};
		expect(ids(orderLines(order))).toEqual([1, 3]);
		expect(ids(orderLines(order, { withBundleChildren: true }))).toEqual([1, 2, 3]);
	});

	it('skips link objects and gives an empty list for an order without lines', () => {
		const consignments = { shipping: [{ line_items: [{ url: 'u', resource: '/r' }] }] };
		expect(orderLines({ consignments })).toEqual([]);
		expect(orderLines({})).toEqual([]);
		expect(orderLines({ products: [], line_items: [line(1)] })).toEqual([]);
	});
});
