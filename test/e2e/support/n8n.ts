import { randomBytes, randomUUID } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { createDataTables, dataTablesNamedBy, type DataTableDefinition } from './dataTables';
import { cleanEnv, installHost, type HostName, type InstalledHost } from './hosts';
import { sleep } from './lock';
import { progress, seconds } from './log';
import { installTarball, packTarball } from './pack';
import { run, runChecked, Service, type RunResult } from './proc';

export interface QueueOptions {
	/** Number of `n8n worker` processes (each with its own ports). */
	workers: number;
	/** `--concurrency` of each worker. */
	concurrency: number;
	/** Defaults: 127.0.0.1:6379 (no password) and 127.0.0.1:5432, user postgres, trust auth. */
	redis?: { host: string; port: number; password?: string };
	postgres?: { host: string; port: number; user: string; password?: string };
}

export interface HttpResult<T = any> {
	status: number;
	headers: Headers;
	body: T;
}

export interface StartOptions {
	/** Which host to run. Default 'n8n-2x'. */
	host?: HostName;
	/** The pack tarball to install into .n8n/nodes. Default: packTarball() of the repo; null: none. */
	tarball?: string | null;
	/** Workflow JSON files (one workflow object, or an array of them, per file), imported in one CLI call. */
	workflows?: string[];
	/** Credential JSON files or objects ({ id, name, type, data: {plain object} }), imported in one CLI call. */
	credentials?: Array<string | Record<string, unknown>>;
	/** Workflow ids to activate before start: 'all' (default) = every imported workflow. */
	activate?: string[] | 'all';
	/** 'cli' (default): `publish:workflow` (2.x) / `update:workflow --active=true` (1.x) before start,
	 *  one CLI call (~5 s) per workflow. 'api': the public API after start (fast). */
	activation?: 'cli' | 'api';
	/** Polled (every 500 ms, up to readyTimeoutMs) after /healthz and owner setup until it returns true,
	 *  e.g. `webhookReady('my-path')`. Without it, start() returns once /healthz and the owner are up. */
	ready?: (n8n: N8nInstance) => Promise<boolean>;
	readyTimeoutMs?: number;
	/** Extra environment for every n8n process (main, workers, CLI). */
	env?: Record<string, string>;
	/** Queue mode: PostgreSQL (a fresh database) + Redis + workers. */
	queue?: QueueOptions;
	/** Keep the run folder (user folder, logs, sqlite) after stop(). Also: N8N_E2E_KEEP=1. */
	keepFiles?: boolean;
	/** Fixed ports (the demo's); default: free ports. */
	port?: number;
	brokerPort?: number;
	/** The owner account set up at start; default the e2e owner (owner@e2e.test). */
	owner?: N8nInstance['owner'];
	/** The label of the owner's n8n API key (Settings → n8n API); default 'e2e'. */
	apiKeyLabel?: string;
	/** Data Tables created (public API) right after the owner, before anything is ready. Default:
	 *  those of DATA_TABLES that the imported workflows name (Data Table nodes "By Name"). */
	dataTables?: DataTableDefinition[];
	/** Where the n8n logs go; default `<run folder>/logs`. A folder outside the run folder is kept
	 *  after stop() (the demo keeps its logs); the run folder itself is still removed. */
	logDir?: string;
}

export interface WorkerControl {
	name: string;
	readonly running: boolean;
	/** SIGKILL the worker's process group (no graceful shutdown). */
	kill(): Promise<void>;
	/** Start the worker again with the same settings; resolves when its /healthz answers. */
	restart(): Promise<void>;
}

