/** Customer → Get: one customer by account in the legal entity, or `found: false`. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getCustomer } from '../../posting/customer';
import { showFor } from '../common.descriptions';
import type { OperationContext } from '../context';
import { keyField, notFound } from '../keyedRecord';

const show = showFor('customer');

export const description: INodeProperties[] = [
	keyField('Customer Account', 'customerAccount', show(['get']), {
		placeholder: 'US-001',
		description:
			'The F&O customer account in the legal entity, e.g. US-001 (Accounts receivable > Customers)',
	}),
];

export async function execute({
	fn,
	itemIndex,
	dataAreaId,
}: OperationContext): Promise<IDataObject> {
	const account = fn.getNodeParameter('customerAccount', itemIndex) as string;
	const record = await getCustomer(fn, dataAreaId, account, itemIndex);
	return record ?? notFound(dataAreaId, 'customerAccount', account);
}
