/**
 * F&O's number sequences on create: the generated keys (sales order numbers, customer accounts,
 * journal batches, lot ids, line numbers, RecIds, ...) in their formats, and the refusal of a
 * number supplied where the sequence allows no manual numbers. Apart from defaults and validations
 * because invoicing (./invoicing.ts) numbers the orders and lots it makes with the same formats.
 */
import type { InfologLine } from './errors';
import { blank, type RuleContext } from './ruleContext';

const upperCompany = (c: string) => c.toUpperCase();
const pad = (n: number, width = 6) => String(n).padStart(width, '0');

/** Number sequence formats; F&O's examples show `DAT-000024` (orders), `DAT-000053` (customers), `DAT-000029` (journals). */
export const FORMATS = {
	SalesOrderNumber: (n: number, c: string) => `${upperCompany(c)}-${pad(n)}`,
	CustomerAccount: (n: number, c: string) => `${upperCompany(c)}-C${pad(n)}`,
	JournalBatchNumber: (n: number, c: string) => `${upperCompany(c)}-J${pad(n)}`,
	ReturnOrderNumber: (n: number, c: string) => `${upperCompany(c)}-RMA${pad(n)}`,
	InventoryLotId: (n: number, c: string) => `${upperCompany(c)}-L${pad(n, 8)}`,
	Voucher: (n: number, c: string) => `${upperCompany(c)}-V${pad(n)}`,
};

/**
 * Generated keys and manual-number checks on create. Returns Infolog lines on failure.
 * Number sequences: SalesOrderNumber, CustomerAccount, JournalBatchNumber,
 * InventoryLotId, LineNumber, InvoiceIdentifier (RecId), ReturnOrderNumber are generated.
 */
export function assignGeneratedKeys(
	set: string,
	data: Record<string, unknown>,
	ctx: RuleContext,
): InfologLine[] | undefined {
	const { store, company, sent, switches } = ctx;
	const sequence = (
		field: 'SalesOrderNumber' | 'CustomerAccount',
		label: string,
	): InfologLine[] | undefined => {
		if (!blank(sent[field])) {
			// Supplying the number needs a sequence that allows manual numbers [wording inferred].
			if (!switches.manualNumbers[field]) {
				return [
					{
						level: 'Error',
						text: `The number sequence for ${label} does not allow the number to be entered manually`,
					},
				];
			}
			return undefined;
		}
		data[field] = store.nextNumber(field, company, FORMATS[field]);
		return undefined;
	};
	switch (set) {
		case 'SalesOrderHeadersV2':
			return sequence('SalesOrderNumber', 'Sales order');
		case 'CustomersV3':
			return sequence('CustomerAccount', 'Customer account');
		case 'CustomerPaymentJournalHeaders':
			data.JournalBatchNumber = store.nextNumber(
				'JournalBatchNumber',
				company,
				FORMATS.JournalBatchNumber,
			);
			return undefined;
		case 'ReturnOrderHeaders':
			data.ReturnOrderNumber = store.nextNumber(
				'ReturnOrderNumber',
				company,
				FORMATS.ReturnOrderNumber,
			);
			if (blank(data.RMANumber)) data.RMANumber = data.ReturnOrderNumber;
			return undefined;
		case 'SalesOrderLines':
			data.InventoryLotId = store.nextNumber('InventoryLotId', company, FORMATS.InventoryLotId);
			data.LineNumber = store.nextLineNumber(
				`SalesLine\u0001${company}\u0001${String(data.SalesOrderNumber).toLowerCase()}`,
			);
			data.LineCreationSequenceNumber = data.LineNumber;
			return undefined;
		case 'ReturnOrderLines':
			data.ReturnInventoryLotId = store.nextNumber(
				'InventoryLotId',
				company,
				FORMATS.InventoryLotId,
			);
			return undefined;
		case 'CustomerPaymentJournalLines':
			data.LineNumber = store.nextLineNumber(
				`LedgerJournalTrans\u0001${company}\u0001${String(data.JournalBatchNumber).toLowerCase()}`,
			);
			if (blank(data.Voucher)) data.Voucher = store.nextNumber('Voucher', company, FORMATS.Voucher);
			return undefined;
		case 'FreeTextInvoiceHeaders':
			// InvoiceIdentifier is the header's RecId (Int64).
			data.InvoiceIdentifier = store.nextRecId();
			if (blank(data.FreeTextNumber)) data.FreeTextNumber = 'Not posted';
			return undefined;
		case 'FreeTextInvoiceLines':
			data.LineNumber = store.nextLineNumber(
				`CustInvoiceLine\u0001${company}\u0001${String(data.ParentRecId)}`,
			);
			return undefined;
		default:
			return undefined;
	}
}
