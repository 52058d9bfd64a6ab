/** Released Product → Get: one released product by item number, or `found: false`. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { locatorField } from '../../../common/resourceLocator';
import { showFor } from '../common.descriptions';
import type { OperationContext } from '../context';
import { recordByKey } from '../keyedRecord';

const show = showFor('releasedProduct');

export const description: INodeProperties[] = [
	{
		...locatorField({
			displayName: 'Item Number',
			name: 'itemNumber',
			searchListMethod: 'searchReleasedProducts',
			placeholder: 'A0001',
			idHint:
				'The item number of a product released to this legal entity (Product information management > Released products)',
			description:
				'The released product to read: search by item number or name, or give its item number, e.g. A0001',
			required: true,
		}),
		displayOptions: { show: show(['get']) },
	},
];

export async function execute(op: OperationContext): Promise<IDataObject> {
	return await recordByKey(op, 'ReleasedProductsV2', 'ItemNumber', 'itemNumber');
}
