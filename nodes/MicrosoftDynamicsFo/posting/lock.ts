/** The posting lock as the posting code sees it: run `work` holding the lock for one record. */

/** Runs `work` holding the lock for one record (or directly when no lock is configured). */
export type RecordLocker = <T>(name: string, work: () => Promise<T>) => Promise<T>;

export const withoutLock: RecordLocker = async (_name, work) => await work();
