/**
 * n8n 1.x (1.123.x on Node 22, from the npm registry, installed and cached like the 2.x host):
 * the pack's tarball installs, the four reference workflows import and activate, the
 * order-sync path posts an order end to end, and a failing order leaves the F&O node on its error
 * output (n8n 1.x routes only items whose json is `{ error }` or `{ error, message }`), so the
 * failure branch runs and the execution is not "success".
 */
import type { IDataObject } from 'n8n-workflow';

import { executions, startPackE2e, waitFor, WORKFLOW_IDS, type PackE2e } from './support/pack-e2e';

jest.setTimeout(10 * 60_000);

let e2e: PackE2e;

beforeAll(async () => {
	e2e = await startPackE2e({ n8n: { host: 'n8n-1x' } });
	process.stderr.write(`n8n 1.x e2e: timings (s) ${JSON.stringify(e2e.n8n.timings)}\n`);
}, 25 * 60_000);

afterAll(async () => {
	await e2e?.stop();
}, 120_000);

describe('n8n 1.x', () => {
	it('runs a 1.x n8n with the pack and all four workflows active', async () => {
		const version = await e2e.n8n.cli(['--version']);
		expect(version.output).toMatch(/^1\.123\./m);
		const workflows = await e2e.n8n.api('GET', '/workflows?limit=50');
		const active = (workflows.body.data as IDataObject[]).filter((w) => w.active).map((w) => w.id);
		expect(active.sort()).toEqual(Object.values(WORKFLOW_IDS).sort());
	});

	it('posts a paid order from the store to F&O: sales order, lines, payment', async () => {
		const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
			customer_id: 2,
			lines: [{ sku: 'TENT-4P-BASECAMP' }, { sku: 'SOCK-MERINO-M', quantity: 3 }],
		});
		await e2e.fx.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, {
			event: 'capture',
		});
		const reference = `BC-${String(e2e.fx.bigCommerceCredentials.storeHash)}-${String(created.id)}`;
		const header = await waitFor(
			'the sales order',
			async () =>
				(await e2e.fx.records('SalesOrderHeadersV2', 'usmf')).find(
					(h) => h.CustomersOrderReference === reference,
				),
			120_000,
		);
		const lines = (await e2e.fx.records('SalesOrderLines', 'usmf')).filter(
			(l) => l.SalesOrderNumber === header.SalesOrderNumber,
		);
		expect(lines.length).toBeGreaterThanOrEqual(3); // two products and the shipping line
		await waitFor(
			'the payment line',
			async () =>
				(await e2e.fx.records('CustomerPaymentJournalLines', 'usmf')).find((l) =>
					String(l.PaymentReference).startsWith(`BC-${String(created.id)}-T`),
				),
			120_000,
		);
		expect((await executions(e2e.n8n, WORKFLOW_IDS.orderSync)).length).toBeGreaterThan(0);
	});

	it('a failing order goes to the error output: Record failure runs, the execution fails, nothing is written', async () => {
		const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
			customer_id: 1,
			lines: [{ sku: 'POLES-TREK-CARBON' }], // sold in the store, not released in F&O
		});
		const execution = await waitFor(
			'the failed execution',
			async () => {
				for (const e of await executions(e2e.n8n, WORKFLOW_IDS.orderSync)) {
					if (['new', 'running', 'waiting'].includes(String(e.status))) continue;
					const full = await e2e.n8n.api('GET', `/executions/${String(e.id)}?includeData=true`);
					const runData = full.body?.data?.resultData?.runData as IDataObject | undefined;
					const recorded = (runData?.['Record failure'] as IDataObject[] | undefined)?.[0];
					const json = (recorded?.data as { main: Array<Array<{ json: IDataObject }>> })
						?.main[0]?.[0]?.json;
					if (json?.orderId === String(created.id)) return full.body as IDataObject;
				}
				return undefined;
			},
			120_000,
		);
		expect(execution.status).toBe('error');
		const runData = (execution.data as IDataObject).resultData as IDataObject;
		const salesOrder = ((runData.runData as IDataObject)['Sales order'] as IDataObject[])[0];
		const [success, failed] = (salesOrder.data as { main: Array<Array<{ json: IDataObject }>> })
			.main;
		expect(success).toEqual([]);
		expect(failed).toHaveLength(1);
		expect(failed[0].json.error).toMatchObject({
			message: expect.stringContaining('POLES-TREK-CARBON'),
			itemIndex: 0,
			audit: { action: 'failed' },
		});
		expect(((runData.runData as IDataObject).Payments as unknown) ?? null).toBeNull();
		expect(String((runData.error as IDataObject | undefined)?.message)).toMatch(
			new RegExp(`^Sales order failed for order ${String(created.id)}: .*POLES-TREK-CARBON`),
		);
		const reference = `BC-${String(e2e.fx.bigCommerceCredentials.storeHash)}-${String(created.id)}`;
		expect(
			(await e2e.fx.records('SalesOrderHeadersV2', 'usmf')).filter(
				(h) => h.CustomersOrderReference === reference,
			),
		).toEqual([]);
	});
});
