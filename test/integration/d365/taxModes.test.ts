/**
 * The two tax modes against the sandbox's F&O, which calculates sales tax as F&O does
 * (test/sandbox/d365/tax.ts: the web guest's TX-AUSTIN group is 6.25 + 1 + 1 % rounded per code,
 * where BigCommerce rounds 8.25 % once per line, so the two can disagree by a cent).
 *
 * - F&O calculates: after the write the node reads F&O's totals back; the difference from
 *   BigCommerce is on the output and the audit record, and above the Tax Difference Limit the item
 *   fails with the figures; the order is removed again (header and lines), or stays written (once)
 *   when When the Check Fails says Keep.
 * - BigCommerce's tax as posted: what reaches F&O is BigCommerce's figures to the cent (lines
 *   excluding tax + a tax line = total_inc_tax, F&O adds no tax), or the item fails before
 *   anything is written.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { linesOf, runNode, salesOrderParameters, salesOrdersFor } from './helpers';

let fx: SandboxFixture;

beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.reset());

const reference = (order: IDataObject) => `BC-${fx.bigCommerceCredentials.storeHash}-${order.id}`;
const cents = (value: unknown) => Math.round(Number(value) * 100);
const sumCents = (lines: IDataObject[]) => lines.reduce((s, l) => s + cents(l.LineAmount), 0);

/** A guest order BigCommerce taxes at 8.25 % per line: 0.60 → 0.05; F&O's codes make 0.06. */
const disagreeing = () =>
	fx.storeOrder({ lines: [{ sku: 'LAMP-HEAD-400', quantity: 1, price: 0.6 }], shipping: 10 });
/** One both round alike: 10.00 → 0.83 (and shipping 10.00 → 0.83). */
const agreeing = () =>
	fx.storeOrder({ lines: [{ sku: 'LAMP-HEAD-400', quantity: 1, price: 10 }], shipping: 10 });

const asPosted = {
	taxCalculation: 'asPosted',
	taxItemNumber: 'SALESTAX',
	zeroRateItemSalesTaxGroup: 'ZERO',
	zeroRateSalesTaxGroup: 'ZERO',
};

function withOptions(order: IDataObject, extra: IDataObject, options: IDataObject = {}) {
	const base = salesOrderParameters(fx, order);
	return { ...base, ...extra, options: { ...(base.options as IDataObject), ...options } };
}

