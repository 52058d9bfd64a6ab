/** Released Product → Get: one released product by item number, or `found: false`. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import type { OperationContext } from '../context';
import { keyField, recordByKey } from '../keyedRecord';

const show = showFor('releasedProduct');

export const description: INodeProperties[] = [
	keyField('Item Number', 'itemNumber', show(['get']), {
		placeholder: 'A0001',
		description:
			'The item number of a released product in the legal entity, e.g. A0001 (Product information management > Released products)',
	}),
];

export async function execute(op: OperationContext): Promise<IDataObject> {
	return await recordByKey(op, 'ReleasedProductsV2', 'ItemNumber', 'itemNumber');
}
