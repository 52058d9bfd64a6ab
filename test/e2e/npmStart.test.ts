/**
 * `npm start` the way a newcomer runs it: a fresh clone of this repository alone (no `../shared`
 * beside it, no sandbox variables), nothing installed in it, the command typed as is. It must
 * refuse a taken port before building anything, install what is missing, build, start the sandbox
 * and a real n8n, post the demo orders to F&O, print its summary and one reconciliation's counts
 * per status, saying something at least every 10 s until it is ready and speaking as a demo (no
 * test-harness names); on Ctrl-C (SIGINT) it leaves no process behind, keeps n8n's logs where it
 * said, and leaves its temp directory empty.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { ORDER_STATUSES } from '../../nodes/MicrosoftDynamicsFo/reconciliation/types';
import { freePorts } from './support';
import { REPO_ROOT } from './support/hosts';

jest.setTimeout(30 * 60_000);

let cloneDir: string;
/** The TMPDIR npm start runs with: empty again after it stops. */
let tempDir: string;
let ports: Record<string, string>;

function env(): NodeJS.ProcessEnv {
	// A newcomer's shell: no CI test variables, nothing pointing the sandbox at reference files.
	const {
		NODE_ENV: _nodeEnv,
		JEST_WORKER_ID: _worker,
		D365_SANDBOX_METADATA: _metadata,
		...rest
	} = process.env;
	return { ...rest, ...ports, TMPDIR: tempDir, FORCE_COLOR: '0' };
}

/** Every process below `pid` right now (walks /proc). */
function descendants(pid: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// the process ended while we read
		}
	}
	const out: number[] = [];
	const queue = [pid];
	while (queue.length) {
		const next = queue.shift() as number;
		for (const child of children.get(next) ?? []) {
			out.push(child);
			queue.push(child);
		}
	}
	return out;
}

/** A running process (a zombie has already exited; only its parent has not read its status). */
function running(pid: number): string | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return undefined;
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').slice(0, 200);
	} catch {
		return undefined;
	}
}

async function survivors(pids: number[], withinMs: number): Promise<string[]> {
	const deadline = Date.now() + withinMs;
	for (;;) {
		const left = pids.map(running).filter((c): c is string => c !== undefined);
		if (left.length === 0 || Date.now() > deadline) return left;
		await new Promise((r) => setTimeout(r, 500));
	}
}

interface NpmStart {
	child: ChildProcess;
	output: () => string;
	/** When each piece of output arrived (ms since start), for the longest silence. */
	arrivals: Array<{ at: number; text: string }>;
	exited: Promise<number | null>;
}

