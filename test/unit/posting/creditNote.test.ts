/** Pure helpers of credit note posting: reading the input item. */
import { refundsOf } from '../../../nodes/MicrosoftDynamicsFo/posting/creditNote';

describe('credit note input', () => {
	const refund = {
		id: 3,
		order_id: 100,
		items: [],
		total_amount: 1,
		created: '2024-01-01T00:00:00Z',
	};
	it('a refund needs its own order; an order input carries its refunds', () => {
		expect(refundsOf(refund, 'refund', { id: 100 })).toMatchObject({
			refunds: [refund],
			order: { id: 100 },
		});
		expect(refundsOf(refund, 'refund', undefined)).toEqual({
			error: expect.stringMatching(/without its order/),
		});
		expect(refundsOf(refund, 'refund', { id: 101 })).toEqual({
			error: expect.stringMatching(/is for order 100/),
		});
		expect(refundsOf({ id: 100, refunds: [refund] }, 'order', undefined)).toMatchObject({
			refunds: [refund],
		});
	});
});
