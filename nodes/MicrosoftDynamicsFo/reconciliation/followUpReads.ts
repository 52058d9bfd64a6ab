/**
 * The second `$batch` of a reconciliation page (./foReads.ts reads the first), sent only when it has
 * something to read: the lines of the page's credit documents (return lines by ReturnOrderNumber:
 * quantities; free-text lines by ParentRecId: amounts) and, for orders posted with BigCommerce's
 * tax as posted, their sales order lines on the tax-liability item, which hold that tax (F&O's own
 * tax figures are zero there: every line is zero-rated). 40 keys per read, `or`-ed; reads only.
 */
import type { HttpContext } from '../../common/http';
import { odataString, type BatchOperation } from '../odata';
import { ORDERS_PER_PART, read, readParts, same, type FoReadSettings } from './foReads';
import type { FoOrderFacts, FoSalesOrder } from './types';

type FollowUp = 'returnLines' | 'freeTextLines' | 'taxLines';

/** One read of a set's lines per 40 keys (already OData literals), `or`-ed on one field. */
function linesOf(
	part: FollowUp,
	set: string,
	select: string[],
	field: string,
	keys: string[],
	settings: FoReadSettings,
	extra = '',
): Array<{ part: FollowUp; operation: BatchOperation }> {
	const reads: Array<{ part: FollowUp; operation: BatchOperation }> = [];
	for (let i = 0; i < keys.length; i += ORDERS_PER_PART) {
		const anyOf = keys
			.slice(i, i + ORDERS_PER_PART)
			.map((k) => `${field} eq ${k}`)
			.join(' or ');
		const filter = `dataAreaId eq ${odataString(settings.dataAreaId)} and (${anyOf})${extra}`;
		reads.push({ part, operation: read(set, ['dataAreaId', field, ...select], filter) });
	}
	return reads;
}

/** Fills in the documents' lines and the orders' tax-liability amounts; returns the requests. */
export async function readFollowUps(
	context: HttpContext,
	byOrder: Map<number, FoOrderFacts>,
	settings: FoReadSettings,
): Promise<number> {
	const documents = [...byOrder.values()].flatMap((f) => f.creditDocuments);
	const returns = documents.filter((d) => d.entity === 'ReturnOrderHeaders');
	const freeText = documents.filter((d) => d.entity === 'FreeTextInvoiceHeaders');
	const taxItem = settings.taxItemNumber?.trim();
	const salesOrders = taxItem ? [...byOrder.values()].flatMap((f) => f.salesOrders) : [];
	const reads = [
		...linesOf(
			'returnLines',
			'ReturnOrderLines',
			['ReturnSalesQuantity', 'LineAmount'],
			'ReturnOrderNumber',
			returns.map((d) => odataString(String(d.keys.ReturnOrderNumber))),
			settings,
		),
		...linesOf(
			'freeTextLines',
			'FreeTextInvoiceLines',
			['LineNumber', 'TransactionCurrencyAmount'],
			'ParentRecId',
			freeText.map((d) => String(Number(d.keys.InvoiceIdentifier))),
			settings,
		),
		...linesOf(
			'taxLines',
			'SalesOrderLines',
			['ItemNumber', 'LineAmount'],
			'SalesOrderNumber',
			salesOrders.map((o) => odataString(o.SalesOrderNumber)),
			settings,
			` and ItemNumber eq ${odataString(taxItem ?? '')}`,
		),
	];
	if (!reads.length) return 0;
	for (const d of documents) d.lines = [];
	for (const o of salesOrders) o.taxLineAmount = 0;
	const byReturn = new Map(returns.map((d) => [String(d.keys.ReturnOrderNumber).toLowerCase(), d]));
	const byParent = new Map(freeText.map((d) => [Number(d.keys.InvoiceIdentifier), d]));
	const byNumber = new Map<string, FoSalesOrder>(
		salesOrders.map((o) => [o.SalesOrderNumber.toLowerCase(), o]),
	);
	const { records, requests } = await readParts(context, reads, settings);
	for (const { part, record } of records) {
		if (!same(record.dataAreaId, settings.dataAreaId)) continue;
		if (part === 'returnLines')
			byReturn
				.get(String(record.ReturnOrderNumber ?? '').toLowerCase())
				?.lines?.push({ quantity: Number(record.ReturnSalesQuantity ?? 0), amount: 0 });
		else if (part === 'freeTextLines')
			byParent
				.get(Number(record.ParentRecId))
				?.lines?.push({ quantity: 0, amount: Number(record.TransactionCurrencyAmount ?? 0) });
		else if (same(record.ItemNumber, taxItem ?? '')) {
			const order = byNumber.get(String(record.SalesOrderNumber ?? '').toLowerCase());
			if (order) order.taxLineAmount = (order.taxLineAmount ?? 0) + Number(record.LineAmount ?? 0);
		}
	}
	return requests;
}
