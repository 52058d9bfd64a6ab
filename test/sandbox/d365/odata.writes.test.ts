/**
 * F&O OData writes in the sandbox: POST/PATCH/DELETE answers, number sequences (generated and
 * manual numbers), that non-key fields such as CustomersOrderReference are not unique (F&O does
 * not stop a second order with the same reference), duplicate keys, and line numbering on sales,
 * payment-journal and free-text invoice lines.
 */
import { useD365Sandbox } from './testSupport';

const d365 = useD365Sandbox();
const { call, admin } = d365;

describe('writes, number sequences and uniqueness', () => {
	const order = (extra: Record<string, unknown> = {}) => ({
		OrderingCustomerAccountNumber: 'WEB-GUEST',
		CurrencyCode: 'USD',
		CustomersOrderReference: 'BC-1001',
		...extra,
	});

	it('POST 201 with the full record and a generated SalesOrderNumber; PATCH 204; DELETE 204', async () => {
		const created = await call('POST', 'SalesOrderHeadersV2', order());
		expect(created.status).toBe(201);
		expect(created.json['@odata.context']).toBe(
			`${d365.env}/data/$metadata#SalesOrderHeadersV2/$entity`,
		);
		expect(created.json.SalesOrderNumber).toMatch(/^USMF-\d{6}$/);
		expect(Object.keys(created.json)).toHaveLength(
			d365.sandbox.model.get('SalesOrderHeadersV2').properties.length + 2,
		);
		const key = `SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${created.json.SalesOrderNumber}')`;
		const patched = await call('PATCH', key, { SalesOrderName: 'renamed' });
		expect(patched.status).toBe(204);
		expect(patched.text).toBe('');
		expect((await call('GET', key)).json.SalesOrderName).toBe('renamed');
		expect((await call('DELETE', key)).status).toBe(204);
		expect((await call('GET', key)).status).toBe(404);
	});

	it("DELETE of a sales order header takes its lines with it, and no other order's", async () => {
		const numbers: string[] = [];
		for (let i = 0; i < 2; i++) {
			const header = await call('POST', 'SalesOrderHeadersV2', order());
			const number = String(header.json.SalesOrderNumber);
			numbers.push(number);
			const line = {
				SalesOrderNumber: number,
				ItemNumber: 'LAMP-HEAD-400',
				OrderedSalesQuantity: 1,
			};
			expect((await call('POST', 'SalesOrderLines', line)).status).toBe(201);
		}
		const linesOf = async (number: string) =>
			(await call('GET', `SalesOrderLines?$filter=SalesOrderNumber eq '${number}'`)).json
				.value as unknown[];
		const key = `SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${numbers[0]}')`;
		expect((await call('DELETE', key)).status).toBe(204);
		expect(await linesOf(numbers[0])).toHaveLength(0);
		expect(await linesOf(numbers[1])).toHaveLength(1);
	});

	it('non-key fields are not unique: two orders with the same CustomersOrderReference both land', async () => {
		expect((await call('POST', 'SalesOrderHeadersV2', order())).status).toBe(201);
		expect((await call('POST', 'SalesOrderHeadersV2', order())).status).toBe(201);
		const found = await call(
			'GET',
			`SalesOrderHeadersV2?$filter=CustomersOrderReference eq 'BC-1001'`,
		);
		expect(found.json.value).toHaveLength(2);
	});

	it('manual numbers: refused unless the switch allows them; then used as sent', async () => {
		const refused = await call(
			'POST',
			'SalesOrderHeadersV2',
			order({ SalesOrderNumber: 'BC-1001' }),
		);
		expect(refused.status).toBe(400);
		expect(refused.json.error.innererror.type).toMatch(/AxODataWriteException$/);
		await admin('PUT', ['switches'], { manualNumbers: { SalesOrderNumber: true } });
		const manual = await call(
			'POST',
			'SalesOrderHeadersV2',
			order({ SalesOrderNumber: 'BC-1001' }),
		);
		expect(manual.json.SalesOrderNumber).toBe('BC-1001');
		const again = await call('POST', 'SalesOrderHeadersV2', order({ SalesOrderNumber: 'bc-1001' }));
		expect(again.json.error.innererror.message).toMatch(/The record already exists\.\.$/);
		const customer = await call('POST', 'CustomersV3', {
			OrganizationName: 'Acme',
			CustomerGroupId: 'WEB',
			SalesCurrencyCode: 'USD',
		});
		expect(customer.json.CustomerAccount).toMatch(/^USMF-C\d{6}$/);
		expect(
			(
				await call('POST', 'CustomersV3', {
					CustomerAccount: 'C-1',
					OrganizationName: 'Acme',
					CustomerGroupId: 'WEB',
					SalesCurrencyCode: 'USD',
				})
			).status,
		).toBe(400);
	});

	it('sales lines: generated InventoryLotId and LineNumber; unknown item, unknown currency and unknown customer fail', async () => {
		const header = (await call('POST', 'SalesOrderHeadersV2', order())).json;
		const line = await call('POST', 'SalesOrderLines', {
			SalesOrderNumber: header.SalesOrderNumber,
			ItemNumber: 'TENT-2P-ALPINE',
			OrderedSalesQuantity: 2,
		});
		expect(line.status).toBe(201);
		expect(line.json).toMatchObject({
			LineNumber: 1,
			SalesPrice: 349,
			LineAmount: 698,
			SalesUnitSymbol: 'ea',
		});
		expect(line.json.InventoryLotId).toBeTruthy();
		const bad = await call('POST', 'SalesOrderLines', {
			SalesOrderNumber: header.SalesOrderNumber,
			ItemNumber: 'NOT-AN-ITEM',
		});
		expect(bad.json.error.innererror.message).toContain(
			"The value 'NOT-AN-ITEM' in field 'Item number' is not found in the related table 'Items'",
		);
		expect((await call('POST', 'SalesOrderHeadersV2', order({ CurrencyCode: 'JPY' }))).status).toBe(
			400,
		);
		expect(
			(
				await call(
					'POST',
					'SalesOrderHeadersV2',
					order({ OrderingCustomerAccountNumber: 'NOBODY' }),
				)
			).status,
		).toBe(400);
	});

	it('journal lines number 1, 2 per batch; free-text lines reference the header RecId', async () => {
		const journal = (
			await call('POST', 'CustomerPaymentJournalHeaders', {
				JournalName: 'ARPay',
				Description: 'BC payments',
			})
		).json;
		const line = {
			JournalBatchNumber: journal.JournalBatchNumber,
			AccountType: 'Cust',
			AccountDisplayValue: 'WEB\\-GUEST',
			CreditAmount: 10,
			CurrencyCode: 'USD',
		};
		expect((await call('POST', 'CustomerPaymentJournalLines', line)).json.LineNumber).toBe(1);
		expect((await call('POST', 'CustomerPaymentJournalLines', line)).json.LineNumber).toBe(2);
		const invoice = (
			await call('POST', 'FreeTextInvoiceHeaders', {
				CustomerAccount: 'WEB-GUEST',
				CurrencyCode: 'USD',
			})
		).json;
		expect(typeof invoice.InvoiceIdentifier).toBe('number');
		const ftLine = await call('POST', 'FreeTextInvoiceLines', {
			ParentRecId: invoice.InvoiceIdentifier,
			Description: 'refund',
			UnitPrice: -5,
			Quantity: 1,
		});
		expect(ftLine.status).toBe(201);
		expect(
			(
				await call(
					'GET',
					`FreeTextInvoiceLines(dataAreaId='usmf',LineNumber=1,ParentRecId=${invoice.InvoiceIdentifier})`,
				)
			).status,
		).toBe(200);
	});
});
