/**
 * What F&O holds for a page of BigCommerce orders, read by the references the pack writes
 * (mapping/references.ts) in ONE `$batch` of GETs per page, whatever the number of orders: per 40
 * orders, one read each of sales order headers and invoice headers (CustomersOrderReference eq …),
 * payment journal lines (PaymentReference eq '<prefix>-<order>-*': captures `-T<id>` and refund
 * payouts `-R<refund>-<n>`), return orders (CustomersOrderReference eq '<order ref>-R*') and
 * free-text credit notes (CustomerReference eq '<order ref>-R*'). F&O has no `in` operator, so the
 * 40 references are `or`-ed; `*` inside `eq` is F&O's wildcard, and every record is re-parsed
 * against the exact reference formats before it counts (eq is case-insensitive; `*` matches more).
 * The credit documents' lines (return quantities, free-text amounts) and, for orders posted with
 * BigCommerce's tax as posted, their tax-liability lines follow in a second batch, only for a page
 * that has any (./followUpReads.ts). Reads only: a batch without a changeset changes nothing and
 * may be re-sent like a GET.
 */
import { sleep, type IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import {
	orderReference,
	orderShortReference,
	parseRefundPaymentReference,
	parseRefundReference,
	parseTransactionReference,
} from '../mapping/references';
import { entityPath, odataString, sendBatch, type BatchOperation } from '../odata';
import { MAX_THROTTLE_WAIT_MS } from '../posting/changesetRounds';
import { foRequest } from '../transport';
import { readFollowUps } from './followUpReads';
import type { FoOrderFacts, FoPaymentLine, FoSalesOrder } from './types';

/** References per filter: keeps each part's URL well under IIS's default limits. */
export const ORDERS_PER_PART = 40;

export interface FoReadSettings {
	environmentUrl: string;
	dataAreaId: string;
	storeHash: string;
	referencePrefix?: string;
	itemIndex?: number;
	maxThrottleRetries?: number;
	/**
	 * Orders posted with BigCommerce's tax as posted: the item whose lines carry that tax, counted
	 * as the order's tax in F&O (its own tax figures are zero there).
	 */
	taxItemNumber?: string;
}

const SALES_ORDER_SELECT = [
	'dataAreaId',
	'SalesOrderNumber',
	'CustomersOrderReference',
	'CurrencyCode',
	'OrderTotalAmount',
	'OrderTotalTaxAmount',
	'AreTotalsCalculated',
	'SalesOrderStatus',
	'OrderCreationDateTime',
];
const INVOICE_SELECT = [
	'dataAreaId',
	'InvoiceNumber',
	'InvoiceDate',
	'LedgerVoucher',
	'SalesOrderNumber',
	'CustomersOrderReference',
	'CurrencyCode',
	'TotalInvoiceAmount',
	'TotalTaxAmount',
];
const LINE_SELECT = [
	'dataAreaId',
	'JournalBatchNumber',
	'LineNumber',
	'PaymentReference',
	'CreditAmount',
	'DebitAmount',
	'CurrencyCode',
];

type Part = 'salesOrders' | 'invoices' | 'lines' | 'returnOrders' | 'freeText';

export function read(set: string, select: string[], filter: string): BatchOperation {
	return {
		method: 'GET',
		path: `${entityPath(set)}?cross-company=true&$select=${select.join(',')}&$filter=${encodeURIComponent(filter)}`,
	};
}

export function emptyFoFacts(): FoOrderFacts {
	return { salesOrders: [], invoices: [], payments: [], payouts: [], creditDocuments: [] };
}

export const same = (a: unknown, b: string) => String(a ?? '').toLowerCase() === b.toLowerCase();

export function salesOrderOf(record: IDataObject): FoSalesOrder {
	return {
		SalesOrderNumber: String(record.SalesOrderNumber ?? ''),
		CurrencyCode: String(record.CurrencyCode ?? ''),
		OrderTotalAmount: Number(record.OrderTotalAmount ?? 0),
		OrderTotalTaxAmount: Number(record.OrderTotalTaxAmount ?? 0),
		AreTotalsCalculated: String(record.AreTotalsCalculated ?? 'Yes'),
		SalesOrderStatus: String(record.SalesOrderStatus ?? ''),
	};
}

/** The reads of one page: one operation per part kind per 40 orders. */
export function pageReads(
	orderIds: number[],
	settings: FoReadSettings,
): Array<{ part: Part; operation: BatchOperation }> {
	const options = { prefix: settings.referencePrefix };
	const company = `dataAreaId eq ${odataString(settings.dataAreaId)}`;
	const anyOf = (field: string, values: string[]) =>
		`${company} and (${values.map((v) => `${field} eq ${odataString(v)}`).join(' or ')})`;
	const reads: Array<{ part: Part; operation: BatchOperation }> = [];
	for (let i = 0; i < orderIds.length; i += ORDERS_PER_PART) {
		const ids = orderIds.slice(i, i + ORDERS_PER_PART);
		const refs = ids.map((id) => orderReference(settings.storeHash, id, options));
		const refundRefs = refs.map((r) => `${r}-R*`);
		const lineRefs = ids.map((id) => `${orderShortReference(id, options)}-*`);
		reads.push(
			{
				part: 'salesOrders',
				operation: read(
					'SalesOrderHeadersV2',
					SALES_ORDER_SELECT,
					anyOf('CustomersOrderReference', refs),
				),
			},
			{
				part: 'invoices',
				operation: read(
					'SalesInvoiceHeadersV2',
					INVOICE_SELECT,
					anyOf('CustomersOrderReference', refs),
				),
			},
			{
				part: 'lines',
				operation: read(
					'CustomerPaymentJournalLines',
					LINE_SELECT,
					anyOf('PaymentReference', lineRefs),
				),
			},
			{
				part: 'returnOrders',
				operation: read(
					'ReturnOrderHeaders',
					['dataAreaId', 'ReturnOrderNumber', 'CustomersOrderReference'],
					anyOf('CustomersOrderReference', refundRefs),
				),
			},
			{
				part: 'freeText',
				operation: read(
					'FreeTextInvoiceHeaders',
					['dataAreaId', 'InvoiceIdentifier', 'CustomerReference'],
					anyOf('CustomerReference', refundRefs),
				),
			},
		);
	}
	return reads;
}

/** Sorts the records of a page's reads to their orders, keeping only exact reference matches. */
export function assignRecords(
	orderIds: number[],
	records: Array<{ part: Part; record: IDataObject }>,
	settings: FoReadSettings,
): Map<number, FoOrderFacts> {
	const options = { prefix: settings.referencePrefix };
	const byOrder = new Map(orderIds.map((id) => [id, emptyFoFacts()]));
	const byReference = new Map(
		orderIds.map((id) => [orderReference(settings.storeHash, id, options).toLowerCase(), id]),
	);
	const invoiceNumbersSeen = new Set<string>();
	for (const { part, record } of records) {
		if (!same(record.dataAreaId, settings.dataAreaId)) continue;
		if (part === 'salesOrders' || part === 'invoices') {
			const orderId = byReference.get(String(record.CustomersOrderReference ?? '').toLowerCase());
			const facts = orderId === undefined ? undefined : byOrder.get(orderId);
			if (!facts) continue;
			if (part === 'salesOrders') facts.salesOrders.push(salesOrderOf(record));
			else if (!invoiceNumbersSeen.has(String(record.InvoiceNumber))) {
				invoiceNumbersSeen.add(String(record.InvoiceNumber));
				facts.invoices.push({
					InvoiceNumber: String(record.InvoiceNumber ?? ''),
					InvoiceDate: String(record.InvoiceDate ?? ''),
					LedgerVoucher: String(record.LedgerVoucher ?? ''),
					SalesOrderNumber: String(record.SalesOrderNumber ?? ''),
					CurrencyCode: String(record.CurrencyCode ?? ''),
					TotalInvoiceAmount: Number(record.TotalInvoiceAmount ?? 0),
					TotalTaxAmount: Number(record.TotalTaxAmount ?? 0),
				});
			}
		} else if (part === 'lines') {
			const reference = String(record.PaymentReference ?? '');
			const line: FoPaymentLine = {
				JournalBatchNumber: String(record.JournalBatchNumber ?? ''),
				LineNumber: Number(record.LineNumber ?? 0),
				PaymentReference: reference,
				CreditAmount: Number(record.CreditAmount ?? 0),
				DebitAmount: Number(record.DebitAmount ?? 0),
				CurrencyCode: String(record.CurrencyCode ?? ''),
			};
			const payment = parseTransactionReference(reference, options);
			const payout = parseRefundPaymentReference(reference, options);
			if (payment)
				byOrder
					.get(payment.orderId)
					?.payments.push({ ...line, transactionId: payment.transactionId });
			else if (payout)
				byOrder
					.get(payout.orderId)
					?.payouts.push({ ...line, refundId: payout.refundId, position: payout.position });
		} else {
			const field = part === 'returnOrders' ? 'CustomersOrderReference' : 'CustomerReference';
			const parsed = parseRefundReference(String(record[field] ?? ''), options);
			if (!parsed || !same(parsed.storeHash, settings.storeHash)) continue;
			byOrder.get(parsed.orderId)?.creditDocuments.push(
				part === 'returnOrders'
					? {
							entity: 'ReturnOrderHeaders',
							refundId: parsed.refundId,
							keys: { ReturnOrderNumber: String(record.ReturnOrderNumber) },
						}
					: {
							entity: 'FreeTextInvoiceHeaders',
							refundId: parsed.refundId,
							keys: { InvoiceIdentifier: Number(record.InvoiceIdentifier) },
						},
			);
		}
	}
	return byOrder;
}

interface Collection {
	value?: IDataObject[];
	'@odata.nextLink'?: string;
}

/** The rest of a part F&O paged (server-driven paging; rare at 40 orders per read). */
async function followNextLinks(context: HttpContext, link: string | undefined, itemIndex?: number) {
	const records: IDataObject[] = [];
	let requests = 0;
	while (link) {
		const response = await foRequest<Collection>(context, { method: 'GET', path: link, itemIndex });
		requests += response.attempts;
		records.push(...(response.body.value ?? []));
		link = response.body['@odata.nextLink'];
	}
	return { records, requests };
}

/** The records of a batch of reads (no changeset: safe to re-send), retried while F&O throttles. */
export async function readParts<P extends string>(
	context: HttpContext,
	reads: Array<{ part: P; operation: BatchOperation }>,
	settings: FoReadSettings,
): Promise<{ records: Array<{ part: P; record: IDataObject }>; requests: number }> {
	let requests = 0;
	for (let round = 0; ; round++) {
		const outcome = await sendBatch(
			context,
			settings.environmentUrl,
			{ reads: reads.map((r) => r.operation) },
			{ itemIndex: settings.itemIndex },
		);
		requests += outcome.attempts;
		if (outcome.ok) {
			const records: Array<{ part: P; record: IDataObject }> = [];
			for (const [index, result] of outcome.parts.entries()) {
				const part = reads[index]?.part;
				if (!part) continue;
				const body = (result.body ?? {}) as Collection;
				for (const record of body.value ?? []) records.push({ part, record });
				const rest = await followNextLinks(context, body['@odata.nextLink'], settings.itemIndex);
				requests += rest.requests;
				for (const record of rest.records) records.push({ part, record });
			}
			return { records, requests };
		}
		if (!outcome.throttled) throw outcome.error;
		if (round >= (settings.maxThrottleRetries ?? 3))
			throw new Error('F&O kept throttling the reconciliation reads; run it again later');
		await sleep(Math.min(outcome.retryAfterMs, MAX_THROTTLE_WAIT_MS));
	}
}

/**
 * F&O's facts for a page of orders, and the HTTP requests it took: one `$batch`, and one more for
 * the lines of its credit documents and tax-liability lines when it has any (./followUpReads.ts).
 */
export async function readFoFacts(
	context: HttpContext,
	orderIds: number[],
	settings: FoReadSettings,
): Promise<{ byOrder: Map<number, FoOrderFacts>; requests: number }> {
	if (!orderIds.length) return { byOrder: new Map(), requests: 0 };
	const { records, requests } = await readParts(context, pageReads(orderIds, settings), settings);
	const byOrder = assignRecords(orderIds, records, settings);
	const lineRequests = await readFollowUps(context, byOrder, settings);
	return { byOrder, requests: requests + lineRequests };
}

/**
 * Sales orders carrying this store's order reference that F&O created in a time window: the
 * candidates for `extra_in_fo` (their orders are then looked up in the store). One query, paged.
 */
export async function foOrdersCreatedBetween(
	context: HttpContext,
	from: string,
	to: string,
	settings: FoReadSettings,
): Promise<{ records: IDataObject[]; requests: number }> {
	const prefix = `${settings.referencePrefix ?? 'BC'}-${settings.storeHash}-*`;
	const filter = `dataAreaId eq ${odataString(settings.dataAreaId)} and CustomersOrderReference eq ${odataString(prefix)} and OrderCreationDateTime ge ${from} and OrderCreationDateTime le ${to}`;
	const response = await foRequest<Collection>(context, {
		method: 'GET',
		path: entityPath('SalesOrderHeadersV2'),
		qs: { 'cross-company': 'true', $filter: filter, $select: SALES_ORDER_SELECT.join(',') },
		itemIndex: settings.itemIndex,
	});
	const rest = await followNextLinks(context, response.body['@odata.nextLink'], settings.itemIndex);
	return {
		records: [...(response.body.value ?? []), ...rest.records],
		requests: response.attempts + rest.requests,
	};
}
