/** Customer → Get Many: v3 customers, by e-mail address if given, paged up to the limit. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listCustomers } from '../../api';
import { returnAllAndLimit } from '../common.descriptions';
import { httpContext, limitOf } from '../parameters';
import { addressesIncluded, includeAddressesField } from './includeAddresses';

export const description: INodeProperties[] = [
	...returnAllAndLimit('customer'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: { resource: ['customer'], operation: ['getAll'] } },
		default: {},
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only customers with this e-mail address (several: separate with commas)',
			},
		],
	},
	includeAddressesField('getAll'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const email = String(filters.email ?? '')
		.split(',')
		.map((e) => e.trim())
		.filter(Boolean);
	return await listCustomers(
		httpContext(this),
		{ email, include: addressesIncluded(this, i) },
		{ limit: limitOf(this, i), itemIndex: i },
	);
}
