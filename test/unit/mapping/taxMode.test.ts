/**
 * withTaxMode (mapping/taxMode.ts) on orders of the shared corpus, mapped as the posting code maps
 * them: F&O calculates leaves the lines alone; BigCommerce's tax as posted puts every line under
 * the zero-rate groups, adds one tax line of total_tax on the tax-liability item and makes the
 * lines total_inc_tax to the cent (a tax-inclusive order's lines written excluding tax, a gift
 * certificate bought left at face value), or refuses the order before anything is written.
 */
import {
	mapSalesOrder,
	type BcOrder,
	type BcOrderProduct,
	type FoSalesOrderLine,
	type SalesOrderMappingOptions,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';
import {
	withTaxMode,
	type TaxAsPostedOptions,
} from '../../../nodes/MicrosoftDynamicsFo/mapping/taxMode';
import { storeOrder, type CorpusCase } from '../../support/orderCorpus';
import { m, resolvedFor, sumCents, thrownMappingError } from './helpers';

const LINES = [
	{ sku: 'TENT', qty: 1, price: 249.99 },
	{ sku: 'LAMP', qty: 3, price: 19.95, promotion: 4.5 },
	{ sku: 'MUG', qty: 2, price: 7.49 },
];
const options: SalesOrderMappingOptions = {
	dataAreaId: 'usmf',
	storeHash: 'abc123xyz',
	resolvedItems: resolvedFor(LINES),
	charges: {
		shippingItemNumber: 'SHIP',
		handlingItemNumber: 'HANDLING',
		giftCertificateItemNumber: 'GIFTCERT',
	},
	taxMode: 'auto',
};
const AS_POSTED: TaxAsPostedOptions = {
	taxItemNumber: 'SALESTAX',
	itemSalesTaxGroupCode: 'ZERO',
	salesTaxGroupCode: 'ZEROGRP',
};
const cents = (v: unknown) => Math.round(Number(v) * 100);
const amounts = (lines: FoSalesOrderLine[]) => lines.map((l) => l.LineAmount as number);

function mapped(c: Omit<CorpusCase, 'id' | 'lines'>, id = 801) {
	const order = storeOrder({ id, lines: LINES, ...c });
	return { order, draft: mapSalesOrder(order, options) };
}

function asPosted(order: BcOrder, draft: ReturnType<typeof mapSalesOrder>, extra = {}) {
	return withTaxMode(order, (order.products ?? []) as BcOrderProduct[], draft, {
		taxCalculation: 'asPosted',
		asPosted: { ...AS_POSTED, ...extra },
	});
}

describe('F&O calculates', () => {
	it('leaves header and lines as mapped and says so in the totals', () => {
		const { order, draft } = mapped({ rate: 0.0825, coupon: 10, shipping: 5 });
		for (const taxCalculation of ['fo', undefined] as const) {
			const out = withTaxMode(order, (order.products ?? []) as BcOrderProduct[], draft, {
				taxCalculation,
				asPosted: AS_POSTED,
			});
			expect(out.header).toEqual(draft.header);
			expect(out.lines).toEqual(draft.lines);
			expect(out.totals).toEqual({ ...draft.totals, taxCalculation: 'fo' });
		}
	});
});

describe("BigCommerce's tax as posted", () => {
	it('tax-exclusive: lines unchanged in amount, zero-rated, and one tax line of total_tax', () => {
		const { order, draft } = mapped({ rate: 0.0825, coupon: 25, manual: 7.77, shipping: 9.95 });
		const out = asPosted(order, draft);
		expect(out.lines).toHaveLength(draft.lines.length + 1);
		expect(amounts(out.lines.slice(0, -1))).toEqual(amounts(draft.lines));
		for (const line of out.lines)
			expect(line).toMatchObject({ SalesTaxItemGroupCode: 'ZERO', SalesTaxGroupCode: 'ZEROGRP' });
		const tax = out.lines[out.lines.length - 1];
		expect(tax).toMatchObject({
			ItemNumber: 'SALESTAX',
			OrderedSalesQuantity: 1,
			SalesPrice: Number(order.total_tax),
			LineAmount: Number(order.total_tax),
			LineDiscountAmount: 0,
			CustomersLineNumber: draft.lines.length + 1,
			dataAreaId: 'usmf',
			CurrencyCode: draft.lines[0].CurrencyCode,
		});
		expect(sumCents(amounts(out.lines))).toBe(cents(order.total_inc_tax));
		expect(out.header).toMatchObject({
			ArePricesIncludingSalesTax: 'No',
			SalesTaxGroupCode: 'ZEROGRP',
		});
		expect(out.totals).toMatchObject({
			taxCalculation: 'asPosted',
			tax: Number(order.total_tax),
			expectedTotal: Number(order.total_inc_tax),
			linesTotal: Number(order.total_inc_tax),
		});
	});

	it("without a zero-rate sales tax group, the header and lines keep the customer's group", () => {
		const { order, draft } = mapped({ rate: 0.0825, shipping: 5 });
		const withGroup = {
			...draft,
			header: { ...draft.header, SalesTaxGroupCode: 'TX-AUSTIN' },
			lines: draft.lines.map((l) => ({ ...l, SalesTaxGroupCode: 'TX-AUSTIN' })),
		};
		const out = asPosted(order, withGroup, { salesTaxGroupCode: undefined });
		expect(out.header.SalesTaxGroupCode).toBe('TX-AUSTIN');
		expect(out.lines.slice(0, -1).map((l) => l.SalesTaxGroupCode)).toEqual(
			draft.lines.map(() => 'TX-AUSTIN'),
		);
		expect(out.lines[out.lines.length - 1]).not.toHaveProperty('SalesTaxGroupCode');
	});

	it('tax-inclusive: the lines give up the tax pro rata and are written excluding it', () => {
		const { order, draft } = mapped({
			inclusive: true,
			rate: 0.2,
			coupon: 25,
			manual: 7.77,
			shipping: 9.95,
			giftCertificates: [40],
		});
		expect(draft.header.ArePricesIncludingSalesTax).toBe('Yes');
		const out = asPosted(order, draft);
		expect(out.header.ArePricesIncludingSalesTax).toBe('No');
		const goods = out.lines.slice(0, -1);
		// Excluding tax the lines are total_ex_tax; with the tax line, total_inc_tax.
		expect(sumCents(amounts(goods))).toBe(cents(order.total_ex_tax));
		expect(sumCents(amounts(out.lines))).toBe(cents(order.total_inc_tax));
		for (const [i, line] of goods.entries()) {
			expect(line.LineAmount).toBeLessThanOrEqual(draft.lines[i].LineAmount as number);
			const qty = Number(line.OrderedSalesQuantity);
			const priced = (line.SalesPrice as number) * qty - (line.LineDiscountAmount as number) * qty;
			expect(Math.abs(priced - (line.LineAmount as number))).toBeLessThan(0.01 * qty + 1e-9);
		}
		const gift = goods.find((l) => l.ItemNumber === 'GIFTCERT');
		expect(gift).toMatchObject({ LineAmount: 40, SalesPrice: 40, LineDiscountAmount: 0 });
		// One rate everywhere: each taxed line gives up its own 20 % (to the cent of rounding).
		for (const [i, line] of goods.entries()) {
			if (line === gift) continue;
			const gross = draft.lines[i].LineAmount as number;
			expect(Math.abs((line.LineAmount as number) - gross / 1.2)).toBeLessThan(0.011);
		}
	});

	it('an order without tax gets no tax line', () => {
		const { order, draft } = mapped({ shipping: 5 });
		const out = asPosted(order, draft);
		expect(out.lines.map((l) => l.ItemNumber)).not.toContain('SALESTAX');
		expect(out.totals.tax).toBe(0);
	});

	it.each([
		['taxItemNumber', { taxItemNumber: ' ' }, 'Tax Liability Item'],
		['zeroRateItemSalesTaxGroup', { itemSalesTaxGroupCode: '' }, 'Zero-Rate Item Sales Tax Group'],
	])('without %s the order is refused, naming the option', (option, extra, label) => {
		const { order, draft } = mapped({ rate: 0.0825 });
		const e = thrownMappingError(() => asPosted(order, draft, extra));
		expect(e.code).toBe('MISSING_OPTION');
		expect(e.details).toMatchObject({ orderId: 801, option });
		expect(e.message).toBe(
			`BigCommerce order 801 is posted with BigCommerce's tax as posted, which needs the ${label}; nothing was written`,
		);
	});

	it('an order without total_tax is refused', () => {
		const { order, draft } = mapped({ rate: 0.0825 });
		const e = thrownMappingError(() => asPosted({ ...order, total_tax: '' }, draft));
		expect(e.code).toBe('INVALID_MONEY');
		expect(e.details).toMatchObject({ field: 'total_tax' });
	});

	it('a total_tax that does not make total_inc_tax is refused with the figures', () => {
		const { order, draft } = mapped({ rate: 0.0825, shipping: 5 });
		const e = thrownMappingError(() =>
			asPosted({ ...order, total_tax: m(Number(order.total_tax) + 0.03) }, draft),
		);
		expect(e.code).toBe('TOTALS_MISMATCH');
		expect(e.message).toMatch(/^BigCommerce order 801 with its tax as posted does not make/);
		expect(e.details).toMatchObject({
			field: 'total_inc_tax',
			expected: Number(order.total_inc_tax),
			difference: 0.03,
		});
	});
});
