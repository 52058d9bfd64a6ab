/**
 * Balances as F&O's ledger would show them once what the pack wrote is posted, so a test can prove
 * that money agrees: a customer's open balance (what they owe, negative = open credit) and each
 * payment journal's debit and credit totals per offset account. `GET /d365/balances?dataAreaId=`.
 *
 * The pack writes documents F&O posts later (journals are posted, return orders and free-text
 * invoices invoiced, by a person or a batch job); this report posts nothing, it reads every record
 * as if posted, the way F&O signs it:
 * - a customer payment journal line with AccountType Cust: DebitAmount raises the customer's
 *   balance (money paid out to them: a refund payout), CreditAmount lowers it (money received);
 *   its offset account takes the opposite side (the bank receives CreditAmount, pays DebitAmount);
 * - a return order credits the customer by its lines' LineAmount (negative, as F&O's return lines
 *   carry it); a free-text invoice debits by its lines' TransactionCurrencyAmount (a credit note's
 *   are negative);
 * - a sales order debits the customer by its OrderTotalAmount as the sandbox reads it back
 *   (pricing.ts: lines, charges and discounts).
 * The credit documents are taken in the price basis the pack wrote them (`creditNotes`), and the
 * sales tax F&O adds when it invoices them is reported beside (`creditNoteTax`, in `balance`),
 * calculated as tax.ts calculates an order's: a return line under the customer's sales tax group
 * and its released product's item sales tax group (ReturnOrderLines carry neither field), tax added
 * on top [inferred: the return order's prices-include-tax flag is the customer's, not exposed];
 * a free-text line under its own SalesTaxGroupId and SalesTaxItemGroupId, tax added when the
 * header says InclTax = No and backed out of the amount (nothing added) when Yes.
 * A line's account is its display value with the delimiter escapes removed (`WEB\-GUEST`).
 */
import { withOrderTotals } from './pricing';
import { orderSalesTax } from './tax';
import type { D365Store } from './store';
import type { D365Switches } from './switches';

const round2 = (n: number) => Math.round(n * 100) / 100;
const num = (v: unknown) => Number(v) || 0;
const unescape = (display: unknown) => String(display ?? '').replace(/\\(.)/g, '$1');

export interface CustomerBalance {
	CustomerAccount: string;
	CurrencyCode: string;
	/** Σ sales order totals (debit). */
	salesOrders: number;
	/** Σ credit notes: return orders + free-text invoices (negative for credits). */
	creditNotes: number;
	/** Σ sales tax F&O adds to the credit notes when it invoices them (negative for credits). */
	creditNoteTax: number;
	/** Σ CreditAmount of payment lines (money received), as a negative. */
	payments: number;
	/** Σ DebitAmount of payment lines (money paid back). */
	payouts: number;
	/** All of the above: > 0 the customer owes, < 0 open credit. */
	balance: number;
}

export interface JournalBalance {
	JournalBatchNumber: string;
	JournalName: string;
	Description: string;
	IsPosted: string;
	lines: number;
	debit: number;
	credit: number;
	/** Per offset account: what it receives (CreditAmount) less what it pays (DebitAmount). */
	offsetAccounts: Array<{
		OffsetAccountType: string;
		OffsetAccount: string;
		CurrencyCode: string;
		net: number;
	}>;
}

