/**
 * What the trigger does with one incoming delivery, before anything is fetched: authenticate it
 * (./verify.ts), refuse one for another store or with unusable ids (./addressee.ts), drop
 * duplicates on the delivery's identity, and drop what the selection rules out from the payload
 * alone. Keeps its state in node static data through ./memory.ts (bounded windows, top-level
 * keys reassigned, never a secret).
 */
import type { IDataObject } from 'n8n-workflow';

import { misaddressedReason } from './addressee';
import { openWindow, saveWindow } from './memory';
import { verifyDelivery, type VerifiedDelivery, type VerifyDeliveryInput } from './verify';
import { entersSelection, ORDER_CREATED, ORDER_STATUS_UPDATED, orderIdOf } from '../trigger/events';
import type { DeliveredEvent, EventMeta } from '../trigger/items';

export const DEDUPE_KEY = 'deliveryDedupe';
export const EMITTED_ORDERS_KEY = 'emittedOrders';

/**
 * Orders emitted on creation or on entering the selection, remembered for 30 days (at most 2 000):
 * an order flipping out of the selection and back in is not emitted a second time.
 */
const EMITTED_ORDERS_WINDOW = { maxEntries: 2000, maxAgeSeconds: 30 * 24 * 3600 };

export type DeliveryDecision =
	| { action: 'reject'; status: 400 | 401; reason: string }
	| { action: 'ignore'; reason: string; delivery: VerifiedDelivery }
	| { action: 'fetch'; delivery: VerifiedDelivery };

export interface DeliveryRules {
	/** The credential's store hash: a delivery naming another store is refused (400). */
	storeHash: string;
	scopes: readonly string[];
	statuses: ReadonlySet<number>;
	now?: Date;
	/** Which trigger this is (workflow id + node id): the in-process window is shared by all. */
	dedupeScope?: string;
}

/**
 * Deliveries this process accepted in the last minutes. n8n loads a fresh copy of static data for
 * every webhook request and saves it afterwards, so two copies of one delivery arriving together
 * (BigCommerce sends duplicates, sometimes at once) would both pass a static-data check. This
 * window is checked and written synchronously, so within one process only one of them passes;
 * static data still covers restarts and later duplicates.
 */
const RECENT_WINDOW_MS = 10 * 60_000;
const RECENT_MAX = 10_000;
const recentDeliveries = new Map<string, number>();

function seenRecently(key: string, nowMs: number): boolean {
	const expires = recentDeliveries.get(key);
	if (expires !== undefined && expires > nowMs) return true;
	recentDeliveries.set(key, nowMs + RECENT_WINDOW_MS);
	if (recentDeliveries.size > RECENT_MAX) {
		for (const [k, until] of recentDeliveries) {
			if (until <= nowMs || recentDeliveries.size > RECENT_MAX) recentDeliveries.delete(k);
			else break;
		}
	}
	return false;
}

const emittedKey = (orderId: string | number) => `order:${orderId}`;

/** Authenticate, dedupe and pre-filter a delivery. Records its identity when it is new. */
export function decideDelivery(
	staticData: IDataObject,
	verifyInput: VerifyDeliveryInput,
	rules: DeliveryRules,
): DeliveryDecision {
	const verified = verifyDelivery(verifyInput);
	if (!verified.ok) return { action: 'reject', status: verified.status, reason: verified.reason };
	const misaddressed = misaddressedReason(verified.payload, rules.storeHash);
	if (misaddressed) return { action: 'reject', status: 400, reason: misaddressed };

	const now = rules.now ?? verifyInput.now ?? new Date();
	if (seenRecently(`${rules.dedupeScope ?? ''}|${verified.deliveryId}`, now.getTime())) {
		return { action: 'ignore', reason: 'duplicate delivery', delivery: verified };
	}
	const dedupe = openWindow(staticData, DEDUPE_KEY, {}, now);
	const duplicate = dedupe.checkAndRecord(verified.deliveryId, now);
	saveWindow(staticData, DEDUPE_KEY, dedupe);
	if (duplicate) return { action: 'ignore', reason: 'duplicate delivery', delivery: verified };

	const { scope, data } = verified.payload;
	if (!rules.scopes.includes(scope)) {
		return { action: 'ignore', reason: `scope ${scope} is not selected`, delivery: verified };
	}
	if (scope === ORDER_STATUS_UPDATED) {
		if (entersSelection(rules.statuses, data) === false) {
			return {
				action: 'ignore',
				reason: 'the order did not enter a selected status',
				delivery: verified,
			};
		}
		const orderId = orderIdOf(scope, data);
		if (orderId && alreadyEmitted(staticData, orderId, now)) {
			return {
				action: 'ignore',
				reason: `order ${orderId} was emitted before`,
				delivery: verified,
			};
		}
	}
	return { action: 'fetch', delivery: verified };
}

function alreadyEmitted(staticData: IDataObject, orderId: string, now: Date): boolean {
	return openWindow(staticData, EMITTED_ORDERS_KEY, EMITTED_ORDERS_WINDOW, now).isDuplicate(
		emittedKey(orderId),
		now,
	);
}

/** After emitting an order on creation or on entering the selection: it counts as emitted. */
export function rememberEmittedOrder(
	staticData: IDataObject,
	scope: string,
	orderId: number | undefined,
	now = new Date(),
): void {
	if (orderId === undefined || (scope !== ORDER_CREATED && scope !== ORDER_STATUS_UPDATED)) return;
	const emitted = openWindow(staticData, EMITTED_ORDERS_KEY, EMITTED_ORDERS_WINDOW, now);
	emitted.record(emittedKey(orderId), now);
	saveWindow(staticData, EMITTED_ORDERS_KEY, emitted, EMITTED_ORDERS_WINDOW);
}

/**
 * A delivery that passed as the event the items are built from: its scope and light data, and
 * `_event` saying where it came from (headers only when asked for, never the secret header).
 */
export function deliveredEvent(
	delivery: VerifiedDelivery,
	storeHash: string,
	headers?: IDataObject,
): DeliveredEvent {
	const { payload, deliveryId, webhookId } = delivery;
	const meta: EventMeta = {
		source: 'webhook',
		scope: payload.scope,
		store_hash: storeHash,
		store_id: payload.store_id,
		webhook_id: webhookId ?? null,
		delivery_id: deliveryId,
		hash: payload.hash,
		created_at: payload.created_at,
		data: payload.data as IDataObject,
	};
	if (headers) meta.headers = headers;
	return { scope: payload.scope, data: payload.data, meta };
}
