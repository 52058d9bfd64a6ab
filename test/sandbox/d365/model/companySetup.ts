/**
 * Company setup the editor's lists read: operational sites, warehouses and journal names. The
 * reference copy of F&O's entity metadata (../shared/specs/d365/entities-derived.json) lacks these
 * three sets, so their facts (set names, keys in key order, property names and EDM types, the
 * LedgerJournalType members) come from the same source that file was derived from: the SAP Cloud
 * SDK client generated from a real F&O $metadata in github.com/ntrtd/d365-agent, commit
 * dff525827747550fd45ee2fc3bf96c2498ecc6bb, packages/client/src/{OperationalSites,Warehouses,
 * JournalNames}.ts (`_keys`) and their *Api.ts (field builders), LedgerJournalType.ts. Entity type
 * names are the sets' singular public names, as the reference copy names them (an inference).
 * model.contract.test.ts names them as the sets it cannot hold to the reference copy, and checks
 * them the moment that copy has them.
 */
import type { EntityTable } from './table';

export const OPERATIONAL_SITES: EntityTable = {
	set: 'OperationalSites',
	type: 'OperationalSite',
	keys: ['dataAreaId', 'SiteId'],
	properties: {
		dataAreaId: 'String',
		SiteId: 'String',
		SiteName: 'String',
	},
};

export const WAREHOUSES: EntityTable = {
	set: 'Warehouses',
	type: 'Warehouse',
	keys: ['dataAreaId', 'WarehouseId'],
	properties: {
		dataAreaId: 'String',
		WarehouseId: 'String',
		OperationalSiteId: 'String',
		WarehouseName: 'String',
	},
};

export const JOURNAL_NAMES: EntityTable = {
	set: 'JournalNames',
	type: 'JournalName',
	keys: ['dataAreaId', 'Name'],
	properties: {
		dataAreaId: 'String',
		Name: 'String',
		Description: 'String',
		Type: 'LedgerJournalType',
	},
};

/** The sets above and the enum only they use: absent from the reference copy of the metadata. */
export const OUTSIDE_REFERENCE_COPY = {
	sets: [OPERATIONAL_SITES, WAREHOUSES, JOURNAL_NAMES].map((t) => t.set),
	enums: ['LedgerJournalType'],
};
