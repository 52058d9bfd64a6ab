/**
 * F&O `$batch`: multipart/mixed bodies (the one batch format F&O accepts), independent reads as
 * top-level parts and writes in one atomic changeset, and the answer parsed part by part.
 */
import { sleep, type IDataObject } from 'n8n-workflow';

import { backoffDelayMs } from '../common/backoff';
import type { HttpContext } from '../common/http';
import { foAdapter, foRequest } from './transport';

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

export interface BatchOptions {
	itemIndex?: number;
	boundarySeed?: string;
	/** How long to wait for the answer (ms); a changeset F&O is still writing may take minutes. */
	timeoutMs?: number;
}

/** How often a batch of reads is sent when F&O fails one of its parts with a server error. */
export const READ_BATCH_ATTEMPTS = 4;

/**
 * Send one batch. F&O answers 200 even when parts failed: a failed changeset comes back as one
 * error part and nothing of it was written. Throttled parts (429 inside the 200) were not
 * processed. Transport failures surface from the core as outcome-unknown (a POST is never re-sent
 * blindly). A batch of reads changes nothing, so when F&O fails one of its parts with a server
 * error (a 503 while it is busy, inside the 200) it is asked again with back-off, as the HTTP core
 * asks a GET again; a batch with a changeset is never re-sent here.
 */
export async function sendBatch(
	context: HttpContext,
	environmentUrl: string,
	content: { reads?: BatchOperation[]; changeset?: BatchOperation[] },
	options: BatchOptions = {},
): Promise<BatchOutcome> {
	const onlyReads = !content.changeset?.length;
	let attempts = 0;
	for (let round = 1; ; round++) {
		const outcome = await sendBatchOnce(context, environmentUrl, content, options, onlyReads);
		attempts += outcome.attempts;
		const serverError = !outcome.ok && !outcome.throttled && outcome.error.status >= 500;
		if (!onlyReads || !serverError || round >= READ_BATCH_ATTEMPTS) return { ...outcome, attempts };
		await sleep(backoffDelayMs(round));
	}
}

async function sendBatchOnce(
	context: HttpContext,
	environmentUrl: string,
	content: { reads?: BatchOperation[]; changeset?: BatchOperation[] },
	options: BatchOptions,
	onlyReads: boolean,
): Promise<BatchOutcome> {
	const boundaries = newBoundaries(options.boundarySeed);
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
		timeoutMs: options.timeoutMs,
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
	options: BatchOptions = {},
): Promise<BatchOutcome> {
	return await sendBatch(context, environmentUrl, { changeset: operations }, options);
}
