import { MappingError } from './errors';

/**
 * The reference formats that tie F&O records to their BigCommerce source, in one place, with the
 * parsers the lookup-before-create code uses. Every format is plain `[A-Za-z0-9-]`, so it needs no
 * escaping in an OData `$filter` (no `*` wildcard, no `'`).
 *
 * | record                         | F&O field (entity)                                   | format                          |
 * |--------------------------------|------------------------------------------------------|---------------------------------|
 * | order                          | CustomersOrderReference (SalesOrderHeadersV2)        | `BC-<storeHash>-<orderId>`      |
 * | order (short)                  | CustomerRequisitionNumber (SalesOrderHeadersV2)      | `BC-<orderId>`                  |
 * | payment (transaction)          | PaymentReference (CustomerPaymentJournalLines)       | `BC-<orderId>-T<transactionId>` |
 * | refund payout (payments[n-1])  | PaymentReference (CustomerPaymentJournalLines)       | `BC-<orderId>-R<refundId>-<n>`  |
 * | refund                         | CustomersOrderReference / CustomerReference          | `BC-<storeHash>-<orderId>-R<refundId>` |
 * | refund (short)                 | CustomerRequisitionNumber / CustomerRequisition      | `BC-<orderId>-R<refundId>`      |
 *
 * The prefix (default `BC`) is configurable so two stores posting to one company can be told
 * apart in the short formats, which have no room for the store hash.
 */

/**
 * Field lengths we validate against. F&O's $metadata carries no MaxLength for these properties, so
 * they are the sizes of the standard extended data types behind them: CustRef 60,
 * PurchOrderFormNum 20, SalesId 20, PaymReference 20 (older builds; newer may be longer),
 * LedgerJournalTransTxt 60, CustAccount 20, NameAlias 20. Callers may pass larger limits when
 * their environment allows more.
 */
export const FIELD_MAX_LENGTHS = {
	CustomersOrderReference: 60,
	CustomerRequisitionNumber: 20,
	SalesOrderNumber: 20,
	PaymentReference: 20,
	TransactionText: 60,
	CustomerAccount: 20,
	NameAlias: 20,
	FreeTextCustomerReference: 60,
	FreeTextCustomerRequisition: 20,
} as const;

export const DEFAULT_REFERENCE_PREFIX = 'BC';

const TOKEN = /^[A-Za-z0-9]+$/;

function part(name: string, value: string | number): string {
	const text = String(value).trim();
	if (!TOKEN.test(text)) {
		throw new MappingError(
			'INVALID_REFERENCE_PART',
			`${name} "${String(value)}" must be letters and digits only to build a reference`,
			{ [name]: value },
		);
	}
	return text;
}

function limit(reference: string, maxLength: number, field: string): string {
	if (reference.length > maxLength) {
		throw new MappingError(
			'REFERENCE_TOO_LONG',
			`Reference "${reference}" is ${reference.length} characters; ${field} holds at most ${maxLength}`,
			{ reference, maxLength, field },
		);
	}
	return reference;
}

export interface ReferenceOptions {
	/** Default `BC`; letters and digits. */
	prefix?: string;
	/** Override the field length (see FIELD_MAX_LENGTHS). */
	maxLength?: number;
}

