/**
 * n8n 1.x (1.123.x on Node 22, from the npm registry, installed and cached like the 2.x host):
 * the pack's tarball installs, the four reference workflows import and activate, and the
 * order-sync path posts an order end to end.
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
});
