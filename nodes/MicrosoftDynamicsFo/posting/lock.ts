/** The posting lock as the posting code sees it, and the one rule for when it applies. */

/** Runs `work` holding the lock for one record (or directly when no lock is configured). */
export type RecordLocker = <T>(name: string, work: () => Promise<T>) => Promise<T>;

export const withoutLock: RecordLocker = async (_name, work) => await work();

/** The lock a write takes: none for a dry run (it writes nothing), else the configured one. */
export const postingLock = (settings: { dryRun?: boolean; lock?: RecordLocker }): RecordLocker =>
	settings.dryRun ? withoutLock : (settings.lock ?? withoutLock);
