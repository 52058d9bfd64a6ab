/**
 * The OData service's writes: a body read as ODataLib reads it (unknown properties and wrong types
 * refused), creates through F&O's write rules (./rules.ts, ./pricing.ts, ./tax.ts) and updates,
 * each refusal in F&O's AxODataWriteException envelope. The server (./odata.ts) and `$batch` reach
 * them through its `execute`.
 */
import {
	plainError,
	unknownBodyPropertyError,
	writeError,
	JSON_HEADERS,
	type ODataResult,
} from './errors';
import { coerceValue, emptyRecord, type EntityDef } from './metadata';
import type { ODataOperation } from './odata';
import { ETAG, isResult, keyUrl, present, type ODataService } from './odataService';
import { applyPricing } from './pricing';
import {
	applyDefaults,
	assignGeneratedKeys,
	duplicateKeyLine,
	ENTITY_INFO,
	validate,
	type RuleContext,
} from './rules';
import { D365Store, type StoredRecord } from './store';
import { taxGroupProblems } from './tax';

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

/** A refused write in F&O's AxODataWriteException envelope, with the status the switches set. */
const writeFailure = (
	svc: ODataService,
	def: EntityDef,
	lines: Parameters<typeof writeError>[2],
	operation: 'create' | 'update' | 'delete',
) => writeError(svc.switches.writeErrorStatus, ENTITY_INFO[def.set].aot, lines, operation);

/** A create: company check, generated keys, defaults, pricing, validations, then the insert. */
export const create = (svc: ODataService, def: EntityDef, op: ODataOperation): ODataResult => {
	const { store, switches } = svc;
	const sent = readBody(def, op);
	if (isResult(sent)) return sent;
	const company = def.perCompany
		? String(sent.dataAreaId ?? switches.defaultCompany).toLowerCase()
		: '';
	if (def.perCompany && !store.find('LegalEntities', { LegalEntityId: company })) {
		return writeFailure(
			svc,
			def,
			[{ level: 'Error', text: `Company '${company}' does not exist` }],
			'create',
		); // [inferred]
	}
	const data = { ...emptyRecord(def), ...sent };
	if (def.perCompany) data.dataAreaId = company;
	const rc: RuleContext = { store, switches, company, sent };
	const problems = assignGeneratedKeys(def.set, data, rc);
	if (problems) return writeFailure(svc, def, problems, 'create');
	applyDefaults(def.set, data, rc);
	applyPricing(def.set, data, rc);
	const invalid = validate(def.set, data, rc) ?? taxGroupProblems(def.set, data, rc);
	if (invalid) return writeFailure(svc, def, invalid, 'create');
	if (def.set === 'LegalEntities') data.LegalEntityId = String(data.LegalEntityId).toLowerCase(); // F&O answers company ids in lower case
	const record = store.insert(def.set, data);
	if (!record) return writeFailure(svc, def, [duplicateKeyLine(def.set, data)], 'create');
	const url = keyUrl(svc, def, data);
	return {
		status: 201,
		headers: { ...JSON_HEADERS, Location: url, 'OData-EntityId': url, ETag: ETAG(record) },
		body: {
			'@odata.context': `${svc.environmentUrl()}/data/$metadata#${def.set}/$entity`,
			...present(svc, def, record),
		},
	};
};

/** An update (PATCH, PUT or MERGE): keys may not change; the merged record is validated. */
export const update = (
	svc: ODataService,
	def: EntityDef,
	record: StoredRecord,
	op: ODataOperation,
): ODataResult => {
	const { store, switches } = svc;
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
	if (invalid) return writeFailure(svc, def, invalid, 'update');
	record.data = data;
	record.version++;
	return { status: 204, headers: { 'OData-Version': '4.0' } };
};
