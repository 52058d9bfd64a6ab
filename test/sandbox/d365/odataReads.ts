/**
 * The OData service's reads: a path's entity set and key (`(k='v',n=5)` or `('v')`), the record a
 * key names, and lists with their query options and server-driven paging, all scoped to the
 * default company unless the query is cross-company. The server (./odata.ts) and `$batch` reach
 * them through its `execute`.
 */
import {
	plainError,
	segmentNotFound,
	unknownPropertyError,
	JSON_HEADERS,
	type ODataResult,
} from './errors';
import { evaluateFilter, FilterError, parseFilter } from './filter';
import type { EntityDef } from './metadata';
import type { ODataOperation } from './odata';
import { collectionUrl, isResult, present, type ODataService } from './odataService';
import type { StoredRecord } from './store';

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

/** The entity set a path names, with its key segment and what follows, or the 404 for it. */
export const parseSegment = (
	svc: ODataService,
	path: string,
): { def: EntityDef; key?: string; rest?: string } | ODataResult => {
	const m = /^([A-Za-z0-9_]+)(?:\((.*)\))?(?:\/(.*))?$/s.exec(path);
	if (!m) return segmentNotFound(path.split('/')[0]);
	const def = svc.model.sets.get(m[1]);
	if (!def) return segmentNotFound(m[1]);
	return { def, key: m[2] === undefined ? undefined : decodeURIComponent(m[2]), rest: m[3] };
};

const crossCompany = (q: URLSearchParams) =>
	(q.get('cross-company') ?? '').toLowerCase() === 'true';
/** Whether a record is in the default company, or the query is cross-company (or the set is global). */
const visible = (svc: ODataService, def: EntityDef, r: StoredRecord, q: URLSearchParams) =>
	!def.perCompany || crossCompany(q) || r.data.dataAreaId === svc.switches.defaultCompany;

/** The record a key segment names, or the 404 for it (as F&O answers outside the company). */
export const findByKey = (
	svc: ODataService,
	def: EntityDef,
	keyText: string,
	q: URLSearchParams,
): StoredRecord | ODataResult => {
	const { store, switches } = svc;
	const values = parseKeySegment(keyText, def);
	if (isResult(values)) return values;
	const record = store.find(def.set, values);
	// Keyed access outside the default company without cross-company=true: unverified → switch.
	if (!record || (!visible(svc, def, record, q) && !switches.keyedAccessAcrossCompanies))
		return segmentNotFound(def.set);
	return record;
};

/** A list or count of a set: $filter, $orderby, $select, $skip, $top, $count, server-driven paging. */
export const list = (
	svc: ODataService,
	def: EntityDef,
	op: ODataOperation,
	countOnly: boolean,
): ODataResult => {
	const { store, switches } = svc;
	const q = op.query;
	let rows = store.all(def.set).filter((r) => visible(svc, def, r, q));
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
		'@odata.context': `${svc.environmentUrl()}/data/$metadata#${def.set}${select ? `(${select.join(',')})` : ''}`,
	};
	if ((q.get('$count') ?? '').toLowerCase() === 'true') body['@odata.count'] = rows.length;
	body.value = page.map((r) => present(svc, def, r, select));
	if (remaining.length > page.length) {
		// Server-driven paging: the next link carries $skip (and the rest of $top).
		const next = new URLSearchParams(q);
		next.set('$skip', String(skip + page.length));
		if (top !== undefined) next.set('$top', String(top - page.length));
		body['@odata.nextLink'] =
			`${collectionUrl(svc, def)}?${next.toString().replace(/%24/g, '$').replace(/%2C/gi, ',')}`;
	}
	return { status: 200, headers: { ...JSON_HEADERS }, body };
};
