/**
 * The shipped reconciliation workflow without an n8n: its report (the Code node's own JavaScript,
 * run on items as Reconcile Orders emits them) puts a red or green figure per day at the top, the
 * sums per status and currency, the differing orders before the matched ones with both figures and
 * links to both systems, and escapes what it shows; its repair branch posts only on the manual
 * trigger and only orders missing in F&O, through order sync's own Customer / Sales order /
 * Payments settings, with the failure and audit branches of the other shipped workflows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { orderLinks } from '../../../nodes/MicrosoftDynamicsFo/actions/reconciliation/links';
import { compareOrder, extraInFo } from '../../../nodes/MicrosoftDynamicsFo/reconciliation/compare';
import { summarise } from '../../../nodes/MicrosoftDynamicsFo/reconciliation/summary';
import type {
	BcOrderFacts,
	FoOrderFacts,
} from '../../../nodes/MicrosoftDynamicsFo/reconciliation/types';
import { CREDENTIAL_REFS } from '../../e2e/support/pack-e2e';

type Node = {
	name: string;
	type: string;
	parameters: Record<string, any>;
	credentials?: Record<string, unknown>;
	onError?: string;
	disabled?: boolean;
	position: number[];
};
type Workflow = {
	id: string;
	nodes: Node[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	settings: Record<string, unknown>;
};

const ROOT = join(__dirname, '..', '..', '..');
const read = (name: string): Workflow =>
	JSON.parse(readFileSync(join(ROOT, 'workflows', `${name}.json`), 'utf8')) as Workflow;
const wf = read('reconciliation');
const node = (w: Workflow, name: string): Node => {
	const found = w.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`no node ${name}`);
	return found;
};
const childrenOf = (w: Workflow, name: string, output = 0) =>
	(w.connections[name]?.main[output] ?? []).map((t) => t.node);
const parentsOf = (w: Workflow, name: string): string[] =>
	Object.entries(w.connections)
		.filter(([, c]) => c.main.some((out) => (out ?? []).some((t) => t.node === name)))
		.map(([source]) => source);

/** The report node's JavaScript, run as n8n's Code node runs it (all items at once). */
function renderReport(items: unknown[]): Record<string, any> {
	const code = node(wf, 'Report').parameters.jsCode as string;
	const run = new Function('$input', code) as (input: unknown) => Array<{ json: any }>;
	const out = run({ all: () => items.map((json) => ({ json })) });
	expect(out).toHaveLength(1);
	return out[0].json;
}

const bc = (orderId: number, day: string, total: number, currency = 'USD'): BcOrderFacts => ({
	orderId,
	currency,
	totalExTax: total,
	totalIncTax: total,
	totalTax: 0,
	dateCreated: `${day}T10:00:00Z`,
	refunds: [],
});
const fo = (number: string, total: number | null, currency = 'USD'): FoOrderFacts => ({
	salesOrders:
		total === null
			? []
			: [
					{
						SalesOrderNumber: number,
						CurrencyCode: currency,
						OrderTotalAmount: total,
						OrderTotalTaxAmount: 0,
						AreTotalsCalculated: 'Yes',
						SalesOrderStatus: 'Backorder',
					},
				],
	invoices: [],
	payments: [],
	payouts: [],
	creditDocuments: [],
});

