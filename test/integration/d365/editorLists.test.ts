/**
 * The F&O node's editor lists against the sandbox, as n8n's editor calls them (a load-options
 * context with the node's current parameters): the Legal Entity list starts with the credential's
 * default (the empty value the shipped workflows hold), the customer group and shipping charge
 * item lists read the node's legal entity and keep a saved value F&O does not know (the charge-item
 * list: of every field it serves), and every value the files of workflows/ hold in any field fed by
 * these lists is in its list (no "value not supported").
 */
import { readdirSync, readFileSync } from 'node:fs';
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

	it('keeps the saved value of every field it serves (tax item, fee, handling, wrapping, gift certificate), once each', async () => {
		const kept = await list('getChargeItems', {
			shippingItemNumber: 'SHIPPING',
			taxItemNumber: 'TAXLIAB',
			options: {
				feeItemNumber: 'FEES',
				handlingItemNumber: 'FEES',
				wrappingItemNumber: 'GIFTWRAP',
				giftCertificateItemNumber: '={{ $json.item }}',
			},
		});
		expect(kept.map((i) => i.value)).toEqual([
			'TAXLIAB',
			'FEES',
			'GIFTWRAP',
			'SALESTAX',
			'SHIPPING',
		]);
		expect(kept[1].name).toBe('FEES (Not Found in usmf)');
	});
});

describe('shipped workflows', () => {
	/** Every field of the node fed by one of these lists, as a path (Options collection included). */
	function listFields(): Array<{ method: ListMethod; path: string[] }> {
		const fields: Array<{ method: ListMethod; path: string[] }> = [];
		for (const p of new MicrosoftDynamicsFo().description.properties) {
			const method = p.typeOptions?.loadOptionsMethod as ListMethod | undefined;
			if (method) fields.push({ method, path: [p.name] });
			if (p.type === 'collection')
				for (const child of (p.options ?? []) as Array<{
					name: string;
					typeOptions?: IDataObject;
				}>) {
					const inner = child.typeOptions?.loadOptionsMethod as ListMethod | undefined;
					if (inner) fields.push({ method: inner, path: [p.name, child.name] });
				}
		}
		return fields;
	}

	it('hold in every listed field a value of its list (or an expression)', async () => {
		const fields = listFields();
		expect(new Set(fields.map((f) => f.method))).toEqual(
			new Set(['getLegalEntities', 'getCustomerGroups', 'getChargeItems']),
		);
		const checked: string[] = [];
		const dir = join(__dirname, '../../../workflows');
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
			const workflow = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
				nodes: IDataObject[];
			};
			for (const node of workflow.nodes) {
				if (!String(node.type).endsWith('.microsoftDynamicsFo')) continue;
				const parameters = node.parameters as IDataObject;
				for (const { method, path } of fields) {
					const saved = path.reduce<unknown>(
						(v, k) => (v as IDataObject | undefined)?.[k],
						parameters,
					);
					if (saved === undefined || String(saved).startsWith('=')) continue;
					const values = (await list(method, parameters)).map((o) => o.value);
					const field = path.join('.');
					expect({
						file,
						node: node.name,
						field,
						saved,
						found: values.includes(saved as string),
					}).toEqual({ file, node: node.name, field, saved, found: true });
					checked.push(`${file}/${String(node.name)}/${field}`);
				}
			}
		}
		// Every F&O node's legal entity, and the customer group and shipping item where set.
		expect(checked.filter((c) => c.endsWith('/dataAreaId')).length).toBeGreaterThanOrEqual(6);
		expect(checked.some((c) => c.endsWith('/options.customerGroupId'))).toBe(true);
		expect(checked.some((c) => c.endsWith('/shippingItemNumber'))).toBe(true);
		expect(new Set(checked.map((c) => c.split('/')[0])).size).toBeGreaterThanOrEqual(8);
	});
});
