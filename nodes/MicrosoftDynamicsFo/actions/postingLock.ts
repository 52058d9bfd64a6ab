/**
 * The posting lock an execution uses for check-and-create of one record: in this process (the
 * default, enough for regular mode), or a short Redis lock per record across queue-mode workers,
 * queued in-process first so bursts cost fewer round trips to Redis. Also the Redis credential's
 * test, which pings the same settings.
 */
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { withProcessLock } from '../../common/processLock';
import { pingRedis, withRecordLock, type RedisLockSettings } from '../../common/recordLock';
import type { RecordLocker } from './context';

export const REDIS_LOCK_CREDENTIAL = 'bigCommerceD365RedisLockApi';

function redisSettings(data: IDataObject): RedisLockSettings {
	return {
		host: String(data.host || 'localhost'),
		port: Number(data.port || 6379),
		user: (data.user as string) || undefined,
		password: (data.password as string) || undefined,
		database: Number(data.database || 0),
		ssl: Boolean(data.ssl),
		namespace: (data.namespace as string) || undefined,
	};
}

/** Queue first in this process, then take the Redis lock: fewer round trips to Redis under bursts. */
function redisLocker(settings: RedisLockSettings): RecordLocker {
	return async (name, work) =>
		await withProcessLock(name, async () => await withRecordLock(settings, name, work));
}

const processLocker: RecordLocker = async (name, work) => await withProcessLock(name, work);

/** The lock the node's Posting Lock parameter (read once per execution) chooses. */
export async function postingLockOf(fn: IExecuteFunctions): Promise<RecordLocker> {
	const setting = fn.getNodeParameter('postingLock', 0, 'process') as string;
	return setting === 'redis'
		? redisLocker(redisSettings(await fn.getCredentials(REDIS_LOCK_CREDENTIAL)))
		: processLocker;
}

export async function redisLockTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		await pingRedis(redisSettings(credential.data ?? {}));
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		return { status: 'Error', message: `Redis did not answer: ${(error as Error).message}` };
	}
}
