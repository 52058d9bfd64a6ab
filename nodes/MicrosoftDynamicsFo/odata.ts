/**
 * F&O OData on top of the shared core: key predicates, cross-company reads scoped by dataAreaId,
 * server-driven paging, and `$batch` changesets (multipart/mixed, the only batch format F&O is
 * known to accept).
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext, ServiceResponse } from '../common/http';
import { foAdapter, foRequest } from './transport';

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

export async function createEntity(
	context: HttpContext,
	entitySet: string,
	body: IDataObject,
	itemIndex?: number,
): Promise<IDataObject> {
	const response = await foRequest<IDataObject>(context, {
		method: 'POST',
		path: entityPath(entitySet),
		body,
		headers: { Prefer: 'return=representation' },
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
): Promise<void> {
	// PATCH is idempotent: sending the same field values twice leaves the same record.
	await foRequest(context, {
		method: 'PATCH',
		path: entityPath(entitySet, keys),
		qs: { 'cross-company': 'true' },
		body,
		idempotent: true,
		itemIndex,
	});
}

/** Deletes; a record already gone counts as deleted (idempotent). Returns whether it existed. */
export async function deleteEntity(
	context: HttpContext,
	entitySet: string,
	keys: EntityKeys,
	itemIndex?: number,
): Promise<boolean> {
	const response = await foRequest(context, {
		method: 'DELETE',
		path: entityPath(entitySet, keys),
		qs: { 'cross-company': 'true' },
		acceptStatuses: [404],
		idempotent: true,
		itemIndex,
	});
	return response.statusCode !== 404;
}

// ---------------------------------------------------------------------------------------------
// $batch

export interface BatchOperation {
	method: 'POST' | 'PATCH' | 'DELETE' | 'GET';
	/** Path below /data, as for foRequest. */
	path: string;
	body?: IDataObject;
}

export interface BatchPartResult {
	contentId?: string;
	status: number;
	headers: Record<string, string>;
	body: unknown;
}

const CRLF = '\r\n';

function httpPart(base: string, op: BatchOperation, contentId: number): string {
	const lines = [
		'Content-Type: application/http',
		'Content-Transfer-Encoding: binary',
		`Content-ID: ${contentId}`,
		'',
		`${op.method} ${base}/data${op.path} HTTP/1.1`,
		'OData-Version: 4.0',
		'Accept: application/json',
	];
	if (op.body !== undefined)
		lines.push(
			'Content-Type: application/json;odata.metadata=minimal',
			'',
			JSON.stringify(op.body),
		);
	else lines.push('');
	return lines.join(CRLF);
}

/**
 * A multipart/mixed batch body: independent reads as top-level parts, writes in one changeset
 * (atomic). Content-IDs count across the whole batch.
 */
export function buildBatchBody(
	environmentUrl: string,
	content: { reads?: BatchOperation[]; changeset?: BatchOperation[] },
	boundaries: { batch: string; changeset: string },
): string {
	const base = environmentUrl.toLowerCase().replace(/\/+$/, '');
	const out: string[] = [];
	let contentId = 0;
	for (const read of content.reads ?? [])
		out.push(`--${boundaries.batch}`, httpPart(base, read, ++contentId));
	if (content.changeset?.length) {
		out.push(
			`--${boundaries.batch}`,
			`Content-Type: multipart/mixed; boundary=${boundaries.changeset}`,
			'',
		);
		for (const op of content.changeset)
			out.push(`--${boundaries.changeset}`, httpPart(base, op, ++contentId));
		out.push(`--${boundaries.changeset}--`);
	}
	out.push(`--${boundaries.batch}--`, '');
	return out.join(CRLF);
}

export function buildChangesetBatch(
	environmentUrl: string,
	operations: BatchOperation[],
	boundaries: { batch: string; changeset: string },
): string {
	return buildBatchBody(environmentUrl, { changeset: operations }, boundaries);
}

function boundaryOf(contentType: string | undefined): string | undefined {
	const match = /boundary=("?)([^";]+)\1/i.exec(contentType ?? '');
	return match?.[2];
}

function splitHead(text: string): { head: string; rest: string } {
	const at = text.search(/\r?\n\r?\n/);
	if (at < 0) return { head: text, rest: '' };
	const sep = /\r?\n\r?\n/.exec(text.slice(at))![0];
	return { head: text.slice(0, at), rest: text.slice(at + sep.length) };
}

function parseHeaders(head: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of head.split(/\r?\n/)) {
		const at = line.indexOf(':');
		if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
	}
	return headers;
}

