/** Pure helpers of the payment, credit note and entity actions. */
import { entityKeys } from '../../../nodes/MicrosoftDynamicsFo/actions/entity/parameters';
import {
	displayValueSegments,
	paymentMethodTable,
} from '../../../nodes/MicrosoftDynamicsFo/actions/parameters';
import { refundsOf } from '../../../nodes/MicrosoftDynamicsFo/posting/creditNote';
import { transactionsOf } from '../../../nodes/MicrosoftDynamicsFo/posting/payment';
import {
	dayIn,
	journalDescriptionFor,
} from '../../../nodes/MicrosoftDynamicsFo/posting/paymentJournal';
import { formatDisplayValue } from '../../../nodes/MicrosoftDynamicsFo/mapping';

describe('payment helpers', () => {
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

	it("the day is the workflow time zone's; per-run descriptions are unique", () => {
		const at = new Date('2024-03-01T23:30:00Z');
		expect(dayIn('UTC', at)).toBe('2024-03-01');
		expect(dayIn('Europe/Berlin', at)).toBe('2024-03-02');
		expect(dayIn('Not/AZone', at)).toBe('2024-03-01');
		expect(journalDescriptionFor('day', 'BC payments', 'UTC', at)).toBe('BC payments 2024-03-01');
		const a = journalDescriptionFor('run', 'BC payments', 'UTC', at);
		expect(a).toMatch(/^BC payments 2024-03-01T23:30:00Z \w+$/);
		expect(a.length).toBeLessThanOrEqual(60);
		expect(journalDescriptionFor('run', 'BC payments', 'UTC', at)).not.toBe(a);
	});

	it('payment method table and display values round-trip', () => {
		expect(
			paymentMethodTable({
				entries: [
					{ bigcommerce: ' braintree.card ', paymentMethod: 'CARD' },
					{ bigcommerce: '', paymentMethod: 'X' },
				],
			}),
		).toEqual({
			'braintree.card': 'CARD',
		});
		for (const display of ['USMF OPER', '110110-001--', 'A\\-B-001']) {
			expect(formatDisplayValue(displayValueSegments(display, '-'))).toBe(display);
		}
	});
});

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

describe('entity keys', () => {
	it('dataAreaId first for company sets, typed values, explicit dataAreaId wins', () => {
		expect(
			entityKeys(
				[
					{ name: 'LineNumber', value: '2', type: 'number' },
					{ name: 'JournalBatchNumber', value: 'J1' },
				],
				'usmf',
			),
		).toEqual({
			dataAreaId: 'usmf',
			LineNumber: 2,
			JournalBatchNumber: 'J1',
		});
		expect(Object.keys(entityKeys([{ name: 'X', value: '1' }], 'usmf'))[0]).toBe('dataAreaId');
		expect(
			entityKeys(
				[
					{ name: 'dataAreaId', value: 'DEMF' },
					{ name: 'X', value: '1' },
				],
				'usmf',
			),
		).toEqual({ dataAreaId: 'demf', X: '1' });
		expect(entityKeys([{ name: 'CurrencyCode', value: 'USD' }], undefined)).toEqual({
			CurrencyCode: 'USD',
		});
		expect(() => entityKeys([{ name: 'RecId', value: 'abc', type: 'number' }], undefined)).toThrow(
			/not a number/,
		);
	});
});
