/**
 * Payment → Find by BigCommerce Transaction: the journal line that carries the transaction's
 * reference.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { findByBigCommerceIdFields, showFor } from '../common.descriptions';
import { transactionReference } from '../../mapping';
import { findPaymentLines } from '../../posting/payment';
import type { OperationContext } from '../context';
import { referencePrefixParameter } from '../parameters';

const show = showFor('payment');

export const description: INodeProperties[] = [
	...findByBigCommerceIdFields(show(['find']), {
		displayName: 'BigCommerce Transaction ID',
		name: 'transactionId',
	}),
];

export async function execute({
	fn,
	itemIndex,
	dataAreaId,
}: OperationContext): Promise<IDataObject> {
	const reference = transactionReference(
		fn.getNodeParameter('orderId', itemIndex) as number,
		fn.getNodeParameter('transactionId', itemIndex) as number,
		{ prefix: referencePrefixParameter(fn, itemIndex) },
	);
	const found = await findPaymentLines(fn, dataAreaId, [reference], itemIndex);
	const line = found.byReference.get(reference);
	return line ?? { found: false, dataAreaId, reference };
}
