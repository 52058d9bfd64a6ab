/**
 * The trigger's hooks on the store: one per selected scope, all pointing at the node's production
 * webhook URL and carrying the derived secret header. Also the watchdog that re-activates hooks
 * BigCommerce switched off (it deactivates a hook after about 48 hours of failed deliveries).
 *
 * Hooks are found by listing `GET /v3/hooks?destination=` rather than trusting stored ids: the
 * store is the truth (a hook may have been deleted or deactivated behind our back), and the ids in
 * static data are only a record for `delete`. The filter is never trusted: every function here
 * compares each listed hook's destination (and state) itself before it changes or deletes it.
 */
import type { HttpContext } from '../../common/http';
import { createHook, deleteHook, listHooks, updateHook, type Hook, type HookFields } from '../api';
import { HOOK_MARKER_HEADER, hasHookMarkerHeader } from '../webhook/secret';

/** Hook ids by scope, as kept in node static data (no secrets). */
export type HookIds = Record<string, number>;

export interface HookTarget {
	/** n8n's production URL for this node. */
	destination: string;
	scopes: string[];
	/** The derived value of the secret header (recomputed from the credential, never stored). */
	headerSecret: string;
}

export interface HookInspection {
	ids: HookIds;
	/** Selected scopes without a hook at our destination. */
	missing: string[];
	/** Hooks found inactive or with a stale secret header, and put right. */
	repaired: Hook[];
	/** Our hooks for scopes no longer selected, deleted. */
	removed: Hook[];
}

export interface Logger {
	warn(message: string, meta?: object): void;
}

function headerValue(headers: Hook['headers'], name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

const hookHeaders = (secret: string) => ({ [HOOK_MARKER_HEADER]: secret });

/**
 * Compare the store's hooks at our destination with what is selected: re-activate deactivated
 * hooks, refresh a stale secret header, delete our hooks for scopes no longer selected, and say
 * which scopes still need a hook.
 */
export async function inspectHooks(
	context: HttpContext,
	target: HookTarget,
): Promise<HookInspection> {
	const existing = await listHooks(context, { destination: target.destination });
	const result: HookInspection = { ids: {}, missing: [], repaired: [], removed: [] };
	for (const scope of target.scopes) {
		const hook = existing.find((h) => h.scope === scope && h.destination === target.destination);
		if (!hook) {
			result.missing.push(scope);
			continue;
		}
		const headerOk = headerValue(hook.headers, HOOK_MARKER_HEADER) === target.headerSecret;
		if (!hook.is_active || !headerOk) {
			// A stale header (e.g. a rotated client secret) is replaced; other headers are kept.
			const fields: HookFields = headerOk
				? { is_active: true }
				: {
						is_active: true,
						headers: { ...stripMarker(hook.headers), ...hookHeaders(target.headerSecret) },
					};
			result.repaired.push(await updateHook(context, hook.id, fields));
		}
		result.ids[scope] = hook.id;
	}
	for (const hook of existing) {
		if (target.scopes.includes(hook.scope) || !hasHookMarkerHeader(hook.headers)) continue;
		if (hook.destination !== target.destination) continue;
		result.removed.push(await deleteHook(context, hook.id));
	}
	return result;
}

/** The hook's other headers without any spelling of our marker header. */
function stripMarker(headers: Hook['headers']): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() !== HOOK_MARKER_HEADER) out[key] = String(value);
	}
	return out;
}

/** Make sure every selected scope has an active hook with our header; create what is missing. */
export async function ensureHooks(context: HttpContext, target: HookTarget): Promise<HookIds> {
	const inspection = await inspectHooks(context, target);
	const ids = { ...inspection.ids };
	for (const scope of inspection.missing) {
		const hook = await createHook(context, {
			scope,
			destination: target.destination,
			is_active: true,
			headers: hookHeaders(target.headerSecret),
		});
		ids[scope] = hook.id;
	}
	return ids;
}

