/**
 * n8n-core's `httpRequest` helper as it behaves for the options our nodes use, on the same library
 * (axios): qs → params, JSON bodies, `json` → Accept, timeout, `ignoreHttpStatusErrors`,
 * `returnFullResponse`. Transport errors surface as axios errors (ECONNRESET, ECONNABORTED, ...),
 * as they do inside n8n. Source read: packages/core/.../request-helper-functions.ts (httpRequest,
 * convertN8nRequestToAxios).
 */
import axios, { type AxiosRequestConfig } from 'axios';
import type { IHttpRequestOptions } from 'n8n-workflow';

export async function n8nHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const method = (options.method ?? 'GET').toUpperCase();
	const config: AxiosRequestConfig = {
		method,
		url: options.url,
		baseURL: options.baseURL,
		headers: { ...(options.headers as Record<string, string>) },
		params: options.qs && Object.keys(options.qs).length ? options.qs : undefined,
		timeout: options.timeout,
		maxRedirects: 0,
		// n8n parses JSON answers whatever `json` says; a non-JSON body stays a string.
		transitional: { silentJSONParsing: true, forcedJSONParsing: true, clarifyTimeoutError: false },
	};
	const headers = config.headers as Record<string, string>;
	const hasHeader = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
	if (options.json && !hasHeader('accept')) headers.Accept = 'application/json';
	if (!hasHeader('user-agent')) headers['User-Agent'] = 'n8n';
	const body = options.body;
	if (body !== undefined && method !== 'GET') {
		if (
			typeof body === 'string' ||
			(typeof body === 'object' && body !== null && Object.keys(body).length)
		) {
			config.data = body;
		}
	}
	if (options.ignoreHttpStatusErrors) config.validateStatus = () => true;
	if (options.encoding === 'arraybuffer') config.responseType = 'arraybuffer';
	const result = await axios(config);
	if (options.returnFullResponse) {
		return {
			body: result.data,
			headers: result.headers,
			statusCode: result.status,
			statusMessage: result.statusText,
		};
	}
	return result.data;
}
