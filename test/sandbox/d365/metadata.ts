/**
 * Entity definitions for the 15 entity sets the sandbox serves.
 *
 * Why loaded at run time: the 15 sets carry 1,328 properties (CustomersV3 alone 305,
 * ReleasedProductsV2 266). Hand-writing them would be a second, drifting copy of the catalogue, and
 * copying the catalogue into the repo is not allowed (../shared/specs/d365/SOURCE.md: keep it an
 * internal test reference). So the sandbox (test infrastructure, never shipped) reads the property
 * names, types, keys and enum members at start from `D365_SANDBOX_METADATA` (option `metadataPath`),
 * default `../shared/specs/d365/entities-derived.json` relative to the repo root. What is ours is
 * below: which sets are served, their entity type names, and F&O's empty default per EDM type
 * (d365-odata.md §2.3: `""` strings, `0` numbers, `1900-01-01T12:00:00Z` dates, empty GUID, enum
 * member names, with the enum's first member = value 0 as the default).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SERVED_ENTITY_SETS = [
	'CustomersV3',
	'CustomerGroups',
	'Currencies',
	'LegalEntities',
	'DimensionIntegrationFormats',
	'ReleasedProductsV2',
	'ReleasedProductVariantsV2',
	'SalesOrderHeadersV2',
	'SalesOrderLines',
	'CustomerPaymentJournalHeaders',
	'CustomerPaymentJournalLines',
	'ReturnOrderHeaders',
	'ReturnOrderLines',
	'FreeTextInvoiceHeaders',
	'FreeTextInvoiceLines',
] as const;

export type EntitySetName = (typeof SERVED_ENTITY_SETS)[number];

/** Entity type per set (d365-odata.md §3: the singular public name). */
export const ENTITY_TYPES: Record<EntitySetName, string> = {
	CustomersV3: 'CustomerV3',
	CustomerGroups: 'CustomerGroup',
	Currencies: 'Currency',
	LegalEntities: 'LegalEntity',
	DimensionIntegrationFormats: 'DimensionIntegrationFormat',
	ReleasedProductsV2: 'ReleasedProductV2',
	ReleasedProductVariantsV2: 'ReleasedProductVariantV2',
	SalesOrderHeadersV2: 'SalesOrderHeaderV2',
	SalesOrderLines: 'SalesOrderLine',
	CustomerPaymentJournalHeaders: 'CustomerPaymentJournalHeader',
	CustomerPaymentJournalLines: 'CustomerPaymentJournalLine',
	ReturnOrderHeaders: 'ReturnOrderHeader',
	ReturnOrderLines: 'ReturnOrderLine',
	FreeTextInvoiceHeaders: 'FreeTextInvoiceHeader',
	FreeTextInvoiceLines: 'FreeTextInvoiceLine',
};

export const ENUM_NAMESPACE = 'Microsoft.Dynamics.DataEntities.';
export const EMPTY_DATE = '1900-01-01T12:00:00Z';
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

export interface PropertyDef {
	name: string;
	/** EDM type (`Edm.String`) or enum type (`Microsoft.Dynamics.DataEntities.NoYes`). */
	type: string;
	nullable: boolean;
	key: boolean;
	/** Members when the type is an enum. */
	enumMembers?: string[];
}

export interface EntityDef {
	set: EntitySetName;
	typeName: string;
	fullTypeName: string;
	keys: string[];
	properties: PropertyDef[];
	byName: Map<string, PropertyDef>;
	navigationProperties: string[];
	/** Whether the set is per company (has dataAreaId). */
	perCompany: boolean;
}

export interface EntityModel {
	path: string;
	sets: Map<string, EntityDef>;
	enums: Record<string, string[]>;
	get(set: string): EntityDef;
}

interface Catalogue {
	entities: Record<
		string,
		{
			keys: string[];
			properties: Omit<PropertyDef, 'enumMembers'>[];
			navigationProperties?: string[];
		}
	>;
	enums: Record<string, string[]>;
}

export function defaultMetadataPath(): string {
	return (
		process.env.D365_SANDBOX_METADATA ??
		resolve(__dirname, '../../../../shared/specs/d365/entities-derived.json')
	);
}

export function loadEntityModel(path = defaultMetadataPath()): EntityModel {
	if (!existsSync(path)) {
		throw new Error(
			`D365 sandbox: entity catalogue not found at ${path} (set D365_SANDBOX_METADATA)`,
		);
	}
	const catalogue = JSON.parse(readFileSync(path, 'utf8')) as Catalogue;
	const sets = new Map<string, EntityDef>();
	for (const set of SERVED_ENTITY_SETS) {
		const raw = catalogue.entities[set];
		if (!raw) throw new Error(`D365 sandbox: ${path} has no entity set ${set}`);
		const properties = raw.properties.map((p) => {
			const def: PropertyDef = { name: p.name, type: p.type, nullable: p.nullable, key: p.key };
			if (p.type.startsWith(ENUM_NAMESPACE)) {
				const members = catalogue.enums[p.type.slice(ENUM_NAMESPACE.length)];
				if (!members?.length)
					throw new Error(`D365 sandbox: enum ${p.type} has no members in ${path}`);
				def.enumMembers = members;
			}
			return def;
		});
		sets.set(set, {
			set,
			typeName: ENTITY_TYPES[set],
			fullTypeName: `${ENUM_NAMESPACE}${ENTITY_TYPES[set]}`,
			keys: [...raw.keys],
			properties,
			byName: new Map(properties.map((p) => [p.name, p])),
			navigationProperties: raw.navigationProperties ?? [],
			perCompany: raw.keys.includes('dataAreaId'),
		});
	}
	return {
		path,
		sets,
		enums: catalogue.enums,
		get(set: string) {
			const def = sets.get(set);
			if (!def) throw new Error(`not a served entity set: ${set}`);
			return def;
		},
	};
}

/** F&O's "empty" value for a property (d365-odata.md §2.3). */
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
