/**
 * The search lists of the F&O node's resource locators: customers, released products, sites,
 * warehouses and customer payment journal names of the node's legal entity (its Legal Entity, else
 * the credential's default), read through the OData layer. What the person types narrows the list
 * in F&O itself, with F&O's "contains" (a `*` wildcard inside `eq`), over the id and the name, so
 * a company with thousands of customers or items is searched, not downloaded.
 *
 * A locator keeps whatever value was saved, listed or not: n8n does not flag a locator value that
 * is missing from its list, so these lists need no "not found" entries (unlike lookupLists.ts).
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fixedLocatorValue } from '../../common/resourceLocator';
import { eqFilter, odataString, queryEntities } from '../odata';
import { listCompany } from './lookupLists';

/** Entries one list shows; typing narrows it further. */
export const SEARCH_LIST_SIZE = 100;

/** The enum literal of customer payment journals (LedgerJournalType 'CustPayment'). */
const CUSTOMER_PAYMENT_JOURNAL = "Microsoft.Dynamics.DataEntities.LedgerJournalType'CustPayment'";

interface ListSpec {
	entitySet: string;
	/** The key the locator stores. */
	id: string;
	/** Properties the typed text is looked for in (besides the id). */
	searchIn: string[];
	select: string[];
	/** What the entry says beside its id. */
	label: (record: IDataObject) => string;
	/** More conditions of this list, joined with `and`. */
	extraFilter?: string;
}

/** `(A eq '*x*' or B eq '*x*')`: F&O's contains, on every searched property. */
function containsAny(properties: string[], text: string): string {
	const literal = odataString(`*${text}*`);
	return `(${properties.map((p) => `${p} eq ${literal}`).join(' or ')})`;
}

async function searchList(
	fn: ILoadOptionsFunctions,
	spec: ListSpec,
	filterText?: string,
): Promise<INodeListSearchResult> {
	const company = await listCompany(fn);
	const conditions = [eqFilter({ dataAreaId: company })];
	if (spec.extraFilter) conditions.push(spec.extraFilter);
	const text = (filterText ?? '').trim();
	if (text) conditions.push(containsAny([spec.id, ...spec.searchIn], text));
	const records = await queryEntities(fn, spec.entitySet, {
		filter: conditions.join(' and '),
		select: [spec.id, ...spec.select],
		orderby: spec.id,
		limit: SEARCH_LIST_SIZE,
	});
	return {
		results: records.map((record) => {
			const id = String(record[spec.id]);
			const label = spec.label(record).trim();
			return { name: label && label !== id ? `${id}: ${label}` : id, value: id };
		}),
	};
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** Customers (CustomersV3): account, then the organisation's or person's name. */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchList(
		this,
		{
			entitySet: 'CustomersV3',
			id: 'CustomerAccount',
			searchIn: ['OrganizationName', 'PersonLastName', 'PrimaryContactEmail'],
			select: ['OrganizationName', 'PersonFirstName', 'PersonLastName'],
			label: (c) =>
				text(c.OrganizationName) || `${text(c.PersonFirstName)} ${text(c.PersonLastName)}`,
		},
		filter,
	);
}

/** Released products (ReleasedProductsV2): item number and search name. */
export async function searchReleasedProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchList(
		this,
		{
			entitySet: 'ReleasedProductsV2',
			id: 'ItemNumber',
			searchIn: ['SearchName', 'ProductSearchName'],
			select: ['SearchName', 'ProductSearchName'],
			label: (p) => text(p.ProductSearchName) || text(p.SearchName),
		},
		filter,
	);
}

/** Sites (OperationalSites). */
export async function searchSites(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchList(
		this,
		{
			entitySet: 'OperationalSites',
			id: 'SiteId',
			searchIn: ['SiteName'],
			select: ['SiteName'],
			label: (s) => text(s.SiteName),
		},
		filter,
	);
}

/**
 * Warehouses (Warehouses), of the node's Site when one is set (a warehouse must belong to the
 * order's site): each names its site.
 */
export async function searchWarehouses(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const site = fixedLocatorValue(this.getCurrentNodeParameter('options.siteId'));
	return await searchList(
		this,
		{
			entitySet: 'Warehouses',
			id: 'WarehouseId',
			searchIn: ['WarehouseName'],
			select: ['WarehouseName', 'OperationalSiteId'],
			label: (w) =>
				`${text(w.WarehouseName)}${w.OperationalSiteId ? ` (site ${text(w.OperationalSiteId)})` : ''}`,
			extraFilter: site ? eqFilter({ OperationalSiteId: site }) : undefined,
		},
		filter,
	);
}

/** Journal names (JournalNames) of type Customer payment. */
export async function searchPaymentJournalNames(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchList(
		this,
		{
			entitySet: 'JournalNames',
			id: 'Name',
			searchIn: ['Description'],
			select: ['Description'],
			label: (j) => text(j.Description),
			extraFilter: `Type eq ${CUSTOMER_PAYMENT_JOURNAL}`,
		},
		filter,
	);
}

export const listSearch = {
	searchCustomers,
	searchReleasedProducts,
	searchSites,
	searchWarehouses,
	searchPaymentJournalNames,
};
