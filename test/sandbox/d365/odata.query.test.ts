/**
 * F&O OData reads in the sandbox: the seeded catalogue, company scoping (cross-company, dataAreaId
 * case), key access, and the query options the pack sends ($filter, $select, $count, $top/$skip,
 * server-driven paging with @odata.nextLink), each as F&O answers them.
 */
import { foReleasedProducts, foReleasedProductVariants } from '../catalog';
import { FO_CHARGE_ITEMS } from './seed';
import { useD365Sandbox } from './testSupport';

const d365 = useD365Sandbox();
const { call, admin } = d365;

describe('seed', () => {
	it('released products and variants are the catalogue mapped ones, in usmf', async () => {
		const items = d365.sandbox.records('ReleasedProductsV2', 'usmf').map((r) => r.ItemNumber);
		expect(items.sort()).toEqual(
			[
				...foReleasedProducts().map((p) => p.ItemNumber),
				...FO_CHARGE_ITEMS.map((c) => c.ItemNumber),
			].sort(),
		);
		const variants = d365.sandbox
			.records('ReleasedProductVariantsV2', 'usmf')
			.map((r) => r.ProductVariantNumber);
		expect(variants.sort()).toEqual(
			foReleasedProductVariants()
				.map((v) => v.ProductVariantNumber)
				.sort(),
		);
		expect(d365.sandbox.records('Currencies').map((c) => c.CurrencyCode)).not.toContain('JPY');
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
			`${d365.env}/data/$metadata#CustomerGroups(CustomerGroupId,Description)`,
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
		let url: string | undefined = `${d365.env}/data/ReleasedProductsV2?$select=ItemNumber`;
		let pages = 0;
		while (url) {
			const res = await fetch(url, { headers: { Authorization: `Bearer ${d365.token}` } });
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
