/**
 * The shipped reconciliation workflow in a real n8n 2.x against the sandbox with planted faults: a
 * store order never posted, one posted twice, one whose amount F&O changed and one refunded without
 * a credit note, beside orders that agree (one invoiced, one in euros, one refunded with its credit
 * note). Its schedule runs every few seconds over a range from two days before (the only changes,
 * besides the error workflow left out); the HTML it keeps in bcd365_reconciliation names each fault
 * and calls nothing else a difference, and Debian's Chromium renders it for the README
 * (docs/reconciliation-report.png). Then the repair branch, with its manual trigger on a schedule
 * too, posts the missing order through the order-sync path once, over many runs, and nothing else.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { chromium } from 'playwright-core';

import { Ledger } from '../integration/reconciliation/support';
import { startSandboxFixture, type SandboxFixture } from '../support/sandboxFixture';
import { dataTableRows } from './support/dataTables';
import { executions, sandboxCredentials, waitFor } from './support/pack-e2e';
import { CHROMIUM_ARGS, requireChromium } from './support/editorBrowser';
import { REPO_ROOT } from './support/hosts';
import { startN8n, type N8nInstance } from './support/index';

jest.setTimeout(10 * 60_000);

const REPORT_ID = 'bcd365Reconcile1';
const REPAIR_ID = 'bcd365Reconcile2';
const SCREENSHOT = join(REPO_ROOT, 'docs', 'reconciliation-report.png');

const guest = {
	customer_id: 0,
	guest: { first_name: 'Sam', last_name: 'Lee', email: 'sam@example.org' },
};
const euro = { ...guest, currency: 'EUR', tax_rate: 0.0825 };

let fx: SandboxFixture;
let n8n: N8nInstance;
let dir: string;
let ledger: Ledger;
const planted: Record<string, number> = {};

type Node = { name: string; type: string; parameters: IDataObject };

/**
 * The shipped workflow over [from, to], its trigger every `seconds`: the daily one (report), or
 * the manual "Post what is missing" one, on a schedule under the same name (repair).
 */
function variant(kind: 'report' | 'repair', from: string, to: string, seconds: number): string {
	const workflow = JSON.parse(
		readFileSync(join(REPO_ROOT, 'workflows', 'reconciliation.json'), 'utf8'),
	);
	const every = { rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] } };
	const trigger = kind === 'report' ? 'Every day at 06:00' : 'Post what is missing';
	// The report keeps its manual trigger (Missing in F&O? asks whether it ran); the repair drops
	// the daily one.
	if (kind === 'repair') {
		workflow.nodes = (workflow.nodes as Node[]).filter((n) => n.name !== 'Every day at 06:00');
		delete workflow.connections['Every day at 06:00'];
	}
	for (const node of workflow.nodes as Node[]) {
		if (node.name === trigger) {
			node.type = 'n8n-nodes-base.scheduleTrigger';
			(node as IDataObject).typeVersion = 1.2;
			node.parameters = every;
		}
		if (node.name === 'Range')
			node.parameters = {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'r1', name: 'from', value: from, type: 'string' },
						{ id: 'r2', name: 'to', value: to, type: 'string' },
					],
				},
				options: {},
			};
	}
	if (kind === 'repair') {
		workflow.id = REPAIR_ID;
		workflow.name = `${String(workflow.name)} (repair)`;
	}
	delete workflow.settings.errorWorkflow;
	const file = join(dir, `reconciliation-${kind}.json`);
	writeFileSync(file, JSON.stringify(workflow));
	return file;
}

