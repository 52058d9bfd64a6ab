/**
 * Seeded company setup (model/companySetup.ts) of every sandbox company: sites and warehouses in
 * the shape of F&O's demo data (site 1 with warehouses 11 and 13, site 2 with 21), and journal
 * names: two of type Customer payment (ARPay, the demo data's customer payment journal, and
 * CustPay) that payment journal headers may name, and a daily journal (GenJrn) that the editor's
 * payment journal list must leave out.
 */
import type { D365Store } from './store';

export const SEED_SITES = [
	['1', 'Site 1'],
	['2', 'Site 2'],
] as const;

/** Warehouse, name, site. */
export const SEED_WAREHOUSES = [
	['11', 'Main warehouse', '1'],
	['13', 'Returns warehouse', '1'],
	['21', 'Regional warehouse', '2'],
] as const;

/** Name, description, type (LedgerJournalType). */
export const SEED_JOURNAL_NAMES = [
	['ARPay', 'Customer payments', 'CustPayment'],
	['CustPay', 'Web shop payments', 'CustPayment'],
	['GenJrn', 'General journal', 'Daily'],
] as const;

export function seedCompanySetup(store: D365Store, company: string): void {
	for (const [SiteId, SiteName] of SEED_SITES)
		store.seed('OperationalSites', { dataAreaId: company, SiteId, SiteName });
	for (const [WarehouseId, WarehouseName, OperationalSiteId] of SEED_WAREHOUSES)
		store.seed('Warehouses', {
			dataAreaId: company,
			WarehouseId,
			WarehouseName,
			OperationalSiteId,
		});
	for (const [Name, Description, Type] of SEED_JOURNAL_NAMES)
		store.seed('JournalNames', { dataAreaId: company, Name, Description, Type });
}
