/**
 * `POST /data/$batch`, multipart/mixed: independent operations and changesets.
 * A changeset is atomic: the first failing operation rolls the whole changeset back and the
 * changeset answers with that single error part, labelled with the changeset's first Content-ID
 * (as observed). The outer status is 200 even when parts fail. Parts can be throttled on their
 * own (429 + Retry-After inside the 200), by the request budget or by a fault rule on the part's
 * route (`odata.<Set>.<op>`). `$n` Content-ID references only with `contentIdReferences` on.
 */
import { randomUUID } from 'node:crypto';

import { injectedError, plainError, throttledResult, type ODataResult } from './errors';
import type { ODataOperation, ODataServer } from './odata';
import type { D365Switches } from './switches';
import type { D365Store } from './store';
import type { FaultInjector } from '../common/faults';

interface Part {
	headers: Record<string, string>;
	body: string;
}

interface BatchRequest {
	contentId?: string;
	op: ODataOperation;
}

export interface BatchContext {
	server: ODataServer;
	store: D365Store;
	switches: D365Switches;
	faults: FaultInjector;
	environmentUrl: string;
}

const STATUS_TEXT: Record<number, string> = {
	200: 'OK',
	201: 'Created',
	204: 'No Content',
	400: 'Bad Request',
	401: 'Unauthorized',
	404: 'Not Found',
	405: 'Method Not Allowed',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

function boundaryOf(contentType: string | undefined): string | undefined {
	return /boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
}

function splitHead(text: string): { head: string; body: string } {
	const m = /\r?\n\r?\n/.exec(text);
	if (!m) return { head: text, body: '' };
	return { head: text.slice(0, m.index), body: text.slice(m.index + m[0].length) };
}

function parseHeaders(head: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of head.split(/\r?\n/)) {
		const i = line.indexOf(':');
		if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
	}
	return headers;
}

function parseMultipart(body: string, boundary: string): Part[] {
	const parts: Part[] = [];
	const chunks = body.split(`--${boundary}`);
	for (const chunk of chunks.slice(1)) {
		if (chunk.startsWith('--')) break;
		const { head, body: content } = splitHead(chunk.replace(/^\r?\n/, ''));
		parts.push({ headers: parseHeaders(head), body: content.replace(/\r?\n$/, '') });
	}
	return parts;
}

function parseHttpPart(part: Part, environmentUrl: string): BatchRequest {
	const { head, body } = splitHead(part.body);
	const [requestLine, ...headerLines] = head.split(/\r?\n/);
	const [method, target] = requestLine.trim().split(/\s+/);
	let pathAndQuery = target ?? '';
	if (/^https?:\/\//i.test(pathAndQuery)) {
		const url = new URL(pathAndQuery);
		pathAndQuery = url.pathname + url.search;
	}
	const url = new URL(
		pathAndQuery.startsWith('$')
			? `/data/${pathAndQuery}`
			: pathAndQuery.startsWith('/')
				? pathAndQuery
				: `/data/${pathAndQuery}`,
		environmentUrl,
	);
	return {
		contentId: part.headers['content-id'],
		op: {
			method: (method ?? 'GET').toUpperCase(),
			path: url.pathname.replace(/^\/data\/?/, ''),
			query: url.searchParams,
			headers: parseHeaders(headerLines.join('\n')),
			body: body.trim() ? body : undefined,
		},
	};
}

function renderResponse(result: ODataResult, contentId: string | undefined): string {
	const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
	if (contentId !== undefined) lines.push(`Content-ID: ${contentId}`);
	lines.push('', `HTTP/1.1 ${result.status} ${STATUS_TEXT[result.status] ?? ''}`.trimEnd());
	for (const [k, v] of Object.entries(result.headers)) lines.push(`${k}: ${v}`);
	lines.push(
		'',
		result.body === undefined
			? ''
			: typeof result.body === 'string'
				? result.body
				: JSON.stringify(result.body),
	);
	return lines.join('\r\n');
}

