/**
 * Failures an operator can act on, in a real n8n 2.x: a failed order lands in the failure Data
 * Table with what is needed to replay it while its execution still fails; replay-failures (run as
 * an operator runs it: *Execute workflow* in the editor, i.e. the owner's POST /rest/workflows/:id/run)
 * posts it once the cause is fixed and marks the row done,
 * and a replay of an order F&O already has writes nothing; every write's audit record lands in the
 * audit table; the error handler records an execution that failed outright. Every figure is read
 * from n8n's public API (executions, data table rows) and from the sandbox's F&O state.
 */
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { AUDIT_TABLE, dataTableRows, FAILURE_TABLE } from './support/dataTables';
import { REPO_ROOT } from './support/hosts';
import {
	PUBLISHED_WORKFLOW_IDS,
	readWorkflow,
	startPackE2e,
	SUPPORT_WORKFLOW_FILES,
	SUPPORT_WORKFLOW_IDS,
	waitFor,
	WORKFLOW_FILES,
	WORKFLOW_IDS,
	type PackE2e,
} from './support/pack-e2e';

jest.setTimeout(10 * 60_000);

const OUTRIGHT_FAILURE = join(
	REPO_ROOT,
	'test',
	'e2e',
	'fixtures',
	'outright-failure.workflow.json',
);
const ORDER_SYNC_NAME = String(readWorkflow(WORKFLOW_FILES[0]).name);
const REPLAY_NAME = String(readWorkflow(SUPPORT_WORKFLOW_FILES[0]).name);

let e2e: PackE2e;

beforeAll(async () => {
	e2e = await startPackE2e({
		n8n: {
			workflows: [...WORKFLOW_FILES, ...SUPPORT_WORKFLOW_FILES, OUTRIGHT_FAILURE],
			activate: [...PUBLISHED_WORKFLOW_IDS, 'e2eOutrightFail1'],
		},
	});
	process.stderr.write(`failures e2e: n8n timings (s) ${JSON.stringify(e2e.n8n.timings)}\n`);
}, 25 * 60_000);

afterAll(async () => {
	await e2e?.stop();
}, 120_000);

type Row = Record<string, unknown>;

const rows = (table: string): Promise<Row[]> => dataTableRows(e2e.n8n, e2e.n8n.dataTableIds[table]);
const failureRows = async (orderId: unknown): Promise<Row[]> =>
	(await rows(FAILURE_TABLE.name)).filter((r) => r.orderId === String(orderId));
const auditRows = async (orderId: unknown, workflow: string): Promise<Row[]> =>
	(await rows(AUDIT_TABLE.name)).filter(
		(r) => r.orderId === String(orderId) && r.workflow === workflow,
	);

const ref = (orderId: unknown) =>
	`BC-${String(e2e.fx.bigCommerceCredentials.storeHash)}-${String(orderId)}`;
const salesOrders = async (orderId: unknown): Promise<IDataObject[]> =>
	(await e2e.fx.records('SalesOrderHeadersV2', 'usmf')).filter(
		(h) => h.CustomersOrderReference === ref(orderId),
	);
const lines = async (number: unknown): Promise<IDataObject[]> =>
	(await e2e.fx.records('SalesOrderLines', 'usmf')).filter((l) => l.SalesOrderNumber === number);
const settled = () => e2e.fx.admin('GET', '/bigcommerce/deliveries?wait=20000');

interface Execution {
	id: string;
	status: string;
	data?: {
		resultData: {
			error?: { message?: string };
			runData: Record<
				string,
				Array<{
					data?: { main: Array<Array<{ json: IDataObject }> | null> };
					error?: { message?: string };
				}>
			>;
		};
	};
}

async function execution(id: unknown): Promise<Execution> {
	const found = await e2e.n8n.api('GET', `/executions/${String(id)}?includeData=true`);
	if (found.status !== 200) throw new Error(`execution ${String(id)}: ${found.status}`);
	return found.body as Execution;
}

/**
 * Runs replay-failures as an operator does: *Execute workflow* in the editor, which is the owner's
 * POST /rest/workflows/:id/run from its manual trigger (the saved draft; nothing to publish). Waits
 * for the execution to finish and requires it to succeed.
 */
async function replay(): Promise<Execution> {
	const started = await e2e.n8n.rest(
		'POST',
		`/workflows/${SUPPORT_WORKFLOW_IDS.replayFailures}/run`,
		{
			triggerToStartFrom: { name: 'Replay failures' },
		},
	);
	const executionId = (started.body as { data?: { executionId?: string } })?.data?.executionId;
	if (started.status !== 200 || !executionId)
		throw new Error(
			`replay-failures did not start: ${started.status} ${JSON.stringify(started.body)}`,
		);
	const done = await waitFor(
		'the replay execution',
		async () => {
			const e = await execution(executionId);
			return ['new', 'running'].includes(e.status) ? undefined : e;
		},
		120_000,
	);
	if (done.status !== 'success')
		throw new Error(
			`replay-failures execution ${executionId} ${done.status}: ${JSON.stringify(done.data?.resultData.error)}`,
		);
	return done;
}

