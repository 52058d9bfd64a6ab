/**
 * F&O OData half: served records match the sandbox's entity model (model.contract.test.ts holds
 * the model to F&O's entity metadata), F&O's error envelopes word for word, plus the behaviours the
 * issue lists (cross-company, paging, changesets, duplicate keys, non-unique non-key fields, number
 * sequences, throttling, timeout after commit).
 */
import { readFileSync } from 'node:fs';

import { sharedPath, itWithShared } from '../../support/specs';
import { FaultInjector } from '../common/faults';
import { RequestLog } from '../common/requestLog';
import { foReleasedProducts, foReleasedProductVariants } from '../catalog';
import { startD365Sandbox, type D365Sandbox } from './index';
import { SERVED_ENTITY_SETS } from './metadata';
import { FO_CHARGE_ITEMS } from './seed';

/** The research note on F&O's OData service, which quotes F&O's error envelopes. */
const D365_RESEARCH = 'research/d365-odata.md';

let sandbox: D365Sandbox;
let faults: FaultInjector;
let env: string;
let token: string;

beforeAll(async () => {
	faults = new FaultInjector();
	sandbox = await startD365Sandbox({}, { host: '127.0.0.1', log: new RequestLog(), faults });
	env = sandbox.manifest.environmentUrl;
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	await sandbox.reset();
	faults.clear();
	token = sandbox.entra.mintAccessToken();
});

