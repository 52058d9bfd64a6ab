/**
 * The pack in a real n8n 2.x: the four reference workflows imported and active, the sandbox store
 * driven like a merchant's, and every assertion on the sandbox's F&O state. Failed orders, the
 * failure and audit tables, replays and the error handler: test/e2e/failures.test.ts.
 */
import { readFileSync, existsSync } from 'node:fs';
import type { IDataObject } from 'n8n-workflow';

import { listHooks, updateHook } from '../../nodes/BigCommerce/api';
import { deriveHookSecret, HOOK_MARKER_HEADER } from '../../nodes/BigCommerce/webhook/secret';
import { signStandardWebhook } from '../../nodes/BigCommerce/webhook/signature';
import {
	executions,
	readWorkflow,
	startPackE2e,
	waitFor,
	WORKFLOW_FILES,
	WORKFLOW_IDS,
	type PackE2e,
} from './support/pack-e2e';

jest.setTimeout(10 * 60_000);

let e2e: PackE2e;

beforeAll(async () => {
	e2e = await startPackE2e();
	process.stderr.write(`order flow e2e: n8n timings (s) ${JSON.stringify(e2e.n8n.timings)}\n`);
}, 25 * 60_000);

afterAll(async () => {
	await e2e?.stop();
}, 120_000);

const ref = (orderId: unknown) =>
	`BC-${e2e.fx.bigCommerceCredentials.storeHash}-${String(orderId)}`;

async function salesOrder(orderId: unknown): Promise<IDataObject | undefined> {
	return (await e2e.fx.records('SalesOrderHeadersV2', 'usmf')).find(
		(h) => h.CustomersOrderReference === ref(orderId),
	);
}

async function salesOrders(orderId: unknown): Promise<IDataObject[]> {
	return (await e2e.fx.records('SalesOrderHeadersV2', 'usmf')).filter(
		(h) => h.CustomersOrderReference === ref(orderId),
	);
}

async function lines(number: unknown): Promise<IDataObject[]> {
	return (await e2e.fx.records('SalesOrderLines', 'usmf')).filter(
		(l) => l.SalesOrderNumber === number,
	);
}

async function payments(orderId: unknown): Promise<IDataObject[]> {
	return (await e2e.fx.records('CustomerPaymentJournalLines', 'usmf')).filter((l) =>
		String(l.PaymentReference).startsWith(`BC-${String(orderId)}-T`),
	);
}

const settled = () => e2e.fx.admin('GET', '/bigcommerce/deliveries?wait=20000');

