/**
 * The tax comparison after a sales order is written (posting/taxReadBack.ts compareTax, and the
 * TaxDifferenceError it feeds): F&O's header totals as SalesOrderHeadersV2 answers them against
 * BigCommerce's total_inc_tax and total_tax, in cents, signed F&O − BigCommerce, per tax mode.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import type { BcOrder } from '../../../nodes/MicrosoftDynamicsFo/mapping';
import {
	compareTax,
	TaxDifferenceError,
	type TaxCheck,
} from '../../../nodes/MicrosoftDynamicsFo/posting/taxReadBack';

const order = {
	id: 318,
	total_ex_tax: '110.6000',
	total_inc_tax: '119.7300',
	total_tax: '9.1300',
} as unknown as BcOrder;
const written = { salesOrderNumber: 'SO-000318', currencyCode: 'USD' };
const header = (total: number | string, tax: number | string, extra = {}): IDataObject => ({
	AreTotalsCalculated: 'Yes',
	OrderTotalAmount: total,
	OrderTotalTaxAmount: tax,
	...extra,
});
const node: INode = {
	id: 'n1',
	name: 'Dynamics 365 F&O',
	type: 'n8n-nodes-bigcommerce-d365.microsoftDynamicsFo',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('compareTax: F&O calculates', () => {
	it('equal figures agree, with both sides named', () => {
		expect(compareTax(header(119.73, 9.13), written, order, 'fo')).toEqual({
			taxCalculation: 'fo',
			status: 'agrees',
			salesOrderNumber: 'SO-000318',
			currencyCode: 'USD',
			bigcommerce: { totalIncTax: 119.73, totalTax: 9.13, expectedFoTax: 9.13 },
			fo: { AreTotalsCalculated: 'Yes', OrderTotalAmount: 119.73, OrderTotalTaxAmount: 9.13 },
			difference: { total: 0, tax: 0 },
		});
	});

	it('a cent more tax in F&O differs by +0.01 on tax and total; a cent less by −0.01', () => {
		expect(compareTax(header(119.74, 9.14), written, order, 'fo')).toMatchObject({
			status: 'differs',
			difference: { total: 0.01, tax: 0.01 },
		});
		expect(compareTax(header('119.72', '9.12'), written, order, 'fo')).toMatchObject({
			status: 'differs',
			fo: { OrderTotalAmount: 119.72, OrderTotalTaxAmount: 9.12 },
			difference: { total: -0.01, tax: -0.01 },
		});
	});

	it('the tax alone may differ (F&O re-priced the lines the other way): both are reported', () => {
		expect(compareTax(header(119.73, 9.2), written, order, 'fo').difference).toEqual({
			total: 0,
			tax: 0.07,
		});
	});

	it('amounts are compared in cents of the currency (sub-cent noise agrees)', () => {
		expect(compareTax(header(119.7299999, 9.130001), written, order, 'fo').status).toBe('agrees');
		const yen = compareTax(header(120, 9), written, order, 'fo', { amountDecimals: 0 });
		expect(yen).toMatchObject({ status: 'agrees', bigcommerce: { totalIncTax: 120, totalTax: 9 } });
	});

	it("F&O's currency is reported when it answers one; the limit is carried", () => {
		const check = compareTax(header(119.73, 9.13, { CurrencyCode: 'CAD' }), written, order, 'fo', {
			differenceLimit: 0.05,
		});
		expect(check).toMatchObject({ currencyCode: 'CAD', differenceLimit: 0.05 });
	});

	it('totals F&O has not calculated are not compared', () => {
		const check = compareTax(header(0, 0, { AreTotalsCalculated: 'No' }), written, order, 'fo');
		expect(check.status).toBe('not-calculated');
		expect(check).not.toHaveProperty('difference');
	});
});

describe("compareTax: BigCommerce's tax as posted", () => {
	it('F&O must add no tax: 0 tax and total_inc_tax agree', () => {
		expect(compareTax(header(119.73, 0), written, order, 'asPosted')).toMatchObject({
			status: 'agrees',
			bigcommerce: { expectedFoTax: 0, totalTax: 9.13 },
			difference: { total: 0, tax: 0 },
		});
	});

	it('tax F&O added on top of the tax line differs by what it added', () => {
		expect(compareTax(header(128.86, 9.13), written, order, 'asPosted')).toMatchObject({
			status: 'differs',
			difference: { total: 9.13, tax: 9.13 },
		});
	});
});

describe('TaxDifferenceError', () => {
	const check = (taxCalculation: 'fo' | 'asPosted', total: number, tax: number): TaxCheck =>
		compareTax(header(total, tax), written, order, taxCalculation, { differenceLimit: 0 });

	it('F&O calculates: names both taxes, the difference, the totals and the limit', () => {
		const e = new TaxDifferenceError(node, check('fo', 119.74, 9.14), 2);
		expect(e.name).toBe('TaxDifferenceError');
		expect(e.message).toBe(
			"Sales order SO-000318 was written, but F&O calculated tax of 9.14 USD, BigCommerce charged 9.13 USD (difference 0.01); its total 119.74 USD differs from BigCommerce's total_inc_tax 119.73 by 0.01, more than the Tax Difference Limit of 0.00",
		);
		expect(e.description).toContain('stays in F&O');
		expect(e.context.taxCheck).toMatchObject({ status: 'differs' });
	});

	it('as posted: says F&O added tax and that the zero-rate groups are not zero', () => {
		const e = new TaxDifferenceError(node, check('asPosted', 120.73, 1));
		expect(e.message).toContain(
			"F&O added tax of 1.00 USD to BigCommerce's tax as posted (it should add none)",
		);
		expect(e.description).toContain('must contain only a 0 % sales tax code');
	});

	it('removed again: the message says so and the advice says nothing stays', () => {
		const e = new TaxDifferenceError(node, check('fo', 119.74, 9.14), 2, { order: 'removed' });
		expect(e.message).toMatch(
			/^Sales order SO-000318 was written and removed again, because F&O calculated tax of 9\.14 USD/,
		);
		expect(e.description).toContain('Nothing of the order stays in F&O');
		expect(e.context.salesOrder).toBe('removed');
	});

	it('removal failed: the advice names the reason and says to delete the order by hand', () => {
		const outcome = { order: 'not-removed' as const, reason: 'F&O answered 500' };
		const e = new TaxDifferenceError(node, check('fo', 119.74, 9.14), 2, outcome);
		expect(e.message).toMatch(/^Sales order SO-000318 was written, but/);
		expect(e.description).toContain('could not be removed again (F&O answered 500)');
		expect(e.description).toContain('delete it by hand');
	});

	it('not calculated: says so instead of figures', () => {
		const notCalculated = compareTax(
			header(0, 0, { AreTotalsCalculated: 'No' }),
			written,
			order,
			'fo',
		);
		const e = new TaxDifferenceError(node, notCalculated);
		expect(e.message).toContain('F&O has not calculated its totals (AreTotalsCalculated = No)');
		expect(e.description).toContain('When F&O Has Not Calculated Totals');
	});
});
