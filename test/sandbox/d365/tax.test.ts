/**
 * The sandbox calculates sales tax as F&O does (tax.ts): the codes common to a line's sales tax
 * group and item sales tax group, per line and code, rounded to the cent; added on top or backed
 * out by the header's ArePricesIncludingSalesTax; unknown groups refused; the totals on read-back
 * under SalesOrderHeadersV2's own names.
 */
import { useD365Sandbox } from './testSupport';

const d365 = useD365Sandbox();
const { call } = d365;

const switches = (changes: object) =>
	d365.sandbox.admin('PUT', ['switches'], changes, new URLSearchParams());

/** An order of the given line amounts in a company, its header as read back. */
async function postOrder(
	company: string,
	header: object,
	lines: Array<{ amount: number; line?: object }>,
) {
	const so = await call('POST', 'SalesOrderHeadersV2', {
		dataAreaId: company,
		OrderingCustomerAccountNumber: 'WEB-GUEST',
		...header,
	});
	expect(so.status).toBe(201);
	const number = so.json.SalesOrderNumber;
	for (const { amount, line } of lines) {
		const created = await call('POST', 'SalesOrderLines', {
			dataAreaId: company,
			SalesOrderNumber: number,
			ItemNumber: 'LAMP-HEAD-400',
			OrderedSalesQuantity: 1,
			SalesPrice: amount,
			LineAmount: amount,
			CalculateLineAmount: 'No',
			...line,
		});
		expect(created.status).toBe(201);
	}
	return (
		await call(
			'GET',
			`SalesOrderHeadersV2(dataAreaId='${company}',SalesOrderNumber='${number}')?cross-company=true`,
		)
	).json;
}

describe('US jurisdiction group TX-AUSTIN (6.25 + 1 + 1 = 8.25 %), prices excluding tax', () => {
	it('each code is rounded on each line: 0.60 carries 0.06, not 8.25 % of it rounded once (0.05)', async () => {
		// 0.60: 0.0375 → 0.04, 0.006 → 0.01, 0.006 → 0.01.
		const header = await postOrder('usmf', {}, [{ amount: 0.6 }]);
		expect(header).toMatchObject({
			SalesTaxGroupCode: 'TX-AUSTIN', // the web guest's group
			AreTotalsCalculated: 'Yes',
			OrderTotalTaxAmount: 0.06,
			OrderHeaderTaxAmount: 0,
			OrderTotalAmount: 0.66,
		});
	});

	it('two lines: 100.00 → 8.25, 19.99 → 1.25 + 0.20 + 0.20; total 129.89', async () => {
		const header = await postOrder('usmf', {}, [{ amount: 100 }, { amount: 19.99 }]);
		expect(header).toMatchObject({ OrderTotalTaxAmount: 9.9, OrderTotalAmount: 129.89 });
	});

	it("the 'total' method rounds each code once over the order", async () => {
		await switches({ salesTaxCalculation: 'total' });
		// Ten lines of 0.60: per line 10 × 0.06 = 0.60; over the order 0.375 + 0.06 + 0.06 = 0.50.
		const lines = Array.from({ length: 10 }, () => ({ amount: 0.6 }));
		expect((await postOrder('usmf', {}, lines)).OrderTotalTaxAmount).toBe(0.5);
		await switches({ salesTaxCalculation: 'line' });
		expect((await postOrder('usmf', {}, lines)).OrderTotalTaxAmount).toBe(0.6);
	});

	it('a zero-rate item group, or no common code, carries no tax', async () => {
		const header = await postOrder('usmf', {}, [
			{ amount: 50, line: { SalesTaxItemGroupCode: 'ZERO' } },
			{ amount: 25, line: { SalesTaxGroupCode: 'ZERO' } },
		]);
		expect(header).toMatchObject({ OrderTotalTaxAmount: 0, OrderTotalAmount: 75 });
	});

	it('a customer without a group: the lines get none, no tax', async () => {
		const customer = await call('POST', 'CustomersV3', {
			OrganizationName: 'No tax group',
			// Wholesale (10) has no TaxGroupId in the seed; WEB has the company's group.
			CustomerGroupId: '10',
			SalesCurrencyCode: 'USD',
		});
		expect(customer.status).toBe(201);
		expect(customer.json.SalesTaxGroup ?? '').toBe('');
		const account = customer.json.CustomerAccount;
		const header = await postOrder('usmf', { OrderingCustomerAccountNumber: account }, [
			{ amount: 10 },
		]);
		expect(header).toMatchObject({ OrderTotalTaxAmount: 0, OrderTotalAmount: 10 });
	});

	it("a new customer takes its customer group's TaxGroupId", async () => {
		const group = await call('PATCH', "CustomerGroups(dataAreaId='usmf',CustomerGroupId='30')", {
			TaxGroupId: 'TX-AUSTIN',
		});
		expect(group.status).toBeLessThan(300);
		const customer = await call('POST', 'CustomersV3', {
			OrganizationName: 'Retail',
			CustomerGroupId: '30',
			SalesCurrencyCode: 'USD',
		});
		expect(customer.json.SalesTaxGroup).toBe('TX-AUSTIN');
	});

	it('an unknown sales tax group or item sales tax group is refused, nothing written', async () => {
		const header = await call('POST', 'SalesOrderHeadersV2', {
			OrderingCustomerAccountNumber: 'WEB-GUEST',
			SalesTaxGroupCode: 'NOPE',
		});
		expect(header.status).toBe(400);
		expect(JSON.stringify(header.json)).toContain("The value 'NOPE' in field 'Sales tax group'");
		const ok = await call('POST', 'SalesOrderHeadersV2', {
			OrderingCustomerAccountNumber: 'WEB-GUEST',
		});
		const line = await call('POST', 'SalesOrderLines', {
			SalesOrderNumber: ok.json.SalesOrderNumber,
			ItemNumber: 'LAMP-HEAD-400',
			SalesTaxItemGroupCode: 'NOPE',
		});
		expect(line.status).toBe(400);
		expect(JSON.stringify(line.json)).toContain("field 'Item sales tax group'");
	});
});

describe('EU VAT (demf: 19 % standard, 7 % reduced)', () => {
	it('prices excluding VAT: added on top', async () => {
		const header = await postOrder('demf', { ArePricesIncludingSalesTax: 'No' }, [
			{ amount: 100 },
			{ amount: 10, line: { SalesTaxItemGroupCode: 'REDUCED' } },
		]);
		expect(header).toMatchObject({ OrderTotalTaxAmount: 19.7, OrderTotalAmount: 129.7 });
	});

	it('prices including VAT: backed out, the total stays what the lines say', async () => {
		// 119.00 includes 19.00; 10.70 includes 0.70.
		const header = await postOrder('demf', { ArePricesIncludingSalesTax: 'Yes' }, [
			{ amount: 119 },
			{ amount: 10.7, line: { SalesTaxItemGroupCode: 'REDUCED' } },
		]);
		expect(header).toMatchObject({ OrderTotalTaxAmount: 19.7, OrderTotalAmount: 129.7 });
	});
});

describe('totals not calculated (unverified behaviour, switch)', () => {
	it('AreTotalsCalculated = No with the totals at 0', async () => {
		await switches({ totalsCalculated: false });
		const header = await postOrder('usmf', {}, [{ amount: 10 }]);
		expect(header).toMatchObject({
			AreTotalsCalculated: 'No',
			OrderTotalAmount: 0,
			OrderTotalTaxAmount: 0,
		});
	});
});
