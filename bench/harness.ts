/**
 * One real n8n 2.x for the benchmark, started the way the e2e suites start it (packed tarball,
 * shipped workflows, sandbox credentials): the shipped order-sync and backfill workflows and, in
 * the same n8n, the HTTP Request baseline (bench/baseline-order-sync.json) pointed at the sandbox.
 * Regular mode, or queue mode (private Redis, PostgreSQL, workers) with the Redis posting lock as
 * the README prescribes for queue mode. Nothing is active at start: each measurement activates
 * what it measures, so no other workflow spends the same quota.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { SandboxFixture } from '../test/support/sandboxFixture';
import { packTarball, startN8n, type N8nInstance } from '../test/e2e/support';
import { REPO_ROOT } from '../test/e2e/support/hosts';
import {
	firstWebhook200,
	readWorkflow,
	sandboxCredentials,
	scheduledEvery,
	waitFor,
	WORKFLOW_FILES,
} from '../test/e2e/support/pack-e2e';
import { startPrivateRedis, type PrivateRedis } from '../test/e2e/support/privateRedis';
import { redisLockCredential, withRedisLock } from '../test/e2e/reliability/suite';

const ORDER_SYNC = WORKFLOW_FILES[0];
const BACKFILL = WORKFLOW_FILES[3];
const returnFlow = (name: string) => readWorkflow(join(REPO_ROOT, 'workflows', `${name}.json`));
/** How often the return flows run in the benchmark (shipped: every 15 and 30 minutes). */
export const RETURN_FLOW_SCHEDULE_SECONDS = 20;
export const BASELINE_FILE = join(REPO_ROOT, 'bench', 'baseline-order-sync.json');
/** The hosts the baseline names as an integrator would; the benchmark points them at the sandbox. */
const BASELINE_HOSTS = {
	bigcommerce: 'https://api.bigcommerce.com',
	fo: 'https://contoso.operations.dynamics.com',
};
const BASELINE_WEBHOOK_PATH = 'bench-baseline-order-created';

export type Flow = 'pack' | 'baseline';

export interface BenchN8n {
	n8n: N8nInstance;
	mode: string;
	workflows: Record<
		'orderSync' | 'backfill' | 'backfillTuned' | 'baseline' | 'fulfilment' | 'stock',
		IDataObject
	>;
	redis?: PrivateRedis;
	stop(): Promise<void>;
}

/**
 * The backfill with one setting changed, to show what its poll can reach beyond the shipped
 * default: Max Records Per Poll 1,000 (shipped 100). It selects only status 9 (Awaiting Shipment),
 * the status of its own run's orders, so the shipped backfill's orders (status 11) it lists on its
 * first poll are passed over, never fetched or posted again.
 */
export const TUNED_MAX_PER_POLL = 1000;
export const TUNED_STATUS = 9;
function tunedBackfill(): IDataObject {
	const wf = readWorkflow(BACKFILL);
	wf.id = 'bcd365BackfillT1';
	wf.name = `${String(wf.name)} (Max Records Per Poll ${TUNED_MAX_PER_POLL})`;
	for (const node of wf.nodes as IDataObject[])
		if (String(node.type).endsWith('.bigCommercePollTrigger'))
			Object.assign(node.parameters as IDataObject, {
				maxPerPoll: TUNED_MAX_PER_POLL,
				statuses: [TUNED_STATUS],
			});
	return wf;
}

/** The baseline with its hosts on the sandbox: the same file, only the two base URLs differ. */
function baselineWorkflow(fx: SandboxFixture): IDataObject {
	const text = readFileSync(BASELINE_FILE, 'utf8')
		.split(BASELINE_HOSTS.bigcommerce)
		.join(String(fx.bigCommerceCredentials.baseUrl))
		.split(BASELINE_HOSTS.fo)
		.join(String(fx.foCredentials.environmentUrl));
	return JSON.parse(text) as IDataObject;
}

/** The baseline's two credentials: BigCommerce's X-Auth-Token header, F&O by OAuth2 client credentials. */
function baselineCredentials(fx: SandboxFixture): Array<Record<string, unknown>> {
	const fo = fx.foCredentials;
	return [
		{
			id: 'benchBcHeaderAuth',
			name: 'BigCommerce X-Auth-Token',
			type: 'httpHeaderAuth',
			data: { name: 'X-Auth-Token', value: fx.bigCommerceCredentials.accessToken },
		},
		{
			id: 'benchFoOAuth2Cred',
			name: 'F&O client credentials',
			type: 'oAuth2Api',
			data: {
				grantType: 'clientCredentials',
				accessTokenUrl: fo.tokenUrl,
				clientId: fo.clientId,
				clientSecret: fo.clientSecret,
				scope: `${String(fo.environmentUrl)}/.default`,
				authentication: 'body',
			},
		},
	];
}

