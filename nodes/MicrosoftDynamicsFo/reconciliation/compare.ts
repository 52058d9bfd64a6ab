/**
 * Does F&O hold what BigCommerce sold, captured and refunded? One order at a time, from facts
 * already read (types.ts), without HTTP, so every rule is testable on its own. Money is compared in
 * the 1/10,000 units of mapping/money.ts, rounded to the currency's decimals: a cent is a cent.
 *
 * Which F&O figure stands for the order: its invoice once invoiced (what reached the ledger), else
 * its sales order's totals as F&O calculated them. A difference in tax alone is `tax_differs` (F&O
 * calculates its own sales tax; the amounts the pack sent agree); anything else in the totals, or
 * another currency, is `amount_differs`. Unknown F&O totals (AreTotalsCalculated = No) are never
 * called matched. Payments compare the captures the pack posts (capture/purchase, ok) one by one
 * with the journal lines carrying their reference; refunds need a credit document each, holding
 * the refunded quantities (return order) and the other refunded amounts (free-text credit note),
 * and, when refund payouts are posted, payout lines whose debits equal what the refund paid back.
 */
import { fromUnits, roundUnits, toUnits } from '../mapping/money';
import {
	ORDER_STATUSES,
	type BcOrderFacts,
	type CompareOptions,
	type FigurePair,
	type FoCreditDocument,
	type FoOrderFacts,
	type FoSalesOrder,
	type OrderStatus,
} from './types';

export interface FoKey {
	entity: string;
	keys: Record<string, string | number>;
}

export interface OrderReconciliation {
	type: 'order';
	status: OrderStatus;
	/** Every status that applies, in decision order (`status` is the first). */
	statuses: OrderStatus[];
	orderId: number;
	reference: string;
	/** When the store created the order (ISO 8601, UTC): the day a report files it under. */
	dateCreated: string;
	currency: string;
	foCurrency: string | null;
	/** Where the F&O figures come from. */
	foSource: 'invoice' | 'salesOrder' | 'none';
	totalIncTax: FigurePair;
	totalExTax: FigurePair;
	tax: FigurePair;
	paid: FigurePair | null;
	/**
	 * BigCommerce's refunds against the part of them F&O holds a credit document for, counted at
	 * BigCommerce's amount (a return order's value is F&O's to price); what the documents hold is
	 * compared in `notes`: returned quantities, free-text amounts and, when expected, payouts.
	 */
	refunded: FigurePair;
	/** What differs, in words a person can act on. */
	notes: string[];
	salesOrderNumbers: string[];
	invoiceNumbers: string[];
	foKeys: FoKey[];
}

const units = (value: number | null | undefined, decimals: number) =>
	value === null || value === undefined ? null : roundUnits(toUnits(value), decimals);

function pair(bc: number, fo: number | null, decimals: number): FigurePair {
	const b = units(bc, decimals) as number;
	const f = units(fo, decimals);
	return {
		bigCommerce: fromUnits(b),
		fo: f === null ? null : fromUnits(f),
		difference: f === null ? null : fromUnits(b - f),
	};
}