/** How many records a request writes: 1 for a single write, the write parts of a `$batch`. */
export function writtenRecordCount(op: ODataOperation): number {
	if (op.method === 'GET') return 0;
	const boundary = boundaryOf(op.headers['content-type']);
	if (!/\$batch$/.test(op.path) || !boundary) return 1;
	let writes = 0;
	for (const part of parseMultipart(op.body ?? '', boundary)) {
		const inner = boundaryOf(part.headers['content-type']);
		const parts = inner ? parseMultipart(part.body, inner) : [part];
		for (const p of parts) {
			const method = /^\s*([A-Z]+)\s/.exec(splitHead(p.body).head)?.[1];
			if (method && method !== 'GET') writes++;
		}
	}
	return writes;
}

export function executeBatch(op: ODataOperation, ctx: BatchContext): ODataResult {
	const boundary = boundaryOf(op.headers['content-type']);
	if (!boundary)
		return plainError(
			400,
			'The batch request must have a multipart/mixed content type with a boundary.',
		);
	const parts = parseMultipart(op.body ?? '', boundary);
	const operations = parts.reduce(
		(n, p) =>
			n +
			(boundaryOf(p.headers['content-type'])
				? parseMultipart(p.body, boundaryOf(p.headers['content-type']) as string).length
				: 1),
		0,
	);
	if (operations > 5000)
		return plainError(400, 'The number of operations in the batch exceeds the limit of 5000.'); // F&O's limit; wording inferred

	/** Per-part throttling/fault: a result to answer instead of running, or undefined. */
	const gatePart = (req: BatchRequest): ODataResult | undefined => {
		const action = ctx.faults.decide(
			ctx.server.routeName(req.op.method, req.op.path),
			req.op.method,
		);
		if (action.kind === 'throttle') return throttledResult(action.retryAfterSeconds);
		if (action.kind === 'error') return injectedError(action.status);
		return ctx.server.takeBudget(1);
	};

	const out: string[] = [];
	const batchBoundary = `batchresponse_${randomUUID()}`;
	for (const part of parts) {
		const inner = boundaryOf(part.headers['content-type']);
		if (!inner) {
			const req = parseHttpPart(part, ctx.environmentUrl);
			const result = gatePart(req) ?? ctx.server.execute(req.op);
			out.push(renderResponse(result, req.contentId));
			continue;
		}
		// Changeset.
		const requests = parseMultipart(part.body, inner).map((p) =>
			parseHttpPart(p, ctx.environmentUrl),
		);
		const snapshot = ctx.store.snapshot();
		const created = new Map<string, string>();
		const results: { req: BatchRequest; result: ODataResult }[] = [];
		let failure: ODataResult | undefined;
		for (const req of requests) {
			const gated = gatePart(req);
			if (gated) {
				failure = gated;
				break;
			}
			const ref = /^\$(\d+)(.*)$/.exec(req.op.path);
			if (ref) {
				const target = ctx.switches.contentIdReferences ? created.get(ref[1]) : undefined;
				if (!target) {
					failure = plainError(404, `Resource not found for the segment '$${ref[1]}'.`);
					break;
				}
				req.op.path = `${target}${ref[2]}`;
			}
			const result = ctx.server.execute(req.op);
			if (result.status >= 400) {
				failure = result;
				break;
			}
			const location = result.headers.Location;
			if (req.contentId && location)
				created.set(req.contentId, location.replace(/^.*\/data\//, ''));
			results.push({ req, result });
		}
		if (failure) {
			ctx.store.restore(snapshot);
			out.push(renderResponse(failure, requests[0]?.contentId));
			continue;
		}
		const csBoundary = `changesetresponse_${randomUUID()}`;
		const body = results
			.map(({ req, result }) => `--${csBoundary}\r\n${renderResponse(result, req.contentId)}`)
			.join('\r\n');
		out.push(
			`Content-Type: multipart/mixed; boundary=${csBoundary}\r\n\r\n${body}\r\n--${csBoundary}--`,
		);
	}
	const text =
		out.map((p) => `--${batchBoundary}\r\n${p}`).join('\r\n') + `\r\n--${batchBoundary}--\r\n`;
	return {
		status: 200,
		headers: {
			'Content-Type': `multipart/mixed; boundary=${batchBoundary}`,
			'OData-Version': '4.0',
		},
		body: text,
	};
}
