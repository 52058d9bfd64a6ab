/**
 * Customer → Get: one v3 customer by ID, optionally with its addresses; a missing one fails the
 * item.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { getCustomer } from '../../api';
import { httpContext, requiredId } from '../parameters';
import { addressesIncluded, includeAddressesField } from './includeAddresses';

export const description: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		displayOptions: { show: { resource: ['customer'], operation: ['get'] } },
		default: '',
		placeholder: '32',
		description: 'The ID of the customer',
	},
	includeAddressesField('get'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const customerId = requiredId(this, 'customerId', 'Customer ID', i);
	const found = await getCustomer(httpContext(this), customerId, {
		include: addressesIncluded(this, i),
		itemIndex: i,
	});
	if (!found) {
		throw new NodeOperationError(this.getNode(), `BigCommerce: no customer with ID ${customerId}`, {
			itemIndex: i,
		});
	}
	return [found];
}
