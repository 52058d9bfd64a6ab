/**
 * BigCommerce wire formats: v2 money as decimal strings and RFC 2822 UTC dates,
 * v2 errors as `[{status,message}]`; v3 money as numbers, ISO-8601 dates, errors as `{status,title,type}`.
 */
import type { ServerResponse } from 'node:http';

import { sendJson } from '../common/http';

/** Round to cents (all amounts are kept to 2 dp, like the storefront computes them). */
export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;

/** v2 money: a 4-decimal string, e.g. `"12.0000"`. */
export const money = (n: number): string => round2(n).toFixed(4);

/** v2 exchange rates: `"1.0000000000"`. */
export const rate = (n: number): string => n.toFixed(10);

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** v2 dates: RFC 2822 in UTC, `Tue, 05 Mar 2019 21:40:11 +0000`. */
export function rfc2822(date: Date): string {
	return (
		`${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
		`${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
	);
}

/** v3 dates: ISO 8601 without milliseconds, `2018-05-08T15:06:12+00:00`. */
export function iso(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Customers v3 writes `2018-11-13T21:42:06Z`. */
export function isoZ(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Filter dates: RFC 2822 or ISO 8601, as BigCommerce accepts them; undefined when unparseable. */
export function parseFilterDate(value: string): Date | undefined {
	const ms = Date.parse(value);
	if (!Number.isNaN(ms)) return new Date(ms);
	if (/^\d+$/.test(value)) return new Date(Number(value) * 1000);
	return undefined;
}

export const unix = (date: Date): number => Math.floor(date.getTime() / 1000);

export const V3_ERROR_TYPE = '/api-docs/getting-started/api-status-codes';

export function sendV2Error(
	res: ServerResponse,
	status: number,
	message: string,
	headers: Record<string, string | number> = {},
): void {
	sendJson(res, status, [{ status, message }], headers);
}

export function sendV3Error(
	res: ServerResponse,
	status: number,
	title: string,
	extra: Record<string, unknown> = {},
	headers: Record<string, string | number> = {},
): void {
	sendJson(res, status, { status, title, type: V3_ERROR_TYPE, ...extra }, headers);
}

/** Reason phrases the sandbox uses for statuses it answers on its own. */
export const STATUS_MESSAGES: Record<number, string> = {
	400: 'The request was invalid.',
	401: 'Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.',
	403: 'You do not have permission to access this resource.',
	404: 'The requested resource was not found.',
	405: 'The requested method is not supported for this resource.',
	413: 'The limit parameter exceeded the maximum.',
	422: 'The request was well formed but contains invalid data.',
	429: 'Too many requests. The rate limit for this store has been reached.',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable. The store is down for maintenance or suspended.',
	504: 'Gateway Timeout',
};

export const statusMessage = (status: number): string =>
	STATUS_MESSAGES[status] ?? `HTTP ${status}`;
