/** Inventory → Get: stock of SKUs at one location (GET /v3/inventory/locations/{id}/items). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locationItems } from '../../api/inventory';
import { httpContext, requiredId } from '../parameters';

const show = { resource: ['inventory'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Location ID',
		name: 'locationId',
		type: 'string',
		default: '1',
		required: true,
		displayOptions: { show },
		description: 'The inventory location (1 is usually the default location)',
	},
	{
		displayName: 'SKUs',
		name: 'skus',
		type: 'string',
		default: '',
		placeholder: 'TENT-2P-ALPINE, SOCK-MERINO-M',
		displayOptions: { show },
		description: 'Comma-separated SKUs; every item at the location when empty',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const locationId = requiredId(this, 'locationId', 'Location ID', i);
	const skus = String(this.getNodeParameter('skus', i, ''))
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return await locationItems(httpContext(this), locationId, skus, i);
}
