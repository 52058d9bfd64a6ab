/**
 * Credit Note → Find by BigCommerce Refund: the return order and free-text credit note of a
 * refund.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { findByBigCommerceIdFields, showFor } from '../common.descriptions';
import { refundReference } from '../../mapping';
import { findCreditDocuments } from '../../posting/creditNote';
import type { OperationContext } from '../context';
import { referencePrefixParameter } from '../parameters';

const show = showFor('creditNote');

export const description: INodeProperties[] = [
	...findByBigCommerceIdFields(show(['find']), {
		displayName: 'BigCommerce Refund ID',
		name: 'refundId',
	}),
];

export async function execute({
	fn,
	itemIndex,
	dataAreaId,
}: OperationContext): Promise<IDataObject | IDataObject[]> {
	const reference = refundReference(
		fn.getNodeParameter('storeHash', itemIndex) as string,
		fn.getNodeParameter('orderId', itemIndex) as number,
		fn.getNodeParameter('refundId', itemIndex) as number,
		{ prefix: referencePrefixParameter(fn, itemIndex) },
	);
	const out: IDataObject[] = [];
	for (const kind of ['returnOrder', 'freeTextCredit'] as const) {
		for (const record of await findCreditDocuments(fn, kind, dataAreaId, reference, itemIndex))
			out.push({ document: kind, ...record });
	}
	return out.length ? out : { found: false, dataAreaId, reference };
}
