import {
	collectSkus,
	mapSalesOrder,
	withCustomerAccount,
	withSalesOrderNumber,
	type SalesOrderMappingOptions,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';
import type { BcOrderProduct } from '../../../nodes/MicrosoftDynamicsFo/mapping/types';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { BIGCOMMERCE_SPECS } from '../../support/bigcommerceSpecs';
import { itWithShared } from '../../support/specs';
import {
	expectConforms,
	order,
	resolvedFor,
	specResponseExample,
	sumCents,
	type LineSpec,
	thrownMappingError,
} from './helpers';

const base = (lines: Array<{ sku: string }>): SalesOrderMappingOptions => ({
	dataAreaId: 'usmf',
	storeHash: 'abc123xyz',
	resolvedItems: resolvedFor(lines),
	charges: { shippingItemNumber: 'SHIP' },
	defaultSiteId: '1',
	defaultWarehouseId: '11',
});

const FIVE: LineSpec[] = [
	{ sku: 'TEE-S-RED', qty: 2, price: 19.99 },
	{ sku: 'TEE-M-BLU', qty: 1, price: 19.99, discount: 2 },
	{ sku: 'MUG', qty: 3, price: 7.5 },
	{ sku: 'CAP', qty: 1, price: 12.49, discount: 1.25 },
	{ sku: 'SOCKS', qty: 4, price: 3.33 },
];

describe('mapSalesOrder', () => {
	it('maps a registered 5-line order with coupon and shipping; lines sum to what BigCommerce charged', () => {
		const o = order({ id: 1001, lines: FIVE, shipping: 9.95 });
		const p = withCustomerAccount(mapSalesOrder(o, base(FIVE)), 'US-001');
		expect(p.reference).toBe('BC-abc123xyz-1001');
		expect(p.header).toMatchObject({
			dataAreaId: 'usmf',
			OrderingCustomerAccountNumber: 'US-001',
			InvoiceCustomerAccountNumber: 'US-001',
			CurrencyCode: 'USD',
			CustomersOrderReference: 'BC-abc123xyz-1001',
			CustomerRequisitionNumber: 'BC-1001',
			RequestedShippingDate: '2019-03-05T12:00:00Z',
			RequestedReceiptDate: '2019-03-05T12:00:00Z',
			DeliveryAddressName: 'Jane Doe',
			DeliveryAddressStreet: '555 East Street\nSuite 4',
			DeliveryAddressCity: 'Austin',
			DeliveryAddressStateId: 'TX',
			DeliveryAddressZipCode: '78108',
			DeliveryAddressCountryRegionId: 'USA',
			IsDeliveryAddressOrderSpecific: 'Yes',
			ArePricesIncludingSalesTax: 'No',
			DefaultShippingSiteId: '1',
			DefaultShippingWarehouseId: '11',
		});
		expect(p.header.SalesOrderNumber).toBeUndefined();
		expect(p.lines).toHaveLength(6);
		expect(p.lines.map((l) => l.ItemNumber)).toEqual([
			'I-TEE-S-RED',
			'I-TEE-M-BLU',
			'I-MUG',
			'I-CAP',
			'I-SOCKS',
			'SHIP',
		]);
		expect(p.lines[1]).toMatchObject({
			SalesPrice: 19.99,
			OrderedSalesQuantity: 1,
			LineDiscountAmount: 2,
			LineAmount: 17.99,
		});
		expect(p.lines[5]).toMatchObject({
			SalesPrice: 9.95,
			LineAmount: 9.95,
			OrderedSalesQuantity: 1,
		});
		// BigCommerce: total_ex_tax = subtotal − discount + shipping.
		expect(sumCents(p.lines.map((l) => l.LineAmount))).toBe(
			Math.round(Number(o.total_ex_tax) * 100),
		);
		expect(p.totals.linesTotal).toBe(p.totals.expectedTotal);
		expect(p.totals.discount).toBe(3.25);
		// Every line: LineAmount ≈ (SalesPrice − LineDiscountAmount) × qty (F&O's formula).
		for (const l of p.lines) {
			expect(
				Math.abs((l.SalesPrice - l.LineDiscountAmount) * l.OrderedSalesQuantity - l.LineAmount),
			).toBeLessThan(0.01);
		}
	});

	it('spreads an unallocated order discount over the lines to the cent, or refuses when told to', () => {
		const lines: LineSpec[] = [
			{ sku: 'A', qty: 1, price: 10 },
			{ sku: 'B', qty: 1, price: 10 },
			{ sku: 'C', qty: 1, price: 10 },
		];
		const o = order({ id: 7, lines });
		// A manual discount and a coupon, neither allocated to lines: they add, and the totals say so.
		o.discount_amount = '4.0000';
		o.coupon_discount = '6.0000';
		o.total_ex_tax = o.total_inc_tax = '20.0000';
		const p = mapSalesOrder(o, base(lines));
		expect(p.lines.map((l) => l.LineAmount)).toEqual([6.66, 6.67, 6.67].sort());
		expect(sumCents(p.lines.map((l) => l.LineAmount))).toBe(2000);
		expect(
			thrownMappingError(() => mapSalesOrder(o, { ...base(lines), unallocatedDiscount: 'error' }))
				.code,
		).toBe('UNALLOCATED_DISCOUNT');
	});

	it('uses tax-inclusive prices when asked and marks the header', () => {
		const lines: LineSpec[] = [{ sku: 'A', qty: 3, price: 10 }];
		const o = order({ id: 8, lines, taxRate: 0.2, shipping: 5 });
		const p = mapSalesOrder(o, { ...base(lines), taxMode: 'inclusive' });
		expect(p.header.ArePricesIncludingSalesTax).toBe('Yes');
		expect(p.lines[0]).toMatchObject({ SalesPrice: 12, LineAmount: 36 });
		expect(sumCents(p.lines.map((l) => l.LineAmount))).toBe(
			Math.round(Number(o.total_inc_tax) * 100),
		);
		o.is_tax_inclusive_pricing = true;
		expect(
			mapSalesOrder(o, { ...base(lines), taxMode: 'auto' }).header.ArePricesIncludingSalesTax,
		).toBe('Yes');
	});

	it('posts in the transactional currency (two currencies)', () => {
		const lines: LineSpec[] = [{ sku: 'A', qty: 1, price: 99.9 }];
		const eur = order({ id: 9, lines, currency: 'EUR' });
		eur.currency_code = 'GBP'; // display currency differs
		expect(mapSalesOrder(eur, base(lines)).header.CurrencyCode).toBe('EUR');
		expect(mapSalesOrder(eur, base(lines)).lines[0].CurrencyCode).toBe('EUR');
		const usd = order({ id: 10, lines, currency: 'USD' });
		expect(mapSalesOrder(usd, base(lines)).header.CurrencyCode).toBe('USD');
	});

	it('reads lines from /products as well as from consignments, the same way', () => {
		const a = mapSalesOrder(order({ id: 11, lines: FIVE, shipping: 1 }), base(FIVE));
		const b = mapSalesOrder(
			order({ id: 11, lines: FIVE, shipping: 1, consignments: false }),
			base(FIVE),
		);
		expect(b).toEqual(a);
	});

	it('handles a 200-line order exactly and deterministically', () => {
		const lines: LineSpec[] = Array.from({ length: 200 }, (_, i) => ({
			sku: `SKU-${i}`,
			qty: (i % 7) + 1,
			price: Math.round((1.01 + i * 0.37) * 100) / 100,
			discount: i % 5 === 0 ? 0.33 : undefined,
		}));
		const o = order({ id: 12, lines, shipping: 24.99, handling: 3 });
		const p = mapSalesOrder(o, base(lines));
		expect(p.lines).toHaveLength(201); // handling folds into the shipping line
		expect(p.lines[200].LineAmount).toBe(27.99);
		expect(sumCents(p.lines.map((l) => l.LineAmount))).toBe(
			Math.round(Number(o.total_ex_tax) * 100),
		);
		expect(p.lines.map((l) => l.CustomersLineNumber)).toEqual(
			Array.from({ length: 201 }, (_, i) => i + 1),
		);
		expect(mapSalesOrder(o, base(lines))).toEqual(p);
	});

	it('names the unmapped SKU and writes nothing', () => {
		const o = order({ id: 13, lines: FIVE });
		const items = resolvedFor(FIVE);
		delete items.MUG;
		const e = thrownMappingError(() => mapSalesOrder(o, { ...base(FIVE), resolvedItems: items }));
		expect(e.code).toBe('UNMAPPED_SKU');
		expect(e.message).toContain('"MUG"');
		expect(e.details.skus).toEqual(['MUG']);
		const asMap = new Map(Object.entries(resolvedFor(FIVE)));
		expect(mapSalesOrder(o, { ...base(FIVE), resolvedItems: asMap }).lines).toHaveLength(5);
	});

	it('carries variant dimensions from the resolved item map', () => {
		const lines: LineSpec[] = [{ sku: 'TEE-S-RED', qty: 1, price: 10 }];
		const p = mapSalesOrder(order({ id: 14, lines }), {
			...base(lines),
			resolvedItems: {
				'TEE-S-RED': {
					ItemNumber: 'TEE',
					ProductSizeId: 'S',
					ProductColorId: 'Red',
					ProductStyleId: 'V',
					ProductConfigurationId: 'C1',
				},
			},
		});
		expect(p.lines[0]).toMatchObject({
			ItemNumber: 'TEE',
			ProductSizeId: 'S',
			ProductColorId: 'Red',
			ProductStyleId: 'V',
			ProductConfigurationId: 'C1',
		});
	});

	it('requires a shipping charge item when shipping is charged', () => {
		const lines: LineSpec[] = [{ sku: 'A', qty: 1, price: 10 }];
		const e = thrownMappingError(() =>
			mapSalesOrder(order({ id: 15, lines, shipping: 5 }), { ...base(lines), charges: {} }),
		);
		expect(e.code).toBe('SHIPPING_ITEM_MISSING');
		// Free shipping: no line unless asked for.
		expect(
			mapSalesOrder(order({ id: 15, lines }), { ...base(lines), charges: {} }).lines,
		).toHaveLength(1);
		expect(
			mapSalesOrder(order({ id: 15, lines }), {
				...base(lines),
				charges: { shippingItemNumber: 'SHIP', includeZeroAmount: true },
			}).lines,
		).toHaveLength(2);
	});

	it('separates handling when a handling item is configured', () => {
		const lines: LineSpec[] = [{ sku: 'A', qty: 1, price: 10 }];
		const p = mapSalesOrder(order({ id: 16, lines, shipping: 5, handling: 2 }), {
			...base(lines),
			charges: { shippingItemNumber: 'SHIP', handlingItemNumber: 'HANDLING' },
		});
		expect(p.lines.slice(1).map((l) => [l.ItemNumber, l.LineAmount])).toEqual([
			['SHIP', 5],
			['HANDLING', 2],
		]);
	});

	it('sets a deterministic order number on header and lines, validated against the field length', () => {
		const lines: LineSpec[] = [{ sku: 'A', qty: 1, price: 10 }];
		const p = mapSalesOrder(order({ id: 17, lines }), {
			...base(lines),
			salesOrderNumberPrefix: 'BC-',
		});
		expect(p.header.SalesOrderNumber).toBe('BC-17');
		expect(p.lines[0].SalesOrderNumber).toBe('BC-17');
		const e = thrownMappingError(() =>
			mapSalesOrder(order({ id: 1234567, lines }), {
				...base(lines),
				salesOrderNumberPrefix: 'WEBSHOP-ORDER-',
			}),
		);
		expect(e.code).toBe('ORDER_NUMBER_TOO_LONG');
		expect(
			withSalesOrderNumber(mapSalesOrder(order({ id: 17, lines }), base(lines)).lines, 'SO-9')[0]
				.SalesOrderNumber,
		).toBe('SO-9');
	});

	it('applies mappings, dimensions and date offsets', () => {
		const lines: LineSpec[] = [{ sku: 'A', qty: 1, price: 10 }];
		const p = mapSalesOrder(
			order({ id: 18, lines, shipping: 1, date: 'Wed, 31 Jan 2024 23:30:00 +0000' }),
			{
				...base(lines),
				deliveryModeMap: { 'Flat Rate': 'GRND' },
				paymentMethodMap: { 'Credit Card': 'CARD' },
				dimensions: { format: ['BusinessUnit', 'Department'], values: { BusinessUnit: '001' } },
				requestedShipDaysAfterOrder: 1,
				requestedReceiptDaysAfterShip: 3,
				utcOffsetMinutes: -300,
				requisitionNumber: 'none',
			},
		);
		expect(p.header).toMatchObject({
			DeliveryModeCode: 'GRND',
			CustomerPaymentMethodName: 'CARD',
			DefaultLedgerDimensionDisplayValue: '001-',
			RequestedShippingDate: '2024-02-01T12:00:00Z',
			RequestedReceiptDate: '2024-02-04T12:00:00Z',
		});
		expect(p.header.CustomerRequisitionNumber).toBeUndefined();
		expect(p.lines[0].DefaultLedgerDimensionDisplayValue).toBe('001-');
	});

	it('refuses lines that do not add up to the subtotal (missing page of lines)', () => {
		const o = order({ id: 19, lines: FIVE });
		o.subtotal_ex_tax = '500.0000';
		expect(thrownMappingError(() => mapSalesOrder(o, base(FIVE))).code).toBe('INVALID_MONEY');
	});

	it.each([-2, 0, 1.5])(
		'refuses a line with quantity %p before the SKU lookup, naming the line',
		(qty) => {
			const lines: LineSpec[] = [FIVE[0], { sku: 'MUG', qty: 3, price: 7.5 }];
			const o = order({ id: 23, lines, consignments: false });
			const products = o.products as BcOrderProduct[];
			products[1].quantity = qty;
			for (const map of [() => collectSkus(o), () => mapSalesOrder(o, base(lines))]) {
				const e = thrownMappingError(map);
				expect(e.code).toBe('INVALID_QUANTITY');
				expect(e.message).toContain(`(${qty})`);
				expect(e.details.lineIds).toEqual([products[1].id]);
			}
		},
	);

	it('collects unique SKUs, once per order', () => {
		const lines: LineSpec[] = [
			{ sku: 'A', qty: 1, price: 1 },
			{ sku: 'B', qty: 1, price: 1 },
			{ sku: 'A', qty: 2, price: 1 },
		];
		expect(collectSkus(order({ id: 20, lines }))).toEqual(['A', 'B']);
	});

	itWithShared(ENTITY_CATALOGUE, BIGCOMMERCE_SPECS)(
		'maps the spec example lines, skipping bundle children and naming a line without SKU',
		() => {
			const products = specResponseExample(
				'orders.v2.oas2.yml',
				'orderProductsCollection_Resp',
				'response',
			);
			const header = specResponseExample('orders.v2.oas2.yml', 'order_Resp', 'Response');
			const addresses = specResponseExample(
				'orders.v2.oas2.yml',
				'orderShippingAddressCollection_Resp',
				'response',
			);
			const coupons = specResponseExample(
				'orders.v2.oas2.yml',
				'orderCouponsCollection_Resp',
				'response',
			);
			expect(collectSkus(header, products)).toEqual(['S-ORAN']);
			// The spec's examples are of different orders: the header's totals are set to these lines
			// (55.99 less 10.00 of discounts, 11.09 shipping), and its fees, which its own totals do
			// not contain (see orderTotals.test.ts), are left out.
			delete header.fees;
			header.total_ex_tax = '57.0800';
			header.total_inc_tax = '62.3900';
			const p = mapSalesOrder(header, {
				...base([{ sku: 'S-ORAN' }]),
				products,
				shippingAddresses: addresses,
				coupons,
				verifySubtotal: false, // the spec's examples are of different orders
			});
			// The header's 5.00 manual and 5.00 coupon discounts add; the line carries 1.59 of them,
			// the other 8.41 is prorated onto it.
			expect(p.lines[0]).toMatchObject({
				ItemNumber: 'I-S-ORAN',
				SalesPrice: 55.99,
				LineAmount: 45.99,
				OrderedSalesQuantity: 1,
			});
			expect(p.couponCodes).toEqual(['S2549JM0Y']);
			expect(p.header.DeliveryAddressName).toBe('Acme Pty Ltd');
			for (const l of p.lines) expectConforms(l, 'SalesOrderLines');
			expectConforms(p.header, 'SalesOrderHeadersV2');
			const noSku = products.map((x: any) => ({ ...x, sku: '' }));
			const e = thrownMappingError(() =>
				mapSalesOrder(header, { ...base([]), products: noSku, verifySubtotal: false }),
			);
			expect(e.code).toBe('MISSING_SKU');
			expect(e.message).toContain('line 65');
		},
	);
});
