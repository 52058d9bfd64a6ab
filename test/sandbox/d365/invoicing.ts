/**
 * What happens to sales orders in F&O after the pack posted them, as admin routes, so
 * reconciliation has a ledger to compare against: invoicing an order (F&O's "Invoice" posting, which
 * writes SalesInvoiceHeadersV2 / SalesInvoiceLines and sets the order Invoiced), and the faults a
 * month-end finds: an order deleted from F&O, one posted twice, an amount changed by hand, a
 * document (a refund's credit note or payout) that never got posted. Under `/d365/` on the admin
 * server (no auth); `dataAreaId` defaults to the service user's default company:
 *
 *   POST   /d365/sales-orders/:number/invoice    {"dataAreaId","invoiceDate":"2026-05-01"} → the
 *          invoice header (InvoiceNumber CIV-…, LedgerVoucher ARI-…, the order's totals as F&O
 *          calculates them now); 409 when the order is already invoiced
 *   POST   /d365/sales-orders/:number/duplicate  {"dataAreaId"} → a copy of header + lines under
 *          the next generated number, CustomersOrderReference unchanged (a double post)
 *   DELETE /d365/sales-orders/:number?dataAreaId=  the header, its lines and its invoices removed
 *   PATCH  /d365/records/:set?Field=value&…      {"LineAmount":12.5} sets fields on every record
 *          whose fields equal the query values (case-insensitive): a hand-changed amount
 *   DELETE /d365/records/:set?Field=value&…      removes those records: an unposted document
 *
 * A record set by these routes is not checked by the OData rules (the point is to disagree).
 * Invoicing posts the whole order at once: partial invoicing is not modelled.
 */
import type { AdminHandler, AdminResult } from '../types';
import { withOrderTotals } from './pricing';
import { FORMATS } from './rules';
import type { D365Store, StoredRecord } from './store';
import type { D365Switches } from './switches';
import { orderSalesTax } from './tax';

export interface InvoicingDeps {
	store: D365Store;
	switches: D365Switches;
}

const pad = (n: number) => String(n).padStart(6, '0');
const INVOICE_NUMBER = (n: number, c: string) => `${c.toUpperCase()}-CIV${pad(n)}`;
const INVOICE_VOUCHER = (n: number, c: string) => `${c.toUpperCase()}-ARI${pad(n)}`;
const same = (a: unknown, b: unknown) => String(a).toLowerCase() === String(b).toLowerCase();

function invoiceDateOf(value: unknown): string | undefined {
	if (value === undefined || value === '')
		return `${new Date().toISOString().slice(0, 10)}T12:00:00Z`;
	if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\d/.test(value)) return undefined;
	return `${value.slice(0, 10)}T12:00:00Z`;
}

