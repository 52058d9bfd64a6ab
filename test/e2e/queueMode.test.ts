/**
 * Queue mode on n8n 2.x: main + two workers (concurrency 5) on PostgreSQL and Redis. Twenty
 * orders, each the subject of fifty distinct deliveries at once (every copy its own event: its own
 * `created_at` and `hash`, so the trigger's delivery identity keeps them apart, fifty executions
 * race to post one order and the F&O side is what is proven), plus a concurrent backfill poll,
 * under three settings: the Redis posting lock, the deterministic order number alone, and neither
 * (only the node's per-process lock, which two workers get round).
 * Only the lock run asserts exactly-once for everything; the others print their duplicate counts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { deriveHookSecret, HOOK_MARKER_HEADER } from '../../nodes/BigCommerce/webhook/secret';
import { signStandardWebhook } from '../../nodes/BigCommerce/webhook/signature';
import { REPO_ROOT } from './support/hosts';
import { packTarball, startN8n, type N8nInstance } from './support';
import { readWorkflow, sandboxCredentials, waitFor, WORKFLOW_FILES } from './support/pack-e2e';
import { startSandboxFixture, type SandboxFixture } from '../support/sandboxFixture';

jest.setTimeout(40 * 60_000);

/** BigCommerce's Standard/Plus quota is 150 per 30 s; 1 000 deliveries each fetch the order. */
const RAISED_QUOTA = 20_000;
const ORDERS = 20;
const DELIVERIES_PER_ORDER = 50;

type Setting = 'lock' | 'deterministic' | 'none';
const SETTINGS: Setting[] = ['lock', 'deterministic', 'none'];
const REDIS_CREDENTIAL = { id: 'redisLockCred001', name: 'Redis posting lock' };

let fx: SandboxFixture;
let n8n: N8nInstance;
let workflowDir: string | undefined;
const variants: Record<Setting, { orderSync: IDataObject; backfill: IDataObject }> = {} as never;

/** The reference workflows with one setting applied, under their own ids and webhook ids. */
function variant(setting: Setting, file: string, suffix: string): IDataObject {
	const wf = readWorkflow(file);
	wf.id = `${suffix}${String(wf.id).slice(4)}`;
	wf.name = `${String(wf.name)} (${setting})`;
	for (const node of wf.nodes as IDataObject[]) {
		// Same shape, own identity: the first four characters carry the setting.
		node.id = `${suffix}${String(node.id).slice(4)}`;
		if (node.webhookId) node.webhookId = `${suffix}${String(node.webhookId).slice(4)}`;
		const p = node.parameters as IDataObject;
		if (String(node.type).endsWith('.microsoftDynamicsFo')) {
			if (setting === 'lock') {
				p.postingLock = 'redis';
				node.credentials = {
					...(node.credentials as IDataObject),
					bigCommerceD365RedisLockApi: REDIS_CREDENTIAL,
				};
			}
			if (setting === 'deterministic' && p.resource === 'salesOrder') {
				p.numbering = 'deterministic';
				p.orderNumberPrefix = 'BC';
			}
		}
	}
	return wf;
}

