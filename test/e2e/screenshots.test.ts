/**
 * The README's pictures, taken from the real n8n 2.x editor in Debian's Chromium, and what a person
 * sees checked on the way: every shipped workflow (workflows/*.json) opens on the canvas with every
 * node of this pack showing its own icon (not n8n's one-letter fallback) and no node or parameter
 * marked with an issue. The pictures are written to docs/ each time this runs, so `npm test`
 * refreshes them: the order-sync canvas, the F&O node's sales-order panel, the F&O credential form
 * (no secret visible), a successful execution and the failure Data Table with a failed order's row.
 * Without Chromium the suite fails with the install command (see support/editorBrowser.ts).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { dataTableRows, FAILURE_TABLE } from './support/dataTables';
import {
	VIEWPORT_WIDTH,
	closeNode,
	openEditor,
	openNode,
	parameterIssues,
	readCanvas,
	requireChromium,
	type EditorBrowser,
} from './support/editorBrowser';
import { REPO_ROOT } from './support/hosts';
import {
	CREDENTIAL_REFS,
	executions,
	readWorkflow,
	startPackE2e,
	waitFor,
	WORKFLOW_IDS,
	type PackE2e,
} from './support/pack-e2e';

jest.setTimeout(10 * 60_000);

const DOCS = join(REPO_ROOT, 'docs');
const PACK_PREFIX = 'n8n-nodes-bigcommerce-d365.';
const SHIPPED = readdirSync(join(REPO_ROOT, 'workflows'))
	.filter((f) => f.endsWith('.json'))
	.sort()
	.map((f) => join(REPO_ROOT, 'workflows', f));
const ORDER_SYNC = join(REPO_ROOT, 'workflows', 'order-sync.json');
const PARAMETER_ISSUE = join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'parameter-issue.workflow.json');

let e2e: PackE2e;
let editor: EditorBrowser;

beforeAll(async () => {
	requireChromium();
	e2e = await startPackE2e({
		n8n: { workflows: [...SHIPPED, PARAMETER_ISSUE], activate: Object.values(WORKFLOW_IDS) },
	});
	editor = await openEditor(e2e.n8n);
}, 25 * 60_000);

afterAll(async () => {
	await editor?.close();
	await e2e?.stop();
}, 120_000);

const ref = (orderId: unknown) =>
	`BC-${String(e2e.fx.bigCommerceCredentials.storeHash)}-${String(orderId)}`;
const salesOrder = async (orderId: unknown): Promise<IDataObject | undefined> =>
	(await e2e.fx.records('SalesOrderHeadersV2', 'usmf')).find(
		(h) => h.CustomersOrderReference === ref(orderId),
	);

/** Nodes the canvas draws as canvas nodes (sticky notes are drawn differently). */
const canvasNodes = (workflow: IDataObject) =>
	(workflow.nodes as IDataObject[]).filter((n) => n.type !== 'n8n-nodes-base.stickyNote');

/** What a person would see wrong with a workflow in the editor: pack nodes without their icon,
 *  issue markers on the canvas, parameter issues in each node's details view. */
async function editorProblems(file: string): Promise<string[]> {
	const workflow = readWorkflow(file);
	const expected = canvasNodes(workflow);
	await editor.open(`/workflow/${String(workflow.id)}`);
	const drawn = await readCanvas(editor.page, expected.length);
	expect(drawn.map((n) => n.name).sort()).toEqual(expected.map((n) => String(n.name)).sort());

	const problems: string[] = [];
	for (const node of drawn) {
		if (node.type.startsWith(PACK_PREFIX) && !['img', 'svg'].includes(node.icon))
			problems.push(`${node.name} (${node.type}): icon ${node.icon}`);
		if (node.issues) problems.push(`${node.name}: issue marker on the canvas`);
	}
	for (const node of expected) {
		await openNode(editor.page, String(node.name));
		for (const issue of await parameterIssues(editor.page))
			problems.push(`${String(node.name)}: ${issue}`);
		await closeNode(editor.page);
	}
	return problems;
}