export interface N8nInstance {
	host: InstalledHost;
	baseUrl: string;
	port: number;
	/** `${WEBHOOK_URL}webhook/<path>` (production webhooks). */
	webhookUrl(path: string): string;
	/** Public API (`/api/v1`) with the X-N8N-API-KEY of the owner. Never throws on HTTP status. */
	api<T = any>(method: string, path: string, body?: unknown): Promise<HttpResult<T>>;
	/** Internal REST (`/rest`) as the logged-in owner (cookie), e.g. `rest('POST', '/credentials/test', {...})`. */
	rest<T = any>(method: string, path: string, body?: unknown): Promise<HttpResult<T>>;
	/** Any path on baseUrl (e.g. '/types/credentials.json') as the logged-in owner. */
	http<T = any>(method: string, path: string, body?: unknown): Promise<HttpResult<T>>;
	/** Runs an n8n CLI command against the same database and key (e.g. `['execute', '--id=x']`). */
	cli(args: string[]): Promise<RunResult>;
	/** The main process's log file; all logs (main, workers, CLI) are in logFiles. */
	logs: string;
	logFiles: Record<string, string>;
	/** SQLite file (regular mode); undefined in queue mode (see database). */
	dbPath?: string;
	database:
		| { type: 'sqlite'; path: string }
		| { type: 'postgresdb'; name: string; host: string; port: number; user: string };
	/** The run folder and N8N_USER_FOLDER (n8n keeps its files in `<userFolder>/.n8n`). */
	runDir: string;
	userFolder: string;
	encryptionKey: string;
	owner: { email: string; password: string; firstName: string; lastName: string };
	apiKey: string;
	/** Queue mode's worker processes, to crash and restart one (reliability suite). */
	workers: WorkerControl[];
	/** Installed pack (name, version, folder) when a tarball was installed. */
	pack?: { name: string; version: string; dir: string };
	/** Ids of the imported workflows. */
	workflowIds: string[];
	/** Ids of the Data Tables created at start, by table name. */
	dataTableIds: Record<string, string>;
	/** Measured: host install, pack install, imports/activation, start → /healthz, → ready. */
	timings: Record<string, number>;
	/** SIGTERM every process group (then SIGKILL), drop the queue-mode database and Redis keys, remove
	 *  the run folder unless kept. Safe to call twice. */
	stop(): Promise<void>;
}

/** A readiness probe: the production webhook answers 200 (n8n registers webhooks after /healthz,
 *  and in 2.x a just-activated webhook can 404 for about a second). Note: each probe executes it. */
export function webhookReady(
	path: string,
	init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
	return async (n8n: N8nInstance): Promise<boolean> => {
		const response = await fetch(n8n.webhookUrl(path), {
			method: init.method ?? 'POST',
			headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
			body:
				init.body === undefined || (init.method ?? 'POST') === 'GET'
					? undefined
					: JSON.stringify(init.body),
		}).catch(() => undefined);
		if (!response) return false;
		await response.arrayBuffer().catch(() => undefined);
		return response.status === 200;
	};
}

/** Ports free right now on 127.0.0.1, all distinct. */
export async function freePorts(count: number): Promise<number[]> {
	const servers = await Promise.all(
		Array.from(
			{ length: count },
			() =>
				new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
					const server = createServer();
					server.once('error', reject);
					server.listen(0, '127.0.0.1', () => resolve(server));
				}),
		),
	);
	const ports = servers.map((server) => (server.address() as AddressInfo).port);
	await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
	return ports;
}

async function waitFor(
	what: string,
	timeoutMs: number,
	check: () => Promise<boolean>,
	alive?: () => string | undefined,
): Promise<void> {
	const started = Date.now();
	for (;;) {
		const dead = alive?.();
		if (dead) throw new Error(`${what}: ${dead}`);
		if (await check().catch(() => false)) return;
		if (Date.now() - started > timeoutMs)
			throw new Error(`${what}: not ready after ${timeoutMs} ms`);
		await sleep(500);
	}
}

async function httpOk(url: string): Promise<boolean> {
	const response = await fetch(url).catch(() => undefined);
	if (!response) return false;
	await response.arrayBuffer().catch(() => undefined);
	return response.status === 200;
}

function readWorkflowFiles(files: string[]): Array<Record<string, any>> {
	const workflows: Array<Record<string, any>> = [];
	for (const file of files) {
		const parsed = JSON.parse(readFileSync(file, 'utf8'));
		for (const workflow of Array.isArray(parsed) ? parsed : [parsed]) {
			if (typeof workflow.id !== 'string' || workflow.id === '')
				throw new Error(
					`${file}: every workflow needs a fixed "id" (16 characters) so tests can address it`,
				);
			workflows.push(workflow);
		}
	}
	return workflows;
}

function tail(file: string, lines = 60): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/** Run folders are `$TMPDIR/n8n-e2e-<host>-<pid>-*`; those of ended processes (killed before stop())
 *  are removed unless stop() kept them on purpose (`.keep`). */
function removeStaleRunDirs(): void {
	for (const entry of readdirSync(tmpdir())) {
		const match = /^n8n-e2e-n8n-[12]x-(\d+)-/.exec(entry);
		if (!match || Number(match[1]) === process.pid || existsSync(join(tmpdir(), entry, '.keep')))
			continue;
		try {
			process.kill(Number(match[1]), 0);
		} catch {
			rmSync(join(tmpdir(), entry), { recursive: true, force: true });
		}
	}
}