async function call(
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
) {
	const res = await fetch(`${env}/data/${path}`, {
		method,
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	let json: any;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

const admin = (method: string, path: string[], body?: unknown) =>
	sandbox.admin(method, path, body, new URLSearchParams());

describe('contract: served records match the entity model', () => {
	/** Transactional sets start empty: create one record of each through the API first. */
	async function createTransactions() {
		const so = (
			await call('POST', 'SalesOrderHeadersV2', { OrderingCustomerAccountNumber: 'WEB-GUEST' })
		).json;
		await call('POST', 'SalesOrderLines', {
			SalesOrderNumber: so.SalesOrderNumber,
			ItemNumber: 'TENT-2P-ALPINE',
		});
		const jh = (await call('POST', 'CustomerPaymentJournalHeaders', { JournalName: 'ARPay' })).json;
		await call('POST', 'CustomerPaymentJournalLines', {
			JournalBatchNumber: jh.JournalBatchNumber,
			CreditAmount: 1,
		});
		const rh = (await call('POST', 'ReturnOrderHeaders', { CustomerAccountNumber: 'WEB-GUEST' }))
			.json;
		await call('POST', 'ReturnOrderLines', {
			ReturnOrderNumber: rh.ReturnOrderNumber,
			ItemNumber: 'TENT-2P-ALPINE',
			ReturnSalesQuantity: -1,
		});
		const fh = (await call('POST', 'FreeTextInvoiceHeaders', { CustomerAccount: 'WEB-GUEST' }))
			.json;
		await call('POST', 'FreeTextInvoiceLines', {
			ParentRecId: fh.InvoiceIdentifier,
			Quantity: 1,
			UnitPrice: 1,
		});
		// Filled by posting in F&O, not by OData: a packing slip with a tracking number, on hand.
		await admin('POST', ['packing-slips'], {
			salesOrderNumber: so.SalesOrderNumber,
			trackingNumbers: ['1Z-CONTRACT'],
		});
		// Invoices too: produced by the sandbox's posting route.
		await admin('POST', ['sales-orders', String(so.SalesOrderNumber), 'invoice'], {});
		await admin(
			'PUT',
			['on-hand'],
			[
				{
					ItemNumber: 'TENT-2P-ALPINE',
					InventorySiteId: '1',
					InventoryWarehouseId: '11',
					OnHandQuantity: 3,
				},
			],
		);
	}

	it.each([...SERVED_ENTITY_SETS])(
		'%s: every record has exactly the model property names and types',
		async (set) => {
			const def = sandbox.model.get(set);
			await createTransactions();
			const res = await call('GET', `${set}?cross-company=true&$top=3`);
			expect(res.status).toBe(200);
			expect(res.json.value.length).toBeGreaterThan(0);
			for (const record of res.json.value as Record<string, unknown>[]) {
				const { '@odata.etag': etag, ...fields } = record;
				expect(etag).toMatch(/^W\/"/);
				expect(Object.keys(fields).sort()).toEqual(def.properties.map((p) => p.name).sort());
				for (const p of def.properties) {
					const v = fields[p.name];
					if (p.type === 'Edm.String') expect(typeof v).toBe('string');
					else if (['Edm.Decimal', 'Edm.Int32', 'Edm.Int64', 'Edm.Double'].includes(p.type))
						expect(typeof v).toBe('number');
					else if (p.type === 'Edm.DateTimeOffset')
						expect(v).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
					else if (p.type === 'Edm.Guid') expect(v).toMatch(/^[0-9a-f-]{36}$/);
					else expect(p.enumMembers).toContain(v);
				}
			}
		},
	);

	it('empty values are F&O\'s defaults, not sparse: "", 0, 1900-01-01T12:00:00Z, first enum member', async () => {
		const res = await call('GET', `CustomersV3(dataAreaId='usmf',CustomerAccount='WEB-GUEST')`);
		expect(res.json).toMatchObject({
			AddressCity: '',
			CreditLimit: 0,
			AddressValidTo: '1900-01-01T12:00:00Z',
			IsFuelSurchargeApplied: 'No',
		});
	});
});

describe('contract: F&O error envelopes word for word', () => {
	const DUPLICATE_CUSTOMER_GROUP =
		"Write failed for table row of type 'CustCustomerGroupEntity'. Infolog: Info: Cannot create a record in Customer groups (CustGroup). Customer group: Batch2, Batch 2 Test group T1.\\nThe record already exists..";
	const CUSTOMER_GROUP_NOT_FOUND =
		"Infolog: Warning: The value 'Local' in field 'Customer group' is not found in the related table 'Customer groups'.; Warning: validateField failed on field 'CustCustomerV3Entity.CustomerGroupId'.";

	itWithShared(D365_RESEARCH)('the research quotes each envelope reproduced below', () => {
		// The research wraps long lines; compare with line breaks folded to single spaces.
		const research = readFileSync(sharedPath(D365_RESEARCH), 'utf8').replace(/\n\s*/g, ' ');
		expect(research).toContain(`"message":"${DUPLICATE_CUSTOMER_GROUP}"`);
		expect(research).toContain(CUSTOMER_GROUP_NOT_FOUND);
		expect(research).toContain(
			"\"Could not find a property named 'X' on type 'Microsoft.Dynamics.DataEntities.Y'.\"",
		);
		expect(research).toContain('"Resource not found for the segment \'CustomersV4\'."');
	});

	it('duplicate key: the quoted CustGroup envelope, AxODataWriteException, default status 400 and 500 by switch', async () => {
		const group = { CustomerGroupId: 'Batch2', Description: 'Batch 2 Test group T1' };
		expect((await call('POST', 'CustomerGroups', group)).status).toBe(201);
		const dup = await call('POST', 'CustomerGroups', group);
		expect(dup.status).toBe(400);
		const quoted = DUPLICATE_CUSTOMER_GROUP;
		expect(dup.json.error.code).toBe('');
		expect(dup.json.error.message).toBe('An error has occurred.');
		expect(JSON.stringify(dup.json.error.innererror.message)).toBe(`"${quoted}"`);
		expect(dup.json.error.innererror.type).toBe(
			'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException',
		);
		expect(dup.json.error.innererror.stacktrace).toMatch(
			/^ {3}at Microsoft\.Dynamics\.Platform\.Integration\.Services\.OData\.Update\.UpdateProcessor\.CreateEntity_Save\(/,
		);
		await admin('PUT', ['switches'], { writeErrorStatus: 500 });
		expect(
			(await call('POST', 'CustomerGroups', { ...group, CustomerGroupId: 'BATCH2' })).status,
		).toBe(500);
	});

	it('validation failure: the quoted customer-group Infolog', async () => {
		const res = await call('POST', 'CustomersV3', {
			OrganizationName: 'X',
			CustomerGroupId: 'Local',
			SalesCurrencyCode: 'USD',
		});
		const quoted = CUSTOMER_GROUP_NOT_FOUND;
		expect(res.status).toBe(400);
		expect(res.json.error.innererror.message).toBe(
			`Write failed for table row of type 'CustCustomerV3Entity'. ${quoted}`,
		);
	});

	it('unknown property in $filter / $select: 400 with the quoted wording; unknown entity set 404', async () => {
		const f = await call('GET', `CustomersV3?$filter=Nope eq 'x'`);
		expect(f.status).toBe(400);
		expect(f.json).toEqual({
			error: {
				code: '',
				message:
					"Could not find a property named 'Nope' on type 'Microsoft.Dynamics.DataEntities.CustomerV3'.",
			},
		});
		expect((await call('GET', 'CustomerGroups?$select=Nope')).status).toBe(400);
		const nf = await call('GET', 'CustomersV4');
		expect(nf.status).toBe(404);
		expect(nf.json).toEqual({
			error: { code: '', message: "Resource not found for the segment 'CustomersV4'." },
		});
	});
});

describe('seed', () => {
	it('released products and variants are the catalogue mapped ones, in usmf', async () => {
		const items = sandbox.records('ReleasedProductsV2', 'usmf').map((r) => r.ItemNumber);
		expect(items.sort()).toEqual(
			[
				...foReleasedProducts().map((p) => p.ItemNumber),
				...FO_CHARGE_ITEMS.map((c) => c.ItemNumber),
			].sort(),
		);
		const variants = sandbox
			.records('ReleasedProductVariantsV2', 'usmf')
			.map((r) => r.ProductVariantNumber);
		expect(variants.sort()).toEqual(
			foReleasedProductVariants()
				.map((v) => v.ProductVariantNumber)
				.sort(),
		);
		expect(sandbox.records('Currencies').map((c) => c.CurrencyCode)).not.toContain('JPY');
	});
});

describe('company scoping and keys', () => {
	it('without cross-company=true reads see only the default company; dataAreaId compared case-insensitively, returned lower case', async () => {
		const plain = await call('GET', 'CustomerGroups');
		expect(new Set(plain.json.value.map((r: any) => r.dataAreaId))).toEqual(new Set(['usmf']));
		const cross = await call(
			'GET',
			`CustomerGroups?cross-company=true&$filter=dataAreaId eq 'DEMF'`,
		);
		expect(cross.json.value.length).toBe(3);
		expect(cross.json.value.every((r: any) => r.dataAreaId === 'demf')).toBe(true);
		expect(
			(await call('GET', `CustomerGroups(dataAreaId='demf',CustomerGroupId='10')`)).status,
		).toBe(404);
		expect(
			(
				await call(
					'GET',
					`CustomerGroups(dataAreaId='DEMF',CustomerGroupId='10')?cross-company=true`,
				)
			).status,
		).toBe(200);
		const created = await call('POST', 'CustomerGroups', {
			dataAreaId: 'DEMF',
			CustomerGroupId: 'NEW',
			Description: 'n',
		});
		expect(created.json.dataAreaId).toBe('demf');
	});

	it('key access needs every key field', async () => {
		const res = await call('GET', `CustomerGroups(CustomerGroupId='10')`);
		expect(res.status).toBe(400);
		expect(res.json.error.message).toMatch(/number of keys/);
	});
});

describe('query options', () => {
	it('$filter: and/or, ne, gt, wildcard inside eq, doubled quotes; $select; $count', async () => {
		await call('POST', 'CustomerGroups', { CustomerGroupId: "O'B", Description: 'retail shop' });
		const q = await call(
			'GET',
			`CustomerGroups?$filter=Description eq '*retail*' or CustomerGroupId eq 'O''B'&$select=CustomerGroupId,Description&$count=true`,
		);
		expect(q.json['@odata.context']).toBe(
			`${env}/data/$metadata#CustomerGroups(CustomerGroupId,Description)`,
		);
		expect(q.json.value.map((r: any) => r.CustomerGroupId).sort()).toEqual(['30', "O'B"]);
		expect(Object.keys(q.json.value[0]).sort()).toEqual([
			'@odata.etag',
			'CustomerGroupId',
			'Description',
		]);
		expect(q.json['@odata.count']).toBe(2);
		const ne = await call(
			'GET',
			`CustomerGroups?$filter=CustomerGroupId ne '10' and CustomerGroupId gt '2'`,
		);
		expect(ne.json.value.map((r: any) => r.CustomerGroupId).sort()).toEqual(
			["O'B", '30', 'WEB'].sort(),
		);
		const count = await call('GET', 'CustomerGroups/$count');
		expect(count.text).toBe('4');
	});

	it('server-driven paging with @odata.nextLink, $top and $skip', async () => {
		await admin('PUT', ['switches'], { pageSize: 2 });
		const seen: string[] = [];
		let url: string | undefined = `${env}/data/ReleasedProductsV2?$select=ItemNumber`;
		let pages = 0;
		while (url) {
			const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
			const body = (await res.json()) as any;
			expect(body.value.length).toBeLessThanOrEqual(2);
			seen.push(...body.value.map((r: any) => r.ItemNumber));
			url = body['@odata.nextLink'];
			pages++;
		}
		expect(seen.sort()).toEqual(
			[
				...foReleasedProducts().map((p) => p.ItemNumber),
				...FO_CHARGE_ITEMS.map((c) => c.ItemNumber),
			].sort(),
		);
		expect(pages).toBe(Math.ceil(seen.length / 2));
		const topped = await call('GET', 'ReleasedProductsV2?$top=3&$skip=1&$select=ItemNumber');
		expect(topped.json.value).toHaveLength(2);
		expect(topped.json['@odata.nextLink']).toMatch(/\$skip=3/);
		expect(topped.json['@odata.nextLink']).toMatch(/\$top=1/);
	});
});

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
			`${env}/data/$metadata#SalesOrderHeadersV2/$entity`,
		);
		expect(created.json.SalesOrderNumber).toMatch(/^USMF-\d{6}$/);
		expect(Object.keys(created.json)).toHaveLength(
			sandbox.model.get('SalesOrderHeadersV2').properties.length + 2,
		);
		const key = `SalesOrderHeadersV2(dataAreaId='usmf',SalesOrderNumber='${created.json.SalesOrderNumber}')`;
		const patched = await call('PATCH', key, { SalesOrderName: 'renamed' });
		expect(patched.status).toBe(204);
		expect(patched.text).toBe('');
		expect((await call('GET', key)).json.SalesOrderName).toBe('renamed');
		expect((await call('DELETE', key)).status).toBe(204);
		expect((await call('GET', key)).status).toBe(404);
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

function batchBody(changesets: { method: string; url: string; body?: unknown; id: number }[][]) {
	const parts = changesets.map((ops, i) => {
		const cs = `changeset_${i}`;
		const inner = ops
			.map(
				(op) =>
					`--${cs}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ${op.id}\r\n\r\n${op.method} ${env}/data/${op.url} HTTP/1.1\r\nOData-Version: 4.0\r\nContent-Type: application/json;odata.metadata=minimal\r\n\r\n${op.body ? JSON.stringify(op.body) : ''}\r\n`,
			)
			.join('');
		return `--batch_x\r\nContent-Type: multipart/mixed; boundary=${cs}\r\n\r\n${inner}--${cs}--\r\n`;
	});
	return `${parts.join('')}--batch_x--\r\n`;
}

const postBatch = (body: string) =>
	fetch(`${env}/data/$batch`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${token}`,
			'Content-Type': 'multipart/mixed; boundary=batch_x',
		},
		body,
	});

describe('$batch', () => {
	it('a changeset is atomic: a failing second operation rolls back the first; outer status 200', async () => {
		const before = sandbox.records('CustomerGroups', 'usmf').length;
		const res = await postBatch(
			batchBody([
				[
					{
						method: 'POST',
						url: 'CustomerGroups',
						body: { CustomerGroupId: 'CS1', Description: 'one' },
						id: 1,
					},
					{
						method: 'POST',
						url: 'CustomerGroups',
						body: { CustomerGroupId: '10', Description: 'dup' },
						id: 2,
					},
				],
			]),
		);
		expect(res.status).toBe(200);
		const text = await res.text();
		expect(text).toMatch(/Content-ID: 1\r\n\r\nHTTP\/1\.1 400 Bad Request/);
		expect(text).toContain('The record already exists..');
		expect(sandbox.records('CustomerGroups', 'usmf')).toHaveLength(before);
		const ok = await (
			await postBatch(
				batchBody([
					[
						{
							method: 'POST',
							url: 'CustomerGroups',
							body: { CustomerGroupId: 'CS1', Description: 'one' },
							id: 1,
						},
					],
				]),
			)
		).text();
		expect(ok).toMatch(/HTTP\/1\.1 201 Created/);
		expect(sandbox.records('CustomerGroups', 'usmf')).toHaveLength(before + 1);
	});

	it('Content-ID references only behind the switch', async () => {
		const ops = [
			{
				method: 'POST',
				url: 'CustomerGroups',
				body: { CustomerGroupId: 'REF', Description: 'a' },
				id: 1,
			},
			{ method: 'PATCH', url: '$1', body: { Description: 'b' }, id: 2 },
		];
		expect(await (await postBatch(batchBody([ops]))).text()).toMatch(/HTTP\/1\.1 404/);
		expect(sandbox.records('CustomerGroups').some((g) => g.CustomerGroupId === 'REF')).toBe(false);
		await admin('PUT', ['switches'], { contentIdReferences: true });
		expect(await (await postBatch(batchBody([ops]))).text()).toMatch(/HTTP\/1\.1 204/);
		expect(
			sandbox.records('CustomerGroups').find((g) => g.CustomerGroupId === 'REF')?.Description,
		).toBe('b');
	});

	it('a throttled part comes back as 429 with Retry-After inside a 200 batch', async () => {
		faults.add({ route: 'odata.CustomerGroups.create', throttle: 1, retryAfterSeconds: 9 });
		const res = await postBatch(
			batchBody([
				[
					{
						method: 'POST',
						url: 'CustomerGroups',
						body: { CustomerGroupId: 'T1', Description: 't' },
						id: 1,
					},
				],
			]),
		);
		expect(res.status).toBe(200);
		const text = await res.text();
		expect(text).toMatch(/HTTP\/1\.1 429 Too Many Requests\r\n[\s\S]*Retry-After: 9/);
		expect(sandbox.records('CustomerGroups').some((g) => g.CustomerGroupId === 'T1')).toBe(false);
	});
});

describe('throttling and faults', () => {
	it('429 + Retry-After when the request budget is spent', async () => {
		await admin('PUT', ['switches'], { requestBudget: 2, retryAfterSeconds: 30 });
		expect((await call('GET', 'Currencies')).status).toBe(200);
		expect((await call('GET', 'Currencies')).status).toBe(200);
		const third = await call('GET', 'Currencies');
		expect(third.status).toBe(429);
		expect(third.headers.get('retry-after')).toBe('30');
		expect(third.json.error.message).toBe(
			'Number of requests exeeded the limit of 2 over the time window of 300 seconds.',
		);
	});

	it('timeout after commit: the order lands, the client never hears back', async () => {
		faults.add({ route: 'odata.SalesOrderHeadersV2.create', timeoutAfterCommit: 1 });
		await expect(
			call('POST', 'SalesOrderHeadersV2', {
				OrderingCustomerAccountNumber: 'WEB-GUEST',
				CustomersOrderReference: 'BC-TAC',
			}),
		).rejects.toThrow();
		expect(
			sandbox.records('SalesOrderHeadersV2').filter((o) => o.CustomersOrderReference === 'BC-TAC'),
		).toHaveLength(1);
	});

	const orderAt = (reference: string) =>
		sandbox.records('SalesOrderHeadersV2').filter((o) => o.CustomersOrderReference === reference);
	const postOrder = (reference: string, signal?: AbortSignal) =>
		fetch(`${env}/data/SalesOrderHeadersV2`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				OrderingCustomerAccountNumber: 'WEB-GUEST',
				CustomersOrderReference: reference,
			}),
			signal,
		});
	const until = async (done: () => boolean) => {
		while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
	};

	it('commit after the client gave up: invisible until commitDelayMs after the client left', async () => {
		faults.add({
			route: 'odata.SalesOrderHeadersV2.create',
			timeoutAfterCommit: 1,
			commitDelayMs: 150,
		});
		await expect(postOrder('BC-LATE', AbortSignal.timeout(50))).rejects.toThrow();
		expect(orderAt('BC-LATE')).toHaveLength(0); // the client gave up; nothing committed yet
		await until(() => orderAt('BC-LATE').length > 0);
		expect(orderAt('BC-LATE')).toHaveLength(1);
	});

	it('lineLatencyMs: a write answers after its records are written, and lands without a client', async () => {
		await admin('PUT', ['switches'], { lineLatencyMs: 120 });
		await expect(postOrder('BC-SLOW', AbortSignal.timeout(30))).rejects.toThrow();
		expect(orderAt('BC-SLOW')).toHaveLength(0);
		await until(() => orderAt('BC-SLOW').length > 0);
		const answered = await postOrder('BC-SLOW-2');
		expect(answered.status).toBe(201);
		expect(orderAt('BC-SLOW-2')).toHaveLength(1);
	});

	it('injected 503 is an HTML gateway page; 500 the F&O JSON envelope', async () => {
		faults.add({ route: 'odata.Currencies', errorRate: 1, errorStatus: 503 });
		const res = await call('GET', 'Currencies');
		expect(res.status).toBe(503);
		expect(res.headers.get('content-type')).toMatch(/text\/html/);
	});

	it('401 without a token or with a token for another audience', async () => {
		token = '';
		expect((await call('GET', 'Currencies')).status).toBe(401);
		token = sandbox.entra.mintAccessToken({ aud: `${env}/` });
		expect((await call('GET', 'Currencies')).status).toBe(401);
	});
});
