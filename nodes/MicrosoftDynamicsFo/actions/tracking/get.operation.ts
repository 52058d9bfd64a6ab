/** Tracking → Get: the tracking numbers F&O holds for a sales order (PackingSlipTrackingInformation). */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import { eqFilter, queryEntities } from '../../odata';
import type { OperationContext } from '../context';

const show = showFor('tracking');

export const description: INodeProperties[] = [
	{
		displayName: 'Sales Order Number',
		name: 'salesOrderNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'USMF-000123',
		displayOptions: { show: show(['get']) },
		description: 'The F&O sales order whose packing-slip tracking numbers to get',
	},
	{
		displayName: 'Packing Slip Number',
		name: 'packingSlipNumber',
		type: 'string',
		default: '',
		displayOptions: { show: show(['get']) },
		description: 'Only this packing slip; all of the order when empty',
	},
];

export async function execute(op: OperationContext): Promise<IDataObject[]> {
	const salesOrderNumber = String(
		op.fn.getNodeParameter('salesOrderNumber', op.itemIndex, ''),
	).trim();
	if (!salesOrderNumber)
		throw new NodeOperationError(op.fn.getNode(), 'Sales Order Number is empty', {
			itemIndex: op.itemIndex,
		});
	const slip = String(op.fn.getNodeParameter('packingSlipNumber', op.itemIndex, '')).trim();
	const conditions: Record<string, string> = {
		dataAreaId: op.dataAreaId,
		SalesOrderNumber: salesOrderNumber,
	};
	if (slip) conditions.PackingSlipNumber = slip;
	return await queryEntities(op.fn, 'PackingSlipTrackingInformation', {
		filter: eqFilter(conditions),
		itemIndex: op.itemIndex,
	});
}
