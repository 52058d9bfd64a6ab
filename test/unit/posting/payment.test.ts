/** Pure helpers of payment posting: reading the input item. */
import { transactionsOf } from '../../../nodes/MicrosoftDynamicsFo/posting/payment';

describe('payment input', () => {
	it('reads an order with transactions or one transaction event', () => {
		const t = {
			id: 7,
			order_id: '100',
			event: 'capture',
			status: 'ok',
			amount: 1,
			currency: 'USD',
			date_created: '2024-01-01T00:00:00Z',
		};
		expect(transactionsOf({ id: 100, transactions: [t] }, 'order')).toEqual({
			orderId: '100',
			transactions: [t],
		});
		expect(transactionsOf({ ...t, order: { id: 100 } }, 'transaction')).toMatchObject({
			orderId: '100',
			transactions: [{ id: 7 }],
		});
		expect(transactionsOf({ id: 100 }, 'order')).toEqual({
			error: expect.stringMatching(/no "transactions"/),
		});
		expect(transactionsOf({ id: 100, transactions: [] }, 'transaction')).toEqual({
			error: expect.stringMatching(/not a BigCommerce transaction/),
		});
	});
});
