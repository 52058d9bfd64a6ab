/**
 * The F&O node's resource-locator search lists against the sandbox, called as n8n's editor calls
 * them (a load-options context with the node's current parameters and the typed text): customers,
 * released products (also the SKU Mapping's Item Number), sites, warehouses (of the chosen site)
 * and customer payment journal names, each of the node's legal entity, else the credential's
 * default. The typed text is searched in F&O with its `eq '*text*'` contains over the id and the
 * name (the $filter is read back from the sandbox's request log), never by downloading the list.
 */
import type { IDataObject, INodeListSearchResult, INodePropertyCollection } from 'n8n-workflow';

import { SEARCH_LIST_SIZE } from '../../../nodes/MicrosoftDynamicsFo/actions/listSearch';
import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import { createContext } from '../../support/n8n/context';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';

let fx: SandboxFixture;
beforeAll(async () => {
	fx = await startSandboxFixture();
	// Two customers of usmf besides the seeded web guest: an organisation and a person.
	for (const customer of [
		{
			CustomerAccount: 'US-101',
			OrganizationName: 'Summit Guides',
			PartyType: 'Organization',
			PrimaryContactEmail: 'purchasing@summitguides.example.com',
		},
		{
			CustomerAccount: 'US-102',
			PersonFirstName: 'Ava',
			PersonLastName: 'Thompson',
			PartyType: 'Person',
			PrimaryContactEmail: 'ava.thompson@example.com',
		},
	]) {
		await fx.admin('POST', '/d365/entities/CustomersV3', {
			dataAreaId: 'usmf',
			CustomerGroupId: 'WEB',
			SalesCurrencyCode: 'USD',
			...customer,
		});
	}
});
afterAll(() => fx.close());

type SearchMethod =
	| 'searchCustomers'
	| 'searchReleasedProducts'
	| 'searchSites'
	| 'searchWarehouses'
	| 'searchPaymentJournalNames';
const { listSearch } = new MicrosoftDynamicsFo().methods;

async function search(
	method: SearchMethod,
	parameters: IDataObject,
	filter?: string,
): Promise<INodeListSearchResult> {
	const context = {
		...createContext({ parameters, credentials: fx.credentials }),
		getCurrentNodeParameter: (path: string) =>
			path.split('.').reduce<unknown>((v, k) => (v as IDataObject | undefined)?.[k], parameters),
	};
	return await listSearch![method].call(context as never, filter);
}

const values = (result: INodeListSearchResult) => result.results.map((r) => r.value);

/** The $filter of each F&O query since `since`, decoded. */
const filters = (since: number) =>
	fx
		.requests('d365', since)
		.filter((r) => r.query.$filter !== undefined)
		.map((r) => decodeURIComponent(String(r.query.$filter)));

describe('Customer list', () => {
	it("lists the legal entity's customers by account, each with its organisation's or person's name", async () => {
		const { results } = await search('searchCustomers', {});
		expect(results).toEqual([
			{ name: 'US-101: Summit Guides', value: 'US-101' },
			{ name: 'US-102: Ava Thompson', value: 'US-102' },
			{ name: 'WEB-GUEST: Web shop guest', value: 'WEB-GUEST' },
		]);
	});

	it('narrows in F&O by account, name or email, case-insensitively', async () => {
		const since = fx.lastSeq();
		expect(values(await search('searchCustomers', {}, 'thomp'))).toEqual(['US-102']);
		expect(values(await search('searchCustomers', {}, 'SUMMITGUIDES.example'))).toEqual(['US-101']);
		expect(values(await search('searchCustomers', {}, 'us-10'))).toEqual(['US-101', 'US-102']);
		expect(values(await search('searchCustomers', {}, 'nobody'))).toEqual([]);
		expect(filters(since)[0]).toBe(
			"dataAreaId eq 'usmf' and (CustomerAccount eq '*thomp*' or OrganizationName eq '*thomp*' or PersonLastName eq '*thomp*' or PrimaryContactEmail eq '*thomp*')",
		);
	});

	it("reads the node's legal entity: demf has only its web guest", async () => {
		expect(values(await search('searchCustomers', { dataAreaId: 'demf' }))).toEqual(['WEB-GUEST']);
	});

	it("a quote in the typed text is escaped, not an injection into F&O's filter", async () => {
		const since = fx.lastSeq();
		expect(values(await search('searchCustomers', {}, "o'brien"))).toEqual([]);
		expect(filters(since)[0]).toContain("CustomerAccount eq '*o''brien*'");
	});
});

