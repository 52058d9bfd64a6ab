/**
 * Whether an authenticated delivery is one this trigger can act on: it names the credential's
 * store, and the records it points at have ids the trigger may fetch. A delivery that fails either
 * check is refused with 400 before anything is fetched or remembered, so it starts no execution.
 *
 * It is authentic (it carried the secret header or a valid signature), so these are not forgery
 * checks; they stop a delivery meant for another store (a hook and its header copied between
 * stores, a relay that mixes stores up) from fetching under this store's token, and an id such as
 * `-1001` or `1.5` from reaching `GET /v2/orders/{id}`.
 */
import type { WebhookPayload } from './payload';
import { EVENT_KINDS } from '../trigger/events';

/** A positive integer record id, given as a number or as a string of digits without a sign. */
function isPositiveId(value: unknown): boolean {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0;
	return typeof value === 'string' && /^[1-9][0-9]{0,15}$/.test(value) && Number(value) > 0;
}

/**
 * The payload fields that name a record the trigger fetches, by event kind: `true` when the field
 * must be there, `false` when it is checked only when present.
 */
const FETCHED_IDS: Record<string, Array<[path: string[], required: boolean]>> = {
	order: [[['id'], true]],
	refund: [
		[['id'], true],
		[['refund', 'refund_id'], false],
	],
	transaction: [
		[['order_id'], true],
		[['transaction_id'], false],
	],
	customer: [[['id'], true]],
};

function field(data: Record<string, unknown>, path: string[]): unknown {
	let value: unknown = data;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/**
 * Why the delivery is not for this trigger, or undefined when it is.
 *
 * The store: `producer` is `stores/<store hash>` and must name the credential's store hash (store
 * hashes are compared without regard to case). `store_id` is the store's numeric id, which the
 * credential does not carry; it must be a positive integer, and the producer decides the store.
 */
export function misaddressedReason(payload: WebhookPayload, storeHash: string): string | undefined {
	const expected = storeHash.trim().toLowerCase();
	if (!expected) return 'The credential has no store hash to compare the delivery with';
	if (payload.producer.toLowerCase() !== `stores/${expected}`) {
		return 'The delivery is for another store (producer)';
	}
	if (!isPositiveId(payload.store_id)) return 'The payload has no valid "store_id"';

	const kind = EVENT_KINDS[payload.scope];
	for (const [path, required] of FETCHED_IDS[kind] ?? []) {
		const value = field(payload.data, path);
		if (value === undefined && !required) continue;
		if (!isPositiveId(value)) return `The payload has no valid "data.${path.join('.')}"`;
	}
	return undefined;
}
