/**
 * The F&O OData service under `/data/`: entity sets, key access, query
 * options, writes with F&O's error envelopes, default-company scoping, throttling, and `$batch`.
 * Route names for the fault injector: `odata.<EntitySet>.<get|list|count|create|update|delete>`,
 * `odata.batch`, `odata.service`. Every operation runs through `execute`, shared with `$batch`.
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
	unknownBodyPropertyError,
	unknownPropertyError,
	writeError,
	type ODataResult,
} from './errors';
import { evaluateFilter, FilterError, parseFilter } from './filter';
import { coerceValue, emptyRecord, type EntityDef, type EntityModel } from './metadata';
import { FULFILMENT_READ_ONLY_SETS } from './model';
import {
	applyDefaults,
	assignGeneratedKeys,
	duplicateKeyLine,
	ENTITY_INFO,
	validate,
	type RuleContext,
} from './rules';
import { applyPricing, withOrderTotals } from './pricing';
import { taxGroupProblems } from './tax';
import { D365Store, type StoredRecord } from './store';
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

const ETAG = (r: StoredRecord) =>
	`W/"${Buffer.from(`'1,${r.recId};${r.version}'`).toString('base64')}"`;

/** Parses `(k='v',n=5)` or `('v')`; values URL-decoded, `''` unescaped. */
export function parseKeySegment(
	inner: string,
	def: EntityDef,
): Record<string, unknown> | ODataResult {
	const parts: string[] = [];
	let cur = '';
	let inStr = false;
	for (let i = 0; i < inner.length; i++) {
		const c = inner[i];
		if (c === "'") {
			if (inStr && inner[i + 1] === "'") {
				cur += "''";
				i++;
				continue;
			}
			inStr = !inStr;
		}
		if (c === ',' && !inStr) {
			parts.push(cur);
			cur = '';
		} else cur += c;
	}
	if (cur) parts.push(cur);
	const values: Record<string, unknown> = {};
	const literal = (raw: string, name: string): unknown => {
		const s = raw.trim();
		const quoted = /^(?:[\w.]+)?'(.*)'$/s.exec(s);
		if (quoted) return quoted[1].replace(/''/g, "'");
		const prop = def.byName.get(name);
		return prop && prop.type !== 'Edm.String' ? Number(s.replace(/[lLmM]$/, '')) : s;
	};
	if (parts.length === 1 && !/^\s*\w+\s*=/.test(parts[0]) && def.keys.length === 1) {
		values[def.keys[0]] = literal(parts[0], def.keys[0]);
	} else {
		for (const part of parts) {
			const eq = part.indexOf('=');
			if (eq < 0) return plainError(400, `The key value '${part}' was not recognized.`);
			const name = part.slice(0, eq).trim();
			if (!def.keys.includes(name)) return unknownPropertyError(name, def.fullTypeName);
			values[name] = literal(part.slice(eq + 1), name);
		}
	}
	if (def.keys.some((k) => !(k in values))) {
		// F&O needs every key field for key access.
		return plainError(
			400,
			`The number of keys specified in the URI does not match number of key properties for the resource '${def.fullTypeName}'.`,
		);
	}
	if ('dataAreaId' in values) values.dataAreaId = String(values.dataAreaId).toLowerCase();
	return values;
}

