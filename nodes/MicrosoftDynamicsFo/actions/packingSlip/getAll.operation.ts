/**
 * Packing Slip → Get Many Since: the posted packing slips of the orders this pack posted for one
 * store, one item per slip with its lines (each with its BigCommerce order product) and tracking
 * numbers, since a watermark the node keeps (created time + RecId) less an overlap window. The
 * watermark lives in the workflow's static data, so a scheduled workflow reads each slip at least
 * once; a slip read again (overlap, `reRead: true`) is for the store side to compare, never to
 * resend. See fulfilment/packingSlips.ts for the entities and the unverified line link.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	optionsField,
	referencePrefixField,
	showFor,
	storeHashField,
} from '../common.descriptions';
import {
	readPackingSlipsSince,
	type LineMatch,
	type Watermark,
} from '../../fulfilment/packingSlips';
import type { OperationContext } from '../context';

const show = showFor('packingSlip');

export const description: INodeProperties[] = [
	{ ...storeHashField, displayOptions: { show: show(['getAll']) } },
	optionsField(show(['getAll']), [
		{
			displayName: 'Line Match',
			name: 'lineMatch',
			type: 'options',
			default: 'inventTransId',
			options: [
				{
					name: 'Lot ID, Then Line Number',
					value: 'inventTransId',
					description:
						"The slip line's InventTransId as the order line's lot ID (unverified in F&O), else SalesId + line number",
				},
				{
					name: 'Line Number Only',
					value: 'lineNumber',
					description: 'SalesId + LineNum = the order line number (the safe secondary key)',
				},
			],
			description: 'How a packing-slip line finds its sales order line',
		},
		{
			displayName: 'Overlap (Minutes)',
			name: 'overlapMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1440,
			description:
				'How far before the watermark each read starts again: catches slips committed late and corrections within this window',
		},
		{ ...referencePrefixField },
		{
			displayName: 'Since',
			name: 'since',
			type: 'dateTime',
			default: '',
			description:
				'Read slips created from this time instead of the kept watermark (the watermark still moves on)',
		},
	]),
];

interface Memory {
	watermarks?: Record<string, Watermark>;
}

export async function execute(op: OperationContext): Promise<IDataObject[]> {
	const storeHash = String(op.fn.getNodeParameter('storeHash', op.itemIndex, '')).trim();
	const options = op.fn.getNodeParameter('options', op.itemIndex, {}) as IDataObject;
	const memory = op.fn.getWorkflowStaticData('node') as Memory;
	const key = `${op.dataAreaId}|${storeHash.toLowerCase()}`;
	const kept = memory.watermarks?.[key];
	const since = options.since
		? { createdOn: new Date(String(options.since)).toISOString(), id: 0 }
		: kept;
	const read = await readPackingSlipsSince(op.fn, {
		dataAreaId: op.dataAreaId,
		storeHash,
		referencePrefix: (options.referencePrefix as string) || undefined,
		since,
		overlapMinutes: Number(options.overlapMinutes ?? 1440),
		lineMatch: (options.lineMatch as LineMatch) ?? 'inventTransId',
		itemIndex: op.itemIndex,
	});
	if (read.watermark) memory.watermarks = { ...memory.watermarks, [key]: read.watermark };
	return read.slips;
}
