/**
 * Admin API of the F&O + Entra sandbox, under `/d365/` on the admin server (no auth):
 *
 *   GET    /d365/entities/:set?dataAreaId=   records as stored (all companies unless dataAreaId)
 *   POST   /d365/entities/:set               seed one record (F&O empty defaults + the body; no rules)
 *   DELETE /d365/entities/:set               remove every record of the set
 *   GET    /d365/balances?dataAreaId=        customers' open balances and payment journals' debit/credit
 *                                            per offset account, as if everything were posted (balances.ts)
 *   GET    /d365/switches                    the behaviour switches (see switches.ts)
 *   PUT    /d365/switches                    merge changes, e.g. {"pageSize":2,"requestBudget":5},
 *                                            {"lineLatencyMs":5} (F&O's pace per record written)
 *   GET    /d365/entra/stats                 { tokenRequests, issued, failed, byClient, byCredential, byError, scopes }
 *   DELETE /d365/entra/stats                 reset the counts
 *   POST   /d365/entra/fail                  fail the next token requests: {"count":2,"aadsts":7000215}
 *                                            or {"count":1,"status":429,"retryAfterSeconds":5}; 503 likewise
 *   GET    /d365/entra/fail                  pending forced failures; DELETE clears them
 *   PUT    /d365/entra/settings              {"expiresIn":400,"refreshIn":200,"invalidClientStatus":400,"tokenLifetimeOverride":5}
 *   POST   /d365/entra/apps                  register another app {"clientId","clientSecret"} (same cert)
 *   POST   /d365/entra/token                 a signed access token with claim overrides (for 401 tests)
 *   POST   /d365/packing-slips               post a packing slip for a sales order (packingSlips.ts):
 *                                            {"salesOrderNumber":"USMF-000001"} ships what is left (full);
 *                                            "lines":[{"inventoryLotId":"USMF-L00000001","quantity":1}] (or
 *                                            "lineNumber") a part; "trackingNumbers":["1Z…",{"number","url"}],
 *                                            "carrier":"UPS","deliveryMode":"GROUND","dataAreaId":"usmf"
 *   POST   /d365/packing-slips/:id/correct   {"lines":[{"lineNumber":1,"quantity":0}]} lowers quantities
 *   PUT    /d365/on-hand                     [{"ItemNumber","InventorySiteId","InventoryWarehouseId",
 *                                            "OnHandQuantity","ReservedOnHandQuantity"?,…}] (onHand.ts)
 *
 * Invoicing and planted ledger faults (`/d365/sales-orders/:number/invoice|duplicate`, DELETE
 * `/d365/sales-orders/:number`, PATCH/DELETE `/d365/records/:set?Field=value`): see invoicing.ts.
 *
 * Faults per route (`odata.<Set>.<op>`, `odata.batch`, `entra.token`) go through /faults/d365;
 * `{"route":"odata.batch","timeoutAfterCommit":1,"commitDelayMs":300}` commits a changeset only
 * 300 ms after the client gave up waiting for it.
 */
import { randomUUID } from 'node:crypto';

import type { AdminHandler } from '../types';
import { balances } from './balances';
import type { EntraFailure, EntraSandbox } from './entra';
import { createInvoicingAdmin } from './invoicing';
import type { EntityModel } from './metadata';
import type { ODataServer } from './odata';
import { setOnHand, type OnHandSpec } from './onHand';
import {
	correctPackingSlip,
	PackingSlipError,
	postPackingSlip,
	type CorrectionSpec,
	type PackingSlipSpec,
} from './packingSlips';
import type { D365Store } from './store';
import type { D365Switches } from './switches';

export interface AdminDeps {
	store: D365Store;
	switches: D365Switches;
	entra: EntraSandbox;
	odata: ODataServer;
	model: EntityModel;
}

