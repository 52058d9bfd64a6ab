/**
 * The order resource: its operation selector and the fields of its operations, and the operations.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as updateStatus from './updateStatus.operation';

export { get, getAll, updateStatus };

export const description: INodeProperties[] = [
	operationProperty(
		'order',
		[
			{
				name: 'Get',
				value: 'get',
				description: 'Get an order with its lines, shipping addresses and transactions',
				action: 'Get an order',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get orders by status, customer, dates or ID',
				action: 'Get many orders',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				description: "Set the order's status (e.g. Shipped after a shipment)",
				action: 'Update an order status',
			},
		],
		'get',
	),
	...get.description,
	...getAll.description,
	...updateStatus.description,
];
