/** Customer → Get: one customer by account in the legal entity, or `found: false`. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { getCustomer } from '../../posting/customer';
import { locatorValue } from '../../../common/resourceLocator';
import { customerAccountLocator, showFor } from '../common.descriptions';
import type { OperationContext } from '../context';
import { notFound } from '../keyedRecord';

const show = showFor('customer');

export const description: INodeProperties[] = [
	{ ...customerAccountLocator, required: true, displayOptions: { show: show(['get']) } },
];

export async function execute({
	fn,
	itemIndex,
	dataAreaId,
}: OperationContext): Promise<IDataObject> {
	const account = locatorValue(fn.getNodeParameter('customerAccount', itemIndex));
	const record = await getCustomer(fn, dataAreaId, account, itemIndex);
	return record ?? notFound(dataAreaId, 'customerAccount', account);
}
