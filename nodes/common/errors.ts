/** The errors the HTTP core raises, shaped so n8n shows the service's own words and nothing secret. */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

export interface ServiceErrorDetails {
	service: string;
	message: string;
	description?: string;
	httpCode?: number;
	attempts: number;
	itemIndex?: number;
}

/** Built from a plain object, never from the transport error, so no request (and no header) rides along. */
export function serviceError(node: INode, details: ServiceErrorDetails): NodeApiError {
	const error = new NodeApiError(node, { message: details.message } as JsonObject, {
		message: `${details.service}: ${details.message}`,
		description: details.description,
		httpCode: details.httpCode === undefined ? undefined : String(details.httpCode),
		itemIndex: details.itemIndex,
	});
	error.context.attempts = details.attempts;
	return error;
}

/**
 * A write was sent but its outcome is unknown (timeout, dropped connection, a 5xx that is not a
 * definite rejection). It must not be re-sent blindly: F&O has no idempotency key, so the caller
 * looks the record up first.
 */
export class OutcomeUnknownError extends NodeApiError {
	readonly outcomeUnknown = true;

	constructor(node: INode, details: ServiceErrorDetails) {
		super(node, { message: details.message } as JsonObject, {
			message: `${details.service}: the outcome of the write is unknown (${details.message})`,
			description:
				'The request was sent but no definite answer came back, so it was not repeated. ' +
				'Look the record up before trying again.',
			httpCode: details.httpCode === undefined ? undefined : String(details.httpCode),
			itemIndex: details.itemIndex,
		});
		this.context.attempts = details.attempts;
		this.context.outcomeUnknown = true;
	}
}

export function isOutcomeUnknown(error: unknown): error is OutcomeUnknownError {
	return (
		error instanceof OutcomeUnknownError ||
		(typeof error === 'object' &&
			error !== null &&
			(error as { outcomeUnknown?: unknown }).outcomeUnknown === true)
	);
}

/**
 * A request that failed for want of the service (unreachable, 5xx, throttled past its retries), not
 * because of what it asked: asking again later may succeed.
 */
export function isServiceUnavailable(error: unknown): boolean {
	if (!(error instanceof NodeApiError) || isOutcomeUnknown(error)) return false;
	const status = Number(error.httpCode);
	return !error.httpCode || status >= 500 || status === 429;
}
