/** Error codes the mapping layer throws; the node layer wraps them into NodeOperationError. */
export type MappingErrorCode =
	| 'INVALID_DATE'
	| 'INVALID_MONEY'
	| 'INVALID_COUNTRY'
	| 'UNKNOWN_DIMENSION'
	| 'INVALID_DIMENSION_VALUE'
	| 'INVALID_REFERENCE_PART'
	| 'REFERENCE_TOO_LONG'
	| 'ORDER_NUMBER_TOO_LONG'
	| 'GUEST_EMAIL_MISSING'
	| 'MISSING_OPTION'
	| 'MISSING_NAME'
	| 'NO_ORDER_LINES'
	| 'MISSING_SKU'
	| 'INVALID_QUANTITY'
	| 'UNMAPPED_SKU'
	| 'SHIPPING_ITEM_MISSING'
	| 'UNALLOCATED_DISCOUNT'
	| 'TOTALS_MISMATCH'
	| 'UNKNOWN_ORDER_PRODUCT'
	| 'CURRENCY_MISMATCH'
	| 'INVALID_REFUND'
	| 'UNMAPPED_PAYMENT_METHOD';

/** A mapping problem: the input cannot become a correct F&O payload, so nothing may be written. */
export class MappingError extends Error {
	readonly code: MappingErrorCode;
	readonly details: Readonly<Record<string, unknown>>;

	constructor(code: MappingErrorCode, message: string, details: Record<string, unknown> = {}) {
		super(message);
		this.name = 'MappingError';
		this.code = code;
		this.details = details;
	}
}