function reconciliationItems() {
	const links = orderLinks(
		{},
		{
			storeHash: 'abc123',
			dataAreaId: 'usmf',
			environmentUrl: 'https://fo.example.com',
		},
	);
	const orders = [
		compareOrder(bc(101, '2026-05-01', 50), fo('USMF-1', 50), 'BC-abc123-101'),
		compareOrder(bc(102, '2026-05-01', 20, 'EUR'), fo('USMF-2', 20, 'EUR'), 'BC-abc123-102'),
		compareOrder(bc(103, '2026-05-02', 75), fo('', null), 'BC-abc123-103'),
		compareOrder(bc(104, '2026-05-02', 40), fo('USMF-4', 39), 'BC-abc123-104'),
		extraInFo(
			105,
			'BC-abc123-105',
			fo('USMF-5', 9).salesOrders.map((o) => ({ ...o, SalesOrderNumber: 'USMF<5>' })),
			2,
			'2026-05-02T11:00:00Z',
		),
	];
	const summary = summarise(orders, {
		from: '2026-05-01T00:00:00Z',
		to: '2026-05-03T23:59:59Z',
		dateField: 'created',
		dataAreaId: 'usmf',
		storeHash: 'abc123',
		pages: 1,
		foRequests: 2,
	});
	return { summary, orders: orders.map((o) => ({ ...o, links: links(o) })) };
}

