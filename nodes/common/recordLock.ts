/**
 * A short per-record lock in Redis around "look up, then create", so two executions of the same
 * record (several workers in queue mode) never both create it. SET NX PX with a random token;
 * released and extended only by its holder (compare-and-delete / compare-and-expire in Lua).
 * A lock that cannot be taken in time fails the item: nothing is ever posted unguarded.
 */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { sleep } from 'n8n-workflow';

export interface RedisLockSettings {
	host: string;
	port: number;
	user?: string;
	password?: string;
	database?: number;
	ssl?: boolean;
	namespace?: string;
}

export interface LockOptions {
	/** How long a lock lives if its holder dies (ms); renewed while the work runs. */
	ttlMs?: number;
	/** How long to wait for a held lock before failing (ms). */
	waitMs?: number;
}

export class LockUnavailableError extends Error {
	constructor(
		readonly key: string,
		waitedMs: number,
	) {
		super(
			`Could not take the posting lock for ${key} within ${Math.round(waitedMs / 1000)} s; nothing was posted`,
		);
		this.name = 'LockUnavailableError';
	}
}

const RELEASE =
	"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const EXTEND =
	"if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

const clients = new Map<string, Redis>();

function clientFor(settings: RedisLockSettings): Redis {
	const key = JSON.stringify([
		settings.host,
		settings.port,
		settings.user,
		settings.database,
		settings.ssl,
		settings.password?.length,
	]);
	let client = clients.get(key);
	if (!client) {
		client = new Redis({
			host: settings.host,
			port: settings.port,
			username: settings.user || undefined,
			password: settings.password || undefined,
			db: settings.database ?? 0,
			tls: settings.ssl ? {} : undefined,
			lazyConnect: true,
			maxRetriesPerRequest: 2,
			enableOfflineQueue: true,
		});
		// Connection problems surface on the command that needs the lock; keep the process alive.
		client.on('error', () => undefined);
		clients.set(key, client);
	}
	return client;
}

export async function pingRedis(settings: RedisLockSettings): Promise<string> {
	return await clientFor(settings).ping();
}

/** Run `work` while holding the lock for `name`; throws LockUnavailableError if it stays taken. */
export async function withRecordLock<T>(
	settings: RedisLockSettings,
	name: string,
	work: () => Promise<T>,
	options: LockOptions = {},
): Promise<T> {
	const redis = clientFor(settings);
	const key = `${settings.namespace || 'n8n-bigcommerce-d365:lock:'}${name}`;
	const ttlMs = options.ttlMs ?? 60_000;
	const waitMs = options.waitMs ?? 30_000;
	const token = randomBytes(16).toString('hex');
	const started = Date.now();
	for (let attempt = 0; ; attempt++) {
		if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') break;
		if (Date.now() - started >= waitMs) throw new LockUnavailableError(name, Date.now() - started);
		await sleep(Math.min(50 * 2 ** Math.min(attempt, 4), 500) + Math.floor(Math.random() * 50));
	}
	// Keep the lock alive while the work runs (F&O can be slow); only the holder can extend it.
	let extending: Promise<unknown> = Promise.resolve();
	const renewal = setInterval(
		() => {
			extending = redis.eval(EXTEND, 1, key, token, String(ttlMs)).catch(() => undefined);
		},
		Math.max(100, Math.floor(ttlMs / 3)),
	);
	renewal.unref();
	try {
		return await work();
	} finally {
		clearInterval(renewal);
		await extending;
		await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
	}
}

/** Close every client (tests, and the demo's shutdown). */
export async function closeLockClients(): Promise<void> {
	await Promise.all([...clients.values()].map((c) => c.quit().catch(() => c.disconnect())));
	clients.clear();
}
