/** Customer → Get: one customer by account in the legal entity, or `found: false`. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import { getCustomer } from '../../posting/customer';
import type { OperationContext } from '../context';

const show = showFor('customer');

export const description: INodeProperties[] = [
	{
		displayName: 'Customer Account',
		name: 'customerAccount',
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
	const account = fn.getNodeParameter('customerAccount', itemIndex) as string;
	const record = await getCustomer(fn, dataAreaId, account, itemIndex);
	return record ?? { found: false, dataAreaId, customerAccount: account };
}
