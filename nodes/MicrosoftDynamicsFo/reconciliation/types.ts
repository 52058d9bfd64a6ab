/**
 * The shapes reconciliation compares, kept apart from how they are read: what BigCommerce says
 * about one order (its totals, the money it captured, its refunds) and what F&O holds under the
 * references the pack writes (sales orders, invoices, payment journal lines, credit documents,
 * refund payouts). reads.ts fills them from the two APIs; compare.ts decides, without HTTP.
 */

/** The statuses of an order, in the order they are decided: the first that applies is `status`. */
export const ORDER_STATUSES = [
	'missing_in_fo',
	'duplicated_in_fo',
	'amount_differs',
	'tax_differs',
	'payment_differs',
	'refund_differs',
	'matched',
	'extra_in_fo',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface BcOrderFacts {
	orderId: number;
	/** The transactional currency (`default_currency_code`): what the pack posts in. */
	currency: string;
	totalExTax: number;
	totalIncTax: number;
	totalTax: number;
	dateCreated: string;
	dateModified?: string;
	statusId?: number;
	/** Transactions the pack posts (captures and purchases that took money), by id. Undefined: not read. */
	captures?: Array<{ id: number; amount: number }>;
	refunds: Array<{
		id: number;
		amount: number;
		/** What its credit documents should hold (run.ts creditExpected, mapRefund's split). */
		returnedQuantity: number;
		freeTextAmount: number;
		payouts: Array<{ position: number; amount: number }>;
	}>;
}

export interface FoSalesOrder {
	SalesOrderNumber: string;
	CurrencyCode: string;
	/** What the customer owes, tax included (added on top when prices exclude it). */
	OrderTotalAmount: number;
	OrderTotalTaxAmount: number;
	AreTotalsCalculated: string;
	SalesOrderStatus: string;
	/**
	 * Posted with BigCommerce's tax as posted: the sum of its lines on the tax-liability item (that
	 * tax; F&O's own tax figures are zero). Unset when the reconciliation was not asked to read them.
	 */
	taxLineAmount?: number;
}

export interface FoInvoice {
	InvoiceNumber: string;
	InvoiceDate: string;
	LedgerVoucher: string;
	SalesOrderNumber: string;
	CurrencyCode: string;
	TotalInvoiceAmount: number;
	TotalTaxAmount: number;
}

export interface FoPaymentLine {
	JournalBatchNumber: string;
	LineNumber: number;
	PaymentReference: string;
	CreditAmount: number;
	DebitAmount: number;
	CurrencyCode: string;
}

export interface FoCreditDocument {
	entity: 'ReturnOrderHeaders' | 'FreeTextInvoiceHeaders';
	refundId: number;
	keys: Record<string, string | number>;
	/**
	 * Its lines as F&O holds them: a return line's ReturnSalesQuantity, a free-text line's
	 * TransactionCurrencyAmount (both negative as the pack writes them). Undefined: not read.
	 */
	lines?: Array<{ quantity: number; amount: number }>;
}

/** Everything F&O holds for one BigCommerce order, found by the pack's references. */
export interface FoOrderFacts {
	salesOrders: FoSalesOrder[];
	invoices: FoInvoice[];
	/** Lines referenced `<prefix>-<order>-T<transaction>`. */
	payments: Array<FoPaymentLine & { transactionId: number }>;
	/** Lines referenced `<prefix>-<order>-R<refund>-<n>` (refund payouts: DebitAmount). */
	payouts: Array<FoPaymentLine & { refundId: number; position: number }>;
	creditDocuments: FoCreditDocument[];
}

export interface CompareOptions {
	/** Decimals money is compared at (the currency's); default 2. */
	decimals?: number;
	/** Whether refund payouts are expected as payment lines (Payment → Post Refund Payouts is used). */
	expectRefundPayouts?: boolean;
}

export interface FigurePair {
	bigCommerce: number;
	fo: number | null;
	/** BigCommerce − F&O; null when F&O has no figure. */
	difference: number | null;
}