/** Every application/http answer inside a (possibly nested) multipart batch response. */
export function parseBatchResponse(
	body: string,
	contentType: string | undefined,
): BatchPartResult[] {
	const boundary = boundaryOf(contentType);
	if (!boundary) return [];
	const results: BatchPartResult[] = [];
	const sections = body.split(`--${boundary}`).slice(1);
	for (const section of sections) {
		if (section.startsWith('--')) break;
		const { head, rest } = splitHead(section.replace(/^\r?\n/, ''));
		const partHeaders = parseHeaders(head);
		const partType = partHeaders['content-type'] ?? '';
		if (/multipart\/mixed/i.test(partType)) {
			results.push(...parseBatchResponse(rest, partType));
			continue;
		}
		const { head: httpHead, rest: httpBody } = splitHead(rest);
		const [statusLine, ...headerLines] = httpHead.split(/\r?\n/);
		const status = Number(/^HTTP\/\d\.\d\s+(\d{3})/.exec(statusLine)?.[1] ?? 0);
		const headers = parseHeaders(headerLines.join('\n'));
		const text = httpBody.replace(/\r?\n$/, '');
		let parsed: unknown = text;
		if (text.trim().startsWith('{') || text.trim().startsWith('[')) {
			try {
				parsed = JSON.parse(text);
			} catch {
				parsed = text;
			}
		}
		results.push({
			contentId: partHeaders['content-id'] ?? headers['content-id'],
			status,
			headers,
			body: parsed,
		});
	}
	return results;
}

export class BatchRejectedError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly part: BatchPartResult,
	) {
		super(message);
		this.name = 'BatchRejectedError';
	}
}

export type BatchOutcome =
	| { ok: true; parts: BatchPartResult[]; attempts: number }
	| { ok: false; throttled: false; error: BatchRejectedError; attempts: number }
	| { ok: false; throttled: true; retryAfterMs: number; attempts: number };

function newBoundaries(seed?: string) {
	const s = seed ?? `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
	return { batch: `batch_${s}`, changeset: `changeset_${s}` };
}

/**
 * Send one batch. F&O answers 200 even when parts failed: a failed changeset comes back as one
 * error part and nothing of it was written. Throttled parts (429 inside the 200) were not
 * processed. Transport failures surface from the core as outcome-unknown (a POST is never re-sent
 * blindly).
 */
export async function sendBatch(
	context: HttpContext,
	environmentUrl: string,
	content: { reads?: BatchOperation[]; changeset?: BatchOperation[] },
	options: { itemIndex?: number; boundarySeed?: string } = {},
): Promise<BatchOutcome> {
	const boundaries = newBoundaries(options.boundarySeed);
	const onlyReads = !content.changeset?.length;
	const response = await foRequest<string>(context, {
		method: 'POST',
		path: '/$batch',
		body: buildBatchBody(environmentUrl, content, boundaries),
		headers: {
			'Content-Type': `multipart/mixed; boundary=${boundaries.batch}`,
			Accept: 'multipart/mixed',
		},
		json: false,
		// A batch of reads changes nothing, so it may be re-sent like a GET.
		idempotent: onlyReads,
		itemIndex: options.itemIndex,
	});
	const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
	const parts = parseBatchResponse(text, response.headers['content-type']);
	const attempts = response.attempts;
	if (parts.length === 0) {
		return {
			ok: false,
			throttled: false,
			attempts,
			error: new BatchRejectedError(
				'F&O answered the batch without any parts',
				response.statusCode,
				{
					status: response.statusCode,
					headers: response.headers,
					body: text.slice(0, 500),
				},
			),
		};
	}
	const throttled = parts.find((p) => p.status === 429);
	if (throttled) {
		const retryAfterMs =
			foAdapter.throttleDelayMs({ ...throttled, statusCode: 429, attempts: 1 }) ?? 1000;
		return { ok: false, throttled: true, retryAfterMs, attempts };
	}
	const failed = parts.find((p) => p.status >= 400);
	if (failed) {
		const described = foAdapter.errorText({
			statusCode: failed.status,
			headers: failed.headers,
			body: failed.body,
			attempts: 1,
		});
		return {
			ok: false,
			throttled: false,
			attempts,
			error: new BatchRejectedError(
				described?.message ?? `batch part failed with status ${failed.status}`,
				failed.status,
				failed,
			),
		};
	}
	return { ok: true, parts, attempts };
}

/** One atomic changeset. */
export async function sendChangeset(
	context: HttpContext,
	environmentUrl: string,
	operations: BatchOperation[],
	options: { itemIndex?: number; boundarySeed?: string } = {},
): Promise<BatchOutcome> {
	return await sendBatch(context, environmentUrl, { changeset: operations }, options);
}