const POLES = 'POLES-TREK-CARBON';

describe('a failed order: the failure table, then a replay', () => {
	let orderId: number;
	let number: unknown;

	it('an unknown SKU: one open row per failed execution with the step, the error, the audit and the input to replay; the execution fails; nothing is written', async () => {
		const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
			customer_id: 1,
			lines: [{ sku: POLES }],
		});
		orderId = Number(created.id);
		const [row] = await waitFor(
			'the failure row',
			async () => ((await failureRows(orderId)).length ? failureRows(orderId) : undefined),
			90_000,
		);
		expect(row).toMatchObject({
			status: 'open',
			kind: 'order',
			workflow: ORDER_SYNC_NAME,
			step: 'Sales order',
			orderId: String(orderId),
			bigcommerceId: String(orderId),
			scope: expect.stringMatching(/^store\/order\//),
			errorMessage: expect.stringContaining(POLES),
			attempts: 1,
		});
		expect(JSON.parse(String(row.audit))).toMatchObject({ action: 'failed' });
		const input = JSON.parse(String(row.input)) as IDataObject;
		expect(input.id).toBe(orderId);
		expect((input.products as IDataObject[]).map((p) => p.sku)).toEqual([POLES]);
		expect(new Date(String(row.failedAt)).getTime()).toBeGreaterThan(Date.now() - 5 * 60_000);

		const failed = await waitFor(
			'the finished execution',
			async () => {
				const e = await execution(row.executionId);
				return ['new', 'running'].includes(e.status) ? undefined : e;
			},
			60_000,
		);
		expect(failed.status).toBe('error');
		const runData = failed.data!.resultData.runData;
		expect(runData['Sales order'][0].data!.main[0]).toEqual([]);
		expect(runData['Sales order'][0].data!.main[1]).toHaveLength(1);
		expect(runData.Payments).toBeUndefined();
		const stopped = runData['Fail the execution'][0].error?.message;
		expect(stopped).toBe(`Sales order failed for order ${orderId}: ${String(row.errorMessage)}`);
		expect(failed.data!.resultData.error?.message).toBe(stopped);
		await settled();
		expect(await salesOrders(orderId)).toEqual([]);
	});

	it('after F&O gets the missing product, replay-failures posts the order once and marks its rows done', async () => {
		await e2e.fx.admin('POST', '/d365/entities/ReleasedProductsV2', {
			dataAreaId: 'usmf',
			ItemNumber: POLES,
			ProductNumber: POLES,
			ProductName: 'Carbon Trekking Poles (pair)',
			SearchName: POLES,
			SalesPrice: 139,
			SalesUnitSymbol: 'ea',
			InventoryUnitSymbol: 'ea',
			PurchaseUnitSymbol: 'ea',
			ProductType: 'Item',
			ProductSubType: 'Product',
		});
		const before = await failureRows(orderId);
		expect(before.every((r) => r.status === 'open')).toBe(true);
		const run = await replay();
		expect(await salesOrders(orderId)).toHaveLength(1);
		const [header] = await salesOrders(orderId);
		number = header.SalesOrderNumber;
		expect((await lines(number)).map((l) => l.ItemNumber)).toContain(POLES);
		const after = await failureRows(orderId);
		expect(after).toHaveLength(before.length);
		for (const row of after) {
			expect(row).toMatchObject({
				status: 'done',
				attempts: 2,
				resolution: expect.stringMatching(new RegExp(`^replayed by execution ${run.id} `)),
			});
			expect(String(row.resolvedAt)).not.toBe('');
		}
		const audit = await auditRows(orderId, REPLAY_NAME);
		const created = audit.filter(
			(a) => a.entity === 'SalesOrderHeadersV2' && a.action === 'created',
		);
		expect(created).toHaveLength(1);
		expect(JSON.parse(String(created[0].keys))).toMatchObject({ SalesOrderNumber: number });
	});

	it('a replay of an order F&O already has writes nothing twice', async () => {
		const [done] = await failureRows(orderId);
		const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = done;
		const inserted = await e2e.n8n.api(
			'POST',
			`/data-tables/${e2e.n8n.dataTableIds[FAILURE_TABLE.name]}/rows`,
			{
				data: [{ ...copy, status: 'open', attempts: 1, resolution: '', resolvedAt: '' }],
				returnType: 'all',
			},
		);
		expect(inserted.status).toBe(200);
		const linesBefore = (await lines(number)).length;
		const auditBefore = (await auditRows(orderId, REPLAY_NAME)).length;
		await replay();
		expect(await salesOrders(orderId)).toHaveLength(1);
		expect(await lines(number)).toHaveLength(linesBefore);
		const rowsNow = await failureRows(orderId);
		expect(rowsNow.every((r) => r.status === 'done')).toBe(true);
		const second = (await auditRows(orderId, REPLAY_NAME)).slice(auditBefore);
		expect(second.find((a) => a.entity === 'SalesOrderHeadersV2')).toMatchObject({
			action: 'skipped-duplicate',
		});
		expect(second.filter((a) => a.action === 'created')).toEqual([]);
	});
});

