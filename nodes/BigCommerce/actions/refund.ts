import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { listRefunds, listRefundsSince } from '../api';
import { httpContext, limitOf, requiredId, unknownOperation } from './shared';

export async function refund(
	this: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject[]> {
	if (operation === 'getAll') {
		const limit = limitOf(this, i);
		if (this.getNodeParameter('source', i, 'order') === 'store') {
			const since = requiredId(this, 'createdSince', 'Created Since', i);
			const until = this.getNodeParameter('createdUntil', i, '') as string;
			return await listRefundsSince(httpContext(this), since, {
				until: until || undefined,
				timeZone: this.getTimezone(),
				limit,
				itemIndex: i,
			});
		}
		const orderId = requiredId(this, 'orderId', 'Order ID', i);
		return await listRefunds(httpContext(this), orderId, { limit, itemIndex: i });
	}
	return unknownOperation(this, 'refund', operation, i);
}
