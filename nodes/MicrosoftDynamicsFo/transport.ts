/**
 * The F&O adapter of the shared HTTP core: Retry-After on 429, F&O's error envelope with the
 * Infolog text pulled out, and write failures (AxODataWriteException) recognised by body, not by
 * status, because F&O has answered them with 400 and with 500 across versions.
 */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { boundedServerDelayMs } from '../common/backoff';
import {
	serviceRequest,
	type HttpContext,
	type ServiceAdapter,
	type ServiceResponse,
} from '../common/http';
import { normaliseEnvironmentUrl } from '../../credentials/common/foEnvironment';
import { FRESH_LOGIN_HEADER } from '../../credentials/common/foToken';

export const FO_CREDENTIAL = 'microsoftDynamicsFoApi';

interface FoErrorBody {
	error?: { code?: string; message?: string; innererror?: { message?: string; type?: string } };
}

function errorBody(response: ServiceResponse): FoErrorBody | undefined {
	let body = response.body as unknown;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return undefined;
		}
	}
	return body && typeof body === 'object' ? (body as FoErrorBody) : undefined;
}

/** "Write failed for table row of type 'X'. Infolog: Warning: a.; Error: b.." → "Warning: a.; Error: b." */
export function infologText(innerMessage: string): string {
	const at = innerMessage.indexOf('Infolog:');
	const text = at >= 0 ? innerMessage.slice(at + 'Infolog:'.length) : innerMessage;
	return text.trim().replace(/\.\.$/, '.');
}

export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return seconds * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * F&O throttles per environment, not per request: a 429's Retry-After holds every request to that
 * environment from this process (the items the node posts at once, other executions), not only the
 * one that was refused, so parallel items back off together instead of each meeting its own 429.
 */
const throttledUntil = new Map<string, number>();

const environmentOf = (url: string) => {
	try {
		return new URL(url).origin;
	} catch {
		return url;
	}
};

const WRITE_FAILURE = /AxODataWriteException/;

export const foAdapter: ServiceAdapter = {
	service: 'Dynamics 365 F&O',
	credentialType: FO_CREDENTIAL,
	secretFields: ['clientSecret', 'privateKey'],
	renewAuthHeader: FRESH_LOGIN_HEADER,

	throttleDelayMs(response) {
		return retryAfterMs(response.headers['retry-after']);
	},

	observe(request, response) {
		if (response.statusCode !== 429) return;
		const wait = retryAfterMs(response.headers['retry-after']);
		if (wait === undefined) return;
		const environment = environmentOf(request.url);
		const until = Date.now() + boundedServerDelayMs(wait, this.backoff);
		if (until > (throttledUntil.get(environment) ?? 0)) throttledUntil.set(environment, until);
	},

	pacingDelayMs(request) {
		const environment = environmentOf(request.url);
		const until = throttledUntil.get(environment);
		if (until === undefined) return 0;
		if (until <= Date.now()) throttledUntil.delete(environment);
		return Math.max(0, until - Date.now());
	},

	isDefiniteRejection(response) {
		const inner = errorBody(response)?.error?.innererror;
		return Boolean(
			inner && (WRITE_FAILURE.test(inner.type ?? '') || /^Write failed/.test(inner.message ?? '')),
		);
	},

	errorText(response) {
		const error = errorBody(response)?.error;
		const inner = error?.innererror;
		if (inner?.message) {
			const isWrite = WRITE_FAILURE.test(inner.type ?? '') || /^Write failed/.test(inner.message);
			return {
				message: isWrite ? `F&O rejected the write: ${infologText(inner.message)}` : inner.message,
				description: error?.message && error.message !== inner.message ? error.message : undefined,
			};
		}
		if (error?.message) return { message: error.message };
		if (response.statusCode === 401) {
			return {
				message: 'F&O refused the access token (401)',
				description:
					"The token's audience must equal the environment URL exactly (lower case, no trailing slash), " +
					"and the app's client ID must be registered in F&O under System administration > Setup > " +
					'Microsoft Entra applications.',
			};
		}
		if (response.statusCode === 403) {
			return {
				message: 'F&O denied access (403)',
				description:
					'The F&O user mapped to this app lacks the security roles for this entity or company.',
			};
		}
		if (typeof response.body === 'string' && response.body.trim()) {
			// Gateways answer HTML: say so rather than echo markup.
			return {
				message: /<html/i.test(response.body)
					? `gateway error ${response.statusCode}`
					: response.body.slice(0, 300),
			};
		}
		return undefined;
	},
};

export interface FoCall {
	method: IHttpRequestMethods;
	/** Below `/data`, e.g. `/SalesOrderHeadersV2`, or a full URL from `@odata.nextLink` (same origin only). */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: Record<string, string>;
	json?: boolean;
	acceptStatuses?: number[];
	idempotent?: boolean;
	/** Request timeout (ms); the adapter's 60 s when omitted. */
	timeoutMs?: number;
	itemIndex?: number;
}

/** Resolve a call's URL against the environment, refusing to send the token to another origin. */
export function foUrl(environmentUrl: string, path: string): string {
	const base = normaliseEnvironmentUrl(environmentUrl);
	if (/^https?:\/\//i.test(path)) {
		if (new URL(path).origin !== new URL(base).origin) {
			throw new Error(
				`Refusing to follow a link outside the F&O environment: ${new URL(path).origin}`,
			);
		}
		return path;
	}
	return `${base}/data${path.startsWith('/') ? path : `/${path}`}`;
}

export async function foRequest<T = unknown>(
	context: HttpContext,
	call: FoCall,
): Promise<ServiceResponse<T>> {
	const credentials = await context.getCredentials(FO_CREDENTIAL, call.itemIndex);
	return await serviceRequest<T>(context, foAdapter, {
		method: call.method,
		url: foUrl(String(credentials.environmentUrl), call.path),
		qs: call.qs,
		body: call.body,
		headers: {
			'OData-Version': '4.0',
			...(call.body !== undefined && typeof call.body === 'object'
				? { 'Content-Type': 'application/json' }
				: {}),
			...call.headers,
		},
		json: call.json,
		acceptStatuses: call.acceptStatuses,
		idempotent: call.idempotent,
		timeoutMs: call.timeoutMs,
		itemIndex: call.itemIndex,
	});
}