describe('F&O calculates (the default)', () => {
	it('an order both tax alike: the check agrees, on the output and in the audit', async () => {
		const order = await agreeing();
		const [result] = await runNode(fx, salesOrderParameters(fx, order));
		expect(result.taxCheck).toMatchObject({
			taxCalculation: 'fo',
			status: 'agrees',
			bigcommerce: { totalTax: Number(order.total_tax), totalIncTax: Number(order.total_inc_tax) },
			fo: { AreTotalsCalculated: 'Yes', OrderTotalTaxAmount: Number(order.total_tax) },
			difference: { total: 0, tax: 0 },
		});
		expect((result.audit as IDataObject).taxCheck).toEqual(result.taxCheck);
	});

	it("F&O's tax differs from BigCommerce's: the difference is reported, the item passes without a limit", async () => {
		const order = await disagreeing();
		expect(Number(order.total_tax)).toBe(0.88); // 0.05 + 0.83
		const [result] = await runNode(fx, salesOrderParameters(fx, order));
		expect(result.audit).toMatchObject({ action: 'created' });
		expect(result.taxCheck).toMatchObject({
			status: 'differs',
			fo: { OrderTotalTaxAmount: 0.89 },
			difference: { tax: 0.01, total: 0.01 },
		});
	});

	it('above the Tax Difference Limit the item fails with the figures and the order is removed again', async () => {
		const order = await disagreeing();
		const params = withOptions(order, {}, { taxDifferenceLimit: 0 });
		const [failed] = await runNode(fx, params, { continueOnFail: true });
		const error = failed.error as IDataObject;
		expect(error.message).toMatch(
			/^Sales order (\S+) was written and removed again, because F&O calculated tax of 0\.89 USD, BigCommerce charged 0\.88 USD \(difference 0\.01\)/,
		);
		expect(error.message).toContain('more than the Tax Difference Limit of 0.00');
		expect(String(error.description)).toContain('Nothing of the order stays in F&O');
		const number = /^Sales order (\S+) /.exec(String(error.message))?.[1] as string;
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(0);
		expect(await linesOf(fx, number)).toHaveLength(0);
		// Run again: posted and checked anew, removed again; never two orders.
		const [again] = await runNode(fx, params, { continueOnFail: true });
		expect(String((again.error as IDataObject).message)).toContain('removed again');
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(0);
	});

	it('When the Check Fails = Keep: the item fails, the order stays written once', async () => {
		const order = await disagreeing();
		const params = withOptions(order, {}, { taxDifferenceLimit: 0, onTaxCheckFailure: 'keep' });
		const [failed] = await runNode(fx, params, { continueOnFail: true });
		const error = failed.error as IDataObject;
		expect(error.message).toMatch(/^Sales order \S+ was written, but F&O calculated tax of 0\.89/);
		expect(String(error.description)).toContain('stays in F&O');
		const headers = await salesOrdersFor(fx, reference(order));
		expect(headers).toHaveLength(1);
		expect(await linesOf(fx, String(headers[0].SalesOrderNumber))).not.toHaveLength(0);
		// Run again: the order is found, nothing is posted twice.
		const [again] = await runNode(fx, params);
		expect(again.audit).toMatchObject({ action: 'skipped-duplicate' });
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(1);
	});

	it('the removal itself fails: the error names the order left in F&O to delete by hand', async () => {
		const order = await disagreeing();
		await fx.admin('POST', '/faults/d365', {
			route: 'odata.SalesOrderHeadersV2.delete',
			errorRate: 1,
			errorStatus: 400,
		});
		const [failed] = await runNode(fx, withOptions(order, {}, { taxDifferenceLimit: 0 }), {
			continueOnFail: true,
		});
		const error = failed.error as IDataObject;
		expect(error.message).toMatch(/^Sales order \S+ was written, but F&O calculated/);
		expect(String(error.description)).toContain('could not be removed again');
		expect(String(error.description)).toContain('delete it by hand');
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(1);
	});

	it('a limit the difference stays within passes', async () => {
		const order = await disagreeing();
		const [result] = await runNode(fx, withOptions(order, {}, { taxDifferenceLimit: 0.01 }));
		expect(result.taxCheck).toMatchObject({ status: 'differs', differenceLimit: 0.01 });
	});

	it('F&O has not calculated the totals (unverified, switch): reported, or failed by option', async () => {
		await fx.admin('PUT', '/d365/switches', { totalsCalculated: false });
		const [reported] = await runNode(fx, salesOrderParameters(fx, await agreeing()));
		expect(reported.taxCheck).toMatchObject({ status: 'not-calculated' });
		expect(reported.taxCheck).not.toHaveProperty('difference');
		const order = await agreeing();
		const [failed] = await runNode(fx, withOptions(order, {}, { uncalculatedTotals: 'fail' }), {
			continueOnFail: true,
		});
		expect((failed.error as IDataObject).message).toContain('has not calculated its totals');
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(0);
	});
});

