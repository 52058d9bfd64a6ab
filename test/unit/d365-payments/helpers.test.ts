/** Pure helpers of the payment and entity actions (the posting code's are in test/unit/posting). */
import { entityKeys } from '../../../nodes/MicrosoftDynamicsFo/actions/entity/parameters';
import {
	displayValueSegments,
	paymentMethodTable,
} from '../../../nodes/MicrosoftDynamicsFo/actions/parameters';
import { formatDisplayValue } from '../../../nodes/MicrosoftDynamicsFo/mapping';

describe('payment action helpers', () => {
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
