/**
 * v3 hooks CRUD (webhooks.v3.yml) for the calling app's client: body and field checks worded as
 * BigCommerce words them, https-on-443 destinations (loopback http when `allowLoopbackHttp` is on),
 * one hook per scope and destination and at most 10 per scope. It is the longest v3 group and the
 * only one that writes, so it stands alone.
 */
import type { ServerResponse } from 'node:http';

import { parseJsonBody, sendJson, type Router, type SandboxRequest } from '../common/http';
import { sendV3Error, unix } from './format';
import type { HookRec } from './records';
import type { V3Context } from './v3';
import { pageOf, sendPage } from './v3Collections';

function validateDestination(destination: unknown, ctx: V3Context): string | undefined {
	if (typeof destination !== 'string') return 'error.path.missing.';
	let url: URL;
	try {
		url = new URL(destination);
	} catch {
		return 'error.url.invalid.';
	}
	const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
	if (
		ctx.switches.allowLoopbackHttp &&
		loopback &&
		(url.protocol === 'http:' || url.protocol === 'https:')
	)
		return undefined;
	// Real BigCommerce: https only, port 443 only.
	if (url.protocol !== 'https:' || (url.port !== '' && url.port !== '443'))
		return 'error.destination.https443.';
	return undefined;
}

export function registerV3HookRoutes(router: Router, ctx: V3Context): void {
	const { store } = ctx;
	const hookNotFound = (res: ServerResponse, id: string) =>
		sendV3Error(res, 404, `Webhook with id [${id}] not found`);
	const invalid = (res: ServerResponse, errors: Record<string, string>) =>
		sendV3Error(res, 422, 'JSON data is missing or invalid', { errors });
	const readBody = (
		req: SandboxRequest,
		res: ServerResponse,
	): Record<string, unknown> | undefined => {
		try {
			const body = parseJsonBody<Record<string, unknown>>(req);
			if (body && typeof body === 'object' && !Array.isArray(body)) return body;
		} catch {
			// fall through
		}
		sendV3Error(res, 400, 'The request body is not valid JSON.');
		return undefined;
	};
	const checkFields = (
		body: Record<string, unknown>,
		creating: boolean,
	): Record<string, string> => {
		const errors: Record<string, string> = {};
		if (creating && typeof body.scope !== 'string') errors.scope = 'error.path.missing.';
		if (
			body.scope !== undefined &&
			(typeof body.scope !== 'string' || !/^store\/[\w/*]+$/.test(body.scope))
		) {
			errors.scope = 'error.scope.invalid.';
		}
		if (creating || body.destination !== undefined) {
			const e = validateDestination(body.destination, ctx);
			if (e) errors.destination = e;
		}
		if (body.is_active !== undefined && typeof body.is_active !== 'boolean')
			errors.is_active = 'error.expected.jsboolean';
		if (body.headers !== undefined && body.headers !== null) {
			const h = body.headers;
			if (
				typeof h !== 'object' ||
				Array.isArray(h) ||
				Object.values(h as object).some((v) => typeof v !== 'string')
			) {
				errors.headers = 'error.expected.jsobject';
			}
		}
		return errors;
	};
	const limitsError = (
		scope: string,
		destination: string,
		exceptId?: number,
	): Record<string, string> | undefined => {
		const same = [...store.hooks.values()].filter((h) => h.scope === scope && h.id !== exceptId);
		if (same.some((h) => h.destination === destination)) {
			return {
				destination: 'A webhook with this scope and destination already exists.',
			};
		}
		if (same.length >= 10) return { scope: 'At most 10 webhooks per scope are allowed.' };
		return undefined;
	};

	router.add('GET', '/v3/hooks', 'v3.hooks.list', (req, res) => {
		const ignored = ctx.switches.hookListIgnoresFilters;
		const q = ignored ? new URLSearchParams() : req.url.searchParams;
		let rows = [...store.hooks.values()].filter((h) => h.client_id === store.clientId);
		if (q.has('is_active')) rows = rows.filter((h) => String(h.is_active) === q.get('is_active'));
		if (q.has('scope')) rows = rows.filter((h) => h.scope === q.get('scope'));
		if (q.has('destination')) rows = rows.filter((h) => h.destination === q.get('destination'));
		rows.sort((a, b) => a.id - b.id);
		const page = pageOf(req, res, rows);
		if (page) sendPage(res, page.data, page.pagination);
	});
	router.add('POST', '/v3/hooks', 'v3.hooks.create', (req, res) => {
		const body = readBody(req, res);
		if (!body) return;
		const errors = checkFields(body, true);
		if (Object.keys(errors).length) return invalid(res, errors);
		const limits = limitsError(body.scope as string, body.destination as string);
		if (limits) return invalid(res, limits);
		const now = unix(store.now());
		const hook: HookRec = {
			id: store.nextId('hook'),
			client_id: store.clientId,
			store_hash: store.storeHash,
			scope: body.scope as string,
			destination: body.destination as string,
			is_active: body.is_active === undefined ? true : (body.is_active as boolean),
			headers: (body.headers as Record<string, string> | null | undefined) ?? null,
			created_at: now,
			updated_at: now,
		};
		store.hooks.set(hook.id, hook);
		sendJson(res, 200, { data: hook, meta: {} });
	});
	router.add('GET', '/v3/hooks/:hid(\\d+)', 'v3.hooks.get', (req, res) => {
		const hook = store.hooks.get(Number(req.params.hid));
		if (!hook || hook.client_id !== store.clientId) return hookNotFound(res, req.params.hid);
		sendJson(res, 200, { data: hook, meta: {} });
	});
	router.add('PUT', '/v3/hooks/:hid(\\d+)', 'v3.hooks.update', (req, res) => {
		const hook = store.hooks.get(Number(req.params.hid));
		if (!hook || hook.client_id !== store.clientId) return hookNotFound(res, req.params.hid);
		const body = readBody(req, res);
		if (!body) return;
		const fields = ['scope', 'destination', 'is_active', 'headers'].filter((k) => k in body);
		if (!fields.length) return invalid(res, { body: 'At least one field is required.' });
		const errors = checkFields(body, false);
		if (Object.keys(errors).length) return invalid(res, errors);
		const scope = (body.scope as string | undefined) ?? hook.scope;
		const destination = (body.destination as string | undefined) ?? hook.destination;
		const limits = limitsError(scope, destination, hook.id);
		if (limits) return invalid(res, limits);
		hook.scope = scope;
		hook.destination = destination;
		if (body.is_active !== undefined) hook.is_active = body.is_active as boolean;
		if ('headers' in body) hook.headers = (body.headers as Record<string, string> | null) ?? null;
		hook.updated_at = unix(store.now());
		sendJson(res, 200, { data: hook, meta: {} });
	});
	router.add('DELETE', '/v3/hooks/:hid(\\d+)', 'v3.hooks.delete', (req, res) => {
		const hook = store.hooks.get(Number(req.params.hid));
		if (!hook || hook.client_id !== store.clientId) return hookNotFound(res, req.params.hid);
		store.hooks.delete(hook.id);
		// DELETE answers 200 with the deleted hook.
		sendJson(res, 200, { data: hook, meta: {} });
	});
}
