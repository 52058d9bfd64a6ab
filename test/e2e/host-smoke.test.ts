import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import {
	missingBuildOutputs,
	packTarball,
	readPackageJson,
	startN8n,
	webhookReady,
	type HostName,
	type N8nInstance,
	type QueueOptions,
} from './support';
import { REPO_ROOT } from './support/hosts';

/** Proves the harness itself: a real n8n from the cached host, the pack installed from its tarball
 *  into .n8n/nodes, a core-only webhook workflow imported, published and answering; on 2.x (the
 *  primary host) also in queue mode, and on 1.x. */
const FIXTURES = join(__dirname, 'fixtures');
const WORKFLOW_ID = 'e2eSmokeWebhook1';
const WEBHOOK_PATH = 'e2e-smoke';
const START_TIMEOUT = 20 * 60_000; // a cold host install is ~5 min here; leave room on a loaded machine

/** The real pack once `npm run build` produced every file its n8n section lists; until then a
 *  stand-in fixture pack, so the tarball install stays in the path. */
const packDir =
	missingBuildOutputs(REPO_ROOT).length === 0 ? REPO_ROOT : join(FIXTURES, 'fixture-pack');

/** Credential type names as n8n reads them: the class named like the file, its `name` field. */
function credentialNames(dir: string): string[] {
	return (readPackageJson(dir).n8n?.credentials ?? []).map((file) => {
		const className = basename(file).split('.')[0];
		const exported = require(join(dir, file))[className];
		return new exported().name as string;
	});
}

async function callWebhook(n8n: N8nInstance, ping: string): Promise<{ status: number; body: any }> {
	const response = await fetch(n8n.webhookUrl(WEBHOOK_PATH), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ ping }),
	});
	return { status: response.status, body: await response.json().catch(() => undefined) };
}

/** Executions of the smoke workflow whose Set node echoed one of `pings`, polled until all are there. */
async function executionsFor(n8n: N8nInstance, pings: string[]): Promise<any[]> {
	let found: any[] = [];
	for (let attempt = 0; attempt < 60; attempt++) {
		const list = await n8n.api(
			'GET',
			`/executions?workflowId=${WORKFLOW_ID}&includeData=true&limit=100`,
		);
		expect(list.status).toBe(200);
		found = (list.body.data as any[]).filter((execution) =>
			pings.includes(
				execution.data?.resultData?.runData?.Set?.[0]?.data?.main?.[0]?.[0]?.json?.echo,
			),
		);
		if (found.length >= pings.length && found.every((execution) => execution.status === 'success'))
			return found;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return found;
}

function smokeSuite(host: HostName, queue?: QueueOptions): void {
	describe(`${host}${queue ? ` queue mode (${queue.workers} workers × ${queue.concurrency})` : ''} host smoke`, () => {
		let n8n: N8nInstance | undefined;

		beforeAll(async () => {
			if (packDir !== REPO_ROOT) {
				process.stderr.write(
					`host-smoke: the repo's build outputs are incomplete (${missingBuildOutputs(REPO_ROOT).join(', ')}); using the fixture pack\n`,
				);
			}
			n8n = await startN8n({
				host,
				queue,
				tarball: await packTarball(packDir),
				workflows: [join(FIXTURES, 'smoke-webhook.workflow.json')],
				credentials: [join(FIXTURES, 'smoke-header-auth.credential.json')],
				ready: webhookReady(WEBHOOK_PATH, { body: { ping: 'ready' } }),
			});
			process.stderr.write(
				`host-smoke ${host}${queue ? ' queue' : ''} timings (s): ${JSON.stringify(n8n.timings)}\n`,
			);
		}, START_TIMEOUT);

		afterAll(async () => {
			await n8n?.stop();
			if (n8n?.database.type === 'postgresdb') {
				const left = spawnSync(
					'psql',
					[
						'-h',
						n8n.database.host,
						'-U',
						n8n.database.user,
						'-d',
						'postgres',
						'-Atc',
						`SELECT count(*) FROM pg_database WHERE datname = '${n8n.database.name}'`,
					],
					{ encoding: 'utf8' },
				);
				expect(left.stdout.trim()).toBe('0');
			}
		}, 120_000);

		it('runs the expected n8n line', () => {
			const instance = n8n as N8nInstance;
			expect(instance.host.version.startsWith(host === 'n8n-2x' ? '2.' : '1.')).toBe(true);
		});

		it('installed the pack from its tarball, without peer dependencies beside it', () => {
			const instance = n8n as N8nInstance;
			const expected = readPackageJson(packDir).name;
			expect(instance.pack?.name).toBe(expected);
			const nodes = join(instance.userFolder, '.n8n', 'nodes');
			expect(existsSync(join(nodes, 'node_modules', expected, 'package.json'))).toBe(true);
			expect(existsSync(join(nodes, 'node_modules', 'n8n-workflow'))).toBe(false);
			expect(
				existsSync(join(nodes, 'node_modules', expected, 'node_modules', 'n8n-workflow')),
			).toBe(false);
		});

		it('loaded the package: its credential types are known to n8n', async () => {
			const instance = n8n as N8nInstance;
			const result = await instance.http<Array<{ name: string }>>('GET', '/types/credentials.json');
			expect(result.status).toBe(200);
			const known = new Set(result.body.map((type) => type.name));
			for (const name of credentialNames(packDir))
				expect(known.has(name) ? name : `missing ${name}`).toBe(name);
		});

		it('imported the credential (plain data in, encrypted with the instance key)', async () => {
			const instance = n8n as N8nInstance;
			const result = await instance.rest('GET', '/credentials');
			expect(result.status).toBe(200);
			const credential = (result.body.data as any[]).find(
				(entry) => entry.id === 'e2eSmokeCred0001',
			);
			expect(credential).toMatchObject({ name: 'e2e smoke header auth', type: 'httpHeaderAuth' });
		});

		it('answers the production webhook and records the execution in the public API', async () => {
			const instance = n8n as N8nInstance;
			const result = await callWebhook(instance, 'hello-e2e');
			expect(result.status).toBe(200);
			expect(result.body).toMatchObject({ smoke: 'ok', echo: 'hello-e2e', sum: 2 });
			const [execution] = await executionsFor(instance, ['hello-e2e']);
			expect(execution).toBeDefined();
			expect(execution.status).toBe('success');
			expect(execution.mode).toBe('webhook');
			expect(execution.workflowId).toBe(WORKFLOW_ID);
		});

		if (queue) {
			it('runs concurrent webhook executions on the workers', async () => {
				const instance = n8n as N8nInstance;
				const pings = Array.from({ length: 8 }, (_, i) => `queued-${i}`);
				const results = await Promise.all(pings.map((ping) => callWebhook(instance, ping)));
				expect(results.map((result) => result.status)).toEqual(pings.map(() => 200));
				expect(results.map((result) => result.body?.echo)).toEqual(pings);
				const executions = await executionsFor(instance, pings);
				expect(executions.map((execution) => execution.status)).toEqual(pings.map(() => 'success'));
				const finishedPerWorker = Array.from(
					{ length: queue.workers },
					(_, i) =>
						(
							readFileSync(instance.logFiles[`worker-${i + 1}`], 'utf8').match(
								/Worker finished execution/g,
							) ?? []
						).length,
				);
				const total = finishedPerWorker.reduce((sum, count) => sum + count, 0);
				expect(total).toBeGreaterThanOrEqual(pings.length + 1);
			});
		}
	});
}

smokeSuite('n8n-2x');
smokeSuite('n8n-2x', { workers: 2, concurrency: 5 });
smokeSuite('n8n-1x');