describe('Released product list (Item Number, also in the SKU Mapping)', () => {
	it('finds a catalogue product by a part of its item number, the charge items too', async () => {
		expect(values(await search('searchReleasedProducts', {}, 'tent-2p'))).toEqual([
			'TENT-2P-ALPINE',
		]);
		expect(values(await search('searchReleasedProducts', {}, 'SHIPP'))).toEqual(['SHIPPING']);
	});

	it(`shows at most ${SEARCH_LIST_SIZE} entries, in item-number order, asked of F&O with $top`, async () => {
		const since = fx.lastSeq();
		const listed = values(await search('searchReleasedProducts', {}));
		expect(listed.length).toBeGreaterThan(5);
		expect(listed.length).toBeLessThanOrEqual(SEARCH_LIST_SIZE);
		expect(listed).toEqual([...listed].sort());
		const [query] = fx.requests('d365', since);
		expect(Number(query.query.$top)).toBeLessThanOrEqual(SEARCH_LIST_SIZE);
		expect(decodeURIComponent(String(query.query.$orderby))).toBe('ItemNumber');
	});

	it('the SKU Mapping rows search the same list: their Item Number is a locator of it', () => {
		const mapping = new MicrosoftDynamicsFo().description.properties.find(
			(p) => p.name === 'skuMapping',
		);
		const row = (mapping?.options as INodePropertyCollection[])[0].values;
		const itemNumber = row.find((f) => f.name === 'itemNumber');
		expect(itemNumber?.type).toBe('resourceLocator');
		expect(itemNumber?.modes?.[0]).toMatchObject({
			type: 'list',
			typeOptions: { searchListMethod: 'searchReleasedProducts', searchable: true },
		});
	});
});

describe('Site and Warehouse lists', () => {
	it('lists the sites by id and name, narrowed by the typed text', async () => {
		expect((await search('searchSites', {})).results).toEqual([
			{ name: '1: Site 1', value: '1' },
			{ name: '2: Site 2', value: '2' },
		]);
		expect(values(await search('searchSites', {}, '2'))).toEqual(['2']);
	});

	it('lists every warehouse with its site, or only those of the Site chosen in the options', async () => {
		expect((await search('searchWarehouses', {})).results).toEqual([
			{ name: '11: Main warehouse (site 1)', value: '11' },
			{ name: '13: Returns warehouse (site 1)', value: '13' },
			{ name: '21: Regional warehouse (site 2)', value: '21' },
		]);
		const bySite = { options: { siteId: { __rl: true, mode: 'list', value: '1' } } };
		expect(values(await search('searchWarehouses', bySite))).toEqual(['11', '13']);
		expect(values(await search('searchWarehouses', bySite, 'return'))).toEqual(['13']);
		// A site given as an expression is not known in the editor: every warehouse is offered.
		const byExpression = { options: { siteId: '={{ $json.site }}' } };
		expect(values(await search('searchWarehouses', byExpression))).toEqual(['11', '13', '21']);
	});
});

describe('Payment journal name list', () => {
	it('lists only journal names of type Customer payment, narrowed by name or description', async () => {
		expect((await search('searchPaymentJournalNames', {})).results).toEqual([
			{ name: 'ARPay: Customer payments', value: 'ARPay' },
			{ name: 'CustPay: Web shop payments', value: 'CustPay' },
		]);
		expect(values(await search('searchPaymentJournalNames', {}, 'web shop'))).toEqual(['CustPay']);
		expect(values(await search('searchPaymentJournalNames', {}, 'general'))).toEqual([]);
	});
});
