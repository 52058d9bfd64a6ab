/**
 * What the trigger does with one incoming delivery, before anything is fetched: authenticate it
 * (verify.ts), drop duplicates on the delivery's identity, and drop what the selection rules out
 * from the payload alone. Keeps its state in node static data (bounded windows, top-level keys
 * reassigned, never a secret).
 */
import type { IDataObject } from 'n8n-workflow';

import { DeliveryDedupe } from '../deliveryDedupe';
import { verifyDelivery, type VerifiedDelivery, type VerifyDeliveryInput } from '../verify';
import { entersSelection, ORDER_CREATED, ORDER_STATUS_UPDATED } from './events';
import { orderIdOf } from './items';

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
	scopes: readonly string[];
	statuses: ReadonlySet<number>;
	now?: Date;
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

	const now = rules.now ?? verifyInput.now ?? new Date();
	const dedupe = DeliveryDedupe.fromState(staticData[DEDUPE_KEY]);
	// The delivery's identity as BigCommerce gives it: webhook-id when signed, else hash + created_at.
	// (Matching on both would merge two real updates of one order made within the same second.)
	const duplicate = dedupe.checkAndRecord(verified.deliveryId, now);
	staticData[DEDUPE_KEY] = dedupe.toJSON() as unknown as IDataObject;
	if (duplicate) return { action: 'ignore', reason: 'duplicate delivery', delivery: verified };

	const { scope, data } = verified.payload;
	if (!rules.scopes.includes(scope)) {
		return { action: 'ignore', reason: `scope ${scope} is not selected`, delivery: verified };
	}
	if (scope === ORDER_STATUS_UPDATED) {
		if (entersSelection(rules.statuses, data) === false) {
			return { action: 'ignore', reason: 'the order did not enter a selected status', delivery: verified };
		}
		const orderId = orderIdOf(scope, data);
		if (orderId && alreadyEmitted(staticData, orderId, now)) {
			return { action: 'ignore', reason: `order ${orderId} was emitted before`, delivery: verified };
		}
	}
	return { action: 'fetch', delivery: verified };
}

function alreadyEmitted(staticData: IDataObject, orderId: string, now: Date): boolean {
	return DeliveryDedupe.fromState(staticData[EMITTED_ORDERS_KEY], EMITTED_ORDERS_WINDOW).isDuplicate(
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
	const emitted = DeliveryDedupe.fromState(staticData[EMITTED_ORDERS_KEY], EMITTED_ORDERS_WINDOW);
	emitted.record(emittedKey(orderId), now);
	staticData[EMITTED_ORDERS_KEY] = emitted.toJSON() as unknown as IDataObject;
}
