/**
 * The npm package as users install it: what `npm pack` would publish, and the `n8n` section that
 * tells n8n what to load. (`npm test` builds before jest runs, so dist/ is current; a fresh clone
 * that runs jest directly has no dist/ yet, so this file builds it first.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

if (!existsSync(join(ROOT, pkg.n8n.nodes[0] as string)))
	execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });

describe('the npm package', () => {
	const files: string[] = (
		JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: ROOT,
				encoding: 'utf8',
			}),
		)[0].files as Array<{ path: string }>
	).map((f) => f.path);

	it('holds dist, workflows, README, LICENSE and package.json only', () => {
		expect([...new Set(files.map((f) => f.split('/')[0]))].sort()).toEqual([
			'LICENSE',
			'README.md',
			'dist',
			'package.json',
			'workflows',
		]);
		expect(
			files.filter((f) => /(^|\/)(test|sandbox|shared|specs)(\/|$)|\.test\.js$/.test(f)),
		).toEqual([]);
		expect(files.filter((f) => f.startsWith('workflows/')).sort()).toEqual(
			[
				'backfill',
				'customer-sync',
				'error-handler',
				'fulfilment-sync',
				'order-sync',
				'reconciliation',
				'refund-sync',
				'replay-failures',
				'stock-sync',
			].map((n) => `workflows/${n}.json`),
		);
	});

	it('lists every credential and node by its dist path, and ships their icons and codex files', () => {
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		const listed = [...pkg.n8n.credentials, ...pkg.n8n.nodes] as string[];
		expect(listed.length).toBe(7);
		for (const file of listed) {
			expect(file).toMatch(/^dist\//);
			expect(files).toContain(file);
		}
		for (const node of pkg.n8n.nodes as string[]) expect(files).toContain(`${node}on`); // X.node.js → X.node.json
		for (const icon of ['bigcommerce', 'bigcommerce.dark', 'dynamics365', 'dynamics365.dark'])
			expect(files).toContain(`dist/icons/${icon}.svg`);
	});

	it('declares n8n-workflow as a peer and compiles against a pinned 1.x', () => {
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.devDependencies['n8n-workflow']).toMatch(/^1\.\d+\.\d+$/);
		expect(Object.keys(pkg.dependencies).sort()).toEqual(['@azure/msal-node', 'ioredis']);
		expect(existsSync(join(ROOT, 'LICENSE'))).toBe(true);
		expect(pkg.license).toBe('MIT');
	});
});
