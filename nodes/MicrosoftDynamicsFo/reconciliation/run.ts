/**
 * One reconciliation run: the store's orders of a date range, page by page, each page compared with
 * what F&O holds for it. Per page of up to 250 orders BigCommerce costs one orders call and one
 * refunds call (`order_id:in`), and F&O one `$batch`, plus one for the lines of the page's credit
 * documents when it has any (foReads.ts): flat in the number of orders.
 * The one exception is BigCommerce's own: transactions exist only per order
 * (`/v3/orders/{id}/transactions`, no store-wide list), so comparing payments costs one more
 * BigCommerce call per order; the Compare Payments option turns it off. Every BigCommerce call
 * goes through the store's rate-limit pacing (BigCommerce/transport.ts).
 *
 * Afterwards the orders F&O created in the range under this store's reference are checked for
 * ones the store lacks (`extra_in_fo`): one F&O query, plus a store lookup per sales order whose
 * order was not among those read (usually none).
 */
import type { IDataObject } from 'n8n-workflow';

import { listAll, listOrders, listTransactions, MAX_PAGE_SIZE } from '../../BigCommerce/api';
import type { BcRefund, BcTransaction, FullOrder } from '../../BigCommerce/model';
import { bigCommerceRequest } from '../../BigCommerce/transport';
import type { HttpContext } from '../../common/http';
import { fromUnits, roundUnits, toUnits } from '../mapping/money';
import { parseOrderReference, orderReference } from '../mapping/references';
import { compareOrder, extraInFo, type ExtraInFo, type OrderReconciliation } from './compare';
import {
	emptyFoFacts,
	foOrdersCreatedBetween,
	readFoFacts,
	salesOrderOf,
	type FoReadSettings,
} from './foReads';
import { summarise, type ReconciliationSummary } from './summary';
import type { BcOrderFacts } from './types';

export interface ReconcileRequest extends FoReadSettings {
	/** ISO 8601 bounds of the range (inclusive). */
	from: string;
	to: string;
	dateField: 'created' | 'modified';
	/** Only orders in these statuses (never 0, an abandoned checkout). */
	statusIds: ReadonlySet<number>;
	comparePayments: boolean;
	expectRefundPayouts: boolean;
	/**
	 * How the pack posted the orders and their refunds (Sales Order and Credit Note → Sales Tax).
	 * `asPosted` also needs `taxItemNumber` (FoReadSettings): the order's tax is on its lines.
	 */
	taxCalculation?: 'fo' | 'asPosted';
	includeTestTransactions?: boolean;
	checkExtras: boolean;
	pageSize?: number;
}

export interface ReconcileResult {
	orders: Array<OrderReconciliation | ExtraInFo>;
	summary: ReconciliationSummary;
}

const MONEY_IN_EVENTS = new Set(['capture', 'purchase']);

/**
 * Whether the pack posts this transaction as a payment line: the rule of mapping/payment.ts
 * `mapPayment` (money in, status ok, not a gateway test unless included, a positive amount);
 * test/unit/reconciliation holds the two to the same answer for every event and status.
 */
export function isPostedCapture(t: BcTransaction, includeTestTransactions = false): boolean {
	return (
		MONEY_IN_EVENTS.has(t.event) &&
		t.status === 'ok' &&
		(t.test !== true || includeTestTransactions) &&
		Number(t.amount) > 0
	);
}

const money = (value: unknown) => Number(value ?? 0) || 0;

/**
 * What a refund's credit documents hold when the pack posted them, from the refund alone, by the
 * split of mapping/creditNote.ts `mapRefund`: product items with a quantity go on a return order
 * (their quantities), every other item with an amount on a free-text credit note (its amount, at
 * the currency's decimals), and a refund without items is one free-text amount, its total.
 * test/unit/reconciliation holds the two to the same answer.
 */
export function creditExpected(
	refund: BcRefund,
	decimals = 2,
	asPosted = false,
): { returnedQuantity: number; freeTextAmount: number } {
	// Credited with BigCommerce's tax as posted (mapping/refundAsPosted.ts): one free-text credit of
	// everything paid back, tax included; no return order.
	if (asPosted) {
		return {
			returnedQuantity: 0,
			freeTextAmount: fromUnits(roundUnits(toUnits(money(refund.total_amount)), decimals)),
		};
	}
	const items = refund.items ?? [];
	const product = (i: (typeof items)[number]) => i.item_type === 'PRODUCT' && (i.quantity ?? 0) > 0;
	const returnedQuantity = items.filter(product).reduce((n, i) => n + Number(i.quantity), 0);
	const free = items.length
		? items
				.filter((i) => !product(i))
				.reduce(
					(n, i) => n + roundUnits(toUnits(money(i.requested_amount ?? i.amount)), decimals),
					0,
				)
		: roundUnits(toUnits(money(refund.total_amount)), decimals);
	return { returnedQuantity, freeTextAmount: fromUnits(free) };
}

