/**
 * The BigCommerce adapter of the shared HTTP core: store URLs, 429 waits from
 * X-Rate-Limit-Time-Reset-Ms, pacing when X-Rate-Limit-Requests-Left runs low (the quota is shared
 * by every app on the store), and v2/v3 error bodies.
 */
import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import {
	serviceRequest,
	type HttpContext,
	type ServiceAdapter,
	type ServiceResponse,
} from '../common/http';

export const BIGCOMMERCE_CREDENTIAL = 'bigCommerceApi';

interface QuotaState {
	left: number;
	quota: number;
	resetAt: number;
}

/** Per store, per process: what the last answer said about the shared quota. */
const quotaByStore = new Map<string, QuotaState>();

function storeKey(url: string): string {
	const match = /^(https?:\/\/[^/]+)(\/stores\/[^/]+)/i.exec(url);
	return match ? `${match[1]}${match[2]}`.toLowerCase() : url;
}

const headerNumber = (response: ServiceResponse, name: string): number | undefined => {
	const value = response.headers[name];
	if (value === undefined || value === '') return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
};

/** BigCommerce's rate-limit headers: ms until the window resets, requests left, window size. */
const RESET_MS_HEADER = 'x-rate-limit-time-reset-ms';
const REQUESTS_LEFT_HEADER = 'x-rate-limit-requests-left';
const QUOTA_HEADER = 'x-rate-limit-requests-quota';

/** A store's quota per window when the answer does not say (the Standard and Plus plans' quota). */
const DEFAULT_QUOTA = 150;

/** Start spreading requests over the rest of the window when this share of the quota is left. */
const PACE_BELOW_SHARE = 0.1;

export const bigCommerceAdapter: ServiceAdapter = {
	service: 'BigCommerce',
	credentialType: BIGCOMMERCE_CREDENTIAL,
	secretFields: ['accessToken', 'clientSecret'],

	throttleDelayMs(response) {
		// Documented: wait X-Rate-Limit-Time-Reset-Ms. A 429 without the headers means platform load:
		// undefined lets the core back off with growing delays, as the docs ask.
		return headerNumber(response, RESET_MS_HEADER);
	},

	pacingDelayMs(request) {
		const state = quotaByStore.get(storeKey(request.url));
		if (!state) return 0;
		const now = Date.now();
		if (now >= state.resetAt) {
			quotaByStore.delete(storeKey(request.url));
			return 0;
		}
		const threshold = Math.max(2, Math.floor(state.quota * PACE_BELOW_SHARE));
		const left = state.left;
		state.left = Math.max(0, left - 1); // count this request before its answer arrives
		if (left > threshold) return 0;
		// Spread what is left evenly over the rest of the window; nothing left: wait for the reset.
		return left <= 0 ? state.resetAt - now : Math.ceil((state.resetAt - now) / (left + 1));
	},

	observe(request, response) {
		const left = headerNumber(response, REQUESTS_LEFT_HEADER);
		const reset = headerNumber(response, RESET_MS_HEADER);
		if (left === undefined || reset === undefined) return;
		quotaByStore.set(storeKey(request.url), {
			left,
			quota: headerNumber(response, QUOTA_HEADER) ?? DEFAULT_QUOTA,
			resetAt: Date.now() + reset,
		});
	},

	errorText(response) {
		const body = response.body as unknown;
		// v2: [{ status, message }]
		if (Array.isArray(body) && body.length && typeof body[0] === 'object') {
			const messages = body.map((e) => (e as { message?: string }).message).filter(Boolean);
			if (messages.length) return { message: messages.join('; ') };
		}
		if (body && typeof body === 'object') {
			const b = body as { title?: string; errors?: unknown; data?: unknown; detail?: string };
			// Refund creation wraps errors: { data: [{ status, title }] }
			if (Array.isArray(b.data) && b.data.length && (b.data[0] as { title?: string }).title) {
				return { message: b.data.map((e) => (e as { title: string }).title).join('; ') };
			}
			// v3: { status, title, type, errors? }
			if (b.title) {
				const details =
					b.errors && typeof b.errors === 'object'
						? Object.entries(b.errors as Record<string, unknown>)
								.map(([k, v]) => `${k}: ${String(v)}`)
								.join('; ')
						: b.detail;
				return { message: b.title, description: details || undefined };
			}
		}
		if (response.statusCode === 401) {
			return {
				message: 'the access token was rejected (401)',
				description: "Check the store hash and the API account's access token in the credential.",
			};
		}
		if (typeof body === 'string' && body.trim()) return { message: body.trim().slice(0, 300) };
		return undefined;
	},
};

export interface BigCommerceCall {
	method: IHttpRequestMethods;
	/** Path below the API version, e.g. `/orders/101`. */
	path: string;
	version: 'v2' | 'v3';
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	acceptStatuses?: number[];
	idempotent?: boolean;
	itemIndex?: number;
}

export function storeApiUrl(
	credentials: { baseUrl?: unknown; storeHash?: unknown },
	version: 'v2' | 'v3',
	path: string,
): string {
	const base = String(credentials.baseUrl || 'https://api.bigcommerce.com').replace(/\/+$/, '');
	return `${base}/stores/${encodeURIComponent(String(credentials.storeHash))}/${version}${path}`;
}

/** One request to the store, through the shared core. */
export async function bigCommerceRequest<T = unknown>(
	context: HttpContext,
	call: BigCommerceCall,
): Promise<ServiceResponse<T>> {
	const credentials = await context.getCredentials(BIGCOMMERCE_CREDENTIAL, call.itemIndex);
	return await serviceRequest<T>(context, bigCommerceAdapter, {
		method: call.method,
		url: storeApiUrl(credentials, call.version, call.path),
		qs: call.qs,
		body: call.body,
		headers: call.body === undefined ? undefined : { 'Content-Type': 'application/json' },
		acceptStatuses: call.acceptStatuses,
		idempotent: call.idempotent,
		itemIndex: call.itemIndex,
	});
}

/** Forget quota state (tests start from a clean slate). */
export function resetBigCommercePacing(): void {
	quotaByStore.clear();
}
