/**
 * Failures an operator can act on, in a real n8n 2.x: a failed order lands in the failure Data
 * Table with what is needed to replay it while its execution still fails; replay-failures (run by
 * n8n's CLI, as an operator's manual run) posts it once the cause is fixed and marks the row done,
 * and a replay of an order F&O already has writes nothing; every write's audit record lands in the
 * audit table; the error handler records an execution that failed outright. Every figure is read
 * from n8n's public API (executions, data table rows) and from the sandbox's F&O state.
 */
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { AUDIT_TABLE, dataTableRows, FAILURE_TABLE } from './support/dataTables';
import { REPO_ROOT } from './support/hosts';
import {
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

let e2e: PackE2e;

beforeAll(async () => {
	e2e = await startPackE2e({
		n8n: {
			workflows: [...WORKFLOW_FILES, ...SUPPORT_WORKFLOW_FILES, OUTRIGHT_FAILURE],
			activate: [...Object.values(WORKFLOW_IDS), 'e2eOutrightFail1'],
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

const POLES = 'POLES-TREK-CARBON';

describe('a failed order: the failure table, then a replay', () => {
	let orderId: number;

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

	// Not proven yet, so not claimed: `n8n execute` (used to run replay-failures) collides with the
	// running main's task-broker port, and the Error Trigger row did not appear within 60 s.
	// See the closing note of issue 20; these stay todo until they pass in the real n8n.
	it.todo(
		'after F&O gets the missing product, replay-failures posts the order once and marks its rows done',
	);

	// Not proven yet, so not claimed: `n8n execute` (used to run replay-failures) collides with the
	// running main's task-broker port, and the Error Trigger row did not appear within 60 s.
	// See the closing note of issue 20; these stay todo until they pass in the real n8n.
	it.todo('a replay of an order F&O already has writes nothing twice');
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

	// Not proven yet, so not claimed: `n8n execute` (used to run replay-failures) collides with the
	// running main's task-broker port, and the Error Trigger row did not appear within 60 s.
	// See the closing note of issue 20; these stay todo until they pass in the real n8n.
	it.todo(
		'records an execution that failed outright (kind execution, workflow, last node, message), once',
	);
});
