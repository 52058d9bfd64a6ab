/**
 * The fast half of "never a duplicate": what this workflow already posted, kept in workflow static
 * data. It is a cache, not the guarantee: static data is saved at the end of an execution with the
 * last writer winning, so concurrent executions can miss each other's entries. The F&O lookup by
 * natural key (and a deterministic number or a lock) is what closes the race; this only saves
 * lookups. Entries are recorded only after F&O confirmed the record, and the map is bounded.
 */
import type { IDataObject } from 'n8n-workflow';

const POSTED_RECORDS_FIELD = 'd365PostedRecords';
export const DEFAULT_MAX_ENTRIES = 5000;

interface PostedEntry extends IDataObject {
	keys: IDataObject;
	at: string;
}

interface PostedStore extends IDataObject {
	entries: Record<string, PostedEntry>;
	/** Insertion order, oldest first, for eviction. */
	order: string[];
}

export function postedKey(entity: string, dataAreaId: string, reference: string): string {
	return `${entity}|${dataAreaId.toLowerCase()}|${reference}`;
}

function storeOf(staticData: IDataObject): PostedStore {
	const store = staticData[POSTED_RECORDS_FIELD] as PostedStore | undefined;
	if (store && typeof store === 'object' && store.entries && Array.isArray(store.order))
		return store;
	return { entries: {}, order: [] };
}

export function findPosted(staticData: IDataObject, key: string): PostedEntry | undefined {
	return storeOf(staticData).entries[key];
}

export function rememberPosted(
	staticData: IDataObject,
	key: string,
	keys: IDataObject,
	maxEntries = DEFAULT_MAX_ENTRIES,
): void {
	const current = storeOf(staticData);
	const entries = { ...current.entries };
	const order = current.order.filter((k) => k !== key);
	entries[key] = { keys, at: new Date().toISOString() };
	order.push(key);
	while (order.length > maxEntries) delete entries[order.shift() as string];
	// Reassign the top-level key so n8n's observable static data marks itself changed.
	staticData[POSTED_RECORDS_FIELD] = { entries, order };
}

export function forgetPosted(staticData: IDataObject, key: string): void {
	const current = storeOf(staticData);
	if (!current.entries[key]) return;
	const entries = { ...current.entries };
	delete entries[key];
	staticData[POSTED_RECORDS_FIELD] = { entries, order: current.order.filter((k) => k !== key) };
}