describe('orders, payments, refunds and customers flow into F&O', () => {
	it("a registered buyer's paid order becomes a sales order with all lines and its payment", async () => {
		const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
			customer_id: 1,
			lines: [
				{ sku: 'TENT-2P-ALPINE' },
				{ sku: 'JKT-RAIN-M-BLU', quantity: 2 },
				{ sku: 'LAMP-HEAD-400' },
			],
			shipping: 12,
		});
		await e2e.fx.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, {
			event: 'capture',
		});
		const header = await waitFor('the sales order', () => salesOrder(created.id), 90_000);
		expect(
			await waitFor('all lines', async () =>
				(await lines(header.SalesOrderNumber)).length === 4 ? true : undefined,
			),
		).toBe(true);
		const [payment] = await waitFor(
			'the payment line',
			async () => ((await payments(created.id)).length ? payments(created.id) : undefined),
			90_000,
		);
		expect(payment).toMatchObject({ AccountType: 'Cust', CurrencyCode: 'USD' });
		expect(Number(payment.CreditAmount)).toBeGreaterThan(0);
	});

	it('a guest order makes one customer per email, and a later capture is posted as a payment', async () => {
		const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
			guest: { first_name: 'Kim', last_name: 'Sato', email: 'kim.sato@example.org' },
			lines: [{ sku: 'STOVE-CANISTER' }, { sku: 'BOTTLE-STEEL-1L' }],
		});
		const header = await waitFor('the guest sales order', () => salesOrder(created.id), 90_000);
		const customers = (await e2e.fx.records('CustomersV3', 'usmf')).filter(
			(c) => c.PrimaryContactEmail === 'kim.sato@example.org',
		);
		expect(customers).toHaveLength(1);
		expect(header.OrderingCustomerAccountNumber).toBe(customers[0].CustomerAccount);
		expect(await payments(created.id)).toHaveLength(0);

		await e2e.fx.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, {
			event: 'capture',
			amount: 20,
		});
		const [later] = await waitFor(
			'the later payment',
			async () => ((await payments(created.id)).length ? payments(created.id) : undefined),
			90_000,
		);
		expect(Number(later.CreditAmount)).toBe(20);
	});

	it('a refund of a line becomes a return order (credit note)', async () => {
		const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
			customer_id: 2,
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 2 }],
		});
		await e2e.fx.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, {
			event: 'capture',
		});
		await waitFor('the sales order', () => salesOrder(created.id), 90_000);
		const order = await e2e.fx.admin('GET', `/bigcommerce/orders/${created.id}`);
		const lineId =
			Number((order.products ?? order.consignments?.shipping?.[0]?.line_items ?? [])[0]?.id ?? 0) ||
			undefined;
		await e2e.fx.admin(
			'POST',
			`/bigcommerce/orders/${created.id}/refunds`,
			lineId ? { lines: [{ id: lineId, quantity: 1 }] } : { amount: 10 },
		);
		const returns = await waitFor(
			'the credit note',
			async () => {
				const rma = (await e2e.fx.records('ReturnOrderHeaders', 'usmf')).filter((r) =>
					String(r.CustomersOrderReference).startsWith(`${ref(created.id)}-R`),
				);
				const freeText = (await e2e.fx.records('FreeTextInvoiceHeaders', 'usmf')).filter((r) =>
					String(r.CustomerReference).startsWith(`${ref(created.id)}-R`),
				);
				return rma.length + freeText.length ? [...rma, ...freeText] : undefined;
			},
			90_000,
		);
		expect(returns).toHaveLength(1);
	});

	it('a customer edited in the store is updated in CustomersV3', async () => {
		await e2e.fx.admin('PUT', '/bigcommerce/customers/3', { phone: '+49 30 5550 1234' });
		const updated = await waitFor(
			'the updated customer',
			async () =>
				(await e2e.fx.records('CustomersV3', 'usmf')).find(
					(c) => c.PrimaryContactPhone === '+49 30 5550 1234',
				),
			90_000,
		);
		expect(updated.PrimaryContactEmail).toBe('jonas.becker@example.de');
	});

	it('duplicate deliveries create nothing twice', async () => {
		await e2e.fx.admin('PUT', '/bigcommerce/switches', { duplicateDeliveries: 2 });
		try {
			const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
				customer_id: 4,
				lines: [{ sku: 'SB-DOWN-20-REG' }],
			});
			await e2e.fx.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, {
				event: 'capture',
			});
			await waitFor('the sales order', () => salesOrder(created.id), 90_000);
			await settled();
			await new Promise((r) => setTimeout(r, 3000));
			expect(await salesOrders(created.id)).toHaveLength(1);
			expect(await payments(created.id)).toHaveLength(1);
		} finally {
			await e2e.fx.admin('PUT', '/bigcommerce/switches', { duplicateDeliveries: 0 });
		}
	});
});

