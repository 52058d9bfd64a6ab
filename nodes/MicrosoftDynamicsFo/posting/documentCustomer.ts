/**
 * Who a payment or credit document is for: an account given on the node, or the ordering customer
 * of the sales order this pack posted for the BigCommerce order (found by the order's reference).
 */
import { NodeOperationError } from 'n8n-workflow';

import { orderReference } from '../mapping';
import type { RequestCounter } from './changesetRounds';
import type { StaticDataContext } from './customer';
import { findByReference } from './documentWrite';
import { SALES_ORDER } from './documents';

export type DocumentCustomer =
	| { mode: 'account'; account: string }
	/** The ordering customer of the sales order this pack posted for the BigCommerce order. */
	| { mode: 'salesOrder' };

/** The customer account for an order's payment or refund; counts the requests it sent. */
export async function documentCustomer(
	context: StaticDataContext,
	source: DocumentCustomer,
	order: {
		dataAreaId: string;
		storeHash: string;
		orderId: string | number;
		referencePrefix?: string;
		itemIndex?: number;
	},
	count: RequestCounter,
): Promise<string> {
	const node = context.getNode();
	if (source.mode === 'account') {
		if (!source.account)
			throw new NodeOperationError(node, 'No customer account given', {
				itemIndex: order.itemIndex,
			});
		return source.account;
	}
	const reference = orderReference(order.storeHash, order.orderId, {
		prefix: order.referencePrefix,
	});
	count();
	const found = await findByReference(
		context,
		SALES_ORDER,
		order.dataAreaId,
		reference,
		order.itemIndex,
	);
	const account = found.map((o) => String(o.OrderingCustomerAccountNumber ?? '')).find(Boolean);
	if (!account) {
		throw new NodeOperationError(
			node,
			`No sales order with reference ${reference} in ${order.dataAreaId} to take the customer from`,
			{
				itemIndex: order.itemIndex,
				description:
					'Nothing was written. Post the order first (Sales Order → Create), or give the customer account.',
			},
		);
	}
	return account;
}
