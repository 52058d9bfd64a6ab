/** Pure helpers of the payment and entity actions (the posting code's are in test/unit/posting). */
import { entityKeys } from '../../../nodes/MicrosoftDynamicsFo/actions/entity/parameters';
import { displayValueSegments } from '../../../nodes/MicrosoftDynamicsFo/actions/parameters';
import { paymentMethodRows } from '../../../nodes/MicrosoftDynamicsFo/actions/payment/journal';
import type { OperationContext } from '../../../nodes/MicrosoftDynamicsFo/actions/context';
import { formatDisplayValue } from '../../../nodes/MicrosoftDynamicsFo/mapping';

describe('payment action helpers', () => {
	const op = {
		fn: { getNode: () => ({ name: 'F&O', type: 'x', typeVersion: 1, position: [0, 0] }) },
		itemIndex: 0,
	} as unknown as OperationContext;

	it('payment method rows: a method alone, or with its own offset account; a type without an account is refused', () => {
		expect(
			paymentMethodRows(
				op,
				{
					entries: [
						{ bigcommerce: ' braintree.card ', paymentMethod: 'CARD' },
						{ bigcommerce: '', paymentMethod: 'X' },
						{
							bigcommerce: 'store_credit',
							paymentMethod: 'CREDIT',
							offsetAccountType: 'Ledger',
							offsetAccount: '210300-001--',
						},
						{ bigcommerce: 'cod', offsetAccountType: 'Bank', offsetAccount: 'USMF CASH' },
					],
				},
				'-',
			),
		).toEqual({
			'braintree.card': 'CARD',
			store_credit: {
				paymentMethod: 'CREDIT',
				offsetAccount: { type: 'Ledger', segments: ['210300', '001', '', ''] },
			},
			cod: { paymentMethod: undefined, offsetAccount: { type: 'Bank', segments: ['USMF CASH'] } },
		});
		expect(() =>
			paymentMethodRows(
				op,
				{ entries: [{ bigcommerce: 'giftcertificate', offsetAccountType: 'Ledger' }] },
				'-',
			),
		).toThrow('Payment Methods row "giftcertificate": the Offset Account is empty');
	});

	it('display values round-trip', () => {
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