beforeAll(async () => {
	fx = await startSandboxFixture({ bigcommerce: { quota: RAISED_QUOTA } });
	const dir = mkdtempSync(join(tmpdir(), 'queue-workflows-'));
	workflowDir = dir;
	const files: string[] = [];
	SETTINGS.forEach((setting, i) => {
		const suffix = `00q${i}`;
		variants[setting] = {
			orderSync: variant(setting, WORKFLOW_FILES[0], suffix),
			backfill: variant(setting, WORKFLOW_FILES[3], suffix),
		};
		for (const wf of Object.values(variants[setting])) {
			const file = join(dir, `${String(wf.id)}.json`);
			writeFileSync(file, JSON.stringify(wf));
			files.push(file);
		}
	});
	n8n = await startN8n({
		host: 'n8n-2x',
		queue: { workers: 2, concurrency: 5 },
		tarball: await packTarball(REPO_ROOT),
		workflows: files,
		credentials: [
			...sandboxCredentials(fx),
			{
				...REDIS_CREDENTIAL,
				type: 'bigCommerceD365RedisLockApi',
				data: { host: '127.0.0.1', port: 6379, namespace: `e2e-queue-${Date.now()}:` },
			},
		],
		activate: [],
		activation: 'api',
		// n8n's default pool of 2 PostgreSQL connections times out under a thousand webhook
		// requests that each save static data; a queue-mode deployment sizes its pool for its load.
		// n8n's database health ping also waits for a pool connection; while the storm holds the pool
		// longer than its 5 s default, n8n reports the database down and answers webhooks 503.
		env: {
			DB_POSTGRESDB_POOL_SIZE: '20',
			DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
			DB_PING_TIMEOUT_MS: '60000',
		},
	});
	process.stderr.write(
		`queue mode: BigCommerce quota raised from 150 to ${RAISED_QUOTA} per 30 s for this test; n8n timings ${JSON.stringify(n8n.timings)}\n`,
	);
}, 30 * 60_000);

afterAll(async () => {
	await n8n?.stop();
	await fx?.close();
	if (workflowDir) rmSync(workflowDir, { recursive: true, force: true });
}, 120_000);

async function activate(id: unknown, on: boolean): Promise<void> {
	const result = await n8n.api(
		'POST',
		`/workflows/${String(id)}/${on ? 'activate' : 'deactivate'}`,
	);
	if (result.status !== 200)
		throw new Error(
			`${on ? 'activate' : 'deactivate'} ${String(id)}: ${result.status} ${JSON.stringify(result.body)}`,
		);
}

async function storeOrders(): Promise<IDataObject[]> {
	const orders: IDataObject[] = [];
	for (let i = 0; i < ORDERS; i++) {
		// 14 registered buyers (customers 1-6) and 6 guests sharing 3 emails.
		const buyer =
			i < 14
				? { customer_id: 1 + (i % 6) }
				: {
						guest: {
							first_name: 'Guest',
							last_name: `G${i % 3}`,
							email: `guest${i % 3}@example.org`,
						},
					};
		const order = await fx.admin('POST', '/bigcommerce/orders', {
			...buyer,
			lines: [{ sku: 'TENT-2P-ALPINE' }, { sku: 'LAMP-HEAD-400', quantity: 1 + (i % 2) }],
		});
		await fx.admin('POST', `/bigcommerce/orders/${order.id}/transactions`, { event: 'capture' });
		orders.push(order);
	}
	return orders;
}

async function deliverStorm(workflow: IDataObject, orders: IDataObject[]): Promise<number[]> {
	const trigger = (workflow.nodes as IDataObject[]).find(
		(n) => n.name === 'BigCommerce Trigger',
	) as IDataObject;
	const url = n8n.webhookUrl(`${String(trigger.webhookId)}/webhook`);
	const clientSecret = String(fx.bigCommerceCredentials.clientSecret);
	const secretHeader = deriveHookSecret(clientSecret, String(workflow.id), String(trigger.id));
	const statuses: number[] = [];
	for (const order of orders) {
		const firedAt = Math.floor(Date.now() / 1000);
		// This order's fifty deliveries go out at once. The trigger's identity is scope, hash,
		// created_at and data (a copy of one body under a new webhook-id is a duplicate), so each
		// copy is an event of its own: the order-created hook firing again, one second apart, with
		// its own hash. Every one is fetched and emitted, and fifty executions race to post one order.
		const answers = await Promise.all(
			Array.from({ length: DELIVERIES_PER_ORDER }, async (_, d) => {
				const raw = Buffer.from(
					JSON.stringify({
						scope: 'store/order/created',
						store_id: String(fx.sandbox.manifest.bigcommerce.storeId ?? '1'),
						data: { type: 'order', id: order.id },
						hash: createHash('sha1')
							.update(`order ${String(order.id)} event ${d}`)
							.digest('hex'),
						created_at: firedAt - d,
						producer: `stores/${String(fx.bigCommerceCredentials.storeHash)}`,
					}),
				);
				const id = `msg_${String(order.id)}_${d}_${Math.random().toString(36).slice(2)}`;
				const ts = String(Math.floor(Date.now() / 1000));
				const response = await fetch(url, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						[HOOK_MARKER_HEADER]: secretHeader,
						'webhook-id': id,
						'webhook-timestamp': ts,
						'webhook-signature': signStandardWebhook(clientSecret, id, ts, raw),
					},
					body: raw,
				});
				await response.arrayBuffer();
				return response.status;
			}),
		);
		statuses.push(...answers);
		// The next order's burst follows shortly, while this one's executions still run.
		await new Promise((r) => setTimeout(r, 1500));
	}
	return statuses;
}

