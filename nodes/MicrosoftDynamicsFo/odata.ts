/**
 * F&O OData on top of the shared core: key predicates, cross-company reads scoped by dataAreaId,
 * server-driven paging, single-record writes; `$batch` changesets live in odataBatch.ts and are
 * re-exported here, so callers import OData from one place.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext, ServiceResponse } from '../common/http';
import { foRequest } from './transport';

export * from './odataBatch';

export type KeyValue = string | number;
export type EntityKeys = Record<string, KeyValue>;

/** An OData string literal: quotes doubled. (A `*` inside `eq` is a wildcard in F&O; callers re-check results.) */
export function odataString(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

/** `(dataAreaId='usmf',SalesOrderNumber='SO%2D1')`: every key part, values URL-encoded (item numbers may hold spaces). */
export function keyPredicate(keys: EntityKeys): string {
	const parts = Object.entries(keys).map(([name, value]) =>
		typeof value === 'number'
			? `${name}=${value}`
			: `${name}=${encodeURIComponent(odataString(value)).replace(/%27/g, "'")}`,
	);
	return `(${parts.join(',')})`;
}

export function entityPath(entitySet: string, keys?: EntityKeys): string {
	return `/${entitySet}${keys ? keyPredicate(keys) : ''}`;
}

/** `Field eq 'value'` joined with `and`; dataAreaId first so F&O can use its index. */
export function eqFilter(conditions: Record<string, KeyValue | boolean>): string {
	return Object.entries(conditions)
		.map(([field, value]) =>
			typeof value === 'string'
				? `${field} eq ${odataString(value)}`
				: `${field} eq ${String(value)}`,
		)
		.join(' and ');
}

export interface QueryOptions {
	filter?: string;
	select?: string[];
	orderby?: string;
	/** Stop after this many records (all pages otherwise). */
	limit?: number;
	/** Default true: reads see only the service user's default company without it. */
	crossCompany?: boolean;
	itemIndex?: number;
}

interface ODataCollection {
	value?: IDataObject[];
	'@odata.nextLink'?: string;
}

/** All records of a query, following `@odata.nextLink` (same origin only, enforced by foUrl). */
export async function queryEntities(
	context: HttpContext,
	entitySet: string,
	options: QueryOptions = {},
): Promise<IDataObject[]> {
	const qs: IDataObject = {};
	if (options.crossCompany !== false) qs['cross-company'] = 'true';
	if (options.filter) qs.$filter = options.filter;
	if (options.select?.length) qs.$select = options.select.join(',');
	if (options.orderby) qs.$orderby = options.orderby;
	if (options.limit) qs.$top = options.limit;

	const records: IDataObject[] = [];
	let path: string | undefined = entityPath(entitySet);
	let query: IDataObject | undefined = qs;
	while (path) {
		const response: ServiceResponse<ODataCollection> = await foRequest<ODataCollection>(context, {
			method: 'GET',
			path,
			qs: query,
			itemIndex: options.itemIndex,
		});
		records.push(...(response.body.value ?? []));
		if (options.limit && records.length >= options.limit) return records.slice(0, options.limit);
		path = response.body['@odata.nextLink'];
		query = undefined; // the link carries the query
	}
	return records;
}

export async function getEntity(
	context: HttpContext,
	entitySet: string,
	keys: EntityKeys,
	options: { select?: string[]; itemIndex?: number } = {},
): Promise<IDataObject | undefined> {
	const qs: IDataObject = { 'cross-company': 'true' };
	if (options.select?.length) qs.$select = options.select.join(',');
	const response = await foRequest<IDataObject>(context, {
		method: 'GET',
		path: entityPath(entitySet, keys),
		qs,
		acceptStatuses: [404],
		itemIndex: options.itemIndex,
	});
	return response.statusCode === 404 ? undefined : response.body;
}

/** How long a write may wait for its answer (ms); the adapter's 60 s when omitted. */
export interface WriteOptions {
	timeoutMs?: number;
}

export async function createEntity(
	context: HttpContext,
	entitySet: string,
	body: IDataObject,
	itemIndex?: number,
	options: WriteOptions = {},
): Promise<IDataObject> {
	const response = await foRequest<IDataObject>(context, {
		method: 'POST',
		path: entityPath(entitySet),
		body,
		headers: { Prefer: 'return=representation' },
		timeoutMs: options.timeoutMs,
		itemIndex,
	});
	return response.body;
}

export async function updateEntity(
	context: HttpContext,
	entitySet: string,
	keys: EntityKeys,
	body: IDataObject,
	itemIndex?: number,
	options: WriteOptions = {},
): Promise<void> {
	// PATCH is idempotent: sending the same field values twice leaves the same record.
	await foRequest(context, {
		method: 'PATCH',
		path: entityPath(entitySet, keys),
		qs: { 'cross-company': 'true' },
		body,
		idempotent: true,
		timeoutMs: options.timeoutMs,
		itemIndex,
	});
}

/** Deletes; a record already gone counts as deleted (idempotent). Returns whether it existed. */
export async function deleteEntity(
	context: HttpContext,
	entitySet: string,
	keys: EntityKeys,
	itemIndex?: number,
	options: WriteOptions = {},
): Promise<boolean> {
	const response = await foRequest(context, {
		method: 'DELETE',
		path: entityPath(entitySet, keys),
		qs: { 'cross-company': 'true' },
		acceptStatuses: [404],
		idempotent: true,
		timeoutMs: options.timeoutMs,
		itemIndex,
	});
	return response.statusCode !== 404;
}
