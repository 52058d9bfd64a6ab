/**
 * A Redis of the suite's own, for tests that restart Redis: the machine's Redis on 127.0.0.1:6379
 * is shared with other processes and must never be restarted by a test. This one listens on a free
 * loopback port with a password, keeps its data in an append-only file in a temporary folder (so
 * queued jobs survive a restart, as on a production Redis with persistence), and is removed at stop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';

import { sleep } from './lock';
import { freePorts } from './n8n';
import { run, Service } from './proc';

export interface PrivateRedis {
	host: string;
	port: number;
	password: string;
	/** Stop Redis (SIGTERM: it writes its append-only file) and start it again on the same port;
	 *  resolves with the milliseconds it was unreachable. */
	restart(): Promise<number>;
	stop(): Promise<void>;
}

/** Whether `redis-server` is on PATH. */
export function redisServerAvailable(): boolean {
	return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function ping(port: number, password: string): Promise<boolean> {
	const result = await run(
		'redis-cli',
		['-h', '127.0.0.1', '-p', String(port), '-a', password, '--no-auth-warning', 'PING'],
		{ timeoutMs: 5_000 },
	).catch(() => undefined);
	return !!result && result.code === 0 && /PONG/.test(result.output);
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
	const dir = mkdtempSync(join(tmpdir(), 'reliability-redis-'));
	const [port] = await freePorts(1);
	const password = randomBytes(18).toString('hex');
	let service: Service | undefined;
	const start = async (): Promise<void> => {
		service = new Service(
			`redis-server :${port}`,
			'redis-server',
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--requirepass',
				password,
				'--dir',
				dir,
				'--appendonly',
				'yes',
				'--appendfsync',
				'always',
				'--save',
				'',
			],
			{ env: process.env, logFile: join(dir, 'redis.log') },
		);
		for (let i = 0; i < 100; i++) {
			if (await ping(port, password)) return;
			await sleep(100);
		}
		throw new Error(`redis-server on port ${port} did not answer; log ${join(dir, 'redis.log')}`);
	};
	await start();
	return {
		host: '127.0.0.1',
		port,
		password,
		restart: async () => {
			const down = Date.now();
			await service?.stop(10_000);
			await start();
			return Date.now() - down;
		},
		stop: async () => {
			await service?.stop(10_000);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
