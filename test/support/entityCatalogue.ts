/**
 * F&O's entity catalogue (`../shared/specs/d365/entities-derived.json`: every entity set's keys and
 * typed properties, and the enums), which tests hold the node's written records to. The catalogue
 * is reference material beside the repository, never copied into it, so every test that calls
 * these helpers gates itself with `itWithShared(ENTITY_CATALOGUE)` / `describeWithShared(...)`
 * from specs.ts: skipped with the reason in a clone without it, a failure under CI.
 */
import { readFileSync } from 'node:fs';

import { sharedPath } from './specs';

/** The catalogue, relative to `../shared` (the argument for itWithShared/describeWithShared). */
export const ENTITY_CATALOGUE = 'specs/d365/entities-derived.json';

interface EntityProperty {
	name: string;
	type: string;
	nullable: boolean;
	key: boolean;
}
export interface EntityCatalogue {
	entities: Record<string, { keys: string[]; properties: EntityProperty[] }>;
	enums: Record<string, string[]>;
}

let catalogue: EntityCatalogue | undefined;
/** The catalogue, read once per test file. */
export function entities(): EntityCatalogue {
	catalogue ??= JSON.parse(readFileSync(sharedPath(ENTITY_CATALOGUE), 'utf8')) as EntityCatalogue;
	return catalogue;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ENUM_PREFIX = 'Microsoft.Dynamics.DataEntities.';

/** Problems with `payload` against the entity set's real properties; [] when it conforms. */
export function entityProblems(payload: Record<string, unknown>, entitySet: string): string[] {
	const cat = entities();
	const entity = cat.entities[entitySet];
	if (!entity) return [`no entity set ${entitySet}`];
	const props = new Map(entity.properties.map((p) => [p.name, p]));
	const problems: string[] = [];
	for (const [name, value] of Object.entries(payload)) {
		const p = props.get(name);
		if (!p) {
			problems.push(`${entitySet}.${name} does not exist`);
			continue;
		}
		if (value === undefined) {
			problems.push(`${entitySet}.${name} is undefined (should be omitted)`);
			continue;
		}
		if (value === null) {
			if (!p.nullable) problems.push(`${entitySet}.${name} is null but not nullable`);
			continue;
		}
		const t = p.type;
		const bad = (expected: string) =>
			problems.push(`${entitySet}.${name}: ${t} needs ${expected}, got ${JSON.stringify(value)}`);
		if (t === 'Edm.String' || t === 'Edm.Guid') {
			if (typeof value !== 'string') bad('string');
		} else if (t === 'Edm.Decimal' || t === 'Edm.Double' || t === 'Edm.Single') {
			if (typeof value !== 'number' || !Number.isFinite(value)) bad('finite number');
		} else if (t === 'Edm.Int32' || t === 'Edm.Int64' || t === 'Edm.Int16' || t === 'Edm.Byte') {
			if (typeof value !== 'number' || !Number.isInteger(value)) bad('integer');
		} else if (t === 'Edm.DateTimeOffset') {
			if (typeof value !== 'string' || !ISO_DATETIME.test(value)) bad('ISO date-time string');
		} else if (t === 'Edm.Boolean') {
			if (typeof value !== 'boolean') bad('boolean');
		} else if (t.startsWith(ENUM_PREFIX)) {
			const members = cat.enums[t.slice(ENUM_PREFIX.length)];
			if (!members) problems.push(`${entitySet}.${name}: unknown enum ${t}`);
			else if (typeof value !== 'string' || !members.includes(value))
				bad(`one of ${members.join('|')}`);
		} else {
			problems.push(`${entitySet}.${name}: unhandled type ${t}`);
		}
	}
	return problems;
}

/** Asserts that `payload` conforms to the entity set (see entityProblems). */
export function expectConforms(payload: object, entitySet: string): void {
	expect(entityProblems(payload as Record<string, unknown>, entitySet)).toEqual([]);
}

/** `Set.Property` for every written property the real entity does not have. */
export function unknownProperties(
	writes: Array<{ entitySet: string; body: Record<string, unknown> }>,
): string[] {
	const problems: string[] = [];
	for (const write of writes) {
		const entity = entities().entities[write.entitySet];
		if (!entity) {
			problems.push(`${write.entitySet} (no such entity set)`);
			continue;
		}
		const names = new Set(entity.properties.map((p) => p.name));
		for (const name of Object.keys(write.body))
			if (!names.has(name)) problems.push(`${write.entitySet}.${name}`);
	}
	return problems;
}