export function balances(
	store: D365Store,
	dataAreaId: string,
	switches: Pick<D365Switches, 'salesTaxCalculation'> = { salesTaxCalculation: 'line' },
): { customers: CustomerBalance[]; journals: JournalBalance[] } {
	const customers = new Map<string, CustomerBalance>();
	const customer = (account: unknown, currency: unknown): CustomerBalance => {
		const key = `${String(account).toLowerCase()}\u0001${String(currency).toUpperCase()}`;
		let entry = customers.get(key);
		if (!entry) {
			entry = {
				CustomerAccount: String(account),
				CurrencyCode: String(currency ?? ''),
				salesOrders: 0,
				creditNotes: 0,
				creditNoteTax: 0,
				payments: 0,
				payouts: 0,
				balance: 0,
			};
			customers.set(key, entry);
		}
		return entry;
	};
	const list = (set: string) => store.list(set, dataAreaId);

	for (const header of list('SalesOrderHeadersV2')) {
		const totals = withOrderTotals(store, header);
		customer(
			header.InvoiceCustomerAccountNumber ?? header.OrderingCustomerAccountNumber,
			header.CurrencyCode,
		).salesOrders += num(totals.OrderTotalAmount);
	}
	const taxOf = (header: Record<string, unknown>, lines: Array<Record<string, unknown>>) =>
		orderSalesTax(store, { dataAreaId, ...header }, lines, switches).total;
	const returnLines = list('ReturnOrderLines');
	for (const header of list('ReturnOrderHeaders')) {
		const lines = returnLines.filter(
			(l) => String(l.ReturnOrderNumber) === String(header.ReturnOrderNumber),
		);
		const entry = customer(header.CustomerAccountNumber, header.CurrencyCode);
		entry.creditNotes += lines.reduce((s, l) => s + num(l.LineAmount), 0);
		const buyer = store.find('CustomersV3', {
			dataAreaId,
			CustomerAccount: header.CustomerAccountNumber,
		})?.data;
		const taxed = lines.map((l) => ({
			LineAmount: l.LineAmount,
			SalesTaxGroupCode: buyer?.SalesTaxGroup,
			SalesTaxItemGroupCode: store.find('ReleasedProductsV2', {
				dataAreaId,
				ItemNumber: l.ItemNumber,
			})?.data.SalesSalesTaxItemGroupCode,
		}));
		entry.creditNoteTax += taxOf({ CurrencyCode: header.CurrencyCode }, taxed);
	}
	const freeTextLines = list('FreeTextInvoiceLines');
	for (const header of list('FreeTextInvoiceHeaders')) {
		const lines = freeTextLines.filter((l) => num(l.ParentRecId) === num(header.InvoiceIdentifier));
		const entry = customer(header.InvoiceAccount || header.CustomerAccount, header.CurrencyCode);
		entry.creditNotes += lines.reduce((s, l) => s + num(l.TransactionCurrencyAmount), 0);
		if (header.InclTax === 'Yes') continue; // the tax is inside the amounts
		const taxed = lines.map((l) => ({
			LineAmount: l.TransactionCurrencyAmount,
			SalesTaxGroupCode: l.SalesTaxGroupId ?? header.SalesTaxGroupId,
			SalesTaxItemGroupCode: l.SalesTaxItemGroupId ?? header.SalesTaxItemGroupId,
		}));
		entry.creditNoteTax += taxOf({ CurrencyCode: header.CurrencyCode }, taxed);
	}

	const journals = new Map<string, JournalBalance>();
	for (const header of list('CustomerPaymentJournalHeaders')) {
		journals.set(String(header.JournalBatchNumber).toLowerCase(), {
			JournalBatchNumber: String(header.JournalBatchNumber),
			JournalName: String(header.JournalName ?? ''),
			Description: String(header.Description ?? ''),
			IsPosted: String(header.IsPosted ?? 'No'),
			lines: 0,
			debit: 0,
			credit: 0,
			offsetAccounts: [],
		});
	}
	for (const line of list('CustomerPaymentJournalLines')) {
		const debit = num(line.DebitAmount);
		const credit = num(line.CreditAmount);
		if (line.AccountType === 'Cust') {
			const entry = customer(unescape(line.AccountDisplayValue), line.CurrencyCode);
			entry.payments -= credit;
			entry.payouts += debit;
		}
		const journal = journals.get(String(line.JournalBatchNumber).toLowerCase());
		if (!journal) continue;
		journal.lines++;
		journal.debit += debit;
		journal.credit += credit;
		const type = String(line.OffsetAccountType ?? '');
		const account = unescape(line.OffsetAccountDisplayValue);
		const currency = String(line.CurrencyCode ?? '');
		let offset = journal.offsetAccounts.find(
			(o) =>
				o.OffsetAccountType === type &&
				o.OffsetAccount.toLowerCase() === account.toLowerCase() &&
				o.CurrencyCode === currency,
		);
		if (!offset) {
			offset = { OffsetAccountType: type, OffsetAccount: account, CurrencyCode: currency, net: 0 };
			journal.offsetAccounts.push(offset);
		}
		offset.net += credit - debit;
	}

	const rounded = [...customers.values()].map((c) => {
		const out = {
			...c,
			salesOrders: round2(c.salesOrders),
			creditNotes: round2(c.creditNotes),
			creditNoteTax: round2(c.creditNoteTax),
			payments: round2(c.payments),
			payouts: round2(c.payouts),
		};
		out.balance = round2(
			out.salesOrders + out.creditNotes + out.creditNoteTax + out.payments + out.payouts,
		);
		return out;
	});
	const journalList = [...journals.values()].map((j) => ({
		...j,
		debit: round2(j.debit),
		credit: round2(j.credit),
		offsetAccounts: j.offsetAccounts.map((o) => ({ ...o, net: round2(o.net) })),
	}));
	return { customers: rounded, journals: journalList };
}
