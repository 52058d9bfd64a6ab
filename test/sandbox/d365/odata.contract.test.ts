/**
 * F&O OData contract of the sandbox: served records match the sandbox's entity model
 * (model.contract.test.ts holds the model to F&O's entity metadata), empty values are F&O's
 * defaults, and F&O's error envelopes are reproduced word for word, checked against the research
 * note that quotes them. The pack's error handling is written against these shapes, so a drift here
 * would hide a real-F&O failure.
 */
import { readFileSync } from 'node:fs';

import { sharedPath, itWithShared } from '../../support/specs';
import { SERVED_ENTITY_SETS } from './metadata';
import { useD365Sandbox } from './testSupport';

/** The research note on F&O's OData service, which quotes F&O's error envelopes. */
const D365_RESEARCH = 'research/d365-odata.md';

const d365 = useD365Sandbox();
const { call, admin } = d365;

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
			const def = d365.sandbox.model.get(set);
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
