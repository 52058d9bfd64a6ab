/**
 * Charge items and gift certificates in the sales order mapping: a fee goes on the Fee Charge
 * Item and nowhere else, a gift-certificate purchase (a line of type `giftcertificate`, no SKU)
 * on the Gift Certificate Item, and an order that needs one of them without it is refused by name
 * before anything is written; chargeItemsOf names every item an order's lines are written on, for
 * the one lookup round with its SKUs.
 */
import {
	mapSalesOrder,
	type SalesOrderMappingOptions,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';
import { chargeItemsOf } from '../../../nodes/MicrosoftDynamicsFo/mapping/salesOrderAmounts';
import { orderLines } from '../../../nodes/BigCommerce/model';
import { storeOrder } from '../../support/orderCorpus';
import { resolvedFor, sumCents, thrownMappingError } from './helpers';

const LINES = [
	{ sku: 'TENT', qty: 1, price: 249.99 },
	{ sku: 'MUG', qty: 2, price: 7.49 },
];
const options = (charges: SalesOrderMappingOptions['charges']): SalesOrderMappingOptions => ({
	dataAreaId: 'usmf',
	storeHash: 'abc123xyz',
	resolvedItems: resolvedFor(LINES),
	charges,
	taxMode: 'auto',
});

describe('fees', () => {
	const withFee = storeOrder({ id: 701, rate: 0.0825, lines: LINES, shipping: 5, fees: [2.5] });

	it('go on the Fee Charge Item', () => {
		const p = mapSalesOrder(
			withFee,
			options({ shippingItemNumber: 'SHIP', feeItemNumber: 'FEES' }),
		);
		expect(p.lines.slice(2).map((l) => [l.ItemNumber, l.LineAmount, l.LineDescription])).toEqual([
			['SHIP', 5, 'Shipping: Flat Rate'],
			['FEES', 2.5, 'Fee: Fee 1'],
		]);
		expect(sumCents(p.lines.map((l) => l.LineAmount))).toBe(
			Math.round(Number(withFee.total_ex_tax) * 100),
		);
	});

	it('are never folded into shipping or handling: without a fee item the order is refused by name', () => {
		const e = thrownMappingError(() =>
			mapSalesOrder(
				withFee,
				options({ shippingItemNumber: 'SHIP', handlingItemNumber: 'HANDLING' }),
			),
		);
		expect(e.code).toBe('MISSING_OPTION');
		expect(e.message).toBe(
			'BigCommerce order 701 has a fee (Fee 1, 2.5) but no Fee Charge Item is configured',
		);
		expect(e.details).toMatchObject({ orderId: 701, option: 'feeItemNumber' });
	});
});

describe('gift-certificate purchases', () => {
	const gift = storeOrder({
		id: 702,
		rate: 0.0825,
		lines: LINES,
		coupon: 10,
		shipping: 5,
		giftCertificates: [25],
	});

	it('go on the Gift Certificate Item at their face value, untaxed and undiscounted', () => {
		const p = mapSalesOrder(
			gift,
			options({ shippingItemNumber: 'SHIP', giftCertificateItemNumber: 'GIFTCERT' }),
		);
		const giftLine = p.lines.find((l) => l.ItemNumber === 'GIFTCERT');
		expect(giftLine).toMatchObject({ LineAmount: 25, SalesPrice: 25, OrderedSalesQuantity: 1 });
		expect(giftLine?.LineDescription).toBe('$25.00 Gift Certificate');
		expect(giftLine).not.toHaveProperty('SalesTaxItemGroupCode');
		expect(sumCents(p.lines.map((l) => l.LineAmount))).toBe(
			Math.round(Number(gift.total_ex_tax) * 100),
		);
	});

	it('without a Gift Certificate Item the order is refused, naming the line; not "lines without a SKU"', () => {
		const e = thrownMappingError(() =>
			mapSalesOrder(gift, options({ shippingItemNumber: 'SHIP' })),
		);
		expect(e.code).toBe('MISSING_OPTION');
		expect(e.message).toContain(
			'BigCommerce order 702 sells a gift certificate (line 3 "$25.00 Gift Certificate")',
		);
		expect(e.message).toContain('no Gift Certificate Item is configured');
		expect(e.details).toMatchObject({ option: 'giftCertificateItemNumber', lineIds: [3] });
	});

	it('a product line without SKU is still refused as one', () => {
		const noSku = storeOrder({ id: 703, lines: LINES });
		(noSku.products as Array<{ sku?: string }>)[1].sku = '';
		expect(
			thrownMappingError(() =>
				mapSalesOrder(
					noSku,
					options({ shippingItemNumber: 'SHIP', giftCertificateItemNumber: 'G' }),
				),
			).code,
		).toBe('MISSING_SKU');
	});
});

describe('chargeItemsOf: every item the charges are written on, for the lookup with the SKUs', () => {
	it('shipping, handling, wrapping, fees and gift certificates, each once', () => {
		const o = storeOrder({
			id: 704,
			lines: LINES,
			shipping: 5,
			handling: 1,
			wrapping: 2,
			fees: [1, 2],
			giftCertificates: [10, 20],
		});
		const charges = {
			shippingItemNumber: 'SHIP',
			wrappingItemNumber: 'WRAP',
			feeItemNumber: 'FEES',
			giftCertificateItemNumber: 'GIFTCERT',
		};
		expect(chargeItemsOf(o, orderLines(o), charges, false)).toEqual([
			'SHIP',
			'WRAP',
			'FEES',
			'GIFTCERT',
		]);
	});

	it('none for an order without charges; a charge without its item throws what the mapping throws', () => {
		const plain = storeOrder({ id: 705, lines: LINES });
		expect(chargeItemsOf(plain, orderLines(plain), { shippingItemNumber: 'SHIP' }, false)).toEqual(
			[],
		);
		const fee = storeOrder({ id: 706, lines: LINES, fees: [1] });
		expect(() =>
			chargeItemsOf(fee, orderLines(fee), { shippingItemNumber: 'SHIP' }, false),
		).toThrow('no Fee Charge Item is configured');
	});
});
