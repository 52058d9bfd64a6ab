/**
 * The search list of the BigCommerce node's Order locator: the store's orders, newest first, a page
 * at a time. What the person types narrows it: an order number finds that order; other text keeps
 * the orders on the page whose buyer name or email contains it (the v2 orders list has no text
 * search, only exact filters).
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { bigCommerceRequest } from '../../transport';

/** Orders per page of the list. */
export const ORDER_LIST_PAGE_SIZE = 50;

interface ListedOrder {
	id?: number;
	status?: string;
	total_inc_tax?: string;
	currency_code?: string;
	billing_address?: { first_name?: string; last_name?: string; email?: string };
}

/** `111 · Ava Thompson · 123.45 USD · Awaiting Fulfillment` */
function entryName(order: ListedOrder): string {
	const billing = order.billing_address ?? {};
	const buyer = `${billing.first_name ?? ''} ${billing.last_name ?? ''}`.trim() || billing.email;
	const total = order.total_inc_tax
		? `${Number(order.total_inc_tax).toFixed(2)} ${order.currency_code ?? ''}`.trim()
		: '';
	return [String(order.id), buyer, total, order.status].filter(Boolean).join(' · ');
}

export async function searchOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	const byNumber = /^\d+$/.test(text);
	const page = Number(paginationToken) || 1;
	const qs: IDataObject = byNumber
		? { min_id: Number(text), max_id: Number(text) }
		: { sort: 'id:desc', page, limit: ORDER_LIST_PAGE_SIZE };
	const response = await bigCommerceRequest<ListedOrder[] | ''>(this, {
		method: 'GET',
		version: 'v2',
		path: '/orders',
		qs,
	});
	const orders = Array.isArray(response.body) ? response.body : [];
	const wanted = text.toLowerCase();
	const shown =
		byNumber || !wanted
			? orders
			: orders.filter((o) => {
					const b = o.billing_address ?? {};
					return `${b.first_name ?? ''} ${b.last_name ?? ''} ${b.email ?? ''}`
						.toLowerCase()
						.includes(wanted);
				});
	return {
		results: shown.map((o) => ({ name: entryName(o), value: String(o.id) })),
		paginationToken:
			!byNumber && orders.length >= ORDER_LIST_PAGE_SIZE ? String(page + 1) : undefined,
	};
}
