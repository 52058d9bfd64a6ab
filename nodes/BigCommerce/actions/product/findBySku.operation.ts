/** Product → Find by SKU: one result per SKU, found by the product SKU or a variant SKU. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { findProductsBySku } from '../../api';
import { httpContext, requiredId } from '../parameters';

export const description: INodeProperties[] = [
	{
		displayName: 'SKUs',
		name: 'skus',
		type: 'string',
		required: true,
		displayOptions: { show: { resource: ['product'], operation: ['findBySku'] } },
		default: '',
		placeholder: 'SKU-1, SKU-2',
		description:
			'The SKUs to look up, separated by commas. Each gives one result, found by the product SKU or a variant SKU.',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const skus = requiredId(this, 'skus', 'SKUs', i).split(',');
	return await findProductsBySku(httpContext(this), skus, { itemIndex: i });
}