describe('the live webhook URL', () => {
	const orderSync = readWorkflow(WORKFLOW_FILES[0]);
	const trigger = (orderSync.nodes as IDataObject[]).find(
		(n) => n.name === 'BigCommerce Trigger',
	) as IDataObject;
	const url = () => e2e.n8n.webhookUrl(`${String(trigger.webhookId)}/webhook`);
	const body = () =>
		Buffer.from(
			JSON.stringify({
				scope: 'store/order/created',
				store_id: '1025646',
				data: { type: 'order', id: 101 },
				hash: 'a'.repeat(40),
				created_at: Math.floor(Date.now() / 1000),
				producer: `stores/${String(e2e.fx.bigCommerceCredentials.storeHash)}`,
			}),
		);
	const secretHeader = () =>
		deriveHookSecret(
			String(e2e.fx.bigCommerceCredentials.clientSecret),
			WORKFLOW_IDS.orderSync,
			String(trigger.id),
		);

	async function deliver(raw: Buffer, headers: Record<string, string>): Promise<number> {
		const response = await fetch(url(), {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: raw,
		});
		await response.arrayBuffer();
		return response.status;
	}

	it('forged, replayed and unsigned deliveries get 401 and start no execution', async () => {
		const before = (await executions(e2e.n8n, WORKFLOW_IDS.orderSync)).length;
		const raw = body();
		const now = Math.floor(Date.now() / 1000);
		const secret = String(e2e.fx.bigCommerceCredentials.clientSecret);
		// unsigned, no secret header
		expect(await deliver(raw, {})).toBe(401);
		// forged: a secret header and signature made with the wrong secret
		expect(
			await deliver(raw, {
				[HOOK_MARKER_HEADER]: deriveHookSecret(
					'not-the-secret-at-all',
					WORKFLOW_IDS.orderSync,
					String(trigger.id),
				),
				'webhook-id': 'msg_forged',
				'webhook-timestamp': String(now),
				'webhook-signature': signStandardWebhook(
					'not-the-secret-at-all',
					'msg_forged',
					String(now),
					raw,
				),
			}),
		).toBe(401);
		// replayed: genuinely signed, ten minutes old
		const old = String(now - 600);
		expect(
			await deliver(raw, {
				[HOOK_MARKER_HEADER]: secretHeader(),
				'webhook-id': 'msg_replayed',
				'webhook-timestamp': old,
				'webhook-signature': signStandardWebhook(secret, 'msg_replayed', old, raw),
			}),
		).toBe(401);
		await new Promise((r) => setTimeout(r, 2000));
		expect((await executions(e2e.n8n, WORKFLOW_IDS.orderSync)).length).toBe(before);
	});

	it('a genuine delivery is answered 200 and starts one execution', async () => {
		const before = (await executions(e2e.n8n, WORKFLOW_IDS.orderSync)).length;
		const raw = body();
		const now = String(Math.floor(Date.now() / 1000));
		const status = await deliver(raw, {
			[HOOK_MARKER_HEADER]: secretHeader(),
			'webhook-id': `msg_genuine_${now}`,
			'webhook-timestamp': now,
			'webhook-signature': signStandardWebhook(
				String(e2e.fx.bigCommerceCredentials.clientSecret),
				`msg_genuine_${now}`,
				now,
				raw,
			),
		});
		expect(status).toBe(200);
		await waitFor(
			'one more execution',
			async () =>
				(await executions(e2e.n8n, WORKFLOW_IDS.orderSync)).length === before + 1 || undefined,
			30_000,
		);
	});
});

