/**
 * The shipped workflows and the two Data Tables they write, held together without an n8n: a row
 * the failure branch, the audit branch or the error handler builds has only columns the table has
 * (n8n refuses an unknown column, and the Data Table node on "continue" would only log it), with
 * the column's type; every Data Table node names a table by name; the replay workflow posts through
 * the same F&O operations and settings as the workflows whose failures it replays; every shipped
 * workflow names the error handler; and the README's table definitions are the harness's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	AUDIT_TABLE,
	DATA_TABLES,
	FAILURE_TABLE,
	type DataTableDefinition,
} from '../../e2e/support/dataTables';

type Node = {
	name: string;
	type: string;
	parameters: Record<string, any>;
	onError?: string;
	credentials?: unknown;
};
type Workflow = {
	id: string;
	name: string;
	nodes: Node[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	settings: Record<string, unknown>;
};

const ROOT = join(__dirname, '..', '..', '..');
const read = (name: string): Workflow =>
	JSON.parse(readFileSync(join(ROOT, 'workflows', `${name}.json`), 'utf8')) as Workflow;
/** The return flow: F&O → BigCommerce (shipments, stock), scheduled, with review rows. */
const BACK_TO_STORE = ['fulfilment-sync', 'stock-sync'];
const SHIPPED = ['order-sync', 'backfill', 'refund-sync', 'customer-sync', ...BACK_TO_STORE];
const ALL = [...SHIPPED, 'replay-failures', 'error-handler', 'reconciliation'];
const node = (wf: Workflow, name: string): Node => {
	const found = wf.nodes.find((n) => n.name === name);
	if (!found) throw new Error(`${wf.name}: no node ${name}`);
	return found;
};
const parentsOf = (wf: Workflow, name: string): string[] =>
	Object.entries(wf.connections)
		.filter(([, c]) => c.main.some((out) => (out ?? []).some((t) => t.node === name)))
		.map(([source]) => source);
const tableOf = (n: Node): DataTableDefinition => {
	expect(n.parameters.dataTableId).toMatchObject({ __rl: true, mode: 'name' });
	const table = DATA_TABLES.find((t) => t.name === n.parameters.dataTableId.value);
	if (!table) throw new Error(`${n.name} names an unknown table ${n.parameters.dataTableId.value}`);
	return table;
};
const columnType = (table: DataTableDefinition, column: string) =>
	table.columns.find((c) => c.name === column)?.type;

describe.each(ALL)('%s', (name) => {
	const wf = read(name);
	const tableNodes = wf.nodes.filter((n) => n.type === 'n8n-nodes-base.dataTable');

	it('writes rows whose columns and types are the table’s', () => {
		expect(tableNodes.length).toBeGreaterThan(0);
		for (const n of tableNodes) {
			const table = tableOf(n);
			if (n.parameters.operation === 'insert') {
				expect(n.parameters.columns.mappingMode).toBe('autoMapInputData');
				for (const parent of parentsOf(wf, n.name)) {
					const set = node(wf, parent);
					expect(set.type).toBe('n8n-nodes-base.set');
					for (const a of set.parameters.assignments.assignments as Array<{
						name: string;
						type: string;
					}>)
						expect([a.name, columnType(table, a.name)]).toEqual([a.name, a.type]);
				}
			} else if (n.parameters.operation === 'update') {
				for (const column of Object.keys(n.parameters.columns.value))
					expect([column, columnType(table, column)]).toEqual([
						column,
						expect.stringMatching(/string|number/),
					]);
				expect(n.parameters.filters.conditions).toEqual([
					expect.objectContaining({ keyName: 'id', condition: 'eq' }),
				]);
			} else expect(n.parameters.operation).toBe('get');
		}
	});
});

describe.each(SHIPPED)('%s (shipped)', (name) => {
	const wf = read(name);
	const packNodes = wf.nodes.filter((n) => /\.(microsoftDynamicsFo|bigCommerce)$/.test(n.type));
	const writers = packNodes.filter((n) => n.parameters.operation !== 'getAll');
	/** A node's parents, looking through an If that only filters what one node sends. */
	const feeders = (name: string) =>
		parentsOf(wf, name).flatMap((p) =>
			node(wf, p).type === 'n8n-nodes-base.if' ? parentsOf(wf, p) : [p],
		);

	it('sends every pack node’s failure to Record failure and every write’s output to Audit record', () => {
		expect(parentsOf(wf, 'Record failure').sort()).toEqual(packNodes.map((n) => n.name).sort());
		for (const n of packNodes) {
			expect([n.name, n.onError]).toEqual([n.name, 'continueErrorOutput']);
			expect(wf.connections[n.name].main[1].map((t) => t.node)).toEqual(['Record failure']);
		}
		expect(feeders('Audit record').sort()).toEqual(writers.map((n) => n.name).sort());
		expect(tableOf(node(wf, 'Save failure'))).toBe(FAILURE_TABLE);
		expect(tableOf(node(wf, 'Save audit'))).toBe(AUDIT_TABLE);
		// A table that cannot be written never stops a posting; the stop message says so instead.
		expect(node(wf, 'Save failure').onError).toBe('continueRegularOutput');
		expect(node(wf, 'Save audit').onError).toBe('continueRegularOutput');
	});

	it('stops the execution once, after every step ran (the lowest node, fed by the trigger)', () => {
		const [trigger] = wf.nodes.filter((n) => /Trigger$/.test(n.type.split('.')[1] ?? ''));
		expect(parentsOf(wf, 'Any failure?')).toEqual([trigger.name]);
		expect(parentsOf(wf, 'Fail the execution')).toEqual(['Any failure?']);
		const lowest = Math.max(
			...wf.nodes
				.filter((n) => !n.type.endsWith('stickyNote') && n.name !== 'Fail the execution')
				.map((n) => (n as unknown as { position: number[] }).position[1]),
		);
		expect((node(wf, 'Any failure?') as unknown as { position: number[] }).position[1]).toBe(
			lowest,
		);
	});

	it('names the error handler as its error workflow', () => {
		expect(wf.settings.errorWorkflow).toBe(read('error-handler').id);
	});
});