export function createD365Admin({ store, switches, entra, odata, model }: AdminDeps): AdminHandler {
	const invoicing = createInvoicingAdmin({ store, switches });
	return async (method, path, body, query) => {
		const [head, arg] = path;
		if (head === 'entities' && arg) {
			if (!model.sets.has(arg))
				return { status: 404, body: { error: `not a served entity set: ${arg}` } };
			if (method === 'GET')
				return { status: 200, body: store.list(arg, query.get('dataAreaId') ?? undefined) };
			if (method === 'POST') {
				try {
					return {
						status: 201,
						body: store.seed(arg, (body ?? {}) as Record<string, unknown>).data,
					};
				} catch (error) {
					return { status: 409, body: { error: (error as Error).message } };
				}
			}
			if (method === 'DELETE') {
				for (const r of store.all(arg)) store.remove(arg, r);
				return { status: 200, body: [] };
			}
		}
		if (head === 'packing-slips' && method === 'POST') {
			try {
				if (!arg)
					return { status: 201, body: postPackingSlip(store, switches, body as PackingSlipSpec) };
				if (path[2] === 'correct') {
					const spec = { ...(body as CorrectionSpec), packingSlipId: decodeURIComponent(arg) };
					return { status: 200, body: correctPackingSlip(store, switches, spec) };
				}
			} catch (error) {
				if (error instanceof PackingSlipError)
					return { status: 400, body: { error: error.message } };
				throw error;
			}
		}
		if (head === 'on-hand' && method === 'PUT' && Array.isArray(body))
			return { status: 200, body: { written: setOnHand(store, switches, body as OnHandSpec[]) } };
		if (head === 'balances' && method === 'GET')
			return {
				status: 200,
				body: balances(
					store,
					(query.get('dataAreaId') ?? switches.defaultCompany).toLowerCase(),
					switches,
				),
			};
		if (head === 'switches') {
			if (method === 'GET') return { status: 200, body: switches };
			if (method === 'PUT') {
				const changes = (body ?? {}) as Partial<D365Switches>;
				for (const [k, v] of Object.entries(changes)) {
					if (!(k in switches)) return { status: 400, body: { error: `unknown switch ${k}` } };
					(switches as unknown as Record<string, unknown>)[k] =
						k === 'manualNumbers' ? { ...switches.manualNumbers, ...(v as object) } : v;
				}
				if (changes.defaultCompany) switches.defaultCompany = changes.defaultCompany.toLowerCase();
				if (changes.expiresIn !== undefined) entra.expiresIn = changes.expiresIn;
				if ('requestBudget' in changes) odata.resetCounters();
				return { status: 200, body: switches };
			}
		}
		if (head === 'entra') {
			if (arg === 'stats' && method === 'GET') return { status: 200, body: entra.stats() };
			if (arg === 'stats' && method === 'DELETE') {
				entra.resetStats();
				return { status: 200, body: entra.stats() };
			}
			if (arg === 'fail' && method === 'POST') {
				try {
					entra.failNext(body as EntraFailure);
				} catch (error) {
					return { status: 400, body: { error: (error as Error).message } };
				}
				return { status: 200, body: entra.pendingFailures() };
			}
			if (arg === 'fail' && method === 'GET') return { status: 200, body: entra.pendingFailures() };
			if (arg === 'fail' && method === 'DELETE') {
				entra.clearFailures();
				return { status: 200, body: [] };
			}
			if (arg === 'settings' && method === 'PUT') {
				const s = (body ?? {}) as {
					expiresIn?: number;
					refreshIn?: number | null;
					invalidClientStatus?: number;
					tokenLifetimeOverride?: number | null;
				};
				if (s.expiresIn !== undefined) entra.expiresIn = switches.expiresIn = s.expiresIn;
				if (s.refreshIn !== undefined) entra.refreshIn = s.refreshIn ?? undefined;
				if (s.tokenLifetimeOverride !== undefined)
					entra.tokenLifetimeOverride = s.tokenLifetimeOverride ?? undefined;
				if (s.invalidClientStatus !== undefined) entra.invalidClientStatus = s.invalidClientStatus;
				return {
					status: 200,
					body: {
						expiresIn: entra.expiresIn,
						refreshIn: entra.refreshIn ?? null,
						invalidClientStatus: entra.invalidClientStatus,
						tokenLifetimeOverride: entra.tokenLifetimeOverride ?? null,
					},
				};
			}
			if (arg === 'apps' && method === 'POST') {
				const b = (body ?? {}) as { clientId?: string; clientSecret?: string };
				const clientId = b.clientId ?? randomUUID();
				const app = {
					clientId,
					clientSecret: b.clientSecret ?? `sandbox~${randomUUID()}`,
					certificates: [entra.certificate],
					objectId: randomUUID(),
				};
				entra.apps.set(clientId.toLowerCase(), app);
				return { status: 201, body: { clientId: app.clientId, clientSecret: app.clientSecret } };
			}
			if (arg === 'token' && method === 'POST') {
				return {
					status: 200,
					body: { access_token: entra.mintAccessToken((body ?? {}) as Record<string, unknown>) },
				};
			}
		}
		return await invoicing(method, path, body, query);
	};
}
