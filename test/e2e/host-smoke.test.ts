import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

import { missingBuildOutputs, packTarball, readPackageJson, startN8n, webhookReady, type N8nInstance } from './support';
import { REPO_ROOT } from './support/hosts';

/** Proves the harness itself: a real n8n 2.x from the cached host, the pack installed from its
 *  tarball into .n8n/nodes, a core-only webhook workflow imported, published and answering. */
const FIXTURES = join(__dirname, 'fixtures');
const WORKFLOW_ID = 'e2eSmokeWebhook1';
const WEBHOOK_PATH = 'e2e-smoke';

/** The real pack once `npm run build` produced every file its n8n section lists; until then a
 *  stand-in fixture pack, so the tarball install stays in the path. */
const packDir = missingBuildOutputs(REPO_ROOT).length === 0 ? REPO_ROOT : join(FIXTURES, 'fixture-pack');

/** Credential type names as n8n reads them: the class named like the file, its `name` field. */
function credentialNames(dir: string): string[] {
	return (readPackageJson(dir).n8n?.credentials ?? []).map((file) => {
		const className = basename(file).split('.')[0];
		const exported = require(join(dir, file))[className];
		return new exported().name as string;
	});
}

describe('n8n 2.x host smoke', () => {
	let n8n: N8nInstance | undefined;

	beforeAll(async () => {
		if (packDir !== REPO_ROOT) {
			process.stderr.write(`host-smoke: the repo's build outputs are incomplete (${missingBuildOutputs(REPO_ROOT).join(', ')}); using the fixture pack\n`);
		}
		n8n = await startN8n({
			host: 'n8n-2x',
			tarball: await packTarball(packDir),
			workflows: [join(FIXTURES, 'smoke-webhook.workflow.json')],
			ready: webhookReady(WEBHOOK_PATH, { body: { ping: 'ready' } }),
		});
		process.stderr.write(`host-smoke timings (s): ${JSON.stringify(n8n.timings)}\n`);
	}, 20 * 60_000);

	afterAll(async () => {
		await n8n?.stop();
	}, 120_000);

	it('installed the pack from its tarball, without peer dependencies beside it', () => {
		const instance = n8n as N8nInstance;
		const expected = readPackageJson(packDir).name;
		expect(instance.pack?.name).toBe(expected);
		const nodes = join(instance.userFolder, '.n8n', 'nodes');
		expect(existsSync(join(nodes, 'node_modules', expected, 'package.json'))).toBe(true);
		expect(existsSync(join(nodes, 'node_modules', 'n8n-workflow'))).toBe(false);
		expect(existsSync(join(nodes, 'node_modules', expected, 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	it('loaded the package: its credential types are known to n8n', async () => {
		const instance = n8n as N8nInstance;
		const result = await instance.http<Array<{ name: string }>>('GET', '/types/credentials.json');
		expect(result.status).toBe(200);
		const known = new Set(result.body.map((type) => type.name));
		for (const name of credentialNames(packDir)) expect(known.has(name) ? name : `missing ${name}`).toBe(name);
	});

	it('answers the production webhook and records the execution in the public API', async () => {
		const instance = n8n as N8nInstance;
		const response = await fetch(instance.webhookUrl(WEBHOOK_PATH), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ping: 'hello-e2e' }),
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ smoke: 'ok', echo: 'hello-e2e', sum: 2 });

		let found: any;
		for (let attempt = 0; attempt < 40 && !found; attempt++) {
			const list = await instance.api('GET', `/executions?workflowId=${WORKFLOW_ID}&includeData=true&limit=20`);
			expect(list.status).toBe(200);
			found = (list.body.data as any[]).find(
				(execution) => execution.status === 'success' && execution.data?.resultData?.runData?.Set?.[0]?.data?.main?.[0]?.[0]?.json?.echo === 'hello-e2e',
			);
			if (!found) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(found).toBeDefined();
		expect(found.mode).toBe('webhook');
		expect(found.workflowId).toBe(WORKFLOW_ID);
	});
});
