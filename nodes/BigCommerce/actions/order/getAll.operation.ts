/**
 * Order → Get Many: orders by status, customer, dates or ID (dates in the workflow's time zone).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listOrders, type OrderFilters } from '../../api';
import { returnAllAndLimit } from '../common.descriptions';
import { httpContext, limitOf } from '../parameters';
import { INCLUDE_OPTIONS, includedParts } from './include';

/** Order status IDs (`/v2/order_statuses`). */
const ORDER_STATUSES = [
	{ name: 'Awaiting Fulfillment', value: 11 },
	{ name: 'Awaiting Payment', value: 7 },
	{ name: 'Awaiting Pickup', value: 8 },
	{ name: 'Awaiting Shipment', value: 9 },
	{ name: 'Cancelled', value: 5 },
	{ name: 'Completed', value: 10 },
	{ name: 'Declined', value: 6 },
	{ name: 'Disputed', value: 13 },
	{ name: 'Incomplete', value: 0 },
	{ name: 'Manual Verification Required', value: 12 },
	{ name: 'Partially Refunded', value: 14 },
	{ name: 'Partially Shipped', value: 3 },
	{ name: 'Pending', value: 1 },
	{ name: 'Refunded', value: 4 },
	{ name: 'Shipped', value: 2 },
];

export const description: INodeProperties[] = [
	...returnAllAndLimit('order'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: { resource: ['order'], operation: ['getAll'] } },
		default: {},
		options: [
			{
				displayName: 'Created After',
				name: 'createdFrom',
				type: 'dateTime',
				default: '',
				description: 'Only orders created at or after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdTo',
				type: 'dateTime',
				default: '',
				description: 'Only orders created at or before this time',
			},
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'number',
				default: 0,
				description: 'Only orders of this customer (0 is every guest order)',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only orders with this billing e-mail address',
			},
			{
				displayName: 'Minimum Order ID',
				name: 'minId',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description: 'Only orders with this ID or a higher one',
			},
			{
				displayName: 'Modified After',
				name: 'modifiedFrom',
				type: 'dateTime',
				default: '',
				description: 'Only orders changed at or after this time',
			},
			{
				displayName: 'Modified Before',
				name: 'modifiedTo',
				type: 'dateTime',
				default: '',
				description: 'Only orders changed at or before this time',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				options: [
					{ name: 'Date Created (Newest First)', value: 'date_created:desc' },
					{ name: 'Date Created (Oldest First)', value: 'date_created:asc' },
					{ name: 'Date Modified (Newest First)', value: 'date_modified:desc' },
					{ name: 'Date Modified (Oldest First)', value: 'date_modified:asc' },
					{ name: 'ID (Highest First)', value: 'id:desc' },
					{ name: 'ID (Lowest First)', value: 'id:asc' },
				],
				default: 'id:asc',
			},
			{
				displayName: 'Status Name or ID',
				name: 'statusId',
				type: 'options',
				options: ORDER_STATUSES,
				default: 11,
				description:
					'Only orders in this status. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	{
		displayName: 'Include',
		name: 'include',
		type: 'multiOptions',
		displayOptions: { show: { resource: ['order'], operation: ['getAll'] } },
		options: INCLUDE_OPTIONS,
		default: ['fees', 'products', 'shippingAddresses'],
		description: 'What to fetch with each order',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('filters', i, {}) as IDataObject;
	const filters: OrderFilters = {
		statusId: raw.statusId as number | undefined,
		customerId: raw.customerId as number | undefined,
		email: raw.email as string | undefined,
		minId: raw.minId as number | undefined,
		createdFrom: raw.createdFrom as string | undefined,
		createdTo: raw.createdTo as string | undefined,
		modifiedFrom: raw.modifiedFrom as string | undefined,
		modifiedTo: raw.modifiedTo as string | undefined,
		sort: raw.sort as string | undefined,
		timeZone: this.getTimezone(),
	};
	return await listOrders(httpContext(this), filters, {
		...includedParts(this, i),
		limit: limitOf(this, i),
	});
}
