/**
 * The F&O OData service under `/data/`: entity sets, key access, query
 * options, writes with F&O's error envelopes, default-company scoping, throttling, and `$batch`.
 * Route names for the fault injector: `odata.<EntitySet>.<get|list|count|create|update|delete>`,
 * `odata.batch`, `odata.service`. Every operation runs through `execute`, shared with `$batch`.
 *
 * This file is the server: authentication, the request budget, routes and `execute`, which sends an
 * operation to the reads (./odataReads.ts) or the writes (./odataWrites.ts); what those share is
 * in ./odataService.ts.
 */
import type { ServerResponse } from 'node:http';

import { sendEmpty, Router, type SandboxRequest } from '../common/http';
import { startServiceServer, type RunningServer } from '../common/server';
import type { ServiceContext } from '../types';
import { executeBatch, writtenRecordCount } from './batch';
import type { EntraSandbox } from './entra';
import {
	injectedError,
	JSON_HEADERS,
	plainError,
	segmentNotFound,
	throttledResult,
	unknownPropertyError,
	type ODataResult,
} from './errors';
import type { EntityModel } from './metadata';
import { FULFILMENT_READ_ONLY_SETS } from './model';
import { findByKey, list, parseSegment } from './odataReads';
import { ETAG, isResult, present, type ODataService } from './odataService';
import { create, update } from './odataWrites';
import type { D365Store } from './store';
import type { D365Switches } from './switches';

export interface ODataOptions {
	ctx: ServiceContext;
	port?: number;
	model: EntityModel;
	store: D365Store;
	switches: D365Switches;
	entra: EntraSandbox;
}

export interface ODataOperation {
	method: string;
	/** Path below `/data/`, e.g. `CustomersV3(dataAreaId='usmf',CustomerAccount='C-1')`, still URL-encoded. */
	path: string;
	query: URLSearchParams;
	headers: Record<string, string>;
	body?: string;
}

export interface ODataServer {
	environmentUrl: string;
	server: RunningServer;
	execute(op: ODataOperation): ODataResult;
	/** Take `n` requests from the budget; a 429 result when it is spent. */
	takeBudget(n: number): ODataResult | undefined;
	routeName(method: string, path: string): string;
	resetCounters(): void;
	close(): Promise<void>;
}

export { parseKeySegment } from './odataReads';

