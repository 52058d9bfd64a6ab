/** The generic entity resource against the sandbox: keys, company scoping, CRUD. */
import type { IDataObject } from 'n8n-workflow';

import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { itWithShared } from '../../support/specs';
import { runNode, unknownProperties, writesSince } from './support';

let fixture: SandboxFixture;

beforeAll(async () => {
	fixture = await startSandboxFixture();
});
afterAll(async () => await fixture.close());
beforeEach(async () => await fixture.reset());

const base = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'entity',
	operation,
	dataAreaId: 'usmf',
	entitySet: 'CustomerGroups',
	companySpecific: true,
	options: {},
	...extra,
});
const key = (name: string, value: string | number, type = 'string') => ({
	name,
	value: String(value),
	type,
});

describe('entity: any entity set', () => {
	it('get many reads the chosen company (cross-company + dataAreaId filter) unless All Companies', async () => {
		const usmf = await runNode(fixture, base('getAll', { returnAll: true }));
		expect(usmf.length).toBeGreaterThan(0);
		expect(new Set(usmf.map((r) => r.dataAreaId))).toEqual(new Set(['usmf']));

		// demf is not the service user's default company: only cross-company reads reach it.
		const demf = await runNode(fixture, base('getAll', { dataAreaId: 'demf', returnAll: true }));
		expect(new Set(demf.map((r) => r.dataAreaId))).toEqual(new Set(['demf']));

		const all = await runNode(
			fixture,
			base('getAll', { returnAll: true, options: { allCompanies: true } }),
		);
		expect(all).toHaveLength(usmf.length + demf.length);

		const filtered = await runNode(
			fixture,
			base('getAll', {
				returnAll: true,
				options: {
					filter: "CustomerGroupId eq 'WEB' or CustomerGroupId eq '10'",
					select: 'CustomerGroupId',
					orderBy: 'CustomerGroupId desc',
				},
			}),
		);
		// The own filter is grouped, so its `or` cannot escape the company filter.
		expect(filtered).toEqual([
			expect.objectContaining({ CustomerGroupId: 'WEB' }),
			expect.objectContaining({ CustomerGroupId: '10' }),
		]);
		expect(filtered.every((r) => r.Description === undefined)).toBe(true);

		const limited = await runNode(fixture, base('getAll', { returnAll: false, limit: 2 }));
		expect(limited).toHaveLength(2);
	});

	it('sets without a company are read as they are', async () => {
		const currencies = await runNode(
			fixture,
			base('getAll', { entitySet: 'Currencies', companySpecific: false, returnAll: true }),
		);
		expect(currencies.map((c) => c.CurrencyCode)).toEqual(expect.arrayContaining(['USD', 'EUR']));
	});

	itWithShared(ENTITY_CATALOGUE)(
		'create, get, update, delete by the full key; dataAreaId from the legal entity',
		async () => {
			const since = fixture.lastSeq();
			const [created] = await runNode(
				fixture,
				base('create', {
					dataAreaId: 'demf',
					fields: { CustomerGroupId: 'B2B', Description: 'Business' },
				}),
			);
			expect(created).toMatchObject({
				dataAreaId: 'demf',
				CustomerGroupId: 'B2B',
				Description: 'Business',
			});
			expect((created.audit as IDataObject).action).toBe('created');
			expect(unknownProperties(writesSince(fixture, since))).toEqual([]);

			const keys = { key: [key('CustomerGroupId', 'B2B')] };
			const [got] = await runNode(fixture, base('get', { dataAreaId: 'demf', keys }));
			expect(got).toMatchObject({ dataAreaId: 'demf', CustomerGroupId: 'B2B' });
			const [notInUsmf] = await runNode(fixture, base('get', { keys }));
			expect(notInUsmf).toMatchObject({ found: false });

			const [updated] = await runNode(
				fixture,
				base('update', {
					dataAreaId: 'demf',
					keys,
					fields: '{"Description":"Business customers"}',
				}),
			);
			expect(updated).toMatchObject({
				updated: true,
				keys: { dataAreaId: 'demf', CustomerGroupId: 'B2B' },
			});
			expect(
				(await fixture.records('CustomerGroups', 'demf')).find((g) => g.CustomerGroupId === 'B2B')
					?.Description,
			).toBe('Business customers');

			const [deleted] = await runNode(fixture, base('delete', { dataAreaId: 'demf', keys }));
			expect(deleted.deleted).toBe(true);
			const [again] = await runNode(fixture, base('delete', { dataAreaId: 'demf', keys }));
			expect(again.deleted).toBe(false);
		},
	);

	it('numeric keys (RecIds, line numbers) and every key field: a missing one is an error', async () => {
		const header = await fixture.admin('POST', '/d365/entities/FreeTextInvoiceHeaders', {
			dataAreaId: 'usmf',
			InvoiceIdentifier: 5637145331,
			CustomerAccount: 'WEB-GUEST',
		});
		const [got] = await runNode(
			fixture,
			base('get', {
				entitySet: 'FreeTextInvoiceHeaders',
				keys: { key: [key('InvoiceIdentifier', header.InvoiceIdentifier, 'number')] },
			}),
		);
		expect(got).toMatchObject({ InvoiceIdentifier: 5637145331, CustomerAccount: 'WEB-GUEST' });

		await fixture.admin('POST', '/d365/entities/CustomerPaymentJournalLines', {
			dataAreaId: 'usmf',
			JournalBatchNumber: 'J1',
			LineNumber: 1,
		});
		const partial = await runNode(
			fixture,
			base('get', {
				entitySet: 'CustomerPaymentJournalLines',
				keys: { key: [key('JournalBatchNumber', 'J1')] },
			}),
			{ continueOnFail: true },
		);
		expect(String((partial[0].error as IDataObject).message)).toMatch(/number of keys/i);
		const [line] = await runNode(
			fixture,
			base('get', {
				entitySet: 'CustomerPaymentJournalLines',
				keys: { key: [key('JournalBatchNumber', 'J1'), key('LineNumber', 1, 'number')] },
			}),
		);
		expect(line).toMatchObject({ JournalBatchNumber: 'J1', LineNumber: 1 });
	});

	it('a dry run plans the request and writes nothing; a bad entity set name is refused', async () => {
		const since = fixture.lastSeq();
		const [planned] = await runNode(
			fixture,
			base('update', {
				keys: { key: [key('CustomerGroupId', 'WEB')] },
				fields: { Description: 'x' },
				options: { dryRun: true },
			}),
		);
		expect(planned.plannedRequests).toEqual([
			{
				method: 'PATCH',
				path: "/data/CustomerGroups(dataAreaId='usmf',CustomerGroupId='WEB')",
				body: { Description: 'x' },
			},
		]);
		expect(
			fixture
				.requests('d365', since)
				.filter((r) => r.method !== 'GET' && !r.path.includes('token')),
		).toEqual([]);

		const bad = await runNode(fixture, base('getAll', { entitySet: 'CustomerGroups?$top=1' }), {
			continueOnFail: true,
		});
		expect(String((bad[0].error as IDataObject).message)).toMatch(/not an entity set name/);
	});
});