/** Store orders and what F&O holds of them: four that agree, four planted faults. */
async function plantFaults(): Promise<void> {
	ledger = new Ledger(fx);
	planted.matched = Number((await ledger.agreeing(guest)).order.id);
	const invoiced = await ledger.agreeing(guest);
	await fx.admin('POST', `/d365/sales-orders/${invoiced.salesOrderNumber}/invoice`, {});
	planted.invoiced = Number(invoiced.order.id);
	planted.euro = Number(
		(await ledger.agreeing(euro, { options: { customerGroupId: 'WEB' } })).order.id,
	);
	const refunded = await ledger.agreeing(guest);
	await ledger.postCreditNote(refunded.order, await ledger.refundFirstLine(refunded.order));
	planted.refunded = Number(refunded.order.id);

	planted.missing = Number((await ledger.capture(await ledger.order())).id);
	const duplicated = await ledger.agreeing(guest);
	await fx.admin('POST', `/d365/sales-orders/${duplicated.salesOrderNumber}/duplicate`, {});
	planted.duplicated = Number(duplicated.order.id);
	const changed = await ledger.agreeing(guest);
	await fx.admin(
		'PATCH',
		`/d365/records/SalesOrderLines?SalesOrderNumber=${changed.salesOrderNumber}&ItemNumber=LAMP-HEAD-400`,
		{ LineAmount: 1 },
	);
	planted.changed = Number(changed.order.id);
	const unrefunded = await ledger.agreeing(guest);
	await ledger.refundFirstLine(unrefunded.order);
	planted.unrefunded = Number(unrefunded.order.id);
}

const headersOf = async (orderId: number) =>
	(await fx.records('SalesOrderHeadersV2', 'usmf')).filter(
		(h) => h.CustomersOrderReference === `BC-${ledger.storeHash}-${orderId}`,
	);

/** The executions of a workflow that ended in error, each with its last node and error message. */
async function failedRuns(workflowId: string): Promise<string[]> {
	const failed = (await executions(n8n, workflowId)).filter((e) => e.status === 'error');
	return await Promise.all(
		failed.map(async (e) => {
			const detail = await n8n.api('GET', `/executions/${String(e.id)}?includeData=true`);
			const result = detail.body?.data?.resultData ?? {};
			return `${String(e.id)} at ${String(result.lastNodeExecuted)}: ${String(result.error?.message)}`;
		}),
	);
}

beforeAll(async () => {
	fx = await startSandboxFixture({ bigcommerce: { quota: 100000 } });
	dir = mkdtempSync(join(tmpdir(), 'reconciliation-e2e-'));
	await plantFaults();
	// From the start of the day before yesterday: two days without orders (green) before today's.
	const since = new Date(ledger.since);
	const from = new Date(
		Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate() - 2),
	).toISOString();
	const to = new Date(Date.now() + 3 * 3600_000).toISOString();
	n8n = await startN8n({
		host: 'n8n-2x',
		workflows: [variant('report', from, to, 5), variant('repair', from, to, 5)],
		// Activated once n8n is up (below): a schedule firing while n8n starts can find no task
		// runner for the Code node yet.
		activate: [],
		credentials: sandboxCredentials(fx),
		readyTimeoutMs: 120_000,
	});
}, 25 * 60_000);

