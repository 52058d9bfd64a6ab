/**
 * The F&O documents this pack posts as a header with lines, each described once: where header and
 * lines live, how the header's key is read and found again by the BigCommerce reference, how its
 * lines are counted, and how messages name it. The posting engine (documentWrite.ts) needs
 * nothing else to write any of them exactly once and never by halves.
 */
import type { IDataObject } from 'n8n-workflow';

import type { EntityKeys, KeyValue } from '../odata';

export interface DocumentDescriptor<Key extends EntityKeys = EntityKeys> {
	headerSet: string;
	lineSet: string;
	/** The header field carrying the BigCommerce reference, the document's natural key. */
	referenceField: string;
	/** What a lookup by reference reads of the header. */
	select: readonly string[];
	/** The header's key, from a created or found header record. */
	keyOf(dataAreaId: string, header: IDataObject): Key;
	/** The lines of a header: filter and one cheap field to read. */
	lineFilter(keys: Key): Record<string, KeyValue>;
	lineSelect: readonly string[];
	/** How messages name it. */
	names: {
		/** `Order not posted: …`, `Return order lines rejected …` */
		label: string;
		/** `Delete sales order SO-1 …`, `Sales order SO-1 has 2 of 3 lines` */
		header: string;
		/** `Order header not posted after 4 attempts` */
		headerNotPosted: string;
		/** `before the order is posted again` */
		source: string;
		/** `so nothing of the order remains` */
		whole: string;
	};
}

export type SalesOrderKeys = { dataAreaId: string; SalesOrderNumber: string };
export type ReturnOrderKeys = { dataAreaId: string; ReturnOrderNumber: string };
export type FreeTextInvoiceKeys = { dataAreaId: string; InvoiceIdentifier: number };

export const SALES_ORDER: DocumentDescriptor<SalesOrderKeys> = {
	headerSet: 'SalesOrderHeadersV2',
	lineSet: 'SalesOrderLines',
	referenceField: 'CustomersOrderReference',
	select: [
		'dataAreaId',
		'SalesOrderNumber',
		'CustomersOrderReference',
		'OrderingCustomerAccountNumber',
	],
	keyOf: (dataAreaId, header) => ({
		dataAreaId,
		SalesOrderNumber: String(header.SalesOrderNumber),
	}),
	lineFilter: (keys) => ({ ...keys }),
	lineSelect: ['InventoryLotId'],
	names: {
		label: 'Order',
		header: 'sales order',
		headerNotPosted: 'Order header',
		source: 'order',
		whole: 'the order',
	},
};

/** A credit document is named by its entity set in messages and is posted for a refund. */
const creditDocumentNames = (label: string, headerSet: string): DocumentDescriptor['names'] => ({
	label,
	header: headerSet,
	headerNotPosted: `${headerSet}: header`,
	source: 'refund',
	whole: 'this document',
});

export const RETURN_ORDER: DocumentDescriptor<ReturnOrderKeys> = {
	headerSet: 'ReturnOrderHeaders',
	lineSet: 'ReturnOrderLines',
	referenceField: 'CustomersOrderReference',
	select: ['dataAreaId', 'ReturnOrderNumber', 'CustomersOrderReference', 'CustomerAccountNumber'],
	keyOf: (dataAreaId, header) => ({
		dataAreaId,
		ReturnOrderNumber: String(header.ReturnOrderNumber),
	}),
	lineFilter: (keys) => ({ ...keys }),
	lineSelect: ['ReturnInventoryLotId'],
	names: creditDocumentNames('Return order', 'ReturnOrderHeaders'),
};

/** A free-text credit note: its InvoiceIdentifier is a generated RecId, the lines' ParentRecId. */
export const FREE_TEXT_CREDIT: DocumentDescriptor<FreeTextInvoiceKeys> = {
	headerSet: 'FreeTextInvoiceHeaders',
	lineSet: 'FreeTextInvoiceLines',
	referenceField: 'CustomerReference',
	select: [
		'dataAreaId',
		'InvoiceIdentifier',
		'CustomerReference',
		'CustomerAccount',
		'FreeTextNumber',
	],
	keyOf: (dataAreaId, header) => ({
		dataAreaId,
		InvoiceIdentifier: Number(header.InvoiceIdentifier),
	}),
	lineFilter: (keys) => ({ dataAreaId: keys.dataAreaId, ParentRecId: keys.InvoiceIdentifier }),
	lineSelect: ['LineNumber'],
	names: creditDocumentNames('Free-text credit note', 'FreeTextInvoiceHeaders'),
};

/** The credit documents a refund makes, by kind (posting/creditNote.ts). */
export type CreditKind = 'returnOrder' | 'freeTextCredit';

export const CREDIT_DOCUMENTS: Record<CreditKind, DocumentDescriptor> = {
	returnOrder: RETURN_ORDER,
	freeTextCredit: FREE_TEXT_CREDIT,
};

/** `SO-1`, `5637144576`: the key without the company, as people read it. */
export const keyText = (keys: EntityKeys): string =>
	Object.entries(keys)
		.filter(([name]) => name !== 'dataAreaId')
		.map(([, value]) => String(value))
		.join('/');