const isNotFound = (error: unknown) =>
	typeof error === 'object' &&
	error !== null &&
	String((error as { httpCode?: unknown }).httpCode) === '404';

/**
 * Delete this node's hooks: every hook at our destination that we recorded or that carries our
 * marker header (a hook whose id was lost). The destination is compared here, hook by hook: the
 * `destination` filter of `GET /v3/hooks` is only a hint, and a store or proxy that ignored it
 * would otherwise hand us every hook of the API account, other workflows' included. A recorded id
 * not listed at our destination is left alone (gone already, or pointed elsewhere since). A hook
 * already gone (404) counts as deleted. Returns whether all are gone.
 */
export async function removeHooks(
	context: HttpContext,
	destination: string | undefined,
	recorded: HookIds,
	logger: Logger,
): Promise<boolean> {
	if (!destination) {
		logger.warn('BigCommerce Trigger: no webhook URL to match hooks against; none deleted');
		return false;
	}
	const recordedIds = new Set(Object.values(recorded).filter((id) => Number.isInteger(id)));
	const ids = (await listHooks(context, { destination }))
		.filter((hook) => hook.destination === destination)
		.filter((hook) => recordedIds.has(hook.id) || hasHookMarkerHeader(hook.headers))
		.map((hook) => hook.id);
	let allGone = true;
	for (const id of ids) {
		try {
			await deleteHook(context, id);
		} catch (error) {
			if (isNotFound(error)) continue;
			allGone = false;
			logger.warn('BigCommerce Trigger: could not delete a webhook', {
				hookId: id,
				error: (error as Error).message,
			});
		}
	}
	return allGone;
}

// ---- watchdog ----------------------------------------------------------------------------------

export interface WatchdogReport {
	id: number;
	scope: string;
	destination: string;
	/** Why the hook counts as ours. */
	matchedBy: 'baseUrl' | 'markerHeader';
	reactivated: boolean;
	error?: string;
}

/** Whether a destination lies on the n8n base URL (same origin, path below the base path). */
export function onBaseUrl(destination: string, baseUrl: string): boolean {
	if (!baseUrl.trim()) return false;
	let dest: URL;
	let base: URL;
	try {
		dest = new URL(destination);
		base = new URL(baseUrl.trim());
	} catch {
		return false;
	}
	if (dest.origin.toLowerCase() !== base.origin.toLowerCase()) return false;
	const basePath = base.pathname.replace(/\/+$/, '');
	return basePath === '' || dest.pathname === basePath || dest.pathname.startsWith(`${basePath}/`);
}

/**
 * List the API account's hooks and re-activate every inactive one that is ours. With a base URL,
 * ours means a destination on it (the marker header alone is not enough: another n8n instance
 * with this pack and the same API account has its own hooks). Without one, the pack's marker
 * header decides. Both `is_active` and the destination are checked here, hook by hook, whatever
 * the list's filter returned. A hook that cannot be re-activated is reported with the error
 * rather than stopping the poll.
 */
export async function reactivateInactiveHooks(
	context: HttpContext,
	baseUrl: string,
): Promise<WatchdogReport[]> {
	const reports: WatchdogReport[] = [];
	for (const hook of await listHooks(context, { isActive: false })) {
		if (hook.is_active) continue;
		const matchedBy = baseUrl.trim()
			? onBaseUrl(hook.destination, baseUrl) && 'baseUrl'
			: hasHookMarkerHeader(hook.headers) && 'markerHeader';
		if (!matchedBy) continue;
		const report: WatchdogReport = {
			id: hook.id,
			scope: hook.scope,
			destination: hook.destination,
			matchedBy,
			reactivated: false,
		};
		try {
			const updated = await updateHook(context, hook.id, { is_active: true });
			report.reactivated = updated.is_active !== false;
		} catch (error) {
			report.error = (error as Error).message;
		}
		reports.push(report);
	}
	return reports;
}
