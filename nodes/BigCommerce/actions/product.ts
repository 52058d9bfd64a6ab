import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { findProductsBySku } from '../api';
import { httpContext, requiredId, unknownOperation } from './shared';

export async function product(
	this: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject[]> {
	if (operation === 'findBySku') {
		const skus = requiredId(this, 'skus', 'SKUs', i).split(',');
		return await findProductsBySku(httpContext(this), skus, { itemIndex: i });
	}
	return unknownOperation(this, 'product', operation, i);
}
