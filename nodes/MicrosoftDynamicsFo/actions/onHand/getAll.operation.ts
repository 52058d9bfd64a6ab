/**
 * On-Hand → Get Many: stock per item and warehouse of the node's legal entity (WarehousesOnHandV2,
 * cross-company scoped to it), each row with the BigCommerce SKU it is sold as. As one item with
 * all rows (for the BigCommerce node's Inventory → Set Absolute, which batches them) or one item
 * per row.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsField, showFor, skuMappingField } from '../common.descriptions';
import { skuTableFrom } from '../parameters';
import { readOnHand } from '../../fulfilment/onHand';
import type { OperationContext } from '../context';

const show = showFor('onHand');

export const description: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'oneItem',
		displayOptions: { show: show(['getAll']) },
		options: [
			{
				name: 'One Item With All Rows',
				value: 'oneItem',
				description: 'One item whose rows field holds every row (feeds a stock sync)',
			},
			{ name: 'One Item per Row', value: 'perRow' },
		],
	},
	{ ...skuMappingField, displayOptions: { show: show(['getAll']) } },
	optionsField(show(['getAll']), [
		{
			displayName: 'Warehouses',
			name: 'warehouses',
			type: 'string',
			default: '',
			placeholder: '11, 21, 31',
			description: 'Comma-separated warehouse IDs to read; every warehouse when empty',
		},
	]),
];

export async function execute(op: OperationContext): Promise<IDataObject | IDataObject[]> {
	const options = op.fn.getNodeParameter('options', op.itemIndex, {}) as IDataObject;
	const warehouses = String(options.warehouses ?? '')
		.split(',')
		.map((w) => w.trim())
		.filter(Boolean);
	const { rows, requests } = await readOnHand(op.fn, {
		dataAreaId: op.dataAreaId,
		warehouses,
		skuMapping: skuTableFrom(op.fn.getNodeParameter('skuMapping', op.itemIndex, {})),
		itemIndex: op.itemIndex,
	});
	if (op.fn.getNodeParameter('output', op.itemIndex, 'oneItem') === 'perRow') return rows;
	return { dataAreaId: op.dataAreaId, rows, rowCount: rows.length, requests };
}