// The pictures first: opening every node's panel (below) can make n8n autosave a draft, and the
// header would then offer "Publish" instead of showing the workflow as published.
describe('the README pictures', () => {
	it('order-sync on the canvas', async () => {
		await editor.open(`/workflow/${WORKFLOW_IDS.orderSync}`);
		await readCanvas(editor.page, canvasNodes(readWorkflow(ORDER_SYNC)).length);
		await editor.screenshot(join(DOCS, 'order-sync-canvas.png'));
	});

	it('the F&O credential form, with no secret visible', async () => {
		await editor.open(`/home/credentials/${CREDENTIAL_REFS.fo.id}`);
		const modal = editor.page.locator('[data-test-id="credential-edit-dialog"]').first();
		const opened = await modal
			.waitFor({ state: 'visible', timeout: 5_000 })
			.then(() => true)
			.catch(() => false);
		if (!opened) {
			await editor.page.getByText(CREDENTIAL_REFS.fo.name, { exact: true }).first().click();
			await modal.waitFor({ state: 'visible' });
		}
		await editor.page.waitForTimeout(1_000);
		const secret = String(e2e.fx.foCredentials.clientSecret);
		expect(secret.length).toBeGreaterThan(8);
		const shown = await modal.evaluate((el: any) => [
			el.innerText as string,
			...Array.from(el.querySelectorAll('input, textarea')).map((i: any) => String(i.value)),
		]);
		expect(shown.join('\n')).toContain(String(e2e.fx.foCredentials.clientId));
		expect(shown.filter((text) => text.includes(secret))).toEqual([]);
		await editor.screenshot(join(DOCS, 'credential-fo.png'));
		await editor.page.keyboard.press('Escape');
	});

	it('a successful order-sync execution', async () => {
		const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
			customer_id: 1,
			lines: [{ sku: 'TENT-2P-ALPINE' }, { sku: 'LAMP-HEAD-400' }],
			shipping: 12,
		});
		// The capture after the sales order, so its own execution (Later payment) finds the order.
		await waitFor('the sales order', () => salesOrder(created.id), 90_000);
		await e2e.fx.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, {
			event: 'capture',
		});
		await waitFor(
			'the payment line',
			async () =>
				(await e2e.fx.records('CustomerPaymentJournalLines', 'usmf')).find((l) =>
					String(l.PaymentReference).startsWith(`BC-${String(created.id)}-T`),
				),
			90_000,
		);
		// The order-created execution (the capture's own execution takes the Later payment path).
		const succeeded = await waitFor(
			"the order's successful order-sync execution",
			async () => {
				for (const e of await executions(e2e.n8n, WORKFLOW_IDS.orderSync)) {
					if (e.status !== 'success') continue;
					const full = await e2e.n8n.api('GET', `/executions/${String(e.id)}?includeData=true`);
					if (full.body?.data?.resultData?.runData?.['Sales order']) return e;
				}
				return undefined;
			},
			60_000,
		);
		await editor.open(`/workflow/${WORKFLOW_IDS.orderSync}/executions/${String(succeeded.id)}`);
		await readCanvas(editor.page, canvasNodes(readWorkflow(ORDER_SYNC)).length);
		await editor.page.waitForTimeout(1_000);
		await editor.screenshot(join(DOCS, 'execution-success.png'));
	});

	it('the failure table with a failed order', async () => {
		const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
			customer_id: 2,
			lines: [{ sku: 'POLES-TREK-CARBON' }],
		});
		const tableId = e2e.n8n.dataTableIds[FAILURE_TABLE.name];
		await waitFor(
			'the failure row',
			async () =>
				(await dataTableRows(e2e.n8n, tableId)).find((r) => r.orderId === String(created.id)),
			90_000,
		);
		const personal = await e2e.n8n.rest('GET', '/projects/personal');
		const projectId = String(personal.body?.data?.id ?? personal.body?.id);
		await editor.open(`/projects/${projectId}/datatables/${tableId}`);
		await editor.page
			.locator('.ag-row .ag-cell', { hasText: String(created.id) })
			.first()
			.waitFor({ state: 'visible' });
		// The grid draws only the columns in view: step right from the failed step's cell until the
		// error (which names the unknown SKU) is in view, keeping step, order id and scope beside it.
		const error = editor.page.locator('.ag-row .ag-cell', { hasText: 'POLES-TREK-CARBON' }).first();
		await editor.page.locator('.ag-row .ag-cell', { hasText: 'Sales order' }).first().click();
		// (isVisible is true for cells drawn beyond the right edge too: compare with the viewport.)
		const inView = async () => {
			const box = await error.boundingBox({ timeout: 1_000 }).catch(() => null);
			return box !== null && box.x >= 0 && box.x + box.width <= VIEWPORT_WIDTH;
		};
		for (let step = 0; step < 10 && !(await inView()); step++) {
			await editor.page.keyboard.press('ArrowRight');
			await editor.page.waitForTimeout(250);
		}
		expect(await inView()).toBe(true);
		await editor.screenshot(join(DOCS, 'failure-table.png'));
	});

	it("the F&O node's sales-order panel", async () => {
		await editor.open(`/workflow/${WORKFLOW_IDS.orderSync}`);
		await readCanvas(editor.page, canvasNodes(readWorkflow(ORDER_SYNC)).length);
		await openNode(editor.page, 'Sales order');
		const ndv = editor.page.locator('[data-test-id="ndv"]').first();
		await expect(ndv.getByText('Legal Entity', { exact: false }).first().isVisible()).resolves.toBe(
			true,
		);
		await editor.screenshot(join(DOCS, 'fo-sales-order-node.png'));
		await closeNode(editor.page);
	});
});

describe('the shipped workflows in the editor', () => {
	it('the check sees a node with a parameter issue (control)', async () => {
		const problems = await editorProblems(PARAMETER_ISSUE);
		expect(problems).toEqual(
			expect.arrayContaining([
				'Customer without account: issue marker on the canvas',
				expect.stringMatching(/^Customer without account: parameter customerAccount: /),
			]),
		);
	});

	it.each(SHIPPED.map((file) => [file.split('/').pop() as string, file]))(
		'%s: every node of the pack shows its icon, and no node or parameter shows an issue',
		async (_name, file) => {
			expect(await editorProblems(file)).toEqual([]);
		},
	);
});

// N8N_E2E_SHOTS_DEBUG=<folder>: a picture of the page after every test, to see what went wrong.
afterEach(async () => {
	const folder = process.env.N8N_E2E_SHOTS_DEBUG;
	if (!folder || !editor) return;
	const name = (expect.getState().currentTestName ?? 'test')
		.replace(/[^a-z0-9]+/gi, '-')
		.slice(0, 80);
	await editor.page.screenshot({ path: join(folder, `${name}.png`) }).catch(() => undefined);
	writeFileSync(join(folder, `${name}.html`), await editor.page.content().catch(() => ''));
});