describe('failures the node cannot fix', () => {
	it('an order the trigger could not fetch (404) is saved naming the failed fetch at Customer', async () => {
		await e2e.fx.admin('POST', '/faults/bigcommerce', {
			route: 'v2.orders.get',
			errorRate: 1,
			errorStatus: 404,
		});
		try {
			const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
				customer_id: 2,
				lines: [{ sku: 'BOTTLE-STEEL-1L' }],
			});
			const [row] = await waitFor(
				'the failure row',
				async () => ((await failureRows(created.id)).length ? failureRows(created.id) : undefined),
				90_000,
			);
			expect(row).toMatchObject({
				status: 'open',
				step: 'Customer',
				errorMessage: expect.stringMatching(
					new RegExp(
						`^Order ${String(created.id)} could not be fetched from BigCommerce \\(HTTP 404\\): `,
					),
				),
			});
			const failed = await execution(row.executionId);
			expect(failed.data!.resultData.runData['Sales order']).toBeUndefined();
			await settled();
			expect(await salesOrders(created.id)).toEqual([]);
		} finally {
			await e2e.fx.admin('DELETE', '/faults/bigcommerce');
		}
	});
});

describe('the audit trail', () => {
	it('every write of a paid order has its row in the audit table, with the keys F&O gave', async () => {
		const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
			customer_id: 3,
			lines: [{ sku: 'TENT-2P-ALPINE' }, { sku: 'LAMP-HEAD-400' }],
		});
		await e2e.fx.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, {
			event: 'capture',
		});
		const [header] = await waitFor(
			'the sales order',
			async () => ((await salesOrders(created.id)).length ? salesOrders(created.id) : undefined),
			90_000,
		);
		const payment = await waitFor(
			'the payment line',
			async () =>
				(await e2e.fx.records('CustomerPaymentJournalLines', 'usmf')).find((l) =>
					String(l.PaymentReference).startsWith(`BC-${String(created.id)}-T`),
				),
			90_000,
		);
		const audit = await waitFor(
			'the audit rows of both writes',
			async () => {
				const found = (await auditRows(created.id, ORDER_SYNC_NAME)).filter(
					(a) => a.action === 'created',
				);
				const entities = new Set(found.map((a) => a.entity));
				return entities.has('SalesOrderHeadersV2') && entities.has('CustomerPaymentJournalLines')
					? found
					: undefined;
			},
			60_000,
		);
		const byEntity = (entity: string) => audit.filter((a) => a.entity === entity);
		expect(byEntity('SalesOrderHeadersV2')).toHaveLength(1);
		expect(JSON.parse(String(byEntity('SalesOrderHeadersV2')[0].keys))).toMatchObject({
			SalesOrderNumber: header.SalesOrderNumber,
		});
		expect(byEntity('CustomerPaymentJournalLines')).toHaveLength(1);
		expect(byEntity('CustomerPaymentJournalLines')[0]).toMatchObject({
			dataAreaId: 'usmf',
			step: expect.stringMatching(/Payments|Later payment/),
		});
		expect(payment).toBeDefined();
		for (const row of audit) {
			expect(Number(row.attempts)).toBeGreaterThan(0);
			expect(Date.parse(String(row.finishedAt))).toBeGreaterThanOrEqual(
				Date.parse(String(row.startedAt)),
			);
		}
	});
});

describe('the error handler', () => {
	it('the shipped workflows name it as their error workflow', async () => {
		for (const id of Object.values(WORKFLOW_IDS)) {
			const workflow = await e2e.n8n.api('GET', `/workflows/${id}`);
			expect(workflow.body.settings?.errorWorkflow).toBe(SUPPORT_WORKFLOW_IDS.errorHandler);
		}
	});

	it('records an execution that failed outright (kind execution, workflow, last node, message), once', async () => {
		const marker = `m${Date.now()}`;
		const response = await fetch(e2e.n8n.webhookUrl('e2e-outright-failure'), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ marker }),
		});
		await response.arrayBuffer();
		const row = await waitFor(
			'the execution row',
			async () =>
				(await rows(FAILURE_TABLE.name)).find(
					(r) => r.kind === 'execution' && String(r.errorMessage).includes(marker),
				),
			60_000,
		);
		expect(row).toMatchObject({
			status: 'open',
			workflow: 'e2e: a workflow that fails outright',
			step: 'Fails here',
			errorMessage: `outright failure ${marker}`,
		});
		const failed = await execution(row.executionId);
		expect(failed.status).toBe('error');
		expect(JSON.parse(String(row.input))).toMatchObject({ workflowId: 'e2eOutrightFail1' });
		// The order-sync failures above were saved by their failure branch; the handler skipped them.
		const executionRows = (await rows(FAILURE_TABLE.name)).filter((r) => r.kind === 'execution');
		expect(executionRows.map((r) => r.workflow)).toEqual(['e2e: a workflow that fails outright']);
	});
});
