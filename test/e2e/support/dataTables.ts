/**
 * The n8n Data Tables the shipped workflows write to, defined once: the failure table (every
 * failed item of a failure branch, and every execution that failed outright, with what is needed
 * to replay it), the audit table (every audit record a write emitted) and the reconciliation
 * reports (one row per run, with its HTML). The workflows name the tables by name (the Data Table
 * node's "By Name" mode), so they import into any n8n and find the tables at run time; the tables
 * themselves must exist before the first execution, which is what createDataTables does for the
 * demo and the e2e suites (the README shows the same request for a merchant's n8n). Columns are
 * strings, numbers or (a report's verdict) a boolean: JSON (the audit record, the retry input, the
 * counts) is stored as text, and times as ISO strings beside the row's own createdAt / updatedAt.
 */
import type { HttpResult } from './n8n';

export type DataTableColumnType = 'string' | 'number' | 'boolean' | 'date';

export interface DataTableDefinition {
	name: string;
	columns: Array<{ name: string; type: DataTableColumnType }>;
}

const text = (name: string) => ({ name, type: 'string' as const });

/** One row per failed item (status open → done once a replay posted it). */
export const FAILURE_TABLE: DataTableDefinition = {
	name: 'bcd365_failures',
	columns: [
		text('status'),
		text('kind'),
		text('workflow'),
		text('executionId'),
		text('step'),
		text('orderId'),
		text('refundId'),
		text('bigcommerceId'),
		text('scope'),
		text('errorMessage'),
		text('errorDescription'),
		text('audit'),
		text('input'),
		{ name: 'attempts', type: 'number' },
		text('failedAt'),
		text('lastTriedAt'),
		text('resolvedAt'),
		text('resolution'),
	],
};

/** One row per audit record of the F&O node (created, updated, skipped-duplicate, skipped). */
export const AUDIT_TABLE: DataTableDefinition = {
	name: 'bcd365_audit',
	columns: [
		text('workflow'),
		text('executionId'),
		text('step'),
		text('orderId'),
		text('action'),
		text('entity'),
		text('keys'),
		text('dataAreaId'),
		text('bigcommerceId'),
		{ name: 'attempts', type: 'number' },
		text('reason'),
		text('startedAt'),
		text('finishedAt'),
	],
};

/** One row per reconciliation run: its range, verdict, counts per status and the HTML report. */
export const RECONCILIATION_TABLE: DataTableDefinition = {
	name: 'bcd365_reconciliation',
	columns: [
		text('workflow'),
		text('executionId'),
		text('rangeFrom'),
		text('rangeTo'),
		{ name: 'agrees', type: 'boolean' },
		{ name: 'orders', type: 'number' },
		{ name: 'differences', type: 'number' },
		text('counts'),
		text('html'),
	],
};

export const DATA_TABLES: DataTableDefinition[] = [
	FAILURE_TABLE,
	AUDIT_TABLE,
	RECONCILIATION_TABLE,
];

/** The tables of DATA_TABLES that a workflow's Data Table nodes name ("By Name" mode). */
export function dataTablesNamedBy(workflows: Array<Record<string, any>>): DataTableDefinition[] {
	const named = new Set<string>();
	for (const workflow of workflows)
		for (const node of (workflow.nodes ?? []) as Array<Record<string, any>>)
			if (node.type === 'n8n-nodes-base.dataTable' && node.parameters?.dataTableId?.mode === 'name')
				named.add(String(node.parameters.dataTableId.value));
	return DATA_TABLES.filter((table) => named.has(table.name));
}

/** What createDataTables needs of a running n8n: its public API as the owner. */
export interface DataTableHost {
	api<T = any>(method: string, path: string, body?: unknown): Promise<HttpResult<T>>;
}

/**
 * Creates each table through n8n's public API (`POST /api/v1/data-tables`, in the API key owner's
 * personal project, where workflows imported by the CLI live too) unless one of that name exists;
 * returns the ids by name. Throws with n8n's answer when the API refuses.
 */
export async function createDataTables(
	n8n: DataTableHost,
	tables: DataTableDefinition[] = DATA_TABLES,
): Promise<Record<string, string>> {
	const ids: Record<string, string> = {};
	for (const table of tables) {
		const existing = await findDataTable(n8n, table.name);
		if (existing) {
			ids[table.name] = existing;
			continue;
		}
		const created = await n8n.api('POST', '/data-tables', table);
		if (created.status !== 201 && created.status !== 200)
			throw new Error(
				`creating data table ${table.name}: ${created.status} ${JSON.stringify(created.body)}`,
			);
		ids[table.name] = String(created.body.id);
	}
	return ids;
}

export async function findDataTable(n8n: DataTableHost, name: string): Promise<string | undefined> {
	const filter = encodeURIComponent(JSON.stringify({ name }));
	const list = await n8n.api('GET', `/data-tables?filter=${filter}&limit=250`);
	if (list.status !== 200)
		throw new Error(`listing data tables: ${list.status} ${JSON.stringify(list.body)}`);
	const found = (list.body.data as Array<{ id: string; name: string }>).find(
		(t) => t.name === name,
	);
	return found?.id;
}

/** Every row of a table (all pages), oldest first. */
export async function dataTableRows(
	n8n: DataTableHost,
	tableId: string,
): Promise<Array<Record<string, unknown>>> {
	const rows: Array<Record<string, unknown>> = [];
	let cursor: string | undefined;
	do {
		const page = await n8n.api(
			'GET',
			`/data-tables/${tableId}/rows?limit=250&sortBy=${encodeURIComponent('id:asc')}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		if (page.status !== 200)
			throw new Error(`rows of data table ${tableId}: ${page.status} ${JSON.stringify(page.body)}`);
		rows.push(...(page.body.data as Array<Record<string, unknown>>));
		cursor = page.body.nextCursor ?? undefined;
	} while (cursor);
	return rows;
}