/** What BigCommerce says about one order, from the order, its refunds and (maybe) its transactions. */
export function bcFacts(
	order: FullOrder,
	refunds: BcRefund[],
	transactions: BcTransaction[] | undefined,
	includeTestTransactions = false,
	refundsAsPosted = false,
): BcOrderFacts {
	return {
		orderId: Number(order.id),
		currency: String(order.default_currency_code || order.currency_code || ''),
		totalExTax: money(order.total_ex_tax),
		totalIncTax: money(order.total_inc_tax),
		totalTax: money(order.total_tax),
		dateCreated: String(order.date_created ?? ''),
		dateModified: order.date_modified === undefined ? undefined : String(order.date_modified),
		statusId: Number(order.status_id),
		captures: transactions
			?.filter((t) => isPostedCapture(t, includeTestTransactions))
			.map((t) => ({ id: Number(t.id), amount: money(t.amount) })),
		refunds: refunds.map((r) => ({
			id: Number(r.id),
			amount: money(r.total_amount),
			...creditExpected(r, 2, refundsAsPosted),
			payouts: (r.payments ?? [])
				.map((p, index) => ({
					position: index + 1,
					amount: money(p.amount),
					declined: p.is_declined === true,
				}))
				.filter((p) => !p.declined && p.amount > 0)
				.map(({ position, amount }) => ({ position, amount })),
		})),
	};
}

async function refundsOf(context: HttpContext, orderIds: number[], itemIndex?: number) {
	if (!orderIds.length) return [];
	return await listAll<BcRefund>(context, 'v3', '/orders/payment_actions/refunds', {
		qs: { 'order_id:in': orderIds.join(',') },
		itemIndex,
	});
}

/** Whether the store has this order (a deleted order counts as gone), and when it was created. */
async function storeOrder(context: HttpContext, orderId: number, itemIndex?: number) {
	const response = await bigCommerceRequest<IDataObject>(context, {
		method: 'GET',
		version: 'v2',
		path: `/orders/${orderId}`,
		acceptStatuses: [404],
		itemIndex,
	});
	if (response.statusCode === 404 || !response.body || response.body.is_deleted === true)
		return undefined;
	return response.body;
}

export async function reconcileOrders(
	bigCommerce: HttpContext,
	fo: HttpContext,
	request: ReconcileRequest,
): Promise<ReconcileResult & { foRequests: number; pages: number }> {
	const results: Array<OrderReconciliation | ExtraInFo> = [];
	const seen = new Set<number>();
	let foRequests = 0;
	let pages = 0;
	const range =
		request.dateField === 'created'
			? { createdFrom: request.from, createdTo: request.to }
			: { modifiedFrom: request.from, modifiedTo: request.to };
	await listOrders(
		bigCommerce,
		{ ...range, sort: 'id:asc' },
		{
			products: false,
			shippingAddresses: false,
			fees: false,
			pageSize: request.pageSize ?? MAX_PAGE_SIZE,
			itemIndex: request.itemIndex,
			onPage: async (page) => {
				pages++;
				const orders = page.filter((o) => request.statusIds.has(Number(o.status_id)));
				for (const o of page) seen.add(Number(o.id));
				const ids = orders.map((o) => Number(o.id));
				const refunds = await refundsOf(bigCommerce, ids, request.itemIndex);
				const foFacts = await readFoFacts(fo, ids, request);
				foRequests += foFacts.requests;
				for (const order of orders) {
					const transactions = request.comparePayments
						? await listTransactions(bigCommerce, order.id, request.itemIndex)
						: undefined;
					const facts = bcFacts(
						order,
						refunds.filter((r) => Number(r.order_id) === Number(order.id)),
						transactions,
						request.includeTestTransactions,
						request.taxCalculation === 'asPosted',
					);
					const reference = orderReference(request.storeHash, order.id, {
						prefix: request.referencePrefix,
					});
					results.push(
						compareOrder(
							facts,
							foFacts.byOrder.get(Number(order.id)) ?? emptyFoFacts(),
							reference,
							{
								expectRefundPayouts: request.expectRefundPayouts,
							},
						),
					);
				}
			},
		},
	);
	if (request.checkExtras) {
		const created = await foOrdersCreatedBetween(fo, request.from, request.to, request);
		foRequests += created.requests;
		const byOrder = new Map<number, IDataObject[]>();
		for (const record of created.records) {
			const parsed = parseOrderReference(String(record.CustomersOrderReference ?? ''), {
				prefix: request.referencePrefix,
			});
			if (!parsed || parsed.storeHash.toLowerCase() !== request.storeHash.toLowerCase()) continue;
			if (seen.has(parsed.orderId)) continue;
			byOrder.set(parsed.orderId, [...(byOrder.get(parsed.orderId) ?? []), record]);
		}
		for (const [orderId, records] of byOrder) {
			if (await storeOrder(bigCommerce, orderId, request.itemIndex)) continue; // outside the range
			const reference = orderReference(request.storeHash, orderId, {
				prefix: request.referencePrefix,
			});
			results.push(
				extraInFo(
					orderId,
					reference,
					records.map(salesOrderOf),
					2,
					String(records[0].OrderCreationDateTime ?? ''),
				),
			);
		}
	}
	const summary = summarise(results, {
		from: request.from,
		to: request.to,
		dateField: request.dateField,
		dataAreaId: request.dataAreaId,
		storeHash: request.storeHash,
		pages,
		foRequests,
	});
	return { orders: results, summary, foRequests, pages };
}
