/**
 * Who a payment or credit document is for: an account given on the node, or the ordering customer
 * of the sales order this pack posted for the BigCommerce order. That sales order is taken, without
 * a request, from the item the Sales Order node just output (when the item proves it is this order:
 * BigCommerce order id, reference and legal entity, posted or found) or from what this workflow
 * remembered posting; else it is found by the order's reference, as the only source F&O vouches for.
 * A payment captured while the order's own execution is still posting its sales order (F&O takes
 * seconds per line) finds nothing at first: the lookup is repeated with the settle back-off for a
 * bounded wait before the document fails, so such a race is not an error.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { orderReference } from '../mapping';
import type { RequestCounter } from './changesetRounds';
import type { StaticDataContext } from './customer';
import { findByReference } from './documentWrite';
import { SALES_ORDER } from './documents';
import { findPosted, postedKey } from './postedRecords';
import { settledLookup } from './writeTiming';

/** How long a sales order not found by reference is looked for before the document fails (s). */
export const DEFAULT_SALES_ORDER_WAIT_S = 120;

export type DocumentCustomer =
	| { mode: 'account'; account: string }
	/**
	 * The ordering customer of the sales order this pack posted for the BigCommerce order;
	 * `previous` is the node's input item (the Sales Order node's output in the shipped workflows);
	 * `waitMs`: how long a sales order not found by reference is looked for (0 = one lookup;
	 * undefined = DEFAULT_SALES_ORDER_WAIT_S).
	 */
	| { mode: 'salesOrder'; previous?: IDataObject; waitMs?: number };

/** The order's sales order is not (yet) in F&O: nothing was written. */
export class SalesOrderNotFoundError extends NodeOperationError {}

/** What a Sales Order → Create output says about a sales order it posted or found. */
const POSTED_ACTIONS = new Set(['created', 'skipped-duplicate']);

/** The customer of the sales order the input item is the output of, when it is this very order. */
function customerOfPrevious(
	previous: IDataObject | undefined,
	order: { dataAreaId: string; orderId: string | number },
	reference: string,
): string | undefined {
	const audit = previous?.audit as IDataObject | undefined;
	const account = previous?.customerAccount;
	const proves =
		previous !== undefined &&
		String(previous.bigcommerceOrderId) === String(order.orderId) &&
		previous.reference === reference &&
		String(previous.dataAreaId).toLowerCase() === order.dataAreaId.toLowerCase() &&
		typeof previous.salesOrderNumber === 'string' &&
		previous.salesOrderNumber !== '' &&
		audit?.entity === SALES_ORDER.headerSet &&
		POSTED_ACTIONS.has(String(audit?.action));
	return proves && typeof account === 'string' && account ? account : undefined;
}

/** The customer remembered with the sales order this workflow posted (static data), if any. */
function customerRemembered(
	context: StaticDataContext,
	dataAreaId: string,
	reference: string,
): string | undefined {
	const staticData = context.getWorkflowStaticData('global');
	const entry = findPosted(staticData, postedKey(SALES_ORDER.headerSet, dataAreaId, reference));
	const account = entry?.keys.CustomerAccount;
	return typeof account === 'string' && account ? account : undefined;
}

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
	const known =
		customerOfPrevious(source.previous, order, reference) ??
		customerRemembered(context, order.dataAreaId, reference);
	if (known) return known;
	const waitMs =
		source.waitMs !== undefined && Number.isFinite(source.waitMs) && source.waitMs >= 0
			? source.waitMs
			: DEFAULT_SALES_ORDER_WAIT_S * 1000;
	const lookUp = async () => {
		count();
		const found = await findByReference(
			context,
			SALES_ORDER,
			order.dataAreaId,
			reference,
			order.itemIndex,
		);
		return found.map((o) => String(o.OrderingCustomerAccountNumber ?? '')).find(Boolean);
	};
	const account = await settledLookup(lookUp, { timeoutMs: waitMs, settleWindowMs: waitMs });
	if (!account) {
		throw new SalesOrderNotFoundError(
			node,
			`No sales order with reference ${reference} in ${order.dataAreaId} to take the customer from${
				waitMs > 0 ? ` (looked for ${Math.round(waitMs / 1000)} s)` : ''
			}`,
			{
				itemIndex: order.itemIndex,
				description:
					'Nothing was written. Post the order first (Sales Order → Create), give the customer account, or wait longer (Wait for Sales Order).',
			},
		);
	}
	return account;
}
