/**
 * Released Product → Resolve SKUs: the item (and variant dimensions) of each SKU, in one request.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showFor, skuMappingField } from '../common.descriptions';
import { resolveSkus } from '../../skuResolution';
import type { OperationContext } from '../context';
import { skuTableFrom } from '../parameters';

const show = showFor('releasedProduct');

export const description: INodeProperties[] = [
	{
		displayName: 'SKUs',
		name: 'skus',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'TENT-2P-ALPINE, JKT-RAIN-M-BLU',
		displayOptions: { show: show(['resolveSkus']) },
		description: 'Comma-separated SKUs',
	},
	{ ...skuMappingField, displayOptions: { show: show(['resolveSkus']) } },
];

export async function execute(op: OperationContext): Promise<IDataObject> {
	const { fn, itemIndex, dataAreaId } = op;
	const skus = String(fn.getNodeParameter('skus', itemIndex))
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	const resolution = await resolveSkus(fn, op.environmentUrl, dataAreaId, skus, {
		table: skuTableFrom(fn.getNodeParameter('skuMapping', itemIndex, {})),
		cache: op.skuCache,
		itemIndex,
	});
	return {
		dataAreaId,
		items: Object.fromEntries(resolution.items) as unknown as IDataObject,
		unmapped: resolution.unmapped,
	};
}