export async function startODataServer(options: ODataOptions): Promise<ODataServer> {
	const { ctx, model, store, switches, entra } = options;
	let environmentUrl = '';
	let budget = { windowStart: Date.now(), used: 0 };

	const takeBudget = (n: number): ODataResult | undefined => {
		if (switches.requestBudget === null) return undefined;
		if (Date.now() - budget.windowStart >= switches.budgetWindowSeconds * 1000)
			budget = { windowStart: Date.now(), used: 0 };
		if (budget.used + n > switches.requestBudget) {
			// F&O's wording of the (user-based) request-count limit, sic "exeeded".
			return throttledResult(
				switches.retryAfterSeconds,
				`Number of requests exeeded the limit of ${switches.requestBudget} over the time window of ${switches.budgetWindowSeconds} seconds.`,
			);
		}
		budget.used += n;
		return undefined;
	};

	// What the reads and writes run in; the URL is read when they run, once the server listens.
	const svc: ODataService = { model, store, switches, environmentUrl: () => environmentUrl };

	const execute = (op: ODataOperation): ODataResult => {
		if (op.path === '' || op.path === '/') {
			return {
				status: 200,
				headers: { ...JSON_HEADERS },
				body: {
					'@odata.context': `${environmentUrl}/data/$metadata`,
					value: [...model.sets.keys()].map((name) => ({ name, kind: 'EntitySet', url: name })),
				},
			};
		}
		const seg = parseSegment(svc, op.path);
		if (isResult(seg)) return seg;
		const { def, key, rest } = seg;
		if (op.method !== 'GET' && FULFILMENT_READ_ONLY_SETS.includes(def.set))
			// Filled by posting in F&O, never by OData writes; the status and wording are [inferred].
			return plainError(405, `The entity set '${def.set}' is read-only.`);
		if (key === undefined) {
			if (rest === '$count' && op.method === 'GET') return list(svc, def, op, true);
			if (rest !== undefined) return segmentNotFound(rest.split('/')[0]);
			if (op.method === 'GET') return list(svc, def, op, false);
			if (op.method === 'POST') return create(svc, def, op);
			return plainError(
				405,
				`The HTTP verb ${op.method} is not supported on the entity set '${def.set}'.`,
			);
		}
		if (rest !== undefined) return segmentNotFound(rest.split('/')[0]);
		const found = findByKey(svc, def, key, op.query);
		if (isResult(found)) return found;
		switch (op.method) {
			case 'GET': {
				const selectText = op.query.get('$select');
				const select = selectText ? selectText.split(',').map((s) => s.trim()) : undefined;
				for (const name of select ?? [])
					if (!def.byName.has(name)) return unknownPropertyError(name, def.fullTypeName);
				return {
					status: 200,
					headers: { ...JSON_HEADERS, ETag: ETAG(found) },
					body: {
						'@odata.context': `${environmentUrl}/data/$metadata#${def.set}/$entity`,
						...present(svc, def, found, select),
					},
				};
			}
			case 'PATCH':
			case 'PUT': // a partial PUT also answers 204
			case 'MERGE':
				return update(svc, def, found, op);
			case 'DELETE':
				store.remove(def.set, found);
				return { status: 204, headers: { 'OData-Version': '4.0' } };
			default:
				return plainError(405, `The HTTP verb ${op.method} is not supported.`);
		}
	};

	const routeName = (method: string, path: string): string => {
		const m = /^([A-Za-z0-9_]+)(\()?[^/]*(?:\/(.*))?$/.exec(path);
		if (!m || !model.sets.has(m[1])) return 'odata.unknown';
		if (m[3] === '$count') return `odata.${m[1]}.count`;
		const keyed = Boolean(m[2]);
		const op =
			method === 'GET'
				? keyed
					? 'get'
					: 'list'
				: method === 'POST'
					? 'create'
					: method === 'DELETE'
						? 'delete'
						: 'update';
		return `odata.${m[1]}.${op}`;
	};

	const send = (res: ServerResponse, result: ODataResult) => {
		if (result.body === undefined) return sendEmpty(res, result.status, result.headers);
		const text = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
		res.writeHead(result.status, { ...result.headers, 'Content-Length': Buffer.byteLength(text) });
		res.end(text);
	};

	const toOperation = (req: SandboxRequest): ODataOperation => ({
		method: req.method,
		path: req.path.replace(/^\/data\/?/, ''),
		query: req.url.searchParams,
		headers: Object.fromEntries(
			Object.entries(req.headers).map(([k, v]) => [
				k,
				Array.isArray(v) ? v.join(', ') : String(v ?? ''),
			]),
		),
		body: req.rawBody.length ? req.rawBody.toString('utf8') : undefined,
	});

	/** F&O's pace: the request's records are written (and become visible) only after it. */
	const writeTime = async (op: ODataOperation) => {
		const ms = switches.lineLatencyMs * writtenRecordCount(op);
		if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
	};
	const router = new Router();
	const handle = async (req: SandboxRequest, res: ServerResponse) => {
		const op = toOperation(req);
		await writeTime(op);
		send(res, execute(op));
	};
	router.add('GET', '/data', 'odata.service', handle);
	router.add('POST', '/data/$batch', 'odata.batch', async (req, res) => {
		const op = toOperation(req);
		await writeTime(op);
		send(res, executeBatch(op, { server, store, switches, faults: ctx.faults, environmentUrl }));
	});
	for (const set of model.sets.keys()) {
		const keyed = `:key(${set}\\(.*\\))`;
		router.add('GET', `/data/${set}`, `odata.${set}.list`, handle);
		router.add('GET', `/data/${set}/$count`, `odata.${set}.count`, handle);
		router.add('POST', `/data/${set}`, `odata.${set}.create`, handle);
		router.add('GET', `/data/${keyed}`, `odata.${set}.get`, handle);
		router.add('PATCH', `/data/${keyed}`, `odata.${set}.update`, handle);
		router.add('PUT', `/data/${keyed}`, `odata.${set}.update`, handle);
		router.add('DELETE', `/data/${keyed}`, `odata.${set}.delete`, handle);
	}

	const registered = (appId: string) =>
		(switches.registeredClientIds ?? [...entra.apps.values()].map((a) => a.clientId)).some(
			(id) => id.toLowerCase() === appId.toLowerCase(),
		);

	const running = await startServiceServer({
		service: 'd365',
		host: ctx.host,
		port: options.port,
		router,
		log: ctx.log,
		faults: ctx.faults,
		gate: (req, res) => {
			const token = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
			// Wrong aud / tid / no oid / app not registered → 401 (F&O documents no body).
			if (!token || !entra.checkAccessToken(token, environmentUrl, registered).ok) {
				sendEmpty(res, 401, { 'WWW-Authenticate': 'Bearer' });
				return false;
			}
			const throttled = takeBudget(1);
			if (throttled) {
				send(res, throttled);
				return false;
			}
			return true;
		},
		notFound: (req, res) =>
			send(res, segmentNotFound(req.path.replace(/^\/data\/?/, '').split(/[/(]/)[0] || req.path)),
		errorResponse: (res, status) => send(res, injectedError(status)),
		throttleResponse: (res, action) => send(res, throttledResult(action.retryAfterSeconds)),
	});
	environmentUrl = running.baseUrl.toLowerCase();

	const server: ODataServer = {
		environmentUrl,
		server: running,
		execute,
		takeBudget,
		routeName,
		resetCounters: () => {
			budget = { windowStart: Date.now(), used: 0 };
		},
		close: () => running.close(),
	};
	return server;
}
