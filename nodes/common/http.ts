/**
 * One request core for both services. It sends through n8n's `httpRequestWithAuthentication` (so
 * n8n's proxy settings and the credential's `authenticate` apply) and adds what n8n does not:
 * timeouts, bounded attempts, back-off with jitter, the services' 429 waits, pacing, error
 * normalisation with redaction, and "outcome unknown" for writes that must not be re-sent.
 * Service differences live in a small ServiceAdapter, not in a second client.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	backoffDelayMs,
	boundedServerDelayMs,
	DEFAULT_BACKOFF,
	type BackoffPolicy,
} from './backoff';
import { OutcomeUnknownError, serviceError } from './errors';
import { redactSecrets, secretValues } from './redact';

/** What the core needs from any n8n context (execute, hook, webhook, poll, load options). */
export interface HttpContext {
	helpers: {
		httpRequestWithAuthentication(
			this: unknown,
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
		): Promise<unknown>;
	};
	getNode(): INode;
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
}

export interface ServiceResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string>;
	body: T;
	/** How many times the request was sent. */
	attempts: number;
}

export interface ServiceRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: Record<string, string>;
	/** Parse the answer as JSON (default true); false returns the body as text. */
	json?: boolean;
	timeoutMs?: number;
	/** Reads are idempotent by default, writes not; a non-idempotent request is never re-sent once it may have arrived. */
	idempotent?: boolean;
	maxAttempts?: number;
	/** Non-2xx statuses handed back to the caller instead of thrown (e.g. 404 on a lookup). */
	acceptStatuses?: number[];
	itemIndex?: number;
}

export interface ServiceAdapter {
	/** The name errors start with, e.g. "BigCommerce". */
	service: string;
	credentialType: string;
	/** Credential fields whose values must never appear in an error. */
	secretFields: string[];
	/** How long to wait before retrying a 429 (ms), from the service's headers; undefined = back off. */
	throttleDelayMs(response: ServiceResponse): number | undefined;
	/** Wait (ms) before sending, e.g. when a rate-limit quota runs low. */
	pacingDelayMs?(request: ServiceRequest): number;
	/** Bookkeeping after every answer (rate-limit headers). */
	observe?(request: ServiceRequest, response: ServiceResponse): void;
	/** The service's own wording of an error answer. */
	errorText(response: ServiceResponse): { message: string; description?: string } | undefined;
	/** A definite rejection of a write (nothing was written), whatever the status says. */
	isDefiniteRejection?(response: ServiceResponse): boolean;
	/**
	 * A header the credential's `authenticate` understands as "fetch a fresh token": set on one
	 * re-send after a 401, which the service did not process (a token cut short or revoked).
	 */
	renewAuthHeader?: string;
	backoff?: BackoffPolicy;
	/** Attempts for retryable failures, including the first (default 5). */
	maxAttempts?: number;
	/** Request timeout (ms, default 60 s). */
	timeoutMs?: number;
}

type TransportFailure =
	{ kind: 'notSent' | 'broken'; code: string } | { kind: 'other'; message: string };

/** Plain words for the codes: NodeApiError rewrites any message that names a code in its own terms. */
const TRANSPORT_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ECONNABORTED: 'timed out',
	ETIMEDOUT: 'timed out',
	ECONNRESET: 'connection dropped',
};

/**
 * n8n-core wraps transport errors in a NodeApiError that keeps neither the axios error nor its code
 * (ExecutionBaseError drops an Error cause) and replaces the message with n8n's own wording, e.g.
 * "The service refused the connection - perhaps it is offline", moving the original into
 * `messages`. So the failure is recognised by code where one survives, else by either wording.
 */
const TRANSPORT_SIGNS: Array<{ code: string; kind: 'notSent' | 'broken'; pattern: RegExp }> = [
	{ code: 'ECONNREFUSED', kind: 'notSent', pattern: /ECONNREFUSED|refused the connection/i },
	{ code: 'ENOTFOUND', kind: 'notSent', pattern: /ENOTFOUND|incorrect host \(domain\)/i },
	{ code: 'EAI_AGAIN', kind: 'notSent', pattern: /EAI_AGAIN|DNS server returned an error/i },
	{
		code: 'EHOSTUNREACH',
		kind: 'notSent',
		pattern: /EHOSTUNREACH|ENETUNREACH|host is unreachable/i,
	},
	{
		code: 'ECONNABORTED',
		kind: 'broken',
		pattern: /ECONNABORTED|timeout of \d+ms exceeded|connection was aborted/i,
	},
	{ code: 'ETIMEDOUT', kind: 'broken', pattern: /ETIMEDOUT|ESOCKETTIMEDOUT|connection timed out/i },
	{
		code: 'ECONNRESET',
		kind: 'broken',
		pattern: /ECONNRESET|socket hang up|closed unexpectedly|EPIPE/i,
	},
];

function errorTexts(error: unknown): string[] {
	const texts: string[] = [];
	const queue: unknown[] = [error];
	for (let i = 0; i < queue.length && i < 12; i++) {
		const e = queue[i] as Record<string, unknown> | undefined;
		if (!e || typeof e !== 'object') continue;
		for (const key of ['code', 'message', 'description'])
			if (typeof e[key] === 'string') texts.push(e[key] as string);
		if (Array.isArray(e.messages))
			texts.push(...e.messages.filter((m): m is string => typeof m === 'string'));
		queue.push(e.cause, e.errorResponse);
	}
	return texts;
}

function classifyTransportError(error: unknown): TransportFailure {
	const texts = errorTexts(error);
	for (const sign of TRANSPORT_SIGNS) {
		if (texts.some((t) => sign.pattern.test(t))) return { kind: sign.kind, code: sign.code };
	}
	return { kind: 'other', message: originalMessage(error) };
}

