import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cleanEnv, npmCacheDir, REPO_ROOT } from './hosts';
import { progress, seconds } from './log';
import { runChecked } from './proc';

export interface PackageJson {
	name: string;
	version: string;
	n8n?: { n8nNodesApiVersion?: number; nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
}

const packs = new Map<string, Promise<string>>();

/** `npm pack` of a package folder (default: the repo, already built by `npm test`) into a temp dir;
 *  returns the .tgz path. Memoised per folder within the process. */
export function packTarball(packageDir: string = REPO_ROOT): Promise<string> {
	// A tarball packed beforehand (N8N_E2E_TARBALL) lets several e2e runs share one checkout while
	// dist/ is being rebuilt: the run installs exactly that file.
	const prepacked = process.env.N8N_E2E_TARBALL;
	if (prepacked && packageDir === REPO_ROOT) {
		if (!existsSync(prepacked)) throw new Error(`N8N_E2E_TARBALL: ${prepacked} does not exist`);
		return Promise.resolve(prepacked);
	}
	let pending = packs.get(packageDir);
	if (!pending) {
		pending = doPack(packageDir);
		packs.set(packageDir, pending);
		pending.catch(() => packs.delete(packageDir));
	}
	return pending;
}

/** The files the package's `n8n` section lists that are missing (i.e. not built yet). */
export function missingBuildOutputs(packageDir: string = REPO_ROOT): string[] {
	const pkg = readPackageJson(packageDir);
	const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	return listed.filter((file) => !existsSync(join(packageDir, file)));
}

export function readPackageJson(packageDir: string): PackageJson {
	return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageJson;
}

async function doPack(packageDir: string): Promise<string> {
	const started = Date.now();
	const missing = missingBuildOutputs(packageDir);
	if (missing.length > 0) {
		throw new Error(
			`${packageDir}: the package.json n8n section lists files that do not exist (run \`npm run build\` first): ${missing.join(', ')}`,
		);
	}
	removeStalePackDirs();
	const dest = mkdtempSync(join(tmpdir(), `n8n-e2e-pack-${process.pid}-`));
	const { output } = await runChecked(
		'npm',
		['pack', '--json', '--pack-destination', dest, '--cache', npmCacheDir()],
		{
			cwd: packageDir,
			env: cleanEnv(),
		},
	);
	const json = output.slice(output.indexOf('['));
	const [info] = JSON.parse(json) as Array<{ filename: string }>;
	const tarball = join(dest, info.filename);
	progress(`packed ${tarball} in ${seconds(started)}`);
	return tarball;
}

/** Tarballs live in `$TMPDIR/n8n-e2e-pack-<pid>-*` for the life of the test process (several suites
 *  reuse one); the next pack removes the folders of processes that have ended. */
function removeStalePackDirs(): void {
	for (const entry of readdirSync(tmpdir())) {
		const match = /^n8n-e2e-pack-(\d+)-/.exec(entry);
		if (!match || Number(match[1]) === process.pid) continue;
		try {
			process.kill(Number(match[1]), 0);
		} catch {
			rmSync(join(tmpdir(), entry), { recursive: true, force: true });
		}
	}
}

/** Installs a pack tarball into `<userFolder>/.n8n/nodes` exactly as n8n 2.x's community-package
 *  installer does (CommunityPackagesService.downloadPackage): extract into node_modules/<name>,
 *  drop dev/peer/optional dependencies from its package.json, `npm install` its own dependencies
 *  inside it (shallow, no scripts, no lockfile), then record it in nodes/package.json. n8n-workflow
 *  is therefore never installed beside the pack: the host provides it. */
export async function installTarball(
	tarball: string,
	nodesDir: string,
	env: NodeJS.ProcessEnv,
): Promise<{ name: string; version: string; dir: string }> {
	mkdirSync(nodesDir, { recursive: true });
	const nodesPackageJson = join(nodesDir, 'package.json');
	if (!existsSync(nodesPackageJson)) {
		writeFileSync(
			nodesPackageJson,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const staging = mkdtempSync(join(tmpdir(), 'n8n-e2e-unpack-'));
	try {
		await runChecked('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
		const { name } = readPackageJson(staging);
		const dir = join(nodesDir, 'node_modules', name);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		await runChecked('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
		const {
			devDependencies: _dev,
			peerDependencies: _peer,
			optionalDependencies: _optional,
			...pkg
		} = readPackageJson(dir);
		writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2), 'utf-8');
		await runChecked(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--prefer-offline',
				'--cache',
				npmCacheDir(),
			],
			{ cwd: dir, env },
		);
		const nodes = JSON.parse(readFileSync(nodesPackageJson, 'utf8'));
		nodes.dependencies = { ...(nodes.dependencies ?? {}), [name]: pkg.version };
		writeFileSync(nodesPackageJson, JSON.stringify(nodes, null, 2), 'utf-8');
		for (const forbidden of [
			join(nodesDir, 'node_modules', 'n8n-workflow'),
			join(dir, 'node_modules', 'n8n-workflow'),
		]) {
			if (existsSync(forbidden))
				throw new Error(`peer dependency installed beside the pack: ${forbidden}`);
		}
		return { name, version: pkg.version, dir };
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
}