describe("BigCommerce's tax as posted", () => {
	it("F&O's totals are the store's to the cent: lines ex tax + the tax line, no F&O tax", async () => {
		const order = await disagreeing();
		const [result] = await runNode(fx, withOptions(order, asPosted, { taxDifferenceLimit: 0 }));
		expect(result.taxCheck).toMatchObject({
			taxCalculation: 'asPosted',
			status: 'agrees',
			fo: { OrderTotalTaxAmount: 0, OrderTotalAmount: Number(order.total_inc_tax) },
			difference: { total: 0, tax: 0 },
		});
		const [header] = await salesOrdersFor(fx, reference(order));
		expect(header).toMatchObject({ ArePricesIncludingSalesTax: 'No', SalesTaxGroupCode: 'ZERO' });
		const lines = await linesOf(fx, String(header.SalesOrderNumber));
		expect(sumCents(lines)).toBe(cents(order.total_inc_tax));
		const taxLine = lines.find((l) => l.ItemNumber === 'SALESTAX');
		expect(cents(taxLine?.LineAmount)).toBe(cents(order.total_tax));
		for (const line of lines) expect(line).toMatchObject({ SalesTaxItemGroupCode: 'ZERO' });
		expect(sumCents(lines.filter((l) => l !== taxLine))).toBe(cents(order.total_ex_tax));
	});

	it('without a tax item the item fails before anything is written', async () => {
		const order = await disagreeing();
		const [failed] = await runNode(fx, withOptions(order, { ...asPosted, taxItemNumber: '' }), {
			continueOnFail: true,
		});
		expect((failed.error as IDataObject).message).toContain('needs the Tax Liability Item');
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(0);
	});

	it('"zero-rate" groups that are not zero: F&O adds tax, the check says so above the limit', async () => {
		const order = await agreeing();
		const [failed] = await runNode(
			fx,
			withOptions(
				order,
				{ ...asPosted, zeroRateItemSalesTaxGroup: 'ALL', zeroRateSalesTaxGroup: '' },
				{ taxDifferenceLimit: 0 },
			),
			{ continueOnFail: true },
		);
		const error = failed.error as IDataObject;
		expect(error.message).toContain("F&O added tax of 1.80 USD to BigCommerce's tax as posted");
		expect(String(error.description)).toContain('must contain only a 0 % sales tax code');
		expect(await salesOrdersFor(fx, reference(order))).toHaveLength(0);
	});
});

describe('EU VAT, prices including tax (demf)', () => {
	/** A tax-inclusive store order in EUR: 119.00 + 11.90 shipping, 19 % VAT inside. */
	async function inclusiveOrder(): Promise<IDataObject> {
		const order = await agreeing();
		const product = {
			...((order.products as IDataObject[])[0] as IDataObject),
			quantity: 1,
			price_ex_tax: '100.0000',
			price_inc_tax: '119.0000',
			total_ex_tax: '100.0000',
			total_inc_tax: '119.0000',
			applied_discounts: [],
		};
		return {
			...order,
			products: [product],
			is_tax_inclusive_pricing: true,
			currency_code: 'EUR',
			default_currency_code: 'EUR',
			subtotal_ex_tax: '100.0000',
			subtotal_inc_tax: '119.0000',
			shipping_cost_ex_tax: '10.0000',
			shipping_cost_inc_tax: '11.9000',
			handling_cost_ex_tax: '0.0000',
			handling_cost_inc_tax: '0.0000',
			wrapping_cost_ex_tax: '0.0000',
			wrapping_cost_inc_tax: '0.0000',
			discount_amount: '0.0000',
			coupon_discount: '0.0000',
			total_ex_tax: '110.0000',
			total_inc_tax: '130.9000',
			total_tax: '20.9000',
		};
	}
	const demf = (order: IDataObject, extra: IDataObject = {}) =>
		withOptions(order, { dataAreaId: 'demf', ...extra }, { currencyCode: 'EUR' });

	it('F&O calculates: VAT backed out of the lines equals the store’s', async () => {
		const order = await inclusiveOrder();
		const [result] = await runNode(fx, demf(order));
		expect(result.taxCheck).toMatchObject({
			status: 'agrees',
			currencyCode: 'EUR',
			fo: { OrderTotalAmount: 130.9, OrderTotalTaxAmount: 20.9 },
		});
	});

	it('as posted: the lines are written excluding VAT, F&O’s total is total_inc_tax', async () => {
		const order = await inclusiveOrder();
		const [result] = await runNode(fx, demf(order, asPosted));
		expect(result.taxCheck).toMatchObject({ status: 'agrees', difference: { total: 0, tax: 0 } });
		const [header] = (await fx.records('SalesOrderHeadersV2', 'demf')).filter(
			(h) => h.CustomersOrderReference === reference(order),
		);
		const lines = (await fx.records('SalesOrderLines', 'demf')).filter(
			(l) => l.SalesOrderNumber === header.SalesOrderNumber,
		);
		expect(lines.map((l) => [l.ItemNumber, l.LineAmount])).toEqual([
			[expect.any(String), 100],
			['SHIPPING', 10],
			['SALESTAX', 20.9],
		]);
		expect(header.ArePricesIncludingSalesTax).toBe('No');
	});
});
