/**
 * The editor's lists served by a real n8n 2.x with the pack installed, asked the way the editor
 * asks when a person opens a field (the owner's POST /rest/dynamic-node-parameters/options and
 * /resource-locator-results, with the imported sandbox credentials): the Legal Entity list opens on
 * the credential's default, the SKU Mapping row's Item Number (a locator inside a table row)
 * searches F&O's released products, the warehouses follow the chosen site, and the BigCommerce
 * order list finds an order by number. n8n's node catalogue offers both action nodes as AI tools
 * and neither trigger. In Debian's Chromium, the saved row's Item Number shows as a searchable
 * locator without an issue marker and its list finds the product typed.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { openEditor, openNode, parameterIssues } from './support/editorBrowser';
import { REPO_ROOT } from './support/hosts';
import { CREDENTIAL_REFS, startPackE2e, type PackE2e } from './support/pack-e2e';

jest.setTimeout(5 * 60_000);

const PACKAGE = 'n8n-nodes-bigcommerce-d365';
const FO = { name: `${PACKAGE}.microsoftDynamicsFo`, version: 1 };
const BC = { name: `${PACKAGE}.bigCommerce`, version: 1 };
const FO_CREDENTIALS = { microsoftDynamicsFoApi: CREDENTIAL_REFS.fo };
const BC_CREDENTIALS = { bigCommerceApi: CREDENTIAL_REFS.bigCommerce };

const SKU_MAPPING_WORKFLOW = join(
	REPO_ROOT,
	'test',
	'e2e',
	'fixtures',
	'sku-mapping.workflow.json',
);

let e2e: PackE2e;

beforeAll(async () => {
	// Nothing to publish: the lists need the pack, its two credentials and, for the browser, one
	// workflow with a SKU Mapping row.
	e2e = await startPackE2e({
		n8n: { workflows: [SKU_MAPPING_WORKFLOW], activate: [], ready: undefined },
	});
}, 15 * 60_000);

afterAll(async () => {
	await e2e?.stop();
}, 120_000);

type Entry = { name: string; value: string };

async function ask<T>(route: string, body: IDataObject): Promise<T> {
	const answer = await e2e.n8n.rest('POST', `/dynamic-node-parameters/${route}`, body);
	if (answer.status !== 200)
		throw new Error(
			`${route} ${String(body.methodName)}: ${answer.status} ${JSON.stringify(answer.body)}`,
		);
	return (answer.body as { data: T }).data;
}

const searchFo = async (
	methodName: string,
	path: string,
	currentNodeParameters: IDataObject,
	filter?: string,
): Promise<string[]> =>
	(
		await ask<{ results: Entry[] }>('resource-locator-results', {
			nodeTypeAndVersion: FO,
			path,
			methodName,
			filter,
			currentNodeParameters,
			credentials: FO_CREDENTIALS,
		})
	).results.map((r) => r.value);

const salesOrder = { resource: 'salesOrder', operation: 'create', dataAreaId: '' };

describe('the F&O node in the real editor', () => {
	it("the Legal Entity list opens on the credential's default, then the companies", async () => {
		const options = await ask<Entry[]>('options', {
			nodeTypeAndVersion: FO,
			path: 'parameters.dataAreaId',
			methodName: 'getLegalEntities',
			currentNodeParameters: salesOrder,
			credentials: FO_CREDENTIALS,
		});
		expect(options.map((o) => [o.name, o.value])).toEqual([
			["Credential's Default (usmf)", ''],
			['Contoso Entertainment System Germany (demf)', 'demf'],
			['Contoso Entertainment System USA (usmf)', 'usmf'],
		]);
	});

	it("a SKU Mapping row's Item Number searches the legal entity's released products", async () => {
		const row = { sku: 'POLES', itemNumber: { __rl: true, mode: 'list', value: '' } };
		const found = await searchFo(
			'searchReleasedProducts',
			'parameters.skuMapping.entries[0].itemNumber',
			{ ...salesOrder, skuMapping: { entries: [row] } },
			'tent-2p',
		);
		expect(found).toEqual(['TENT-2P-ALPINE']);
	});

	it('the Warehouse list shows the warehouses of the Site chosen in the options', async () => {
		const options = { siteId: { __rl: true, mode: 'list', value: '1' } };
		expect(
			await searchFo('searchWarehouses', 'parameters.options.warehouseId', {
				...salesOrder,
				options,
			}),
		).toEqual(['11', '13']);
		expect(await searchFo('searchSites', 'parameters.options.siteId', salesOrder)).toEqual([
			'1',
			'2',
		]);
	});

	it('the payment Journal Name list offers customer payment journals only', async () => {
		expect(
			await searchFo('searchPaymentJournalNames', 'parameters.journalName', {
				resource: 'payment',
				operation: 'post',
				dataAreaId: '',
			}),
		).toEqual(['ARPay', 'CustPay']);
	});
});

describe('the BigCommerce node in the real editor', () => {
	it('the Order list finds an order by its number', async () => {
		const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
			customer_id: 1,
			lines: [{ sku: 'TENT-2P-ALPINE' }],
		});
		const { results } = await ask<{ results: Entry[] }>('resource-locator-results', {
			nodeTypeAndVersion: BC,
			path: 'parameters.orderId',
			methodName: 'searchOrders',
			filter: String(created.id),
			currentNodeParameters: { resource: 'order', operation: 'get' },
			credentials: BC_CREDENTIALS,
		});
		expect(results.map((r) => r.value)).toEqual([String(created.id)]);
		expect(results[0].name.startsWith(`${String(created.id)} · `)).toBe(true);
	});
});

describe("n8n's node catalogue", () => {
	it('offers both action nodes as AI tools, and neither trigger', async () => {
		const catalogue = await e2e.n8n.http<Array<{ name: string }>>('GET', '/types/nodes.json');
		expect(catalogue.status).toBe(200);
		const ours = catalogue.body.map((n) => n.name).filter((n) => n.startsWith(`${PACKAGE}.`));
		expect(ours.filter((n) => n.endsWith('Tool')).sort()).toEqual([
			`${PACKAGE}.bigCommerceTool`,
			`${PACKAGE}.microsoftDynamicsFoTool`,
		]);
	});
});

describe('in the browser', () => {
	it("a saved SKU Mapping row's Item Number is a searchable locator, with no issue marker", async () => {
		const editor = await openEditor(e2e.n8n);
		const { page } = editor;
		try {
			await editor.open('/workflow/e2eSkuMapping01');
			await openNode(page, 'Sales order');
			const locator = page.locator(
				'[data-test-id="ndv"] [data-test-id="resource-locator-itemNumber"]',
			);
			await locator.first().waitFor({ state: 'visible' });
			expect(await parameterIssues(page)).toEqual([]);
			await locator.first().locator('[data-test-id="rlc-input"]').first().click();
			const search = page.locator('[data-test-id="rlc-search"]').first();
			await search.waitFor({ state: 'visible' });
			const isInput = await search.evaluate((el: { tagName: string }) => el.tagName === 'INPUT');
			await (isInput ? search : search.locator('input').first()).fill('tent-2p');
			await page
				.locator('[data-test-id="rlc-item"]', { hasText: 'TENT-2P-ALPINE' })
				.first()
				.waitFor({ state: 'visible', timeout: 20_000 });
		} catch (error) {
			const picture = join(tmpdir(), `editorLists-sku-mapping-${Date.now()}.png`);
			await page.screenshot({ path: picture }).catch(() => undefined);
			process.stderr.write(`editorLists: the editor at the failure: ${picture}\n`);
			throw error;
		} finally {
			await editor.close();
		}
	});
});
