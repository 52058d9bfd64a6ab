import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { getCustomer, listCustomers } from '../api';
import { httpContext, limitOf, requiredId, unknownOperation } from './shared';

export async function customer(
	this: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject[]> {
	const include = (this.getNodeParameter('includeAddresses', i, false) as boolean)
		? ['addresses']
		: [];

	if (operation === 'get') {
		const customerId = requiredId(this, 'customerId', 'Customer ID', i);
		const found = await getCustomer(httpContext(this), customerId, { include, itemIndex: i });
		if (!found) {
			throw new NodeOperationError(
				this.getNode(),
				`BigCommerce: no customer with ID ${customerId}`,
				{
					itemIndex: i,
				},
			);
		}
		return [found];
	}

	if (operation === 'getAll') {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const email = String(filters.email ?? '')
			.split(',')
			.map((e) => e.trim())
			.filter(Boolean);
		return await listCustomers(
			httpContext(this),
			{ email, include },
			{ limit: limitOf(this, i), itemIndex: i },
		);
	}

	return unknownOperation(this, 'customer', operation, i);
}