describe.each(BACK_TO_STORE)('%s (back to the store)', (name) => {
	const wf = read(name);
	const [writer] = wf.nodes.filter((n) => n.type.endsWith('.bigCommerce'));
	const replayed = JSON.stringify(node(read('replay-failures'), 'Chosen rows').parameters);
	const kind = (n: string) =>
		(
			node(wf, n).parameters.assignments.assignments as Array<{ name: string; value: unknown }>
		).find((a) => a.name === 'kind')?.value;

	it('sends what a person must act on, once, to the failure table as review rows the replay leaves alone', () => {
		expect(parentsOf(wf, 'Save failure').sort()).toEqual(['Record failure', 'To review']);
		const [check] = parentsOf(wf, 'To review');
		expect(parentsOf(wf, check)).toEqual([writer.name]);
		expect(JSON.stringify(node(wf, check).parameters)).toContain('!$json.alreadyReported');
		for (const n of ['Record failure', 'To review']) {
			expect(kind(n)).toMatch(/^(shipment|stock)(-review)?$/);
			expect(replayed).not.toContain(`'${String(kind(n))}'`);
		}
	});

	it('takes the Posting Lock on the store write and the sticky notes name what to change', () => {
		expect(writer.parameters.postingLock).toBe('process');
		const notes = wf.nodes
			.filter((n) => n.type.endsWith('stickyNote'))
			.map((n) => String(n.parameters.content))
			.join('\n');
		const change =
			name === 'fulfilment-sync'
				? ['Carrier Mapping', 'Store Hash', 'schedule', 'Posting Lock']
				: ['Warehouse → Location', 'Safety Stock', 'schedule', 'SKU Mapping', 'Posting Lock'];
		for (const words of change) expect(notes).toContain(words);
	});
});

describe('replay-failures posts through the shipped operations', () => {
	const replay = read('replay-failures');
	/** A node's parameters with its record reference written one way. */
	const normalised = (n: Node) =>
		JSON.parse(
			JSON.stringify(n.parameters)
				.replace(/\$\('Retry input'\)\.item\.json\.record/g, 'RECORD')
				.replace(/\$\('BigCommerce (Poll )?Trigger'\)\.item\.json/g, 'RECORD')
				.replace(/=\{\{ \$json \}\}/g, '={{ RECORD }}')
				.replace(/\$json\.(order|_event)\b/g, 'RECORD.$1'),
		);
	it.each([
		['order-sync', 'Customer', 'Customer'],
		['order-sync', 'Sales order', 'Sales order'],
		['order-sync', 'Payments', 'Payments'],
		['order-sync', 'Later payment', 'Later payment'],
		['refund-sync', 'Credit note', 'Credit note'],
		['customer-sync', 'Customer', 'Store customer'],
	])('%s %s = replay %s', (file, shipped, replayed) => {
		const from = node(read(file), shipped);
		const to = node(replay, replayed);
		expect(normalised(to)).toEqual(normalised(from));
		expect(to.credentials).toEqual(from.credentials);
		expect(to.onError).toBe('continueErrorOutput');
	});

	it('marks a row done from every last step, and keeps it open with the new error otherwise', () => {
		expect(parentsOf(replay, 'Mark done').sort()).toEqual(
			['Credit note', 'Later payment', 'Payments', 'Store customer'].sort(),
		);
		expect(parentsOf(replay, 'Still failing').sort()).toEqual(
			replay.nodes
				.filter((n) => n.type.endsWith('.microsoftDynamicsFo'))
				.map((n) => n.name)
				.sort(),
		);
		expect(node(replay, 'Mark done').parameters.columns.value.status).toBe('done');
		expect(node(replay, 'Still failing').parameters.columns.value.status).toBeUndefined();
	});
});

describe('README', () => {
	it('creates the tables the harness creates', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		const bodies = [...readme.matchAll(/-d '(\{"name":"bcd365_[^']+)'/g)].map((m) =>
			JSON.parse(m[1]),
		);
		expect(bodies).toEqual(DATA_TABLES);
	});
});
