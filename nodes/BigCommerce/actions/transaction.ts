import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { listTransactions } from '../api';
import { httpContext, requiredId, unknownOperation } from './shared';

export async function transaction(
	this: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject[]> {
	if (operation === 'getAll') {
		const orderId = requiredId(this, 'orderId', 'Order ID', i);
		return await listTransactions(httpContext(this), orderId, i);
	}
	return unknownOperation(this, 'transaction', operation, i);
}
