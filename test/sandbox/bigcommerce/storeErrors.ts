/**
 * The store's refusals: a StoreError carries the HTTP status the routes answer with and, where
 * BigCommerce documents one, its own error body for that call. Captures (./payments.ts) and refunds
 * (./refunds.ts) are refused in two different documented shapes, built here so each is written once.
 */

export class StoreError extends Error {
	constructor(
		public readonly status: number,
		message: string,
		/** BigCommerce's own error body for this refusal, where its API documents one. */
		public readonly body?: Record<string, unknown>,
	) {
		super(message);
	}
}

/** Where BigCommerce's status-code documentation lives; its v3 errors name it as their `type`. */
const STATUS_CODES_TYPE = '/api-docs/getting-started/api-status-codes';

/**
 * A refused payment capture, in the shape of BigCommerce's v3 422 (`{status, title, type}`), which
 * `POST /v3/orders/{id}/payment_actions/capture` answers with. The title is the sandbox's own words:
 * BigCommerce documents the status and the shape, not the wording.
 */
export function captureRefused(message: string): StoreError {
	return new StoreError(422, message, { status: 422, title: message, type: STATUS_CODES_TYPE });
}

/**
 * A refused refund, in the shape `POST /v3/orders/{id}/payment_actions/refunds` answers a 422 with:
 * the errors wrapped in `data` (documented with "Unable to provide store credit for a guest
 * customer."; other titles are the sandbox's own words).
 */
export function refundRefused(message: string): StoreError {
	return new StoreError(422, message, {
		data: [
			{
				status: 422,
				title: message,
				type: `https://developer.bigcommerce.com${STATUS_CODES_TYPE}`,
			},
		],
	});
}
