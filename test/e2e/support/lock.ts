import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

import { progress } from './log';

/** An exclusive lock between processes (parallel jest workers, a second `npm test`), held as a
 *  directory: `mkdir` is atomic. The owner's pid is recorded inside; a lock whose owner on this
 *  machine is gone is taken over, so a killed install never blocks the next run. */
export async function withFileLock<T>(
	lockDir: string,
	what: string,
	fn: () => Promise<T>,
	timeoutMs = 45 * 60_000,
): Promise<T> {
	const started = Date.now();
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(
				join(lockDir, 'owner.json'),
				JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }),
			);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (isStale(lockDir)) {
				progress(`${what}: taking over a stale lock ${lockDir}`);
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				progress(`${what}: waiting for another process holding ${lockDir}`);
				announced = true;
			}
			if (Date.now() - started > timeoutMs)
				throw new Error(`${what}: timed out after ${timeoutMs} ms waiting for lock ${lockDir}`);
			await sleep(1000);
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

function isStale(lockDir: string): boolean {
	let owner: { pid?: number; host?: string; since?: string };
	try {
		owner = JSON.parse(readFileSync(join(lockDir, 'owner.json'), 'utf8'));
	} catch {
		// Created but owner not written yet, or by a process that died right after mkdir: judge by age.
		try {
			return Date.now() - statSync(lockDir).mtimeMs > 60_000;
		} catch {
			return false;
		}
	}
	if (owner.host !== hostname() || typeof owner.pid !== 'number') return false;
	try {
		process.kill(owner.pid, 0);
		return false;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ESRCH';
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