const isResult = (v: unknown): v is ODataResult =>
	typeof v === 'object' && v !== null && 'status' in v && 'headers' in v;

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

	const collectionUrl = (def: EntityDef) => `${environmentUrl}/data/${def.set}`;
	const keyUrl = (def: EntityDef, data: Record<string, unknown>) =>
		`${collectionUrl(def)}(${def.keys.map((k) => `${k}=${typeof data[k] === 'string' ? `'${encodeURIComponent(String(data[k]).replace(/'/g, "''"))}'` : String(data[k])}`).join(',')})`;
	const present = (def: EntityDef, r: StoredRecord, select?: string[]) => {
		const out: Record<string, unknown> = { '@odata.etag': ETAG(r) };
		const data =
			def.set === 'SalesOrderHeadersV2' ? withOrderTotals(store, r.data, switches) : r.data;
		for (const p of select ?? def.properties.map((x) => x.name)) out[p] = data[p];
		return out;
	};

	const parseSegment = (
		path: string,
	): { def: EntityDef; key?: string; rest?: string } | ODataResult => {
		const m = /^([A-Za-z0-9_]+)(?:\((.*)\))?(?:\/(.*))?$/s.exec(path);
		if (!m) return segmentNotFound(path.split('/')[0]);
		const def = model.sets.get(m[1]);
		if (!def) return segmentNotFound(m[1]);
		return { def, key: m[2] === undefined ? undefined : decodeURIComponent(m[2]), rest: m[3] };
	};

	const crossCompany = (q: URLSearchParams) =>
		(q.get('cross-company') ?? '').toLowerCase() === 'true';
	const visible = (def: EntityDef, r: StoredRecord, q: URLSearchParams) =>
		!def.perCompany || crossCompany(q) || r.data.dataAreaId === switches.defaultCompany;

	const findByKey = (
		def: EntityDef,
		keyText: string,
		q: URLSearchParams,
	): StoredRecord | ODataResult => {
		const values = parseKeySegment(keyText, def);
		if (isResult(values)) return values;
		const record = store.find(def.set, values);
		// Keyed access outside the default company without cross-company=true: unverified → switch.
		if (!record || (!visible(def, record, q) && !switches.keyedAccessAcrossCompanies))
			return segmentNotFound(def.set);
		return record;
	};

	const list = (def: EntityDef, op: ODataOperation, countOnly: boolean): ODataResult => {
		const q = op.query;
		let rows = store.all(def.set).filter((r) => visible(def, r, q));
		const filterText = q.get('$filter');
		if (filterText) {
			try {
				const tree = parseFilter(filterText, def);
				rows = rows.filter((r) => evaluateFilter(tree, r.data, def));
			} catch (error) {
				if (error instanceof FilterError) return plainError(400, error.message);
				throw error;
			}
		}
		const orderby = q.get('$orderby');
		if (orderby) {
			const keys = orderby.split(',').map((s) => s.trim().split(/\s+/));
			for (const [name] of keys)
				if (!def.byName.has(name)) return unknownPropertyError(name, def.fullTypeName);
			rows = [...rows].sort((a, b) => {
				for (const [name, dir] of keys) {
					const x = a.data[name] as string | number;
					const y = b.data[name] as string | number;
					const c =
						typeof x === 'number'
							? x - Number(y)
							: String(x).toLowerCase().localeCompare(String(y).toLowerCase());
					if (c) return dir?.toLowerCase() === 'desc' ? -c : c;
				}
				return 0;
			});
		}
		if (countOnly)
			return {
				status: 200,
				headers: { 'Content-Type': 'text/plain', 'OData-Version': '4.0' },
				body: String(rows.length),
			};
		const selectText = q.get('$select');
		const select = selectText
			? selectText
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean)
			: undefined;
		for (const name of select ?? [])
			if (!def.byName.has(name)) return unknownPropertyError(name, def.fullTypeName);
		const skip = Number(q.get('$skip') ?? 0) || 0;
		const top = q.has('$top') ? Number(q.get('$top')) : undefined;
		const remaining = rows.slice(skip, top === undefined ? undefined : skip + top);
		const page = remaining.slice(0, switches.pageSize);
		const body: Record<string, unknown> = {
			'@odata.context': `${environmentUrl}/data/$metadata#${def.set}${select ? `(${select.join(',')})` : ''}`,
		};
		if ((q.get('$count') ?? '').toLowerCase() === 'true') body['@odata.count'] = rows.length;
		body.value = page.map((r) => present(def, r, select));
		if (remaining.length > page.length) {
			// Server-driven paging: the next link carries $skip (and the rest of $top).
			const next = new URLSearchParams(q);
			next.set('$skip', String(skip + page.length));
			if (top !== undefined) next.set('$top', String(top - page.length));
			body['@odata.nextLink'] =
				`${collectionUrl(def)}?${next.toString().replace(/%24/g, '$').replace(/%2C/gi, ',')}`;
		}
		return { status: 200, headers: { ...JSON_HEADERS }, body };
	};

	/** Coerces a body; unknown properties → 400 (ODataLib), wrong types → 400. */
	const readBody = (def: EntityDef, op: ODataOperation): Record<string, unknown> | ODataResult => {
		let parsed: unknown;
		try {
			parsed = op.body ? JSON.parse(op.body) : {};
		} catch {
			return plainError(400, 'The request body is not valid JSON.');
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
			return plainError(400, 'The request body must be a JSON object.');
		const out: Record<string, unknown> = {};
		for (const [name, value] of Object.entries(parsed)) {
			if (name.startsWith('@odata.')) continue;
			const prop = def.byName.get(name);
			if (!prop) return unknownBodyPropertyError(name, def.fullTypeName);
			const coerced = coerceValue(prop, value);
			if (coerced.error) return plainError(400, coerced.error);
			out[name] = coerced.value;
		}
		if ('dataAreaId' in out) out.dataAreaId = String(out.dataAreaId).toLowerCase();
		return out;
	};

	const writeFailure = (
		def: EntityDef,
		lines: Parameters<typeof writeError>[2],
		operation: 'create' | 'update' | 'delete',
	) => writeError(switches.writeErrorStatus, ENTITY_INFO[def.set].aot, lines, operation);

	const create = (def: EntityDef, op: ODataOperation): ODataResult => {
		const sent = readBody(def, op);
		if (isResult(sent)) return sent;
		const company = def.perCompany
			? String(sent.dataAreaId ?? switches.defaultCompany).toLowerCase()
			: '';
		if (def.perCompany && !store.find('LegalEntities', { LegalEntityId: company })) {
			return writeFailure(
				def,
				[{ level: 'Error', text: `Company '${company}' does not exist` }],
				'create',
			); // [inferred]
		}
		const data = { ...emptyRecord(def), ...sent };
		if (def.perCompany) data.dataAreaId = company;
		const rc: RuleContext = { store, switches, company, sent };
		const problems = assignGeneratedKeys(def.set, data, rc);
		if (problems) return writeFailure(def, problems, 'create');
		applyDefaults(def.set, data, rc);
		applyPricing(def.set, data, rc);
		const invalid = validate(def.set, data, rc) ?? taxGroupProblems(def.set, data, rc);
		if (invalid) return writeFailure(def, invalid, 'create');
		if (def.set === 'LegalEntities') data.LegalEntityId = String(data.LegalEntityId).toLowerCase(); // F&O answers company ids in lower case
		const record = store.insert(def.set, data);
		if (!record) return writeFailure(def, [duplicateKeyLine(def.set, data)], 'create');
		const url = keyUrl(def, data);
		return {
			status: 201,
			headers: { ...JSON_HEADERS, Location: url, 'OData-EntityId': url, ETag: ETAG(record) },
			body: {
				'@odata.context': `${environmentUrl}/data/$metadata#${def.set}/$entity`,
				...present(def, record),
			},
		};
	};

	const update = (def: EntityDef, record: StoredRecord, op: ODataOperation): ODataResult => {
		const sent = readBody(def, op);
		if (isResult(sent)) return sent;
		for (const key of def.keys) {
			if (
				key in sent &&
				D365Store.normaliseKeyValue(sent[key]) !== D365Store.normaliseKeyValue(record.data[key])
			) {
				return plainError(400, `The key property '${key}' cannot be changed.`); // [inferred]
			}
		}
		const data = { ...record.data, ...sent };
		const company = String(record.data.dataAreaId ?? '');
		const invalid = validate(def.set, data, { store, switches, company, sent });
		if (invalid) return writeFailure(def, invalid, 'update');
		record.data = data;
		record.version++;
		return { status: 204, headers: { 'OData-Version': '4.0' } };
	};

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
		const seg = parseSegment(op.path);
		if (isResult(seg)) return seg;
		const { def, key, rest } = seg;
		if (op.method !== 'GET' && FULFILMENT_READ_ONLY_SETS.includes(def.set))
			// Filled by posting in F&O, never by OData writes; the status and wording are [inferred].
			return plainError(405, `The entity set '${def.set}' is read-only.`);
		if (key === undefined) {
			if (rest === '$count' && op.method === 'GET') return list(def, op, true);
			if (rest !== undefined) return segmentNotFound(rest.split('/')[0]);
			if (op.method === 'GET') return list(def, op, false);
			if (op.method === 'POST') return create(def, op);
			return plainError(
				405,
				`The HTTP verb ${op.method} is not supported on the entity set '${def.set}'.`,
			);
		}
		if (rest !== undefined) return segmentNotFound(rest.split('/')[0]);
		const found = findByKey(def, key, op.query);
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
						...present(def, found, select),
					},
				};
			}
			case 'PATCH':
			case 'PUT': // a partial PUT also answers 204
			case 'MERGE':
				return update(def, found, op);
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