describe('the report', () => {
	const { summary, orders } = reconciliationItems();
	const report = renderReport([summary, ...orders]);
	const html = report.html as string;

	it('puts one figure per day of the range at the top: green when every order agrees (or there are none), red otherwise', () => {
		const days = [...html.matchAll(/class="day" style="background:(#\w+)" data-day="([\d-]+)"/g)];
		expect(days.map((m) => [m[2], m[1]])).toEqual([
			['2026-05-01', '#2e7d32'],
			['2026-05-02', '#c62828'],
			['2026-05-03', '#2e7d32'],
		]);
		expect(html.indexOf('class="day"')).toBeLessThan(html.indexOf('<h2>Summary'));
		expect(html).toContain('3 of 3 differ');
		expect(html).toContain('2 agree');
		expect(html).toMatch(
			/data-day="2026-05-03" data-agrees="true"><b>2026-05-03<\/b><span>no orders</,
		);
	});

	it('sums each status per currency, and lists the differing orders before the matched ones', () => {
		expect(html).toMatch(
			/<tr class="matched"><td>Matched<\/td><td>1<\/td><td>EUR<\/td><td class="n">20\.00<\/td>/,
		);
		expect(html).toMatch(/<tr class="amount_differs"><td>Amount differs<\/td><td>1<\/td><td>USD/);
		const rows = [...html.matchAll(/data-order="(\d+)" data-status="(\w+)"/g)].map((m) => [
			Number(m[1]),
			m[2],
		]);
		expect(rows).toEqual([
			[103, 'missing_in_fo'],
			[104, 'amount_differs'],
			[105, 'extra_in_fo'],
			[101, 'matched'],
			[102, 'matched'],
		]);
		expect(html.indexOf('<h2>Differences')).toBeLessThan(html.indexOf('<h2>Matched'));
		expect(report).toMatchObject({ agrees: false, orders: 5, differences: 3 });
		expect(JSON.parse(report.counts)).toMatchObject({ matched: 2, missing_in_fo: 1 });
	});

	it('links each order to the control panel and its sales orders to F&O, and escapes what it shows', () => {
		expect(html).toContain(
			'<a href="https://store-abc123.mybigcommerce.com/manage/orders/104">#104</a>',
		);
		expect(html).toContain(
			'<a href="https://fo.example.com/?cmp=usmf&amp;mi=SalesTableListPage&amp;SalesId=USMF-4">USMF-4</a>',
		);
		expect(html).toContain('USMF&lt;5&gt;');
		expect(html).toContain('<td>Missing in F&amp;O</td><td>1</td><td>USD</td>');
		expect(html).not.toContain('USMF<5>');
		expect(html).toContain('Total: BigCommerce 40, F&amp;O 39');
	});

	it('is green throughout when everything agrees', () => {
		const agreeing = orders.filter((o) => o.status === 'matched');
		const all = renderReport([
			summarise(agreeing, { from: '2026-05-01T00:00:00Z', to: '2026-05-01T23:59:59Z' }),
			...agreeing,
		]);
		expect(all.html).not.toMatch(/background:#c62828" data-day/);
		expect(all.html).toContain('Store and ledger agree.');
		expect(all).toMatchObject({ agrees: true, differences: 0 });
	});
});

describe('the workflow', () => {
	it('reconciles the range daily and on request, keeping the report and offering it by email', () => {
		expect(childrenOf(wf, 'Every day at 06:00')).toEqual(['Range']);
		expect(childrenOf(wf, 'Post what is missing')).toEqual(['Range', 'Any failure?']);
		expect(childrenOf(wf, 'Reconcile orders')).toEqual(['Report', 'Missing in F&O?']);
		const reconcile = node(wf, 'Reconcile orders');
		expect(reconcile.parameters).toMatchObject({ resource: 'reconciliation', operation: 'orders' });
		// Every status order sync posts is expected in F&O.
		const posted = node(read('order-sync'), 'BigCommerce Trigger').parameters.statuses as number[];
		expect(reconcile.parameters.statuses).toEqual(expect.arrayContaining(posted));
		expect(reconcile.credentials).toEqual({
			microsoftDynamicsFoApi: CREDENTIAL_REFS.fo,
			bigCommerceApi: CREDENTIAL_REFS.bigCommerce,
		});
		expect(childrenOf(wf, 'Report')).toEqual(['Report row', 'Email report']);
		expect(node(wf, 'Save report').parameters.dataTableId.value).toBe('bcd365_reconciliation');
		expect(node(wf, 'Email report').disabled).toBe(true);
		expect(wf.settings.errorWorkflow).toBe(read('error-handler').id);
	});

	it('posts only on the manual trigger and only orders missing in F&O', () => {
		const condition = node(wf, 'Missing in F&O?').parameters.conditions.conditions[0].leftValue;
		expect(condition).toContain("$('Post what is missing').isExecuted");
		expect(condition).toContain("$json.status === 'missing_in_fo'");
		expect(childrenOf(wf, 'Missing in F&O?')).toEqual(['Missing order']);
		expect(childrenOf(wf, 'Missing order')).toEqual(['As order event']);
		expect(childrenOf(wf, 'As order event')).toEqual(['Customer']);
		expect(node(wf, 'Missing order').credentials).toEqual({
			bigCommerceApi: CREDENTIAL_REFS.bigCommerce,
		});
	});

	it.each(['Customer', 'Sales order', 'Payments'])(
		'repairs through order sync’s %s, with its failure and audit branches',
		(name) => {
			const normalised = (n: Node) =>
				JSON.parse(
					JSON.stringify(n.parameters).replace(
						/\$\('(BigCommerce Trigger|As order event)'\)\.item\.json/g,
						'RECORD',
					),
				);
			const repair = node(wf, name);
			const shipped = node(read('order-sync'), name);
			expect(normalised(repair)).toEqual(normalised(shipped));
			expect(repair.credentials).toEqual(shipped.credentials);
			expect(repair.onError).toBe('continueErrorOutput');
			expect(childrenOf(wf, name, 1)).toEqual(['Record failure']);
			expect(childrenOf(wf, name, 0)).toContain('Audit record');
		},
	);

	it('records failures replayably and stops the repair run once, after every step', () => {
		expect(parentsOf(wf, 'Record failure').sort()).toEqual(
			['Customer', 'Missing order', 'Payments', 'Sales order'].sort(),
		);
		const kind = node(wf, 'Record failure').parameters.assignments.assignments.find(
			(a: { name: string }) => a.name === 'kind',
		);
		expect(kind.value).toBe('order');
		expect(parentsOf(wf, 'Any failure?')).toEqual(['Post what is missing']);
		const lowest = Math.max(
			...wf.nodes
				.filter((n) => !n.type.endsWith('stickyNote') && n.name !== 'Fail the execution')
				.map((n) => n.position[1]),
		);
		expect(node(wf, 'Any failure?').position[1]).toBe(lowest);
	});
});
