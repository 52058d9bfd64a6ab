/**
 * What the OData service's reads (./odataReads.ts) and writes (./odataWrites.ts) share: the
 * service they run in (model, store, switches, its URL, which is known only once it listens), how a
 * record is presented (etag, selected properties, an order's totals) and the URLs of sets and
 * records. Kept apart so reads and writes need not import each other or the server.
 */
import type { ODataResult } from './errors';
import type { EntityDef, EntityModel } from './metadata';
import { withOrderTotals } from './pricing';
import type { D365Store, StoredRecord } from './store';
import type { D365Switches } from './switches';

export interface ODataService {
	model: EntityModel;
	store: D365Store;
	switches: D365Switches;
	/** The environment URL; read at call time, as it is known only once the server listens. */
	environmentUrl: () => string;
}

/** A record's weak etag: its RecId and version. */
export const ETAG = (r: StoredRecord) =>
	`W/"${Buffer.from(`'1,${r.recId};${r.version}'`).toString('base64')}"`;

/** Whether a value is a finished answer (an error or refusal) rather than what was asked for. */
export const isResult = (v: unknown): v is ODataResult =>
	typeof v === 'object' && v !== null && 'status' in v && 'headers' in v;

/** The URL of an entity set. */
export const collectionUrl = (svc: ODataService, def: EntityDef) =>
	`${svc.environmentUrl()}/data/${def.set}`;

/** The URL of a record by its keys (`Location` and `OData-EntityId` of a create). */
export const keyUrl = (svc: ODataService, def: EntityDef, data: Record<string, unknown>) =>
	`${collectionUrl(svc, def)}(${def.keys.map((k) => `${k}=${typeof data[k] === 'string' ? `'${encodeURIComponent(String(data[k]).replace(/'/g, "''"))}'` : String(data[k])}`).join(',')})`;

/** A record as the service answers it: its etag, then its (selected) properties; orders with totals. */
export const present = (svc: ODataService, def: EntityDef, r: StoredRecord, select?: string[]) => {
	const { store, switches } = svc;
	const out: Record<string, unknown> = { '@odata.etag': ETAG(r) };
	const data =
		def.set === 'SalesOrderHeadersV2' ? withOrderTotals(store, r.data, switches) : r.data;
	for (const p of select ?? def.properties.map((x) => x.name)) out[p] = data[p];
	return out;
};