function prefixOf(options: ReferenceOptions): string {
	return part('prefix', options.prefix ?? DEFAULT_REFERENCE_PREFIX);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- order ----------------------------------------------------------------------------------

/** `BC-<storeHash>-<orderId>` for SalesOrderHeadersV2.CustomersOrderReference. */
export function orderReference(
	storeHash: string,
	orderId: number | string,
	options: ReferenceOptions = {},
): string {
	const ref = `${prefixOf(options)}-${part('storeHash', storeHash)}-${part('orderId', orderId)}`;
	return limit(
		ref,
		options.maxLength ?? FIELD_MAX_LENGTHS.CustomersOrderReference,
		'CustomersOrderReference',
	);
}

export function parseOrderReference(
	reference: string,
	options: Pick<ReferenceOptions, 'prefix'> = {},
): { storeHash: string; orderId: number } | undefined {
	const re = new RegExp(`^${escapeRegExp(prefixOf(options))}-([A-Za-z0-9]+)-(\\d+)$`);
	const m = re.exec(reference.trim());
	return m ? { storeHash: m[1], orderId: Number(m[2]) } : undefined;
}

/** `BC-<orderId>` for SalesOrderHeadersV2.CustomerRequisitionNumber (20 chars). */
export function orderShortReference(
	orderId: number | string,
	options: ReferenceOptions = {},
): string {
	const ref = `${prefixOf(options)}-${part('orderId', orderId)}`;
	return limit(
		ref,
		options.maxLength ?? FIELD_MAX_LENGTHS.CustomerRequisitionNumber,
		'CustomerRequisitionNumber',
	);
}

export function parseOrderShortReference(
	reference: string,
	options: Pick<ReferenceOptions, 'prefix'> = {},
): { orderId: number } | undefined {
	const re = new RegExp(`^${escapeRegExp(prefixOf(options))}-(\\d+)$`);
	const m = re.exec(reference.trim());
	return m ? { orderId: Number(m[1]) } : undefined;
}

// ---- payment --------------------------------------------------------------------------------

/** `BC-<orderId>-T<transactionId>` for CustomerPaymentJournalLines.PaymentReference. */
export function transactionReference(
	orderId: number | string,
	transactionId: number | string,
	options: ReferenceOptions = {},
): string {
	const ref = `${prefixOf(options)}-${part('orderId', orderId)}-T${part('transactionId', transactionId)}`;
	return limit(ref, options.maxLength ?? FIELD_MAX_LENGTHS.PaymentReference, 'PaymentReference');
}

export function parseTransactionReference(
	reference: string,
	options: Pick<ReferenceOptions, 'prefix'> = {},
): { orderId: number; transactionId: number } | undefined {
	const re = new RegExp(`^${escapeRegExp(prefixOf(options))}-(\\d+)-T(\\d+)$`);
	const m = re.exec(reference.trim());
	return m ? { orderId: Number(m[1]), transactionId: Number(m[2]) } : undefined;
}

/**
 * `BC-<orderId>-R<refundId>-<n>` for the payout of a refund's n-th payment (1-based position in
 * `payments[]`): the payment's own id does not fit PaymentReference's 20 characters beside the
 * order and refund ids. A refund is never changed once created, so its payments keep their order.
 */
export function refundPaymentReference(
	orderId: number | string,
	refundId: number | string,
	position: number,
	options: ReferenceOptions = {},
): string {
	const ref = `${prefixOf(options)}-${part('orderId', orderId)}-R${part('refundId', refundId)}-${part('position', position)}`;
	return limit(ref, options.maxLength ?? FIELD_MAX_LENGTHS.PaymentReference, 'PaymentReference');
}

export function parseRefundPaymentReference(
	reference: string,
	options: Pick<ReferenceOptions, 'prefix'> = {},
): { orderId: number; refundId: number; position: number } | undefined {
	const re = new RegExp(`^${escapeRegExp(prefixOf(options))}-(\\d+)-R(\\d+)-(\\d+)$`);
	const m = re.exec(reference.trim());
	return m ? { orderId: Number(m[1]), refundId: Number(m[2]), position: Number(m[3]) } : undefined;
}

// ---- refund ---------------------------------------------------------------------------------

/** `BC-<storeHash>-<orderId>-R<refundId>` for CustomersOrderReference / CustomerReference. */
export function refundReference(
	storeHash: string,
	orderId: number | string,
	refundId: number | string,
	options: ReferenceOptions = {},
): string {
	const ref =
		`${prefixOf(options)}-${part('storeHash', storeHash)}-${part('orderId', orderId)}` +
		`-R${part('refundId', refundId)}`;
	return limit(
		ref,
		options.maxLength ?? FIELD_MAX_LENGTHS.CustomersOrderReference,
		'CustomersOrderReference',
	);
}

export function parseRefundReference(
	reference: string,
	options: Pick<ReferenceOptions, 'prefix'> = {},
): { storeHash: string; orderId: number; refundId: number } | undefined {
	const re = new RegExp(`^${escapeRegExp(prefixOf(options))}-([A-Za-z0-9]+)-(\\d+)-R(\\d+)$`);
	const m = re.exec(reference.trim());
	return m ? { storeHash: m[1], orderId: Number(m[2]), refundId: Number(m[3]) } : undefined;
}

/** `BC-<orderId>-R<refundId>` for CustomerRequisitionNumber / CustomerRequisition (20 chars). */
export function refundShortReference(
	orderId: number | string,
	refundId: number | string,
	options: ReferenceOptions = {},
): string {
	const ref = `${prefixOf(options)}-${part('orderId', orderId)}-R${part('refundId', refundId)}`;
	return limit(
		ref,
		options.maxLength ?? FIELD_MAX_LENGTHS.CustomerRequisitionNumber,
		'CustomerRequisitionNumber',
	);
}

export function parseRefundShortReference(
	reference: string,
	options: Pick<ReferenceOptions, 'prefix'> = {},
): { orderId: number; refundId: number } | undefined {
	const re = new RegExp(`^${escapeRegExp(prefixOf(options))}-(\\d+)-R(\\d+)$`);
	const m = re.exec(reference.trim());
	return m ? { orderId: Number(m[1]), refundId: Number(m[2]) } : undefined;
}

// ---- deterministic sales order number -------------------------------------------------------

/**
 * `<prefix><orderId>` as SalesOrderNumber (needs a manual-allowed number sequence in F&O), e.g.
 * `BC-1001`. Throws when it would exceed the field length (SalesId, 20 by default).
 */
export function deterministicSalesOrderNumber(
	prefix: string,
	orderId: number | string,
	maxLength: number = FIELD_MAX_LENGTHS.SalesOrderNumber,
): string {
	if (!/^[A-Za-z0-9_-]*$/.test(prefix)) {
		throw new MappingError(
			'INVALID_REFERENCE_PART',
			`Sales order number prefix "${prefix}" may contain only letters, digits, "-" and "_"`,
			{ prefix },
		);
	}
	const number = `${prefix}${part('orderId', orderId)}`;
	if (number.length > maxLength) {
		throw new MappingError(
			'ORDER_NUMBER_TOO_LONG',
			`Sales order number "${number}" is ${number.length} characters; SalesOrderNumber holds at most ${maxLength}`,
			{ salesOrderNumber: number, maxLength },
		);
	}
	return number;
}

/** Cut free text to a field's length (for descriptions, not for references). */
export function truncate(text: string, maxLength: number): string {
	return text.length <= maxLength ? text : text.slice(0, maxLength);
}
