import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';

import { progress, seconds } from './log';
import { sleep } from './lock';

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	output: string;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Appends the command's stdout+stderr to this file as well. */
	logFile?: string;
	/** Prints a "still running" line to stderr at this interval (long installs). */
	heartbeat?: { label: string; everyMs: number };
	timeoutMs?: number;
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** When the test process exits without calling stop(): kill every group we started. Inside jest the
 *  sandboxed `process` may not see the real exit, hence also watchGroup below. */
function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
	});
}

/** A tiny shell watchdog per process group: once this process is gone (jest killed, a test that
 *  never called stop()), it SIGTERMs the group, then SIGKILLs it. It ends by itself when the group
 *  ends, so a normal stop leaves nothing behind either. */
function watchGroup(pgid: number): ChildProcess {
	const script =
		'while kill -0 "$0" 2>/dev/null && kill -0 -"$1" 2>/dev/null; do sleep 2; done; ' +
		'if kill -0 -"$1" 2>/dev/null; then kill -TERM -"$1"; sleep 10; kill -KILL -"$1" 2>/dev/null; fi; exit 0';
	const watchdog = spawn('sh', ['-c', script, String(process.pid), String(pgid)], {
		stdio: 'ignore',
		detached: true,
	});
	watchdog.unref();
	return watchdog;
}

function endWatchdog(watchdog: ChildProcess | undefined): void {
	// Its own group (detached): kill the group, so its `sleep` goes too.
	if (watchdog?.pid !== undefined && watchdog.exitCode === null && watchdog.signalCode === null)
		killGroup(watchdog.pid, 'SIGKILL');
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// ESRCH: the group is already gone.
	}
}

function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Runs a command to completion in its own process group, capturing its output. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	installExitHook();
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		const pid = child.pid;
		let watchdog: ChildProcess | undefined;
		if (pid !== undefined) {
			liveGroups.add(pid);
			watchdog = watchGroup(pid);
		}
		const chunks: Buffer[] = [];
		let logFd: number | undefined;
		if (options.logFile) logFd = openSync(options.logFile, 'a');
		const onData = (data: Buffer): void => {
			chunks.push(data);
			if (logFd !== undefined) writeSync(logFd, data);
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		const beat = options.heartbeat
			? setInterval(
					() => progress(`${options.heartbeat?.label}: still running (${seconds(started)})`),
					options.heartbeat.everyMs,
				)
			: undefined;
		const timer = options.timeoutMs
			? setTimeout(() => {
					if (pid !== undefined) killGroup(pid, 'SIGKILL');
				}, options.timeoutMs)
			: undefined;
		child.on('error', (error) => {
			if (beat) clearInterval(beat);
			if (timer) clearTimeout(timer);
			if (pid !== undefined) liveGroups.delete(pid);
			endWatchdog(watchdog);
			if (logFd !== undefined) closeSync(logFd);
			reject(error);
		});
		child.on('close', (code, signal) => {
			if (beat) clearInterval(beat);
			if (timer) clearTimeout(timer);
			if (pid !== undefined) {
				// Anything the command left behind in its group goes with it.
				killGroup(pid, 'SIGKILL');
				liveGroups.delete(pid);
			}
			endWatchdog(watchdog);
			if (logFd !== undefined) closeSync(logFd);
			resolve({ code, signal, output: Buffer.concat(chunks).toString('utf8') });
		});
	});
}

export async function runChecked(
	command: string,
	args: string[],
	options: RunOptions = {},
): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const tail = result.output.split('\n').slice(-40).join('\n');
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.code ?? result.signal})${options.logFile ? `, log ${options.logFile}` : ''}\n${tail}`,
		);
	}
	return result;
}

/** A long-running service (n8n main or worker) in its own process group, output to a log file. */
export class Service {
	readonly child: ChildProcess;
	readonly pid: number;
	private watchdog: ChildProcess | undefined;
	private exited: Promise<void>;
	exitCode: number | null = null;
	exitSignal: NodeJS.Signals | null = null;
	running = true;

	constructor(
		readonly name: string,
		command: string,
		args: string[],
		options: { cwd?: string; env: NodeJS.ProcessEnv; logFile: string },
	) {
		installExitHook();
		const fd = openSync(options.logFile, 'a');
		try {
			this.child = spawn(command, args, {
				cwd: options.cwd,
				env: options.env,
				stdio: ['ignore', fd, fd],
				detached: true,
			});
		} finally {
			closeSync(fd);
		}
		if (this.child.pid === undefined) throw new Error(`${name}: failed to spawn ${command}`);
		this.pid = this.child.pid;
		liveGroups.add(this.pid);
		this.watchdog = watchGroup(this.pid);
		this.exited = new Promise((resolve) => {
			this.child.on('exit', (code, signal) => {
				this.exitCode = code;
				this.exitSignal = signal;
				this.running = false;
				resolve();
			});
		});
	}

	/** SIGKILL to the whole group at once, no shutdown (a crashed or OOM-killed process). */
	async kill(): Promise<void> {
		killGroup(this.pid, 'SIGKILL');
		if (this.running) await this.exited;
		for (let i = 0; i < 50 && groupAlive(this.pid); i++) await sleep(100);
		liveGroups.delete(this.pid);
		endWatchdog(this.watchdog);
		progress(`${this.name}: killed (SIGKILL)`);
	}

	/** SIGTERM to the whole group (n8n and its task runner), then SIGKILL after graceMs. */
	async stop(graceMs = 20_000): Promise<void> {
		const started = Date.now();
		if (this.running) {
			killGroup(this.pid, 'SIGTERM');
			let timer: NodeJS.Timeout | undefined;
			const done = await Promise.race([
				this.exited.then(() => true),
				new Promise<boolean>((resolve) => {
					timer = setTimeout(() => resolve(false), graceMs);
				}),
			]);
			clearTimeout(timer);
			if (!done) {
				progress(`${this.name}: no exit ${graceMs} ms after SIGTERM, sending SIGKILL`);
				killGroup(this.pid, 'SIGKILL');
				await this.exited;
			}
		}
		// Children that outlived the leader (task runners) get the same treatment.
		for (let i = 0; i < 50 && groupAlive(this.pid); i++) {
			killGroup(this.pid, i < 20 ? 'SIGTERM' : 'SIGKILL');
			await sleep(100);
		}
		killGroup(this.pid, 'SIGKILL');
		liveGroups.delete(this.pid);
		endWatchdog(this.watchdog);
		progress(`${this.name}: stopped in ${seconds(started)}`);
	}
}
