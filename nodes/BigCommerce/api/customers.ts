/** BigCommerce v3 customers: one by id, or a list by e-mail address and id. */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import type { BcCustomer } from '../model';
import { listAll, type ListCallOptions } from './paging';

export interface CustomerOptions {
	/** v3 `include`, e.g. `['addresses']`. */
	include?: string[];
	itemIndex?: number;
}

/** One customer (v3 has no single-customer path: `id:in`); undefined when there is none. */
export async function getCustomer(
	context: HttpContext,
	customerId: number | string,
	options: CustomerOptions = {},
): Promise<BcCustomer | undefined> {
	const qs: IDataObject = { 'id:in': String(customerId) };
	if (options.include?.length) qs.include = options.include.join(',');
	const found = await listAll<BcCustomer>(context, 'v3', '/customers', {
		qs,
		itemIndex: options.itemIndex,
		limit: 1,
	});
	return found[0];
}

export interface CustomerFilters {
	/** Exact e-mail address(es). */
	email?: string | string[];
	ids?: Array<number | string>;
	include?: string[];
}

/** Customers by exact e-mail address and/or id (v3 `email:in`, `id:in`), every page by default. */
export async function listCustomers(
	context: HttpContext,
	filters: CustomerFilters = {},
	options: ListCallOptions<BcCustomer> = {},
): Promise<BcCustomer[]> {
	const qs: IDataObject = {};
	const emails = (Array.isArray(filters.email) ? filters.email : [filters.email])
		.map((e) => (e ?? '').trim())
		.filter(Boolean);
	if (emails.length) qs['email:in'] = emails.join(',');
	if (filters.ids?.length) qs['id:in'] = filters.ids.join(',');
	if (filters.include?.length) qs.include = filters.include.join(',');
	return await listAll<BcCustomer>(context, 'v3', '/customers', { ...options, qs });
}