export async function startBenchN8n(
	fx: SandboxFixture,
	options: { queueWorkers?: number } = {},
): Promise<BenchN8n> {
	const queue = options.queueWorkers !== undefined;
	const redis = queue ? await startPrivateRedis() : undefined;
	const storeHash = String(fx.bigCommerceCredentials.storeHash);
	const workflows = {
		orderSync: queue ? withRedisLock(ORDER_SYNC, 'shipped') : readWorkflow(ORDER_SYNC),
		backfill: queue ? withRedisLock(BACKFILL, 'shipped') : readWorkflow(BACKFILL),
		backfillTuned: tunedBackfill(),
		baseline: baselineWorkflow(fx),
		...Object.fromEntries(
			Object.entries({ fulfilment: 'fulfilment-sync', stock: 'stock-sync' }).map(([key, name]) => [
				key,
				scheduledEvery(returnFlow(name), RETURN_FLOW_SCHEDULE_SECONDS, storeHash),
			]),
		),
	} as BenchN8n['workflows'];
	const dir = mkdtempSync(join(tmpdir(), 'benchmark-workflows-'));
	const files = Object.values(workflows).map((wf) => {
		const file = join(dir, `${String(wf.id)}.json`);
		writeFileSync(file, JSON.stringify(wf));
		return file;
	});
	try {
		const n8n = await startN8n({
			host: 'n8n-2x',
			tarball: await packTarball(REPO_ROOT),
			workflows: files,
			credentials: [
				...sandboxCredentials(fx),
				...baselineCredentials(fx),
				...(redis ? [redisLockCredential(redis, `benchmark-${Date.now()}:`)] : []),
			],
			activate: [],
			activation: 'api',
			...(redis ? { queue: { workers: options.queueWorkers ?? 1, concurrency: 5, redis } } : {}),
			env: { DB_POSTGRESDB_POOL_SIZE: '20' },
		});
		const workers = options.queueWorkers === 1 ? '1 worker' : `${options.queueWorkers} workers`;
		const mode = queue ? `queue mode, ${workers} × concurrency 5` : 'regular';
		return {
			n8n,
			mode,
			workflows,
			redis,
			stop: async () => {
				// Deactivated first, so order-sync's hooks leave the store with this n8n.
				for (const wf of Object.values(workflows))
					await n8n.api('POST', `/workflows/${String(wf.id)}/deactivate`).catch(() => undefined);
				await n8n.stop();
				await redis?.stop();
			},
		};
	} catch (error) {
		await redis?.stop();
		throw error;
	}
}

export async function setActive(bench: BenchN8n, wf: IDataObject, on: boolean): Promise<void> {
	const r = await bench.n8n.api(
		'POST',
		`/workflows/${String(wf.id)}/${on ? 'activate' : 'deactivate'}`,
	);
	if (r.status !== 200) throw new Error(`activate ${String(wf.id)}: ${r.status}`);
}

/**
 * Order-sync on, with its three hooks registered to this n8n (not another's left in the store)
 * and its webhook answering a genuine delivery.
 */
export async function activateOrderSync(bench: BenchN8n, fx: SandboxFixture): Promise<void> {
	await setActive(bench, bench.workflows.orderSync, true);
	const ours = async () => {
		const hooks = (await fx.admin('GET', '/bigcommerce/hooks')) as IDataObject[];
		const base = `${bench.n8n.baseUrl}/`;
		return hooks.filter((h) => h.is_active && String(h.destination).startsWith(base)).length;
	};
	await waitFor(
		'order-sync hooks and webhook',
		async () => (await ours()) >= 3 && (await firstWebhook200(fx, bench.n8n)),
		90_000,
	);
}

/**
 * The baseline on, and the store hook an integrator registers for it (store/order/created to the
 * Webhook node's production URL). Returns the hook id, for removeHook.
 */
export async function activateBaseline(bench: BenchN8n, fx: SandboxFixture): Promise<number> {
	await setActive(bench, bench.workflows.baseline, true);
	const url = bench.n8n.webhookUrl(BASELINE_WEBHOOK_PATH);
	// The probe runs the baseline once; it stops at its first expression (no order id), calling nothing.
	await waitFor('baseline webhook', async () => {
		const r = await fetch(url, { method: 'POST', body: '{"probe":true}' });
		await r.arrayBuffer();
		return r.status === 200;
	});
	const hook = (await bigCommerceApi(fx, 'POST', '/v3/hooks', {
		scope: 'store/order/created',
		destination: url,
		is_active: true,
		headers: {},
	})) as { data: { id: number } };
	return hook.data.id;
}

export async function removeHook(fx: SandboxFixture, id: number): Promise<void> {
	await bigCommerceApi(fx, 'DELETE', `/v3/hooks/${id}`);
}

async function bigCommerceApi(
	fx: SandboxFixture,
	method: string,
	path: string,
	body?: unknown,
): Promise<unknown> {
	const c = fx.bigCommerceCredentials;
	const response = await fetch(`${String(c.baseUrl)}/stores/${String(c.storeHash)}${path}`, {
		method,
		headers: {
			'X-Auth-Token': String(c.accessToken),
			'content-type': 'application/json',
			accept: 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`BigCommerce ${method} ${path}: ${response.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

/** Whether any execution is still running (or queued) in this n8n. */
export async function executionsRunning(bench: BenchN8n): Promise<boolean> {
	for (const status of ['running', 'waiting', 'new']) {
		const r = await bench.n8n.api('GET', `/executions?status=${status}&limit=1`);
		if (Array.isArray(r.body?.data) && r.body.data.length > 0) return true;
	}
	return false;
}

/** The n8n main process: `n8n start` whose environment names this instance's user folder. */
export function mainPid(bench: BenchN8n): number | undefined {
	const marker = `N8N_USER_FOLDER=${bench.n8n.userFolder}`;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
			if (cmdline[cmdline.length - 2] !== 'start' && cmdline[cmdline.length - 1] !== 'start')
				continue;
			if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(marker))
				return Number(entry);
		} catch {
			// the process ended while it was read
		}
	}
	return undefined;
}

/** Resident set size of a process in MB (VmRSS), undefined when it is gone. */
export function rssMb(pid: number | undefined): number | undefined {
	if (pid === undefined) return undefined;
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Math.round(Number(match[1]) / 1024) : undefined;
	} catch {
		return undefined;
	}
}