export function createInvoicingAdmin({ store, switches }: InvoicingDeps): AdminHandler {
	const companyOf = (body: unknown, query: URLSearchParams) =>
		String(
			(body as { dataAreaId?: string } | undefined)?.dataAreaId ??
				query.get('dataAreaId') ??
				switches.defaultCompany,
		).toLowerCase();
	const headerOf = (company: string, number: string) =>
		store.find('SalesOrderHeadersV2', { dataAreaId: company, SalesOrderNumber: number });
	const linesOf = (company: string, number: string) =>
		store
			.all('SalesOrderLines')
			.filter((l) => l.data.dataAreaId === company && same(l.data.SalesOrderNumber, number));
	const notFound = (company: string, number: string): AdminResult => ({
		status: 404,
		body: { error: `no sales order ${number} in ${company}` },
	});

	const invoice = (company: string, header: StoredRecord, body: unknown): AdminResult => {
		if (header.data.SalesOrderStatus === 'Invoiced')
			return {
				status: 409,
				body: { error: `sales order ${header.data.SalesOrderNumber} is already invoiced` },
			};
		const invoiceDate = invoiceDateOf((body as { invoiceDate?: unknown } | undefined)?.invoiceDate);
		if (!invoiceDate) return { status: 400, body: { error: 'invoiceDate must be YYYY-MM-DD' } };
		const totals = withOrderTotals(store, header.data, switches);
		const lines = linesOf(company, String(header.data.SalesOrderNumber)).map((l) => l.data);
		const lineTax = orderSalesTax(store, header.data, lines, switches).perLine;
		const invoiceNumber = store.nextNumber('SalesInvoice', company, INVOICE_NUMBER);
		const keys = {
			dataAreaId: company,
			InvoiceNumber: invoiceNumber,
			InvoiceDate: invoiceDate,
			LedgerVoucher: store.nextNumber('SalesInvoiceVoucher', company, INVOICE_VOUCHER),
		};
		const invoiceHeader = store.seed('SalesInvoiceHeadersV2', {
			...keys,
			SalesOrderNumber: header.data.SalesOrderNumber,
			CustomersOrderReference: header.data.CustomersOrderReference,
			InvoiceCustomerAccountNumber: header.data.InvoiceCustomerAccountNumber,
			CurrencyCode: header.data.CurrencyCode,
			DeliveryModeCode: header.data.DeliveryModeCode,
			PaymentTermsName: header.data.PaymentTermsName,
			TotalTaxAmount: totals.OrderTotalTaxAmount,
			InvoiceHeaderTaxAmount: totals.OrderHeaderTaxAmount,
			TotalChargeAmount: totals.OrderTotalChargesAmount,
			TotalDiscountAmount: totals.OrderTotalDiscountAmount,
			TotalInvoiceAmount: totals.OrderTotalAmount,
		});
		lines.forEach((line, index) =>
			store.seed('SalesInvoiceLines', {
				dataAreaId: company,
				InvoiceNumber: invoiceNumber,
				InvoiceDate: invoiceDate,
				LineCreationSequenceNumber: Number(line.LineCreationSequenceNumber) || index + 1,
				CurrencyCode: line.CurrencyCode || header.data.CurrencyCode,
				InvoicedQuantity: line.OrderedSalesQuantity,
				SalesPrice: line.SalesPrice,
				SalesUnitSymbol: line.SalesUnitSymbol,
				LineAmount: line.LineAmount,
				LineTotalTaxAmount: lineTax[index] ?? 0,
				LineTotalDiscountAmount: line.LineDiscountAmount,
				ProductNumber: line.ItemNumber,
				ProductColorId: line.ProductColorId,
				ProductConfigurationId: line.ProductConfigurationId,
				ProductSizeId: line.ProductSizeId,
				ProductStyleId: line.ProductStyleId,
				ProductVersionId: line.ProductVersionId,
				InventorySiteId: line.ShippingSiteId,
				InventoryWarehouseId: line.ShippingWarehouseId,
			}),
		);
		header.data.SalesOrderStatus = 'Invoiced';
		header.version++;
		for (const line of linesOf(company, String(header.data.SalesOrderNumber))) {
			line.data.SalesOrderLineStatus = 'Invoiced';
			line.version++;
		}
		return { status: 201, body: invoiceHeader.data };
	};

	const duplicate = (company: string, header: StoredRecord): AdminResult => {
		const number = store.nextNumber('SalesOrderNumber', company, FORMATS.SalesOrderNumber);
		const copy = store.seed('SalesOrderHeadersV2', { ...header.data, SalesOrderNumber: number });
		for (const line of linesOf(company, String(header.data.SalesOrderNumber))) {
			store.seed('SalesOrderLines', {
				...line.data,
				SalesOrderNumber: number,
				InventoryLotId: store.nextNumber('InventoryLotId', company, FORMATS.InventoryLotId),
			});
		}
		return { status: 201, body: copy.data };
	};

	const remove = (company: string, header: StoredRecord): AdminResult => {
		const number = String(header.data.SalesOrderNumber);
		const invoices = store
			.all('SalesInvoiceHeadersV2')
			.filter((i) => i.data.dataAreaId === company && same(i.data.SalesOrderNumber, number));
		for (const inv of invoices) {
			for (const line of store.all('SalesInvoiceLines'))
				if (line.data.dataAreaId === company && line.data.InvoiceNumber === inv.data.InvoiceNumber)
					store.remove('SalesInvoiceLines', line);
			store.remove('SalesInvoiceHeadersV2', inv);
		}
		store.remove('SalesOrderHeadersV2', header); // its lines go with it (store.remove)
		return { status: 200, body: { removed: number, invoices: invoices.length } };
	};

	const matching = (set: string, query: URLSearchParams): StoredRecord[] | AdminResult => {
		const def = store.model.sets.get(set);
		if (!def) return { status: 404, body: { error: `not a served entity set: ${set}` } };
		const conditions = [...query.entries()];
		if (!conditions.length)
			return { status: 400, body: { error: 'name at least one Field=value to match' } };
		for (const [field] of conditions)
			if (!def.byName.has(field))
				return { status: 400, body: { error: `${set} has no property ${field}` } };
		return store
			.all(set)
			.filter((r) => conditions.every(([field, value]) => same(r.data[field], value)));
	};

	return async (method, path, body, query) => {
		const [head, arg, action] = path;
		if (head === 'sales-orders' && arg) {
			const company = companyOf(body, query);
			const header = headerOf(company, arg);
			if (method === 'POST' && (action === 'invoice' || action === 'duplicate')) {
				if (!header) return notFound(company, arg);
				return action === 'invoice' ? invoice(company, header, body) : duplicate(company, header);
			}
			if (method === 'DELETE' && !action)
				return header ? remove(company, header) : notFound(company, arg);
		}
		if (head === 'records' && arg && (method === 'PATCH' || method === 'DELETE')) {
			const found = matching(arg, query);
			if (!Array.isArray(found)) return found;
			if (method === 'DELETE') {
				for (const r of found) store.remove(arg, r);
				return { status: 200, body: { removed: found.length } };
			}
			const def = store.model.get(arg);
			const changes = Object.entries((body ?? {}) as Record<string, unknown>);
			for (const [field] of changes)
				if (!def.byName.has(field) || def.keys.includes(field))
					return { status: 400, body: { error: `cannot set ${field} on ${arg}` } };
			for (const r of found) {
				Object.assign(r.data, Object.fromEntries(changes));
				r.version++;
			}
			return { status: 200, body: found.map((r) => r.data) };
		}
		return undefined;
	};
}
