/** Sales Order → Get: one sales order header by number, or `found: false`. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import { getEntity } from '../../odata';
import type { OperationContext } from '../context';

const show = showFor('salesOrder');

export const description: INodeProperties[] = [
	{
		displayName: 'Sales Order Number',
		name: 'salesOrderNumber',
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
	const number = fn.getNodeParameter('salesOrderNumber', itemIndex) as string;
	const record = await getEntity(
		fn,
		'SalesOrderHeadersV2',
		{ dataAreaId, SalesOrderNumber: number },
		{ itemIndex },
	);
	return record ?? { found: false, dataAreaId, salesOrderNumber: number };
}