describe('credentials in n8n', () => {
	async function testCredential(credentials: IDataObject) {
		const response = await e2e.n8n.rest('POST', '/credentials/test', { credentials });
		return response.body?.data ?? response.body;
	}

	it('both Test buttons succeed against the sandbox and explain a wrong secret', async () => {
		const bc = {
			id: 'bcStoreCred00001',
			name: 'BigCommerce store',
			type: 'bigCommerceApi',
			data: e2e.fx.bigCommerceCredentials,
		};
		const fo = {
			id: 'd365FoCred000001',
			name: 'Dynamics 365 F&O',
			type: 'microsoftDynamicsFoApi',
			data: e2e.fx.foCredentials,
		};
		expect(await testCredential(bc)).toMatchObject({ status: 'OK' });
		expect(await testCredential(fo)).toMatchObject({ status: 'OK' });
		const badBc = await testCredential({
			...bc,
			data: { ...e2e.fx.bigCommerceCredentials, accessToken: 'wrong-token-123456' },
		});
		expect(badBc).toMatchObject({ status: 'Error' });
		expect(String(badBc.message)).toMatch(/401|access token/i);
		const badFo = await testCredential({
			...fo,
			data: { ...e2e.fx.foCredentials, clientSecret: 'wrong-secret-123456' },
		});
		expect(badFo).toMatchObject({ status: 'Error' });
		expect(String(badFo.message)).toMatch(/AADSTS7000215|client secret/i);
	});

	it('the n8n database holds no secret in clear text', async () => {
		const secrets = [
			String(e2e.fx.bigCommerceCredentials.accessToken),
			String(e2e.fx.bigCommerceCredentials.clientSecret),
			String(e2e.fx.foCredentials.clientSecret),
			...['order-sync', 'refund-sync', 'customer-sync'].map((name, i) => {
				const wf = readWorkflow(WORKFLOW_FILES[i]);
				const node = (wf.nodes as IDataObject[]).find(
					(n) => n.name === 'BigCommerce Trigger',
				) as IDataObject;
				return (
					deriveHookSecret(
						String(e2e.fx.bigCommerceCredentials.clientSecret),
						String(wf.id),
						String(node.id),
					) + name.slice(0, 0)
				);
			}),
		];
		const dbPath = e2e.n8n.dbPath as string;
		const files = [dbPath, `${dbPath}-wal`, `${dbPath}-shm`].filter((f) => existsSync(f));
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			const bytes = readFileSync(file).toString('latin1');
			for (const secret of secrets) expect(bytes.includes(secret)).toBe(false);
		}
	});
});

describe('backfill and watchdog (real polls, one minute apart)', () => {
	it('with the hooks deactivated, the poll catches every missed order and re-activates the hooks', async () => {
		const ctx = e2e.fx.context();
		const hooks = await listHooks(ctx, {});
		expect(hooks.length).toBeGreaterThanOrEqual(6);
		// What BigCommerce does after ~48 h of failed deliveries.
		for (const hook of hooks) await updateHook(ctx, Number(hook.id), { is_active: false });
		const missed: IDataObject[] = [];
		for (const customer of [1, 2, 5]) {
			missed.push(
				await e2e.fx.admin('POST', '/bigcommerce/orders', {
					customer_id: customer,
					lines: [{ sku: 'BOTTLE-STEEL-1L', quantity: customer }],
				}),
			);
		}
		const deliveries = await e2e.fx.admin('GET', '/bigcommerce/deliveries?wait=5000');
		const toMissed = (deliveries.deliveries as IDataObject[]).filter((d) =>
			missed.some((m) => JSON.stringify(d).includes(`"id":${m.id}`)),
		);
		expect(toMissed).toHaveLength(0); // nothing was delivered for them
		for (const order of missed) {
			// The poll leaves the last minute's changes to the webhooks: a minute, a poll, the posting.
			await waitFor(`order ${order.id} through the backfill`, () => salesOrder(order.id), 210_000);
		}
		for (const order of missed) expect(await salesOrders(order.id)).toHaveLength(1);
		await waitFor(
			'the hooks re-activated by the watchdog',
			async () => (await listHooks(ctx, {})).every((h) => h.is_active) || undefined,
			150_000,
		);
		// The poll's execution (posting the orders, reporting the re-activated hooks) is listed once it is saved.
		const polled = await waitFor(
			'a backfill execution in n8n',
			async () => {
				const list = await executions(e2e.n8n, WORKFLOW_IDS.backfill);
				return list.length > 0 ? list : undefined;
			},
			90_000,
		);
		expect(polled.length).toBeGreaterThan(0);
	});
});
