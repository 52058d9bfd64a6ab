/** Released Product → Get: one released product by item number, or `found: false`. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import { getEntity } from '../../odata';
import type { OperationContext } from '../context';

const show = showFor('releasedProduct');

export const description: INodeProperties[] = [
	{
		displayName: 'Item Number',
		name: 'itemNumber',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: show(['get']) },
	},
];

export async function execute({
	fn,
	itemIndex,
	dataAreaId,
}: OperationContext): Promise<IDataObject> {
	const itemNumber = fn.getNodeParameter('itemNumber', itemIndex) as string;
	const record = await getEntity(
		fn,
		'ReleasedProductsV2',
		{ dataAreaId, ItemNumber: itemNumber },
		{ itemIndex },
	);
	return record ?? { found: false, dataAreaId, itemNumber };
}