afterAll(async () => {
	await n8n?.stop();
	await fx?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

let html = '';

it('the daily report names every planted fault, calls the agreeing orders matched, and is kept', async () => {
	const tableId = n8n.dataTableIds.bcd365_reconciliation;
	expect(tableId).toBeTruthy();
	expect((await n8n.api('POST', `/workflows/${REPORT_ID}/activate`)).status).toBe(200);
	const [row] = await waitFor(
		'a report row',
		async () => {
			const rows = await dataTableRows(n8n, tableId);
			return rows.length ? rows : undefined;
		},
		120_000,
	);
	html = String(row.html);
	const statusOf = (orderId: number) =>
		html.match(new RegExp(`data-order="${orderId}" data-status="(\\w+)"`))?.[1];
	expect(
		Object.fromEntries(Object.entries(planted).map(([what, id]) => [what, statusOf(id)])),
	).toEqual({
		matched: 'matched',
		invoiced: 'matched',
		euro: 'matched',
		refunded: 'matched',
		missing: 'missing_in_fo',
		duplicated: 'duplicated_in_fo',
		changed: 'amount_differs',
		unrefunded: 'refund_differs',
	});
	// Nothing else in the report, the differences before the matched orders, a red day at the top.
	expect([...html.matchAll(/data-order="(\d+)"/g)]).toHaveLength(8);
	expect(html.indexOf(`data-order="${planted.missing}"`)).toBeLessThan(
		html.indexOf(`data-order="${planted.matched}"`),
	);
	const days = [
		...html.matchAll(/class="day" style="background:(#\w+)"[^>]*><b>[\d-]+<\/b><span>([^<]+)/g),
	];
	expect(days.map((m) => [m[1], m[2]])).toEqual([
		['#2e7d32', 'no orders'],
		['#2e7d32', 'no orders'],
		['#c62828', '4 of 8 differ'],
	]);
	expect(html).toContain(
		`href="https://store-${ledger.storeHash}.mybigcommerce.com/manage/orders/${planted.changed}"`,
	);
	expect(html).toMatch(/mi=SalesTableListPage&amp;SalesId=/);
	expect(row).toMatchObject({ agrees: false, orders: 8, differences: 4 });
	expect(JSON.parse(String(row.counts))).toEqual({
		missing_in_fo: 1,
		duplicated_in_fo: 1,
		amount_differs: 1,
		tax_differs: 0,
		payment_differs: 0,
		refund_differs: 1,
		extra_in_fo: 0,
		matched: 4,
	});
	expect(await failedRuns(REPORT_ID)).toEqual([]);
});

it('renders in a real browser, red and green as written (the README screenshot)', async () => {
	expect(html).not.toBe('');
	const browser = await chromium.launch({
		executablePath: requireChromium(),
		headless: true,
		args: CHROMIUM_ARGS,
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		await page.setContent(html, { waitUntil: 'load' });
		// In the page: its window's getComputedStyle (the test's tsconfig has no DOM types).
		const days = await page.$$eval('.day', (els) =>
			els.map(
				(e) =>
					(
						globalThis as unknown as {
							getComputedStyle(el: unknown): { backgroundColor: string };
						}
					).getComputedStyle(e).backgroundColor,
			),
		);
		expect(days).toEqual(['rgb(46, 125, 50)', 'rgb(46, 125, 50)', 'rgb(198, 40, 40)']);
		const differing = await page.$$eval('tr[data-status]:not([data-status="matched"])', (r) =>
			r.map((e) => e.getAttribute('data-status')),
		);
		expect(differing.sort()).toEqual(
			['amount_differs', 'duplicated_in_fo', 'missing_in_fo', 'refund_differs'].sort(),
		);
		await page.screenshot({ path: SCREENSHOT, fullPage: true });
	} finally {
		await browser.close();
	}
});

it('the repair branch posts the missing order once through the order-sync path, and nothing else', async () => {
	const before = await fx.records('SalesOrderHeadersV2', 'usmf');
	expect(await headersOf(planted.missing)).toHaveLength(0);
	const activated = await n8n.api('POST', `/workflows/${REPAIR_ID}/activate`);
	expect(activated.status).toBe(200);
	await waitFor(
		'the missing order in F&O',
		async () => (await headersOf(planted.missing)).length > 0,
		120_000,
	);
	const posted = (await executions(n8n, REPAIR_ID)).length;
	await waitFor(
		'three more repair runs',
		async () => (await executions(n8n, REPAIR_ID)).length >= posted + 3,
		120_000,
	);
	expect(await headersOf(planted.missing)).toHaveLength(1);
	expect(await headersOf(planted.duplicated)).toHaveLength(2);
	expect((await fx.records('SalesOrderHeadersV2', 'usmf')).length).toBe(before.length + 1);
	const payments = (await fx.records('CustomerPaymentJournalLines', 'usmf')).filter((l) =>
		String(l.PaymentReference).startsWith(`BC-${planted.missing}-T`),
	);
	expect(payments).toHaveLength(1);
	expect(await failedRuns(REPAIR_ID)).toEqual([]);
	const audit = await dataTableRows(n8n, n8n.dataTableIds.bcd365_audit);
	expect(
		audit.filter(
			(a) =>
				a.orderId === String(planted.missing) &&
				a.action === 'created' &&
				a.entity === 'SalesOrderHeadersV2',
		),
	).toHaveLength(1);
});