function npmStart(): NpmStart {
	let output = '';
	const started = Date.now();
	const arrivals: NpmStart['arrivals'] = [];
	const child = spawn('npm', ['start'], {
		cwd: cloneDir,
		env: env(),
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const take = (chunk: Buffer) => {
		output += chunk.toString();
		arrivals.push({ at: Date.now() - started, text: chunk.toString() });
	};
	child.stdout?.on('data', take);
	child.stderr?.on('data', take);
	const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
	return { child, output: () => output, arrivals, exited };
}

async function waitForOutput(
	run: NpmStart,
	pattern: RegExp,
	timeoutMs: number,
): Promise<RegExpMatchArray> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const match = run.output().match(pattern);
		if (match) return match;
		if (run.child.exitCode !== null)
			throw new Error(
				`npm start exited (${run.child.exitCode}) before ${pattern}:\n${run.output().slice(-3000)}`,
			);
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${run.output().slice(-3000)}`);
}

beforeAll(async () => {
	const parent = mkdtempSync(join(tmpdir(), 'npm-start-'));
	cloneDir = join(parent, 'n8n-nodes-bigcommerce-d365');
	tempDir = join(parent, 'tmp');
	mkdirSync(tempDir);
	const clone = spawnSync('git', ['clone', '--quiet', REPO_ROOT, cloneDir], { encoding: 'utf8' });
	if (clone.status !== 0) throw new Error(`git clone failed: ${clone.stderr}`);
	// A bare clone: the reference material that lives beside the working repository is not here.
	if (existsSync(resolve(cloneDir, '..', 'shared'))) throw new Error('../shared beside the clone');
	const [n8n, broker, admin, bc, d365, entra] = await freePorts(6);
	ports = {
		N8N_DEMO_PORT: String(n8n),
		N8N_DEMO_BROKER_PORT: String(broker),
		SANDBOX_ADMIN_PORT: String(admin),
		SANDBOX_BIGCOMMERCE_PORT: String(bc),
		SANDBOX_D365_PORT: String(d365),
		SANDBOX_ENTRA_PORT: String(entra),
	};
});

afterAll(() => {
	if (cloneDir) rmSync(resolve(cloneDir, '..'), { recursive: true, force: true });
});

describe('npm start on a fresh clone', () => {
	it('installs, builds, posts the demo orders to F&O, prints the summary, and stops cleanly on Ctrl-C', async () => {
		expect(existsSync(resolve(cloneDir, '..', 'shared'))).toBe(false);
		expect(env().D365_SANDBOX_METADATA).toBeUndefined();
		const run = npmStart();
		const [, salesOrders] = await waitForOutput(
			run,
			/F&O summary: ([1-9]\d*) sales orders \((\d+) lines\), ([1-9]\d*) payments/,
			20 * 60_000,
		);
		expect(Number(salesOrders)).toBeGreaterThanOrEqual(2);
		// Then one reconciliation of the demo's orders, its counts per status adding up to its orders.
		const [, reconciled, counts] = await waitForOutput(
			run,
			/Reconciliation: (\d+) orders \(([^)]*)\): (store and ledger agree|differences found)/,
			5 * 60_000,
		);
		expect(Number(reconciled)).toBeGreaterThanOrEqual(2);
		const perStatus = counts.split(', ').map((c) => c.split(' '));
		for (const [status] of perStatus) expect(ORDER_STATUSES).toContain(status);
		expect(perStatus.reduce((n, [, count]) => n + Number(count), 0)).toBe(Number(reconciled));
		expect(run.output()).toMatch(/n8n editor: +http:\/\/127\.0\.0\.1:\d+/);
		expect(run.output()).toMatch(/Login: +\S+@\S+ \/ \S+/);

		// The summary is read from the sandbox; check F&O's state through its admin API too.
		const headers = (await (
			await fetch(
				`http://127.0.0.1:${ports.SANDBOX_ADMIN_PORT}/d365/entities/SalesOrderHeadersV2?dataAreaId=usmf`,
			)
		).json()) as Array<{ CustomersOrderReference: string }>;
		expect(
			headers.filter((h) => /^BC-/.test(h.CustomersOrderReference)).length,
		).toBeGreaterThanOrEqual(2);

		const started = descendants(run.child.pid as number);
		expect(started.length).toBeGreaterThan(3); // npm, node, ts-node, n8n, its task runner
		process.kill(-(run.child.pid as number), 'SIGINT'); // what Ctrl-C sends to the foreground group
		await run.exited;
		expect(await survivors(started, 15_000)).toEqual([]);
		expect(run.output()).toMatch(/Stopped\./);

		// Until it is ready, no silence longer than 10 s (one second of slack for the ticker).
		const readyAt = run.arrivals.find((a) => /Ctrl-C stops everything/.test(a.text))?.at;
		expect(readyAt).toBeDefined();
		const silences = run.arrivals
			.filter((a) => a.at <= (readyAt as number))
			.map((a, i, all) => ({
				after: all[i - 1]?.text.trim().slice(-80),
				ms: a.at - (all[i - 1]?.at ?? 0),
			}))
			.filter((gap) => gap.ms > 11_000);
		expect(silences).toEqual([]);
		// A demo's names, not the test harness's.
		expect(run.output()).not.toMatch(/e2e/i);
		expect(run.output()).toMatch(/Login: +demo@example\.com \//);
		// The logs it named are kept; its temp directory is empty again.
		const [, logs] = run.output().match(/n8n logs kept in (\S+)/) ?? [];
		expect(logs).toBeDefined();
		expect(statSync(join(logs, 'main.log')).size).toBeGreaterThan(0);
		expect(readdirSync(tempDir)).toEqual([]);
	});

	it('refuses clearly when a port it needs is taken, and names it', async () => {
		const blocker: Server = createServer();
		await new Promise<void>((done) =>
			blocker.listen(Number(ports.SANDBOX_D365_PORT), '127.0.0.1', done),
		);
		try {
			const run = npmStart();
			const code = await run.exited;
			expect(code).not.toBe(0);
			expect(run.output()).toContain(
				`port ${ports.SANDBOX_D365_PORT} (sandbox F&O OData) is already in use`,
			);
			// Refused before anything is installed or built.
			expect(run.output()).not.toMatch(/npm ci|npm run build/);
		} finally {
			blocker.close();
		}
	});
});
