/**
 * BigCommerce v3 webhooks (`/v3/hooks`) of the API account behind the token: list, create,
 * update and delete. The trigger registers and repairs its hooks with these; the action node
 * exposes them as the Webhook resource.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { bigCommerceRequest, type BigCommerceCall } from '../transport';
import { listAll, pathSegment, type ListCallOptions } from './paging';

export interface Hook extends IDataObject {
	id: number;
	scope: string;
	destination: string;
	is_active: boolean;
	headers?: IDataObject | null;
}

export interface HookFilters {
	scope?: string;
	destination?: string;
	isActive?: boolean;
}

/** The hooks of the API account behind the token (others' hooks are invisible to it). */
export async function listHooks(
	context: HttpContext,
	filters: HookFilters = {},
	options: ListCallOptions<Hook> = {},
): Promise<Hook[]> {
	const qs: IDataObject = {};
	if (filters.scope) qs.scope = filters.scope;
	if (filters.destination) qs.destination = filters.destination;
	if (filters.isActive !== undefined) qs.is_active = filters.isActive;
	return await listAll<Hook>(context, 'v3', '/hooks', { ...options, qs });
}

export interface HookFields {
	scope?: string;
	destination?: string;
	is_active?: boolean;
	headers?: Record<string, string> | null;
}

/**
 * One write to `/v3/hooks`, answered with the hook (the API spec wraps it in `data`, the narrative
 * docs show it bare; both are read).
 */
async function writeHook(
	context: HttpContext,
	call: Omit<BigCommerceCall, 'version'>,
): Promise<Hook> {
	const response = await bigCommerceRequest(context, { ...call, version: 'v3' });
	const body = response.body as { data?: unknown } | undefined;
	const hook =
		body && typeof body === 'object' && body.data && typeof body.data === 'object'
			? body.data
			: body;
	return (hook ?? {}) as Hook;
}

/** Create a hook. Not re-sent once it may have arrived (the core reports an unknown outcome). */
export async function createHook(
	context: HttpContext,
	fields: HookFields & { scope: string; destination: string },
	itemIndex?: number,
): Promise<Hook> {
	const body: IDataObject = {
		scope: fields.scope,
		destination: fields.destination,
		is_active: fields.is_active ?? true,
	};
	if (fields.headers !== undefined) body.headers = fields.headers;
	return await writeHook(context, { method: 'POST', path: '/hooks', body, itemIndex });
}

/** Change a hook, e.g. `{ is_active: true }` to reactivate one BigCommerce switched off. */
export async function updateHook(
	context: HttpContext,
	hookId: number | string,
	fields: HookFields,
	itemIndex?: number,
): Promise<Hook> {
	return await writeHook(context, {
		method: 'PUT',
		path: `/hooks/${pathSegment(hookId)}`,
		body: fields as IDataObject,
		idempotent: true, // the same PUT twice leaves the same hook
		itemIndex,
	});
}

/** Delete a hook; answers the deleted hook. */
export async function deleteHook(
	context: HttpContext,
	hookId: number | string,
	itemIndex?: number,
): Promise<Hook> {
	return await writeHook(context, {
		method: 'DELETE',
		path: `/hooks/${pathSegment(hookId)}`,
		idempotent: true,
		itemIndex,
	});
}