interface Figures {
	salesOrders: number;
	extraSalesOrders: number;
	paymentLines: number;
	extraPaymentLines: number;
	customers: number;
	extraCustomers: number;
	journalHeaders: number;
}

async function figures(orders: IDataObject[]): Promise<Figures> {
	const storeHash = String(fx.bigCommerceCredentials.storeHash);
	const refs = new Set(orders.map((o) => `BC-${storeHash}-${String(o.id)}`));
	const headers = (await fx.records('SalesOrderHeadersV2', 'usmf')).filter((h) =>
		refs.has(String(h.CustomersOrderReference)),
	);
	const payRefs = new Set(orders.map((o) => String(o.id)));
	const payments = (await fx.records('CustomerPaymentJournalLines', 'usmf')).filter((l) =>
		payRefs.has(String(/^BC-(\d+)-T/.exec(String(l.PaymentReference))?.[1])),
	);
	const expectedCustomers = new Set(
		orders.map((o) =>
			Number(o.customer_id) > 0
				? `c${String(o.customer_id)}`
				: `g${String((o.billing_address as IDataObject).email)}`,
		),
	);
	const emails = new Set(
		orders.map((o) => String((o.billing_address as IDataObject).email).toLowerCase()),
	);
	const customers = (await fx.records('CustomersV3', 'usmf')).filter((c) =>
		emails.has(String(c.PrimaryContactEmail).toLowerCase()),
	);
	const journals = (await fx.records('CustomerPaymentJournalHeaders', 'usmf')).filter((j) =>
		/BigCommerce payments/.test(String(j.Description)),
	);
	return {
		salesOrders: headers.length,
		extraSalesOrders: headers.length - new Set(headers.map((h) => h.CustomersOrderReference)).size,
		paymentLines: payments.length,
		extraPaymentLines: payments.length - new Set(payments.map((p) => p.PaymentReference)).size,
		customers: customers.length,
		extraCustomers: customers.length - expectedCustomers.size,
		journalHeaders: journals.length,
	};
}

/**
 * How many executions the workflow has, of any status or of the given ones. n8n's internal list
 * counts every row, queued (`new`) ones included; the public API's pages leave queued ones out.
 */
async function executionCount(workflowId: unknown, status?: string[]): Promise<number> {
	const filter = JSON.stringify({ workflowId: String(workflowId), ...(status ? { status } : {}) });
	const result = await n8n.rest('GET', `/executions?filter=${encodeURIComponent(filter)}&limit=1`);
	const count = (result.body as { data?: { count?: unknown } } | undefined)?.data?.count;
	if (result.status !== 200 || typeof count !== 'number' || count < 0)
		throw new Error(`execution count: ${result.status} ${JSON.stringify(result.body)}`);
	return count;
}