const agrees = (p: FigurePair | null) => p === null || p.difference === 0;
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
const sameCurrency = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/** BigCommerce's RFC 2822 dates (and F&O's ISO ones) as ISO 8601 UTC; unparseable ones as given. */
function isoDate(value: string | undefined): string {
	const time = Date.parse(value ?? '');
	return Number.isNaN(time)
		? (value ?? '')
		: new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface FoTotals {
	source: OrderReconciliation['foSource'];
	currency: string | null;
	gross: number | null;
	tax: number | null;
}

function foTotals(order: FoSalesOrder | undefined, fo: FoOrderFacts): FoTotals {
	if (!order) return { source: 'none', currency: null, gross: null, tax: null };
	const invoices = fo.invoices.filter((i) => i.SalesOrderNumber === order.SalesOrderNumber);
	// BigCommerce's tax as posted sits on the tax-liability lines, outside F&O's tax figures; an
	// order invoiced in part would carry only part of it [not handled: the pack's orders are
	// invoiced whole].
	const posted = order.taxLineAmount ?? 0;
	if (invoices.length) {
		return {
			source: 'invoice',
			currency: invoices[0].CurrencyCode,
			gross: sum(invoices.map((i) => i.TotalInvoiceAmount)),
			tax: sum(invoices.map((i) => i.TotalTaxAmount)) + posted,
		};
	}
	const calculated = order.AreTotalsCalculated !== 'No';
	return {
		source: 'salesOrder',
		currency: order.CurrencyCode,
		gross: calculated ? order.OrderTotalAmount : null,
		tax: calculated ? order.OrderTotalTaxAmount + posted : null,
	};
}

function paymentFindings(bc: BcOrderFacts, fo: FoOrderFacts, decimals: number, notes: string[]) {
	if (!bc.captures) return { paid: null, differs: false };
	const posted = new Map(fo.payments.map((p) => [p.transactionId, p]));
	let differs = false;
	for (const capture of bc.captures) {
		const line = posted.get(capture.id);
		if (!line) {
			differs = true;
			notes.push(`Transaction ${capture.id} (${capture.amount}) has no payment journal line`);
		} else if (
			units(line.CreditAmount - line.DebitAmount, decimals) !== units(capture.amount, decimals)
		) {
			differs = true;
			notes.push(
				`Transaction ${capture.id}: BigCommerce captured ${capture.amount}, the journal line credits ${line.CreditAmount - line.DebitAmount}`,
			);
		} else if (!sameCurrency(line.CurrencyCode || bc.currency, bc.currency)) {
			differs = true;
			notes.push(`Transaction ${capture.id} is posted in ${line.CurrencyCode}, not ${bc.currency}`);
		}
	}
	const captured = new Set(bc.captures.map((c) => c.id));
	for (const line of fo.payments) {
		if (!captured.has(line.transactionId)) {
			differs = true;
			notes.push(
				`Journal line ${line.JournalBatchNumber}/${line.LineNumber} (${line.PaymentReference}) is for no capture of this order`,
			);
		}
	}
	const paid = pair(
		sum(bc.captures.map((c) => c.amount)),
		sum(fo.payments.map((p) => p.CreditAmount - p.DebitAmount)),
		decimals,
	);
	return { paid, differs: differs || !agrees(paid) };
}

function refundFindings(
	bc: BcOrderFacts,
	fo: FoOrderFacts,
	options: CompareOptions,
	decimals: number,
	notes: string[],
) {
	let differs = false;
	const refundIds = new Set(bc.refunds.map((r) => r.id));
	for (const refund of bc.refunds) {
		const documents = fo.creditDocuments.filter((d) => d.refundId === refund.id);
		if (!documents.length) {
			differs = true;
			notes.push(`Refund ${refund.id} (${refund.amount}) has no credit note in F&O`);
		} else if (documents.every((d) => d.lines)) {
			const lines = (entity: FoCreditDocument['entity']) =>
				documents.filter((d) => d.entity === entity).flatMap((d) => d.lines ?? []);
			const returned = -sum(lines('ReturnOrderHeaders').map((l) => l.quantity));
			if (returned !== refund.returnedQuantity) {
				differs = true;
				notes.push(
					`Refund ${refund.id} returns ${refund.returnedQuantity} item(s), its return order ${returned}`,
				);
			}
			const credited = -sum(lines('FreeTextInvoiceHeaders').map((l) => l.amount));
			if (units(credited, decimals) !== units(refund.freeTextAmount, decimals)) {
				differs = true;
				notes.push(
					`Refund ${refund.id} refunds ${refund.freeTextAmount} besides its items, its free-text credit note ${fromUnits(units(credited, decimals) as number)}`,
				);
			}
		}
		if (!options.expectRefundPayouts) continue;
		for (const payout of refund.payouts) {
			const line = fo.payouts.find(
				(p) => p.refundId === refund.id && p.position === payout.position,
			);
			if (!line) {
				differs = true;
				notes.push(
					`Refund ${refund.id} payment ${payout.position} (${payout.amount}) has no payout line`,
				);
			} else if (
				units(line.DebitAmount - line.CreditAmount, decimals) !== units(payout.amount, decimals)
			) {
				differs = true;
				notes.push(
					`Refund ${refund.id} payment ${payout.position}: BigCommerce paid back ${payout.amount}, the payout line debits ${line.DebitAmount - line.CreditAmount}`,
				);
			}
		}
	}
	for (const document of fo.creditDocuments) {
		if (!refundIds.has(document.refundId)) {
			differs = true;
			notes.push(
				`${document.entity} ${Object.values(document.keys).join('/')} credits refund ${document.refundId}, which BigCommerce does not have`,
			);
		}
	}
	for (const line of fo.payouts) {
		if (!refundIds.has(line.refundId)) {
			differs = true;
			notes.push(
				`Payout line ${line.PaymentReference} is for refund ${line.refundId}, which BigCommerce does not have`,
			);
		}
	}
	const credited = bc.refunds
		.filter((r) => fo.creditDocuments.some((d) => d.refundId === r.id))
		.map((r) => r.amount);
	return { refunded: pair(sum(bc.refunds.map((r) => r.amount)), sum(credited), decimals), differs };
}

function foKeysOf(fo: FoOrderFacts): FoKey[] {
	return [
		...fo.salesOrders.map((o) => ({
			entity: 'SalesOrderHeadersV2',
			keys: { SalesOrderNumber: o.SalesOrderNumber },
		})),
		...fo.invoices.map((i) => ({
			entity: 'SalesInvoiceHeadersV2',
			keys: {
				InvoiceNumber: i.InvoiceNumber,
				InvoiceDate: i.InvoiceDate,
				LedgerVoucher: i.LedgerVoucher,
			},
		})),
		...[...fo.payments, ...fo.payouts].map((p) => ({
			entity: 'CustomerPaymentJournalLines',
			keys: { JournalBatchNumber: p.JournalBatchNumber, LineNumber: p.LineNumber },
		})),
		...fo.creditDocuments.map((d) => ({ entity: d.entity, keys: d.keys })),
	];
}

/** One BigCommerce order against what F&O holds under its references. */
export function compareOrder(
	bc: BcOrderFacts,
	fo: FoOrderFacts,
	reference: string,
	options: CompareOptions = {},
): OrderReconciliation {
	const decimals = options.decimals ?? 2;
	const notes: string[] = [];
	const statuses = new Set<OrderStatus>();
	const [first] = fo.salesOrders;
	const totals = foTotals(first, fo);
	const net = totals.gross === null || totals.tax === null ? null : totals.gross - totals.tax;
	const totalIncTax = pair(bc.totalIncTax, totals.gross, decimals);
	const totalExTax = pair(bc.totalExTax, net, decimals);
	const tax = pair(bc.totalTax, totals.tax, decimals);
	const payments = paymentFindings(bc, fo, decimals, notes);
	const refunds = refundFindings(bc, fo, options, decimals, notes);

	if (!first) {
		statuses.add('missing_in_fo');
		notes.unshift(`No sales order in F&O carries ${reference}`);
	} else {
		if (fo.salesOrders.length > 1) {
			statuses.add('duplicated_in_fo');
			notes.unshift(
				`${fo.salesOrders.length} sales orders carry ${reference}: ${fo.salesOrders.map((o) => o.SalesOrderNumber).join(', ')}`,
			);
		}
		if (totals.currency !== null && !sameCurrency(totals.currency, bc.currency)) {
			statuses.add('amount_differs');
			notes.push(`F&O holds the order in ${totals.currency}, BigCommerce in ${bc.currency}`);
		} else if (totals.gross === null) {
			statuses.add('amount_differs');
			notes.push(
				`F&O has not calculated the totals of ${first.SalesOrderNumber} (AreTotalsCalculated = No)`,
			);
		} else if (!agrees(tax) && (agrees(totalIncTax) || agrees(totalExTax))) {
			statuses.add('tax_differs');
			notes.push(`Tax: BigCommerce ${tax.bigCommerce}, F&O ${tax.fo}`);
		} else if (!agrees(totalIncTax) || !agrees(totalExTax)) {
			statuses.add('amount_differs');
			notes.push(
				`Total: BigCommerce ${totalIncTax.bigCommerce}, F&O ${totalIncTax.fo} (${totals.source})`,
			);
		}
	}
	if (payments.differs) statuses.add('payment_differs');
	if (refunds.differs) statuses.add('refund_differs');
	if (statuses.size === 0) statuses.add('matched');
	const ordered = ORDER_STATUSES.filter((s) => statuses.has(s));
	return {
		type: 'order',
		status: ordered[0],
		statuses: ordered,
		orderId: bc.orderId,
		reference,
		dateCreated: isoDate(bc.dateCreated),
		currency: bc.currency,
		foCurrency: totals.currency,
		foSource: totals.source,
		totalIncTax,
		totalExTax,
		tax,
		paid: payments.paid,
		refunded: refunds.refunded,
		notes,
		salesOrderNumbers: fo.salesOrders.map((o) => o.SalesOrderNumber),
		invoiceNumbers: fo.invoices.map((i) => i.InvoiceNumber),
		foKeys: foKeysOf(fo),
	};
}

export interface ExtraInFo {
	type: 'order';
	status: 'extra_in_fo';
	statuses: ['extra_in_fo'];
	orderId: number;
	reference: string;
	/** When F&O created the sales order (its OrderCreationDateTime), ISO 8601 UTC. */
	dateCreated: string;
	currency: string;
	totalIncTax: FigurePair;
	notes: string[];
	salesOrderNumbers: string[];
	foKeys: FoKey[];
}

/** A sales order carrying the reference of an order BigCommerce does not have. */
export function extraInFo(
	orderId: number,
	reference: string,
	salesOrders: FoSalesOrder[],
	decimals = 2,
	dateCreated?: string,
): ExtraInFo {
	const gross = sum(salesOrders.map((o) => o.OrderTotalAmount));
	const total = units(gross, decimals) as number;
	return {
		type: 'order',
		status: 'extra_in_fo',
		statuses: ['extra_in_fo'],
		orderId,
		reference,
		dateCreated: isoDate(dateCreated),
		currency: salesOrders[0]?.CurrencyCode ?? '',
		totalIncTax: { bigCommerce: 0, fo: fromUnits(total), difference: fromUnits(-total) },
		notes: [
			`${salesOrders.map((o) => o.SalesOrderNumber).join(', ')} carries ${reference}, but the store has no order ${orderId}`,
		],
		salesOrderNumbers: salesOrders.map((o) => o.SalesOrderNumber),
		foKeys: salesOrders.map((o) => ({
			entity: 'SalesOrderHeadersV2',
			keys: { SalesOrderNumber: o.SalesOrderNumber },
		})),
	};
}
