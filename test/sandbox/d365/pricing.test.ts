/**
 * The sandbox re-prices as F&O does unless told not to: an automatic charge on a header created
 * without SkipCreateAutoCharges = Yes, trade-agreement percentages on lines and header that are
 * not sent, and the header's totals on read-back reflect them.
 */
import { useD365Sandbox } from './testSupport';

const d365 = useD365Sandbox();
const { call } = d365;

beforeEach(async () => {
	await d365.sandbox.admin(
		'PUT',
		['switches'],
		{
			autoChargeAmount: 4.95,
			tradeAgreementLineDiscountPercentage: 10,
			tradeAgreementMultilineDiscountPercentage: 5,
			tradeAgreementTotalDiscountPercentage: 2,
		},
		new URLSearchParams(),
	);
});

/**
 * One order of two lines (100.00 and 20.00) and its header as read back; under the zero-rate tax
 * group, so only re-pricing moves the totals (tax.test.ts covers the tax).
 */
async function postOrder(header: object, line: object) {
	const so = await call('POST', 'SalesOrderHeadersV2', {
		OrderingCustomerAccountNumber: 'WEB-GUEST',
		SalesTaxGroupCode: 'ZERO',
		...header,
	});
	expect(so.status).toBe(201);
	const number = so.json.SalesOrderNumber;
	for (const [ItemNumber, price] of [
		['TENT-2P-ALPINE', 100],
		['LAMP-HEAD-400', 20],
	] as const) {
		const created = await call('POST', 'SalesOrderLines', {
			SalesOrderNumber: number,
			ItemNumber,
			OrderedSalesQuantity: 1,
			SalesPrice: price,
			LineAmount: price,
			CalculateLineAmount: 'No',
			...line,
		});
		expect(created.status).toBe(201);
	}
	return (await call('GET', `SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${number}')`))
		.json;
}

describe('F&O re-prices what the pack does not stop', () => {
	it('without the stopping fields: automatic charge and trade-agreement discounts change the totals', async () => {
		const header = await postOrder({}, {});
		// Lines: 120.00 × 0.90 × 0.95 = 102.60; total discount 2% = 2.05; charge 4.95.
		expect(header).toMatchObject({
			AreTotalsCalculated: 'Yes',
			OrderTotalChargesAmount: 4.95,
			TotalDiscountPercentage: 2,
			TotalDiscountAmount: 2.05,
			OrderTotalDiscountAmount: 19.45,
			OrderTotalAmount: 105.5,
		});
	});

	it('with them sent the totals are what was sent, to the cent', async () => {
		const header = await postOrder(
			{ SkipCreateAutoCharges: 'Yes', TotalDiscountPercentage: 0 },
			{ LineDiscountPercentage: 0, MultilineDiscountPercentage: 0 },
		);
		expect(header).toMatchObject({
			OrderTotalChargesAmount: 0,
			TotalDiscountAmount: 0,
			OrderTotalDiscountAmount: 0,
			OrderTotalAmount: 120,
		});
	});

	it('by default (switches at 0) nothing is re-priced', async () => {
		await d365.sandbox.reset();
		const header = await postOrder({}, {});
		expect(header).toMatchObject({ OrderTotalChargesAmount: 0, OrderTotalAmount: 120 });
	});
});
