/**
 * The F&O node's editor lists against the sandbox, as n8n's editor calls them (a load-options
 * context with the node's current parameters): the Legal Entity list starts with the credential's
 * default (the empty value the shipped workflows hold), the customer group and shipping charge
 * item lists read the node's legal entity and keep a saved value F&O does not know, and every
 * value the shipped workflows hold in these fields is in its list (no "value not supported").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import { createContext } from '../../support/n8n/context';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';

let fx: SandboxFixture;
beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(() => fx.close());

type ListMethod = 'getLegalEntities' | 'getCustomerGroups' | 'getChargeItems';
const { loadOptions } = new MicrosoftDynamicsFo().methods;

/** A load-options context: the node's current parameters, the credentials as given. */
async function list(
	method: ListMethod,
	parameters: IDataObject,
	foCredentials: IDataObject = fx.foCredentials,
): Promise<INodePropertyOptions[]> {
	const credentials = {
		...fx.credentials,
		microsoftDynamicsFoApi: { ...fx.credentials.microsoftDynamicsFoApi, data: foCredentials },
	};
	const context = {
		...createContext({ parameters, credentials: credentials as never }),
		getCurrentNodeParameter: (path: string) =>
			path.split('.').reduce<unknown>((v, k) => (v as IDataObject | undefined)?.[k], parameters),
	};
	return await loadOptions[method].call(context as never);
}

const d365Filters = (since: number) =>
	fx.requests('d365', since).map((r) => decodeURIComponent(String(r.query.$filter ?? '')));

describe('Legal Entity list', () => {
	it("starts with the credential's default (the empty value), then every company by name", async () => {
		expect(await list('getLegalEntities', {})).toEqual([
			{
				name: "Credential's Default (usmf)",
				value: '',
				description: 'The Default Legal Entity of the F&O credential, now usmf',
			},
			{ name: 'Contoso Entertainment System Germany (demf)', value: 'demf' },
			{ name: 'Contoso Entertainment System USA (usmf)', value: 'usmf' },
		]);
	});

	it('says so when the credential names no default', async () => {
		const [first, ...companies] = await list(
			'getLegalEntities',
			{},
			{ ...fx.foCredentials, dataAreaId: '' },
		);
		expect(first).toEqual({
			name: "Credential's Default (None Set)",
			value: '',
			description:
				'The credential has no Default Legal Entity: choose a company here, or set one in the credential',
		});
		expect(companies.map((c) => c.value)).toEqual(['demf', 'usmf']);
	});
});

describe('Customer Group list', () => {
	it("lists the groups of the node's legal entity, else of the credential's default", async () => {
		const since = fx.lastSeq();
		expect(
			await list('getCustomerGroups', { dataAreaId: 'demf', options: { customerGroupId: 'WEB' } }),
		).toEqual([
			{ name: '10: Wholesale customers', value: '10' },
			{ name: '30: Retail customers', value: '30' },
			{ name: 'WEB: Web shop customers', value: 'WEB' },
		]);
		await list('getCustomerGroups', { dataAreaId: '' });
		expect(d365Filters(since)).toEqual(["dataAreaId eq 'demf'", "dataAreaId eq 'usmf'"]);
	});

	it('keeps a saved group F&O does not have, marked, at the top; an expression is not listed', async () => {
		const groups = await list('getCustomerGroups', { options: { customerGroupId: 'VIP' } });
		expect(groups[0]).toEqual({ name: 'VIP (Not Found in usmf)', value: 'VIP' });
		expect(groups.slice(1).map((g) => g.value)).toEqual(['10', '30', 'WEB']);
		const withExpression = await list('getCustomerGroups', {
			options: { customerGroupId: '={{ $json.group }}' },
		});
		expect(withExpression.map((g) => g.value)).toEqual(['10', '30', 'WEB']);
	});
});

describe('Shipping Charge Item list', () => {
	it('lists the service items of the legal entity (not the stocked products), keeping a saved one', async () => {
		const since = fx.lastSeq();
		expect(await list('getChargeItems', { shippingItemNumber: 'SHIPPING' })).toEqual([
			{ name: 'GIFTWRAP', value: 'GIFTWRAP' },
			{ name: 'SALESTAX', value: 'SALESTAX' },
			{ name: 'SHIPPING', value: 'SHIPPING' },
		]);
		expect(d365Filters(since)).toEqual([
			"dataAreaId eq 'usmf' and ProductType eq Microsoft.Dynamics.DataEntities.EcoResProductType'Service'",
		]);
		const kept = await list('getChargeItems', {
			dataAreaId: 'demf',
			shippingItemNumber: 'FREIGHT',
		});
		expect(kept.map((i) => i.name)).toEqual([
			'FREIGHT (Not Found in demf)',
			'GIFTWRAP',
			'SALESTAX',
			'SHIPPING',
		]);
	});
});

describe('shipped workflows', () => {
	const FIELDS: Array<{ method: ListMethod; value: (p: IDataObject) => unknown }> = [
		{ method: 'getLegalEntities', value: (p) => p.dataAreaId },
		{
			method: 'getCustomerGroups',
			value: (p) => (p.options as IDataObject | undefined)?.customerGroupId,
		},
		{ method: 'getChargeItems', value: (p) => p.shippingItemNumber },
	];

	it('hold in every listed field a value of its list (or an expression)', async () => {
		const checked: string[] = [];
		for (const file of ['order-sync', 'refund-sync', 'customer-sync', 'backfill']) {
			const workflow = JSON.parse(
				readFileSync(join(__dirname, '../../../workflows', `${file}.json`), 'utf8'),
			) as { nodes: IDataObject[] };
			for (const node of workflow.nodes) {
				if (!String(node.type).endsWith('.microsoftDynamicsFo')) continue;
				const parameters = node.parameters as IDataObject;
				for (const { method, value } of FIELDS) {
					const saved = value(parameters);
					if (saved === undefined || String(saved).startsWith('=')) continue;
					const values = (await list(method, parameters)).map((o) => o.value);
					expect({
						file,
						node: node.name,
						method,
						saved,
						found: values.includes(saved as string),
					}).toEqual({ file, node: node.name, method, saved, found: true });
					checked.push(`${file}/${String(node.name)}/${method}`);
				}
			}
		}
		// Every F&O node's legal entity, and the customer group and shipping item where set.
		expect(checked.filter((c) => c.endsWith('getLegalEntities')).length).toBeGreaterThanOrEqual(6);
		expect(checked.some((c) => c.endsWith('getCustomerGroups'))).toBe(true);
		expect(checked.some((c) => c.endsWith('getChargeItems'))).toBe(true);
	});
});