async function runStorm(
	setting: Setting,
): Promise<{ orders: IDataObject[]; f: Figures; statuses: number[] }> {
	await fx.reset();
	await fx.admin('PUT', '/bigcommerce/rate-limit', { quota: RAISED_QUOTA });
	await fx.admin('PUT', '/d365/switches', {
		manualNumbers: { SalesOrderNumber: setting === 'deterministic' },
	});
	const orders = await storeOrders();
	await activate(variants[setting].orderSync.id, true);
	await waitFor(
		'the webhook to answer',
		async () => {
			const trigger = (variants[setting].orderSync.nodes as IDataObject[]).find(
				(n) => n.name === 'BigCommerce Trigger',
			) as IDataObject;
			const r = await fetch(n8n.webhookUrl(`${String(trigger.webhookId)}/webhook`), {
				method: 'POST',
				body: '{}',
			});
			await r.arrayBuffer();
			return r.status !== 404 || undefined;
		},
		60_000,
	);
	const storm = deliverStorm(variants[setting].orderSync, orders);
	await activate(variants[setting].backfill.id, true); // its first poll runs now, during the storm
	const statuses = await storm;
	let last = '';
	let stable = 0;
	await waitFor(
		`${setting}: F&O to settle`,
		async () => {
			// Settled: no order-sync execution queued or running (queued ones still change F&O).
			const pending = await executionCount(variants[setting].orderSync.id, ['new', 'running']);
			const now = JSON.stringify(await figures(orders));
			const running = await n8n.api('GET', '/executions?status=running&limit=1');
			stable =
				now === last && pending === 0 && (running.body?.data ?? []).length === 0 ? stable + 1 : 0;
			last = now;
			return stable >= 4 || undefined;
		},
		15 * 60_000,
	);
	await activate(variants[setting].orderSync.id, false);
	await activate(variants[setting].backfill.id, false);
	const f = await figures(orders);
	const answers: Record<number, number> = {};
	for (const status of statuses) answers[status] = (answers[status] ?? 0) + 1;
	const runs = await executionCount(variants[setting].orderSync.id);
	process.stdout.write(
		`queue mode [${setting}]: deliveries answered ${JSON.stringify(answers)}; order-sync executions ${runs}; F&O: ${JSON.stringify(f)}\n`,
	);
	// The storm is a storm: every delivery n8n accepted started an execution of its own (none was
	// absorbed as a duplicate), so the figures above come from many executions racing per order.
	expect(runs).toBe(answers[200]);
	return { orders, f, statuses };
}

describe('queue mode: main + 2 workers × 5, PostgreSQL + Redis', () => {
	it('with the Redis lock: exactly 20 sales orders, each payment once, each customer once, one daily journal', async () => {
		const { f, statuses } = await runStorm('lock');
		expect(statuses.every((s) => s === 200)).toBe(true);
		expect(f.salesOrders).toBe(ORDERS);
		expect(f.extraSalesOrders).toBe(0);
		expect(f.paymentLines).toBe(ORDERS);
		expect(f.extraPaymentLines).toBe(0);
		expect(f.extraCustomers).toBe(0);
		expect(f.journalHeaders).toBe(1);
	});

	it('with the deterministic order number alone: exactly 20 sales orders (other duplicates printed)', async () => {
		const { f } = await runStorm('deterministic');
		expect(f.salesOrders).toBe(ORDERS);
		process.stdout.write(
			`queue mode [deterministic] figures: duplicate payment lines ${f.extraPaymentLines}, duplicate customers ${f.extraCustomers}, journal headers ${f.journalHeaders}\n`,
		);
	});

	it('with neither: every duplicate count printed as a figure', async () => {
		const { f } = await runStorm('none');
		process.stdout.write(
			`queue mode [none] figures: duplicate sales orders ${f.extraSalesOrders}, duplicate payment lines ${f.extraPaymentLines}, duplicate customers ${f.extraCustomers}, journal headers ${f.journalHeaders}\n`,
		);
		expect(f.salesOrders).toBeGreaterThanOrEqual(ORDERS); // a figure, not a pass: every order arrived at least once
	});
});
