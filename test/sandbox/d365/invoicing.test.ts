/**
 * The sandbox's invoicing and planted ledger faults (invoicing.ts): an invoiced order reads back
 * through SalesInvoiceHeadersV2 / SalesInvoiceLines by SalesOrderNumber and CustomersOrderReference
 * with F&O's own totals, and the fault routes leave F&O disagreeing with what was posted.
 */
import { useD365Sandbox } from './testSupport';

const d365 = useD365Sandbox();
const { call } = d365;

const admin = (method: string, path: string, body?: unknown, query = '') =>
	d365.sandbox.admin(method, path.split('/').filter(Boolean), body, new URLSearchParams(query));

const query = async (set: string, filter: string) =>
	(
		await call(
			'GET',
			`${set}?cross-company=true&$filter=${encodeURIComponent(`dataAreaId eq 'usmf' and ${filter}`)}`,
		)
	).json.value as Record<string, unknown>[];

/** A sales order of two lines (100.00 and 20.00), no re-pricing. */
async function postOrder(reference: string): Promise<string> {
	const so = await call('POST', 'SalesOrderHeadersV2', {
		OrderingCustomerAccountNumber: 'WEB-GUEST',
		CustomersOrderReference: reference,
		CurrencyCode: 'USD',
		SkipCreateAutoCharges: 'Yes',
		TotalDiscountPercentage: 0,
	});
	expect(so.status).toBe(201);
	for (const [ItemNumber, price] of [
		['TENT-2P-ALPINE', 100],
		['LAMP-HEAD-400', 20],
	] as const) {
		const line = await call('POST', 'SalesOrderLines', {
			SalesOrderNumber: so.json.SalesOrderNumber,
			ItemNumber,
			OrderedSalesQuantity: 1,
			SalesPrice: price,
			LineAmount: price,
			CalculateLineAmount: 'No',
			LineDiscountPercentage: 0,
			MultilineDiscountPercentage: 0,
		});
		expect(line.status).toBe(201);
	}
	return String(so.json.SalesOrderNumber);
}

describe('invoicing a sales order', () => {
	it('writes an invoice header and lines with the order totals F&O calculates, and marks the order invoiced', async () => {
		const number = await postOrder('BC-abc-1');
		const order = (
			await call('GET', `SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${number}')`)
		).json;
		const answer = await admin('POST', `sales-orders/${number}/invoice`, {
			invoiceDate: '2026-05-01',
		});
		expect(answer?.status).toBe(201);

		const [invoice] = await query('SalesInvoiceHeadersV2', `CustomersOrderReference eq 'BC-abc-1'`);
		expect(invoice).toMatchObject({
			SalesOrderNumber: number,
			InvoiceDate: '2026-05-01T12:00:00Z',
			CurrencyCode: 'USD',
			TotalInvoiceAmount: order.OrderTotalAmount,
			TotalTaxAmount: order.OrderTotalTaxAmount,
		});
		expect(invoice.InvoiceNumber).toMatch(/^USMF-CIV\d{6}$/);
		expect(invoice.LedgerVoucher).toMatch(/^USMF-ARI\d{6}$/);
		const lines = await query('SalesInvoiceLines', `InvoiceNumber eq '${invoice.InvoiceNumber}'`);
		expect(lines.map((l) => [l.ProductNumber, l.LineAmount, l.InvoicedQuantity])).toEqual([
			['TENT-2P-ALPINE', 100, 1],
			['LAMP-HEAD-400', 20, 1],
		]);
		expect(lines.reduce((s, l) => s + Number(l.LineTotalTaxAmount), 0)).toBeCloseTo(
			Number(order.OrderTotalTaxAmount),
			2,
		);
		const after = (
			await call('GET', `SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${number}')`)
		).json;
		expect(after.SalesOrderStatus).toBe('Invoiced');
		expect((await admin('POST', `sales-orders/${number}/invoice`, {}))?.status).toBe(409);
	});

	it('refuses an unknown order and a bad date', async () => {
		expect((await admin('POST', 'sales-orders/NOPE-1/invoice', {}))?.status).toBe(404);
		const number = await postOrder('BC-abc-2');
		expect(
			(await admin('POST', `sales-orders/${number}/invoice`, { invoiceDate: 'May' }))?.status,
		).toBe(400);
	});
});

describe('planted faults', () => {
	it('duplicate: a second order with the same reference and the same lines', async () => {
		const number = await postOrder('BC-abc-3');
		const copy = await admin('POST', `sales-orders/${number}/duplicate`, {});
		expect(copy?.status).toBe(201);
		const orders = await query('SalesOrderHeadersV2', `CustomersOrderReference eq 'BC-abc-3'`);
		expect(orders.map((o) => o.SalesOrderNumber).sort()).toEqual(
			[number, (copy?.body as { SalesOrderNumber: string }).SalesOrderNumber].sort(),
		);
		expect(orders.map((o) => o.OrderTotalAmount)).toEqual([
			orders[0].OrderTotalAmount,
			orders[0].OrderTotalAmount,
		]);
	});

	it('delete: the order, its lines and its invoice are gone', async () => {
		const number = await postOrder('BC-abc-4');
		await admin('POST', `sales-orders/${number}/invoice`, {});
		expect(
			(await admin('DELETE', `sales-orders/${number}`, undefined, 'dataAreaId=usmf'))?.status,
		).toBe(200);
		expect(await query('SalesOrderHeadersV2', `CustomersOrderReference eq 'BC-abc-4'`)).toEqual([]);
		expect(await query('SalesOrderLines', `SalesOrderNumber eq '${number}'`)).toEqual([]);
		expect(await query('SalesInvoiceHeadersV2', `SalesOrderNumber eq '${number}'`)).toEqual([]);
	});

	it('a changed amount shows in the totals read back; records can be removed by field values', async () => {
		const number = await postOrder('BC-abc-5');
		const changed = await admin(
			'PATCH',
			'records/SalesOrderLines',
			{ LineAmount: 25 },
			`SalesOrderNumber=${number}&ItemNumber=LAMP-HEAD-400`,
		);
		expect(changed?.status).toBe(200);
		const [order] = await query('SalesOrderHeadersV2', `SalesOrderNumber eq '${number}'`);
		const tax = Number(order.OrderTotalTaxAmount);
		expect(Number(order.OrderTotalAmount) - tax).toBe(125);
		expect(
			(await admin('DELETE', 'records/SalesOrderLines', undefined, `SalesOrderNumber=${number}`))
				?.body,
		).toEqual({ removed: 2 });
		expect(
			(await admin('PATCH', 'records/SalesOrderLines', { Nope: 1 }, `SalesOrderNumber=${number}`))
				?.status,
		).toBe(400);
		expect((await admin('DELETE', 'records/SalesOrderLines', undefined, ''))?.status).toBe(400);
	});
});
