/**
 * The shape of one entity table in the sandbox's own model of F&O: the entity set, its entity type,
 * its key properties in F&O's order, and each property the sandbox serves with its type. A type is
 * an EDM primitive (`String` is `Edm.String`) or the name of one of the enums in enums.ts
 * (`NoYes` is `Microsoft.Dynamics.DataEntities.NoYes`).
 */
import type { F_AND_O_ENUMS } from './enums';

export type EdmPrimitive =
	'String' | 'Decimal' | 'Double' | 'Int32' | 'Int64' | 'DateTimeOffset' | 'Guid';

export type EnumName = keyof typeof F_AND_O_ENUMS;

export type PropertyType = EdmPrimitive | EnumName;

export interface EntityTable {
	/** The entity set, the URL segment under `/data/`, e.g. `SalesOrderHeadersV2`. */
	set: string;
	/** The entity type, the set's singular public name, e.g. `SalesOrderHeaderV2`. */
	type: string;
	/** Key properties in F&O's order; `dataAreaId` first on every per-company entity. */
	keys: readonly string[];
	/** Keys first, then the other served properties, each with its type. */
	properties: Readonly<Record<string, PropertyType>>;
}
