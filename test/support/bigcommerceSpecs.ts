/**
 * The BigCommerce OpenAPI specs in `../shared/specs/bigcommerce`, for the sandbox's contract tests:
 * a spec loaded once per file, an operation's response schema, validation of a response with
 * openapi-response-validator, and every property a schema declares that a value lacks. The specs
 * are never copied into the repository; tests that use this gate themselves with specs.ts.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { load } from 'js-yaml';
import OpenAPIResponseValidator from 'openapi-response-validator';

import { sharedPath } from './specs';

/** The BigCommerce specs: the `orders.v2.oas2.yml`, `orders.v3.yml`, … files and webhook-callbacks/. */
export const BIGCOMMERCE_SPECS = 'specs/bigcommerce';
export const SPEC_DIR = sharedPath(BIGCOMMERCE_SPECS);
/** The research note on BigCommerce's API, which quotes the Standard Webhooks test vector. */
export const BIGCOMMERCE_RESEARCH = 'research/bigcommerce-api.md';
export const RESEARCH_FILE = sharedPath(BIGCOMMERCE_RESEARCH);

type Json = Record<string, unknown>;
const specCache = new Map<string, Json>();
export function spec(file: string): Json {
	if (!specCache.has(file)) {
		specCache.set(file, oas30Bounds(load(readFileSync(path.join(SPEC_DIR, file), 'utf8'))) as Json);
	}
	return specCache.get(file) as Json;
}

/**
 * OpenAPI 3.0 writes `exclusiveMaximum: true` next to `maximum` (JSON Schema draft 4); the validator's
 * Ajv wants the draft-7 number form. Rewrite them in the in-memory copy, meaning unchanged.
 */
function oas30Bounds(node: unknown): unknown {
	if (Array.isArray(node)) node.forEach(oas30Bounds);
	else if (node && typeof node === 'object') {
		const n = node as Json;
		for (const [flag, bound] of [
			['exclusiveMaximum', 'maximum'],
			['exclusiveMinimum', 'minimum'],
		]) {
			if (typeof n[flag] !== 'boolean') continue;
			if (n[flag] && typeof n[bound] === 'number') {
				n[flag] = n[bound];
				delete n[bound];
			} else delete n[flag];
		}
		Object.values(n).forEach(oas30Bounds);
	}
	return node;
}

function resolve(doc: Json, node: unknown): Json {
	let n = node as Json;
	while (n && typeof n.$ref === 'string') {
		n = (n.$ref as string)
			.replace(/^#\//, '')
			.split('/')
			.reduce<Json>((o, k) => o[k] as Json, doc);
	}
	return n;
}

/** The 2xx JSON schema of one operation, for completeness checks. */
export function responseSchema(file: string, method: string, p: string, status = '200'): Json {
	const doc = spec(file);
	const op = (doc.paths as Json)[p] as Json;
	const response = resolve(doc, ((op[method] as Json).responses as Json)[status]);
	const content = response.content as Record<string, { schema: Json }>;
	return (content['application/json'] ?? Object.values(content)[0]).schema;
}

/** Validate a response with openapi-response-validator against the operation's declared responses. */
const validators = new Map<string, OpenAPIResponseValidator>();

export interface KnownDefect {
	/** Regex on the validator's error path (e.g. `^\\d+/consignments$`). */
	path: RegExp;
	message: string;
}

export function validateResponse(
	file: string,
	method: string,
	p: string,
	status: number,
	body: unknown,
	tolerate: KnownDefect[] = [],
): unknown[] | undefined {
	const doc = spec(file);
	const op = ((doc.paths as Json)[p] as Json)[method] as Json;
	if (!op) throw new Error(`no ${method} ${p} in ${file}`);
	const responses: Json = {};
	for (const [code, r] of Object.entries(op.responses as Json)) responses[code] = resolve(doc, r);
	if (!responses[String(status)]) return [`status ${status} is not declared for ${method} ${p}`];
	// 204 No Content: the status must be declared, and there is no body to validate.
	if (status === 204) return body === undefined ? undefined : ['a 204 answer has a body'];
	const key = `${file} ${method} ${p}`;
	let validator = validators.get(key);
	if (!validator) {
		validator = new OpenAPIResponseValidator({
			responses: responses as never,
			components: doc.components as never,
			customFormats: {
				'ISO-4217': () => true,
				float: () => true,
				double: () => true,
				int32: () => true,
			},
		});
		validators.set(key, validator);
	}
	const result = validator.validateResponse(String(status), body);
	if (!result) return undefined;
	const errors = (result.errors as { path?: string; message: string }[]).filter(
		(e) => !tolerate.some((t) => t.path.test(e.path ?? '') && e.message === t.message),
	);
	return errors.length ? errors : undefined;
}

/**
 * Every property the schema declares, recursively, that the value lacks (validation alone passes
 * sparse records). oneOf/anyOf branches are skipped; `except` lists dotted paths that may be absent.
 */
export function missingProperties(
	file: string,
	schema: Json,
	value: unknown,
	except: string[] = [],
	at = '',
): string[] {
	const doc = spec(file);
	const s = merge(doc, schema);
	const out: string[] = [];
	if (value === null || value === undefined) return out;
	if ((s.type === 'array' || s.items) && Array.isArray(value)) {
		for (const item of value)
			out.push(...missingProperties(file, s.items as Json, item, except, `${at}[]`));
		return [...new Set(out)];
	}
	if (typeof value !== 'object' || Array.isArray(value)) return out;
	for (const [key, sub] of Object.entries((s.properties as Json) ?? {})) {
		const p = at ? `${at}.${key}` : key;
		if (except.includes(p)) continue;
		// Pagination links: `previous`/`next` are absent on the first/last page ("loop until links.next is absent").
		if (/pagination\.links\.(previous|next)$/.test(p)) continue;
		if (!(key in (value as Json))) {
			out.push(p);
			continue;
		}
		const subSchema = merge(doc, sub as Json);
		if (subSchema.oneOf || subSchema.anyOf) continue;
		out.push(...missingProperties(file, subSchema, (value as Json)[key], except, p));
	}
	return out;
}

function merge(doc: Json, schema: Json): Json {
	const s = resolve(doc, schema);
	if (!s || !s.allOf) return s ?? {};
	const out: Json = { type: 'object', properties: {} };
	for (const part of s.allOf as Json[]) {
		const m = merge(doc, part);
		Object.assign(out.properties as Json, m.properties ?? {});
		if (m.items) out.items = m.items;
		if (m.type) out.type = m.type;
	}
	return out;
}
