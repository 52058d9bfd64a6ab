/**
 * The SKU Mapping table as the posting code reads it: a row's Item Number is a resource locator
 * ({ __rl, mode, value }, From List or By ID) since it got its search list, and rows saved before
 * hold a plain string; both give the same table, trimmed, and a row without a SKU or an item is
 * left out rather than mapped to nothing.
 */
import { skuTableFrom } from '../../../nodes/MicrosoftDynamicsFo/actions/parameters';

describe('SKU Mapping parameter', () => {
	it('reads the Item Number from a locator (list or id) and from a plain string alike', () => {
		expect(
			skuTableFrom({
				entries: [
					{ sku: 'JKT-RAIN-M-BLU', itemNumber: { __rl: true, mode: 'list', value: 'A0001' } },
					{ sku: ' TENT ', itemNumber: { __rl: true, mode: 'id', value: ' T0002 ' } },
					{ sku: 'LAMP', itemNumber: 'L0003', colorId: 'BLU', sizeId: 'M' },
				],
			}),
		).toEqual({
			'JKT-RAIN-M-BLU': {
				ItemNumber: 'A0001',
				ProductSizeId: undefined,
				ProductColorId: undefined,
				ProductStyleId: undefined,
				ProductConfigurationId: undefined,
			},
			TENT: {
				ItemNumber: 'T0002',
				ProductSizeId: undefined,
				ProductColorId: undefined,
				ProductStyleId: undefined,
				ProductConfigurationId: undefined,
			},
			LAMP: {
				ItemNumber: 'L0003',
				ProductSizeId: 'M',
				ProductColorId: 'BLU',
				ProductStyleId: undefined,
				ProductConfigurationId: undefined,
			},
		});
	});

	it('leaves out a row whose locator is empty (the default) or that has no SKU', () => {
		expect(
			skuTableFrom({
				entries: [
					{ sku: 'A', itemNumber: { __rl: true, mode: 'list', value: '' } },
					{ sku: '', itemNumber: { __rl: true, mode: 'id', value: 'X1' } },
					{ sku: 'B', itemNumber: '   ' },
				],
			}),
		).toEqual({});
		expect(skuTableFrom({})).toEqual({});
		expect(skuTableFrom(undefined)).toEqual({});
	});
});