/** Starts one real n8n (main, or main + workers in queue mode) with the pack installed from its tarball. */
export async function startN8n(options: StartOptions = {}): Promise<N8nInstance> {
	const timings: Record<string, number> = {};
	let mark = Date.now();
	const lap = (name: string): void => {
		timings[name] = (Date.now() - mark) / 1000;
		mark = Date.now();
	};
	const host = await installHost(options.host ?? 'n8n-2x');
	lap('hostInstall');

	removeStaleRunDirs();
	const runDir = mkdtempSync(join(tmpdir(), `n8n-e2e-${host.name}-${process.pid}-`));
	const userFolder = join(runDir, 'home');
	const n8nDir = join(userFolder, '.n8n');
	const logDir = options.logDir ?? join(runDir, 'logs');
	mkdirSync(n8nDir, { recursive: true });
	mkdirSync(logDir, { recursive: true });
	const keep = options.keepFiles || process.env.N8N_E2E_KEEP === '1';
	const services: Service[] = [];
	let dbToDrop: { name: string; pg: Required<NonNullable<QueueOptions['postgres']>> } | undefined;
	let redisPrefix: string | undefined;
	const redis = options.queue?.redis ?? { host: '127.0.0.1', port: 6379 };
	let stopped = false;

	const teardown = async (removeFiles: boolean): Promise<void> => {
		if (stopped) return;
		stopped = true;
		const started = Date.now();
		await Promise.all(services.map((service) => service.stop()));
		if (dbToDrop)
			await dropDatabase(dbToDrop.name, dbToDrop.pg).catch((error) =>
				progress(`drop database ${dbToDrop?.name}: ${error.message}`),
			);
		if (redisPrefix)
			await deleteRedisKeys(redis, redisPrefix).catch((error) =>
				progress(`redis cleanup ${redisPrefix}: ${error.message}`),
			);
		if (removeFiles) rmSync(runDir, { recursive: true, force: true });
		else writeFileSync(join(runDir, '.keep'), '');
		progress(
			`${host.name}: stopped in ${seconds(started)}${removeFiles ? '' : `; files kept in ${runDir}`}`,
		);
	};
	const stop = (): Promise<void> => teardown(!keep);

	try {
		const workerCount = options.queue?.workers ?? 0;
		const [freePort, freeBrokerPort, ...workerPorts] = await freePorts(2 + workerCount * 3);
		const port = options.port ?? freePort;
		const brokerPort = options.brokerPort ?? freeBrokerPort;
		const baseUrl = `http://127.0.0.1:${port}`;
		const encryptionKey = randomBytes(24).toString('hex');
		const baseEnv: NodeJS.ProcessEnv = {
			...cleanEnv(host.runtime.binDir),
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: encryptionKey,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_PORT: String(port),
			WEBHOOK_URL: `${baseUrl}/`,
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_SECURE_COOKIE: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_LOG_OUTPUT: 'console',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			...(options.env ?? {}),
		};
		let database: N8nInstance['database'] = {
			type: 'sqlite',
			path: join(n8nDir, 'database.sqlite'),
		};
		if (options.queue) {
			const pg = {
				host: '127.0.0.1',
				port: 5432,
				user: 'postgres',
				password: '',
				...(options.queue.postgres ?? {}),
			};
			const name = `n8n_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
			await createDatabase(name, pg);
			dbToDrop = { name, pg };
			redisPrefix = `n8n-e2e-${randomBytes(4).toString('hex')}`;
			database = { type: 'postgresdb', name, host: pg.host, port: pg.port, user: pg.user };
			Object.assign(baseEnv, {
				EXECUTIONS_MODE: 'queue',
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: pg.host,
				DB_POSTGRESDB_PORT: String(pg.port),
				DB_POSTGRESDB_DATABASE: name,
				DB_POSTGRESDB_USER: pg.user,
				DB_POSTGRESDB_PASSWORD: pg.password,
				QUEUE_BULL_REDIS_HOST: redis.host,
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				...(redis.password ? { QUEUE_BULL_REDIS_PASSWORD: redis.password } : {}),
				QUEUE_BULL_PREFIX: redisPrefix,
			});
		}
		const logFiles: Record<string, string> = {
			main: join(logDir, 'main.log'),
			cli: join(logDir, 'cli.log'),
		};
		const cli = (args: string[]): Promise<RunResult> => {
			writeFileSync(logFiles.cli, `\n$ n8n ${args.join(' ')}\n`, { flag: 'a' });
			return run(host.nodeBin, [host.n8nBin, ...args], {
				cwd: runDir,
				env: baseEnv,
				logFile: logFiles.cli,
				timeoutMs: 5 * 60_000,
			});
		};
		const cliChecked = async (args: string[], expect?: RegExp): Promise<RunResult> => {
			const result = await cli(args);
			// 2.x can segfault (139) on exit after finishing a command (research, `execute`); judge by output then.
			const ok =
				result.code === 0 ||
				((result.code === 139 || result.signal === 'SIGSEGV') &&
					!!expect &&
					expect.test(result.output));
			if (!ok || (expect && !expect.test(result.output))) {
				throw new Error(
					`n8n ${args.join(' ')} failed (exit ${result.code ?? result.signal}), log ${logFiles.cli}\n${result.output.split('\n').slice(-40).join('\n')}`,
				);
			}
			return result;
		};

		let pack: N8nInstance['pack'];
		const tarball = options.tarball === undefined ? await packTarball() : options.tarball;
		if (tarball) {
			progress(`${host.name}: installing ${basename(tarball)} into ${join(n8nDir, 'nodes')}`);
			pack = await installTarball(tarball, join(n8nDir, 'nodes'), cleanEnv(host.runtime.binDir));
			progress(
				`${host.name}: installed ${pack.name}@${pack.version} into ${join(n8nDir, 'nodes')}`,
			);
		}
		lap('packInstall');

		const workflows = readWorkflowFiles(options.workflows ?? []);
		const workflowIds = workflows.map((workflow) => String(workflow.id));
		if (workflows.length > 0) {
			const dir = join(runDir, 'import', 'workflows');
			mkdirSync(dir, { recursive: true });
			workflows.forEach((workflow, index) =>
				writeFileSync(join(dir, `${index}-${workflow.id}.json`), JSON.stringify(workflow)),
			);
			progress(`${host.name}: importing ${workflows.length} workflows`);
			await cliChecked(
				['import:workflow', '--separate', `--input=${dir}`],
				/Successfully imported/,
			);
		}
		if (options.credentials && options.credentials.length > 0) {
			const dir = join(runDir, 'import', 'credentials');
			mkdirSync(dir, { recursive: true });
			options.credentials.forEach((credential, index) => {
				const content =
					typeof credential === 'string'
						? readFileSync(credential, 'utf8')
						: JSON.stringify(credential);
				writeFileSync(
					join(
						dir,
						`${index}-${typeof credential === 'string' ? basename(credential) : 'credential.json'}`,
					),
					content,
				);
			});
			progress(`${host.name}: importing ${options.credentials.length} credentials`);
			await cliChecked(
				['import:credentials', '--separate', `--input=${dir}`],
				/Successfully imported|Imported/,
			);
		}
		lap('import');
		const toActivate =
			options.activate === undefined || options.activate === 'all' ? workflowIds : options.activate;
		const activation = options.activation ?? 'cli';
		if (activation === 'cli') {
			for (const [index, id] of toActivate.entries()) {
				progress(`${host.name}: publishing workflow ${id} (${index + 1} of ${toActivate.length})`);
				await cliChecked(
					host.major >= 2
						? ['publish:workflow', `--id=${id}`]
						: ['update:workflow', `--id=${id}`, '--active=true'],
				);
			}
		}
		lap('activateCli');

		const startedAt = Date.now();
		progress(`${host.name}: starting n8n ${host.version}`);
		const main = new Service(`${host.name} main`, host.nodeBin, [host.n8nBin, 'start'], {
			cwd: runDir,
			env: baseEnv,
			logFile: logFiles.main,
		});
		services.push(main);
		const workerServices: Service[] = [];
		const spawnWorker = (i: number): Service => {
			const [workerPort, workerBroker, healthPort] = workerPorts.slice(i * 3, i * 3 + 3);
			const name = `worker-${i + 1}`;
			logFiles[name] = join(logDir, `${name}.log`);
			const env = {
				...baseEnv,
				N8N_PORT: String(workerPort),
				N8N_RUNNERS_BROKER_PORT: String(workerBroker),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			};
			const service = new Service(
				`${host.name} ${name}`,
				host.nodeBin,
				[host.n8nBin, 'worker', `--concurrency=${options.queue?.concurrency ?? 5}`],
				{ cwd: runDir, env, logFile: logFiles[name] },
			);
			workerServices[i] = service;
			services.push(service);
			return service;
		};
		for (let i = 0; i < workerCount; i++) spawnWorker(i);
		const workers: WorkerControl[] = workerServices.map((_, i) => ({
			name: `worker-${i + 1}`,
			get running() {
				return workerServices[i].running;
			},
			kill: () => workerServices[i].kill(),
			restart: async () => {
				if (workerServices[i].running) await workerServices[i].kill();
				services.splice(services.indexOf(workerServices[i]), 1);
				spawnWorker(i);
				await waitFor(
					`${host.name} worker-${i + 1} /healthz after restart`,
					180_000,
					() => httpOk(`http://127.0.0.1:${workerPorts[i * 3 + 2]}/healthz`),
					() => (workerServices[i].running ? undefined : `worker-${i + 1} exited`),
				);
			},
		}));
		const anyDead = (): string | undefined => {
			const dead = services.find((service) => !service.running);
			if (!dead) return undefined;
			const file = dead === main ? logFiles.main : logFiles[dead.name.split(' ').pop() ?? ''];
			return `${dead.name} exited (${dead.exitCode ?? dead.exitSignal}); log ${file}\n${tail(file)}`;
		};
		await waitFor(`${host.name} /healthz`, 180_000, () => httpOk(`${baseUrl}/healthz`), anyDead);
		timings.startToHealthz = (Date.now() - startedAt) / 1000;
		for (let i = 0; i < workerCount; i++) {
			const healthPort = workerPorts[i * 3 + 2];
			await waitFor(
				`${host.name} worker-${i + 1} /healthz`,
				180_000,
				() => httpOk(`http://127.0.0.1:${healthPort}/healthz`),
				anyDead,
			);
		}
		timings.startToWorkers = (Date.now() - startedAt) / 1000;

		const owner = options.owner ?? {
			email: 'owner@e2e.test',
			password: 'E2e-Owner-Passw0rd',
			firstName: 'E2E',
			lastName: 'Owner',
		};
		const browserId = randomUUID();
		let cookie = '';
		const request = async (
			url: string,
			method: string,
			headers: Record<string, string>,
			body?: unknown,
		): Promise<HttpResult> => {
			const response = await fetch(url, {
				method,
				headers: {
					accept: 'application/json',
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
					...headers,
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			let parsed: unknown = text;
			if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') {
				try {
					parsed = JSON.parse(text);
				} catch {
					parsed = text;
				}
			}
			return { status: response.status, headers: response.headers, body: parsed };
		};
		const http = async (method: string, path: string, body?: unknown): Promise<HttpResult> => {
			const result = await request(
				`${baseUrl}${path}`,
				method,
				{ 'browser-id': browserId, ...(cookie ? { cookie } : {}) },
				body,
			);
			const setCookie = result.headers.get('set-cookie');
			const auth = setCookie?.match(/n8n-auth=[^;]*/);
			if (auth) cookie = auth[0];
			return result;
		};
		const rest = (method: string, path: string, body?: unknown): Promise<HttpResult> =>
			http(method, `/rest${path}`, body);

		// /healthz answers before the REST routes exist; retry owner setup until they do.
		let setup: HttpResult | undefined;
		await waitFor(
			`${host.name} owner setup`,
			60_000,
			async () => {
				setup = await rest('POST', '/owner/setup', owner);
				// Before its REST routes exist n8n can answer a POST with the editor page (200, no cookie).
				return setup.status === 200 && cookie !== '';
			},
			anyDead,
		).catch((error) => {
			throw new Error(
				`${error.message}; last answer ${setup?.status} ${JSON.stringify(setup?.body)}`,
			);
		});
		if (!cookie) throw new Error(`${host.name}: owner setup returned no n8n-auth cookie`);
		const scopesResult = await rest('GET', '/api-keys/scopes');
		const scopes = scopesResult.status === 200 ? (scopesResult.body?.data as string[]) : undefined;
		const created = await rest('POST', '/api-keys', {
			label: options.apiKeyLabel ?? 'e2e',
			expiresAt: null,
			...(scopes ? { scopes } : {}),
		});
		const apiKey = created.body?.data?.rawApiKey as string | undefined;
		if (created.status !== 200 || !apiKey)
			throw new Error(
				`${host.name}: API key creation failed: ${created.status} ${JSON.stringify(created.body)}`,
			);
		timings.startToOwner = (Date.now() - startedAt) / 1000;

		const instance: N8nInstance = {
			host,
			baseUrl,
			port,
			webhookUrl: (path: string) => `${baseUrl}/webhook/${path.replace(/^\/+/, '')}`,
			api: (method, path, body) =>
				request(`${baseUrl}/api/v1${path}`, method, { 'X-N8N-API-KEY': apiKey }, body),
			rest,
			http,
			cli,
			logs: logFiles.main,
			logFiles,
			dbPath: database.type === 'sqlite' ? database.path : undefined,
			database,
			runDir,
			userFolder,
			encryptionKey,
			owner,
			apiKey,
			pack,
			workflowIds,
			dataTableIds: {},
			workers,
			timings,
			stop,
		};

		// n8n 1.x (1.123) has the Data Table node v1 only ("From list" / ID, no "By Name") and no public
		// data-table API: the workflows cannot name a table there, so none is created (README).
		const tables = host.major >= 2 ? (options.dataTables ?? dataTablesNamedBy(workflows)) : [];
		if (tables.length > 0) {
			progress(`${host.name}: creating data tables ${tables.map((t) => t.name).join(', ')}`);
			instance.dataTableIds = await createDataTables(instance, tables);
		}
		if (activation === 'api') {
			for (const id of toActivate) {
				const result = await instance.api('POST', `/workflows/${id}/activate`);
				if (result.status !== 200)
					throw new Error(`activate ${id}: ${result.status} ${JSON.stringify(result.body)}`);
			}
		}
		if (options.ready) {
			const ready = options.ready;
			progress(`${host.name}: waiting until the workflows answer`);
			await waitFor(
				`${host.name} readiness probe`,
				options.readyTimeoutMs ?? 120_000,
				() => ready(instance),
				anyDead,
			);
		}
		timings.startToReady = (Date.now() - startedAt) / 1000;
		progress(
			`${host.name}: n8n ${host.version} ready at ${baseUrl}${workerCount ? ` with ${workerCount} workers` : ''} ` +
				`(/healthz ${timings.startToHealthz}s, ready ${timings.startToReady}s after start; logs ${logDir})`,
		);
		return instance;
	} catch (error) {
		const mainLog = join(logDir, 'main.log');
		if (existsSync(mainLog))
			progress(`${host.name}: start failed; main log tail:\n${tail(mainLog, 30)}`);
		await teardown(false);
		throw error;
	}
}

