/** Sales Order → Get: one sales order header by number, or `found: false`. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import type { OperationContext } from '../context';
import { keyField, recordByKey } from '../keyedRecord';

const show = showFor('salesOrder');

export const description: INodeProperties[] = [
	keyField('Sales Order Number', 'salesOrderNumber', show(['get']), {
		placeholder: '000123',
		description:
			'The F&O sales order number, e.g. 000123, or BC111 with deterministic numbering (Find by BigCommerce Order ID finds it from the order)',
	}),
];

export async function execute(op: OperationContext): Promise<IDataObject> {
	return await recordByKey(op, 'SalesOrderHeadersV2', 'SalesOrderNumber', 'salesOrderNumber');
}
