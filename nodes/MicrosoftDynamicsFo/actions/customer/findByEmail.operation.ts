/** Customer → Find by Email: the customers whose primary email is the one given. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showFor } from '../common.descriptions';
import { findCustomersByEmail } from '../../posting/customer';
import type { OperationContext } from '../context';

const show = showFor('customer');

export const description: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		displayOptions: { show: show(['findByEmail']) },
		description: "The customer's primary contact email in F&O (compared without regard to case)",
	},
];

export async function execute({
	fn,
	itemIndex,
	dataAreaId,
}: OperationContext): Promise<IDataObject[]> {
	const email = fn.getNodeParameter('email', itemIndex) as string;
	return await findCustomersByEmail(fn, dataAreaId, email, itemIndex);
}
