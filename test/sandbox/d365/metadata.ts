/**
 * The entity model the OData server works from, built from the sandbox's own tables in model/:
 * per served set its keys, its properties with their full OData type names, the members of each
 * enum-typed property, and whether it is per company. Also F&O's empty value per type: F&O never
 * answers a property as absent or null but as its empty value, `""` for strings, `0` for numbers,
 * `1900-01-01T12:00:00Z` for dates, the empty GUID, and the enum's first member (value 0).
 */
import { ENTITY_TABLES, F_AND_O_ENUMS, F_AND_O_NAMESPACE, type EntityTable } from './model';

export const SERVED_ENTITY_SETS: readonly string[] = ENTITY_TABLES.map((table) => table.set);

export const EMPTY_DATE = '1900-01-01T12:00:00Z';
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

export interface PropertyDef {
	name: string;
	/** EDM type (`Edm.String`) or enum type (`Microsoft.Dynamics.DataEntities.NoYes`). */
	type: string;
	key: boolean;
	/** Members when the type is an enum. */
	enumMembers?: readonly string[];
}

export interface EntityDef {
	set: string;
	typeName: string;
	fullTypeName: string;
	keys: string[];
	properties: PropertyDef[];
	byName: Map<string, PropertyDef>;
	/** Whether the set is per company (has dataAreaId). */
	perCompany: boolean;
}

export interface EntityModel {
	sets: Map<string, EntityDef>;
	get(set: string): EntityDef;
}

function entityDef(table: EntityTable): EntityDef {
	const properties = Object.entries(table.properties).map(([name, type]): PropertyDef => {
		const key = table.keys.includes(name);
		if (type in F_AND_O_ENUMS) {
			const members = F_AND_O_ENUMS[type as keyof typeof F_AND_O_ENUMS];
			return { name, type: `${F_AND_O_NAMESPACE}${type}`, key, enumMembers: members };
		}
		return { name, type: `Edm.${type}`, key };
	});
	return {
		set: table.set,
		typeName: table.type,
		fullTypeName: `${F_AND_O_NAMESPACE}${table.type}`,
		keys: [...table.keys],
		properties,
		byName: new Map(properties.map((p) => [p.name, p])),
		perCompany: table.keys.includes('dataAreaId'),
	};
}

export function entityModel(): EntityModel {
	const sets = new Map(ENTITY_TABLES.map((table) => [table.set, entityDef(table)]));
	return {
		sets,
		get(set: string) {
			const def = sets.get(set);
			if (!def) throw new Error(`not a served entity set: ${set}`);
			return def;
		},
	};
}

/** F&O's "empty" value for a property: what F&O answers for a property nobody set. */
export function emptyValue(prop: PropertyDef): unknown {
	if (prop.enumMembers) return prop.enumMembers[0];
	switch (prop.type) {
		case 'Edm.String':
			return '';
		case 'Edm.Decimal':
		case 'Edm.Double':
		case 'Edm.Int32':
		case 'Edm.Int64':
			return 0;
		case 'Edm.DateTimeOffset':
			return EMPTY_DATE;
		case 'Edm.Guid':
			return EMPTY_GUID;
		default:
			return '';
	}
}

export function emptyRecord(def: EntityDef): Record<string, unknown> {
	const record: Record<string, unknown> = {};
	for (const prop of def.properties) record[prop.name] = emptyValue(prop);
	return record;
}

/** Coerces a JSON value to the property's type; returns an error text when it cannot. */
export function coerceValue(
	prop: PropertyDef,
	value: unknown,
): { value?: unknown; error?: string } {
	if (value === null) return { value: emptyValue(prop) };
	if (prop.enumMembers) {
		const member =
			typeof value === 'string'
				? prop.enumMembers.find((m) => m.toLowerCase() === value.toLowerCase())
				: undefined;
		if (member === undefined) {
			return {
				error: `The value '${String(value)}' is not a valid enum member of type '${prop.type}'.`,
			};
		}
		return { value: member };
	}
	switch (prop.type) {
		case 'Edm.String':
			return typeof value === 'string'
				? { value }
				: {
						error: `Cannot convert the literal '${String(value)}' to the expected type 'Edm.String'.`,
					};
		case 'Edm.Decimal':
		case 'Edm.Double':
		case 'Edm.Int32':
		case 'Edm.Int64': {
			const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
			if (
				typeof n !== 'number' ||
				!Number.isFinite(n) ||
				(prop.type !== 'Edm.Decimal' && prop.type !== 'Edm.Double' && !Number.isInteger(n))
			) {
				return {
					error: `Cannot convert the literal '${String(value)}' to the expected type '${prop.type}'.`,
				};
			}
			return { value: n };
		}
		case 'Edm.DateTimeOffset': {
			const t = typeof value === 'string' ? Date.parse(value) : NaN;
			if (Number.isNaN(t))
				return {
					error: `Cannot convert the literal '${String(value)}' to the expected type 'Edm.DateTimeOffset'.`,
				};
			return { value: new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z') };
		}
		case 'Edm.Guid':
			return typeof value === 'string' && /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(value)
				? { value: value.toLowerCase() }
				: {
						error: `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Guid'.`,
					};
		default:
			return { value };
	}
}
