/**
 * Do the masters line up? Pure verdicts, one item per record a workflow can act on:
 *
 * - a store SKU (product or variant) against F&O's released products and variants, as the sales
 *   order resolves it (skuResolution.ts): `resolved` (an item number or a product variant number),
 *   `resolved_by_override` (the node's SKU Mapping names it and F&O has no other reading),
 *   `unresolved` (an order line with it would fail), `ambiguous` (two store products carry the SKU,
 *   or the override names another item than the one F&O resolves the SKU to by itself);
 * - a store customer against CustomersV3 by primary email, as the customer operations find it:
 *   `matched`, `missing_in_fo`, `differs` (the fields an update from the store would change,
 *   computed by the customer mapping and the upsert's own comparison), `duplicated_in_fo` (several
 *   customers share the email; orders go to the oldest account), `invalid_in_store` (the customer
 *   mapping refuses the store record, e.g. no name: the customer operations would fail on it).
 */
import type { IDataObject } from 'n8n-workflow';

import { mapCustomerUpdate } from '../mapping/customer';
import type { BcCustomer } from '../mapping/types';
import { changedFields } from '../posting/customer';
import type { ResolvedItem, SkuMappingTable } from '../skuResolution';

export interface CatalogSku {
	sku: string;
	kind: 'product' | 'variant';
	productId: number;
	variantId?: number;
	name?: string;
}

export type SkuStatus = 'resolved' | 'resolved_by_override' | 'unresolved' | 'ambiguous';

export interface SkuAlignment extends IDataObject {
	type: 'sku';
	status: SkuStatus;
	sku: string;
	bigCommerce: Array<{
		kind: string;
		productId: number;
		variantId: number | null;
		name: string | null;
	}>;
	fo: IDataObject | null;
	override: IDataObject | null;
	note: string;
}

const itemText = (item: Omit<ResolvedItem, 'source'>) =>
	[
		item.ItemNumber,
		item.ProductConfigurationId,
		item.ProductSizeId,
		item.ProductColorId,
		item.ProductStyleId,
	]
		.filter(Boolean)
		.join(' / ');
const sameItem = (a: Omit<ResolvedItem, 'source'>, b: Omit<ResolvedItem, 'source'>) =>
	itemText(a).toLowerCase() === itemText(b).toLowerCase();

/** One store SKU (all the catalog entries carrying it) against F&O's reading and the override table. */
export function alignSku(
	entries: CatalogSku[],
	found: ResolvedItem | undefined,
	table: SkuMappingTable,
): SkuAlignment {
	const sku = entries[0].sku;
	const override = table[sku];
	const products = new Set(entries.map((e) => e.productId));
	const base = {
		type: 'sku' as const,
		sku,
		bigCommerce: entries.map((e) => ({
			kind: e.kind,
			productId: e.productId,
			variantId: e.variantId ?? null,
			name: e.name ?? null,
		})),
		fo: found ? ({ ...found } as IDataObject) : null,
		override: override ? ({ ...override } as IDataObject) : null,
	};
	if (products.size > 1)
		return {
			...base,
			status: 'ambiguous',
			note: `${products.size} store products carry SKU ${sku}: an order line cannot tell them apart`,
		};
	if (override && found && !sameItem(override, found))
		return {
			...base,
			status: 'ambiguous',
			note: `The SKU Mapping sends ${sku} to ${itemText(override)}, but F&O itself reads it as ${itemText(found)} (${found.source})`,
		};
	if (override)
		return { ...base, status: 'resolved_by_override', note: `SKU Mapping: ${itemText(override)}` };
	if (found)
		return {
			...base,
			status: 'resolved',
			note: `${found.source === 'variant' ? 'Product variant' : 'Released product'} ${itemText(found)}`,
		};
	return {
		...base,
		status: 'unresolved',
		note: `${sku} is neither an item number nor a product variant number in F&O, and the SKU Mapping does not name it`,
	};
}

export type CustomerStatus =
	'matched' | 'missing_in_fo' | 'differs' | 'duplicated_in_fo' | 'invalid_in_store';

export interface CustomerAlignment extends IDataObject {
	type: 'customer';
	status: CustomerStatus;
	customerId: number;
	email: string;
	customerAccounts: string[];
	differences: Array<{ field: string; bigCommerce: unknown; fo: unknown }>;
	note: string;
}

const accountOf = (r: IDataObject) => String(r.CustomerAccount ?? '');

/** One store customer against the CustomersV3 records with its email (oldest account first). */
export function alignCustomer(customer: BcCustomer, records: IDataObject[]): CustomerAlignment {
	const email = String(customer.email ?? '').trim();
	const sorted = [...records].sort((a, b) => accountOf(a).localeCompare(accountOf(b)));
	const base = {
		type: 'customer' as const,
		customerId: Number(customer.id),
		email,
		customerAccounts: sorted.map(accountOf),
	};
	if (!sorted.length)
		return {
			...base,
			status: 'missing_in_fo',
			differences: [],
			note: `No customer in F&O has the email ${email}`,
		};
	const [existing] = sorted;
	const partyType = existing.PartyType === 'Organization' ? 'Organization' : 'Person';
	let update: IDataObject;
	try {
		update = mapCustomerUpdate(customer, { partyType }) as unknown as IDataObject;
	} catch (error) {
		// The customer operations refuse this store record too: say why, compare nothing.
		return { ...base, status: 'invalid_in_store', differences: [], note: (error as Error).message };
	}
	const changes = changedFields(existing, update);
	const differences = Object.keys(changes).map((field) => ({
		field,
		bigCommerce: update[field],
		fo: existing[field] ?? null,
	}));
	if (sorted.length > 1)
		return {
			...base,
			status: 'duplicated_in_fo',
			differences,
			note: `${sorted.length} customers have the email ${email}: ${base.customerAccounts.join(', ')}; orders go to ${accountOf(existing)}`,
		};
	if (differences.length)
		return {
			...base,
			status: 'differs',
			differences,
			note: `${accountOf(existing)} differs in ${differences.map((d) => d.field).join(', ')}`,
		};
	return { ...base, status: 'matched', differences: [], note: `${accountOf(existing)} agrees` };
}

/** The fields to read back from CustomersV3 to judge an update: what the mapping would set. */
export function customerFieldsToRead(customers: BcCustomer[]): string[] {
	const fields = new Set(['dataAreaId', 'CustomerAccount', 'PartyType', 'PrimaryContactEmail']);
	for (const c of customers) {
		try {
			for (const f of Object.keys(mapCustomerUpdate(c))) fields.add(f);
		} catch {
			// A customer the mapping refuses is judged (and refused again) in alignCustomer.
		}
	}
	return [...fields];
}