function psqlEnv(pg: { password?: string }): NodeJS.ProcessEnv {
	return { ...cleanEnv(), ...(pg.password ? { PGPASSWORD: pg.password } : {}) };
}

async function createDatabase(
	name: string,
	pg: Required<NonNullable<QueueOptions['postgres']>>,
): Promise<void> {
	await runChecked(
		'psql',
		[
			'-h',
			pg.host,
			'-p',
			String(pg.port),
			'-U',
			pg.user,
			'-d',
			'postgres',
			'-v',
			'ON_ERROR_STOP=1',
			'-c',
			`CREATE DATABASE "${name}"`,
		],
		{
			env: psqlEnv(pg),
			timeoutMs: 60_000,
		},
	);
}

async function dropDatabase(
	name: string,
	pg: Required<NonNullable<QueueOptions['postgres']>>,
): Promise<void> {
	await runChecked(
		'psql',
		[
			'-h',
			pg.host,
			'-p',
			String(pg.port),
			'-U',
			pg.user,
			'-d',
			'postgres',
			'-v',
			'ON_ERROR_STOP=1',
			'-c',
			`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
		],
		{
			env: psqlEnv(pg),
			timeoutMs: 60_000,
		},
	);
}

/** Removes this run's bull keys (`<prefix>:*`) so runs never see each other's jobs. */
async function deleteRedisKeys(
	redis: { host: string; port: number; password?: string },
	prefix: string,
): Promise<void> {
	const base = [
		'-h',
		redis.host,
		'-p',
		String(redis.port),
		...(redis.password ? ['-a', redis.password, '--no-auth-warning'] : []),
	];
	const { output } = await runChecked(
		'redis-cli',
		[...base, '--scan', '--pattern', `${prefix}:*`],
		{ timeoutMs: 30_000 },
	);
	const keys = output
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
	for (let i = 0; i < keys.length; i += 200)
		await runChecked('redis-cli', [...base, 'DEL', ...keys.slice(i, i + 200)], {
			timeoutMs: 30_000,
		});
}