/** The most specific message: an inner error's own words rather than n8n's generic wrapper. */
function originalMessage(error: unknown): string {
	const texts = errorTexts(error).filter((t) => !/^[A-Z_]+$/.test(t));
	return texts[texts.length - 1] || 'request failed';
}

function normaliseHeaders(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return out;
	for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
		if (value === undefined || value === null) continue;
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

async function send<T>(
	context: HttpContext,
	credentialType: string,
	options: IHttpRequestOptions,
	attempt: number,
): Promise<{ response: ServiceResponse<T> } | { failure: TransportFailure }> {
	try {
		const raw = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			options,
		)) as {
			statusCode: number;
			headers: unknown;
			body: T;
		};
		return {
			response: {
				statusCode: raw.statusCode,
				headers: normaliseHeaders(raw.headers),
				body: raw.body,
				attempts: attempt,
			},
		};
	} catch (error) {
		return { failure: classifyTransportError(error) };
	}
}

const isSuccess = (status: number) => status >= 200 && status < 300;

/**
 * Send one logical request, retrying what is safe to retry. Resolves with the full answer for 2xx
 * (and `acceptStatuses`); throws a NodeApiError with the service's message otherwise, or an
 * OutcomeUnknownError for a write that may or may not have landed.
 */
export async function serviceRequest<T = unknown>(
	context: HttpContext,
	adapter: ServiceAdapter,
	request: ServiceRequest,
): Promise<ServiceResponse<T>> {
	const node = context.getNode();
	const policy = adapter.backoff ?? DEFAULT_BACKOFF;
	const maxAttempts = Math.max(1, request.maxAttempts ?? adapter.maxAttempts ?? 5);
	const idempotent = request.idempotent ?? ['GET', 'HEAD'].includes(request.method);
	const secrets = async () =>
		secretValues(
			await context.getCredentials(adapter.credentialType).catch(() => undefined),
			adapter.secretFields,
		);
	const fail = async (
		message: string,
		extra: { description?: string; httpCode?: number },
		attempts: number,
	) => {
		const list = await secrets();
		return serviceError(node, {
			service: adapter.service,
			message: redactSecrets(message, list),
			description:
				extra.description === undefined ? undefined : redactSecrets(extra.description, list),
			httpCode: extra.httpCode,
			attempts,
			itemIndex: request.itemIndex,
		});
	};

	let renewedAuth = false;
	for (let attempt = 1; ; attempt++) {
		const pacing = adapter.pacingDelayMs?.(request) ?? 0;
		if (pacing > 0) await sleep(pacing);

		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			qs: request.qs,
			body: request.body as IHttpRequestOptions['body'],
			headers: {
				Accept: 'application/json',
				...request.headers,
				...(renewedAuth && adapter.renewAuthHeader ? { [adapter.renewAuthHeader]: '1' } : {}),
			},
			json: request.json ?? true,
			timeout: request.timeoutMs ?? adapter.timeoutMs ?? 60_000,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};

		const sent = await send<T>(context, adapter.credentialType, options, attempt);
		if ('failure' in sent) {
			const failure = sent.failure;
			if (failure.kind === 'other') {
				// Not a transport failure: the credential could not authenticate, or n8n refused the request.
				throw await fail(failure.message, {}, attempt);
			}
			if (failure.kind === 'broken' && !idempotent) {
				const list = await secrets();
				throw new OutcomeUnknownError(node, {
					service: adapter.service,
					message: redactSecrets(TRANSPORT_WORDS[failure.code], list),
					attempts: attempt,
					itemIndex: request.itemIndex,
				});
			}
			if (attempt >= maxAttempts) {
				throw await fail(
					`could not reach the service after ${attempt} attempts (${TRANSPORT_WORDS[failure.code]})`,
					{},
					attempt,
				);
			}
			await sleep(backoffDelayMs(attempt, policy));
			continue;
		}
		const response = sent.response;

		adapter.observe?.(request, response);
		const status = response.statusCode;
		if (isSuccess(status) || request.acceptStatuses?.includes(status)) return response;

		const text = adapter.errorText(response);
		const describe = (fallback: string) => ({
			message: text?.message ?? fallback,
			description: text?.description,
			httpCode: status,
		});

		if (status === 401 && adapter.renewAuthHeader && !renewedAuth) {
			renewedAuth = true;
			continue;
		}

		if (status === 429) {
			// A throttled request was not processed (both services say so), so even a write is re-sent.
			if (attempt >= maxAttempts) {
				const d = describe('too many requests');
				throw await fail(`rate limited after ${attempt} attempts: ${d.message}`, d, attempt);
			}
			const requested = adapter.throttleDelayMs(response);
			await sleep(
				requested === undefined
					? backoffDelayMs(attempt, policy)
					: boundedServerDelayMs(requested, policy),
			);
			continue;
		}

		if (adapter.isDefiniteRejection?.(response)) {
			const d = describe(`request rejected (${status})`);
			throw await fail(d.message, d, attempt);
		}

		if (status >= 500) {
			if (!idempotent) {
				const list = await secrets();
				const d = describe(`server error ${status}`);
				throw new OutcomeUnknownError(node, {
					service: adapter.service,
					message: redactSecrets(`${status}: ${d.message}`, list),
					httpCode: status,
					attempts: attempt,
					itemIndex: request.itemIndex,
				});
			}
			if (attempt < maxAttempts) {
				await sleep(backoffDelayMs(attempt, policy));
				continue;
			}
		}

		const d = describe(`request failed with status ${status}`);
		throw await fail(d.message, d, attempt);
	}
}
