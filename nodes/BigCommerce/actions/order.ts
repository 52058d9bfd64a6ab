import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getOrder, listOrders, type OrderFilters } from '../api';
import { httpContext, limitOf, requiredId, unknownOperation } from './shared';

const has = (include: string[], part: string) => include.includes(part);

export async function order(
	this: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject[]> {
	const include = this.getNodeParameter('include', i, []) as string[];
	const parts = {
		products: has(include, 'products'),
		shippingAddresses: has(include, 'shippingAddresses'),
		transactions: has(include, 'transactions'),
		coupons: has(include, 'coupons'),
		itemIndex: i,
	};

	if (operation === 'get') {
		const orderId = requiredId(this, 'orderId', 'Order ID', i);
		return [await getOrder(httpContext(this), orderId, parts)];
	}

	if (operation === 'getAll') {
		const raw = this.getNodeParameter('filters', i, {}) as IDataObject;
		const filters: OrderFilters = {
			statusId: raw.statusId as number | undefined,
			customerId: raw.customerId as number | undefined,
			email: raw.email as string | undefined,
			minId: raw.minId as number | undefined,
			createdFrom: raw.createdFrom as string | undefined,
			createdTo: raw.createdTo as string | undefined,
			modifiedFrom: raw.modifiedFrom as string | undefined,
			modifiedTo: raw.modifiedTo as string | undefined,
			sort: raw.sort as string | undefined,
			timeZone: this.getTimezone(),
		};
		return await listOrders(httpContext(this), filters, { ...parts, limit: limitOf(this, i) });
	}

	return unknownOperation(this, 'order', operation, i);
}
