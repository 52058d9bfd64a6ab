import { DeliveryDedupe } from '../../../../nodes/BigCommerce/webhook/dedupe';
import { HOOK_MARKER_HEADER } from '../../../../nodes/BigCommerce/webhook/secret';
import {
	verifyDelivery,
	type VerifiedDelivery,
} from '../../../../nodes/BigCommerce/webhook/verify';
import { HEADER_SECRET, input, NOW, NOW_SECONDS, orderBody, signedHeaders } from './helpers';

const at = (offsetSeconds: number) => new Date((NOW_SECONDS + offsetSeconds) * 1000);

function verified(body: string, headers: Parameters<typeof input>[1]): VerifiedDelivery {
	const result = verifyDelivery(input(body, headers));
	if (!result.ok) throw new Error(result.reason);
	return result;
}

/** Reload from static data the way n8n would: through JSON. */
function roundTrip(dedupe: DeliveryDedupe): DeliveryDedupe {
	const staticData = JSON.parse(JSON.stringify({ deliveryDedupe: dedupe.toJSON() }));
	return DeliveryDedupe.fromState(staticData.deliveryDedupe);
}

describe('delivery identity', () => {
	it('is one identity from the payload, signed or not, under any webhook-id', () => {
		// Changed by issue 16: it was the webhook-id when signed and hash + created_at otherwise, so
		// a signed delivery replayed without its signature headers, or the same body under a new
		// webhook-id, passed as new.
		const body = orderBody();
		const signed = verified(body, signedHeaders(body, { id: 'msg_1' }));
		const resigned = verified(body, signedHeaders(body, { id: 'msg_2' }));
		const unsigned = verified(body, { [HOOK_MARKER_HEADER]: HEADER_SECRET });
		expect(signed.deliveryId).toMatch(/^bc:[A-Za-z0-9_-]{43}$/);
		expect(resigned.deliveryId).toBe(signed.deliveryId);
		expect(unsigned.deliveryId).toBe(signed.deliveryId);
		expect(signed.webhookId).toBe('msg_1');
	});

	it('is the same whatever the order of the keys in data, and differs with any of the four fields', () => {
		const headers = { [HOOK_MARKER_HEADER]: HEADER_SECRET };
		const id = (overrides: Record<string, unknown>) =>
			verified(orderBody(overrides), headers).deliveryId;
		const base = id({});
		expect(id({ data: { id: 250, type: 'order' } })).toBe(base);
		expect(id({ store_id: '1025646', producer: 'stores/abc123' })).toBe(base);
		for (const change of [
			{ scope: 'store/order/created' },
			{ hash: 'a'.repeat(40) },
			{ created_at: NOW_SECONDS - 1 },
			{ data: { type: 'order', id: 251 } },
		]) {
			expect(id(change)).not.toBe(base);
		}
	});
});

describe('DeliveryDedupe', () => {
	it('drops a retried delivery with the same webhook-id (fresh timestamp and signature)', () => {
		const body = orderBody();
		const first = verified(body, signedHeaders(body, { id: 'msg_retry' }));
		const retry = verified(body, signedHeaders(body, { id: 'msg_retry', at: at(60) }));
		const dedupe = new DeliveryDedupe();
		expect(dedupe.checkAndRecord(first.deliveryId, NOW)).toBe(false);
		expect(roundTrip(dedupe).isDuplicate(retry.deliveryId, at(60))).toBe(true);
	});

	it('drops an unsigned duplicate by hash and created_at', () => {
		const body = orderBody();
		const headers = { [HOOK_MARKER_HEADER]: HEADER_SECRET };
		const dedupe = new DeliveryDedupe();
		expect(dedupe.checkAndRecord(verified(body, headers).deliveryId, NOW)).toBe(false);
		expect(dedupe.checkAndRecord(verified(body, headers).deliveryId, at(5))).toBe(true);
	});

	it('catches an event fired twice under two webhook-ids', () => {
		// Changed by issue 16: the webhook-id alone no longer makes a delivery new.
		const body = orderBody();
		const a = verified(body, signedHeaders(body, { id: 'msg_a' }));
		const b = verified(body, signedHeaders(body, { id: 'msg_b' }));
		const dedupe = new DeliveryDedupe();
		dedupe.record(a.deliveryId, NOW);
		expect(dedupe.isDuplicate(b.deliveryId, NOW)).toBe(true);
	});

	it('does not treat two different updates of the same order as duplicates', () => {
		const headers = { [HOOK_MARKER_HEADER]: HEADER_SECRET };
		const first = verified(orderBody(), headers);
		const sameHashLater = verified(orderBody({ created_at: NOW_SECONDS + 40 }), headers);
		const otherHash = verified(orderBody({ hash: 'a'.repeat(40) }), headers);
		const dedupe = new DeliveryDedupe();
		dedupe.record(first.deliveryId, NOW);
		expect(dedupe.isDuplicate(sameHashLater.deliveryId, at(40))).toBe(false);
		expect(dedupe.isDuplicate(otherHash.deliveryId, at(40))).toBe(false);
	});

	it('keeps at most maxEntries, forgetting the oldest first', () => {
		const dedupe = new DeliveryDedupe(undefined, { maxEntries: 3 });
		for (let i = 0; i < 5; i++) dedupe.record(`k${i}`, at(i));
		expect(dedupe.size).toBe(3);
		expect(dedupe.isDuplicate('k0', at(5))).toBe(false);
		expect(dedupe.isDuplicate('k1', at(5))).toBe(false);
		expect(['k2', 'k3', 'k4'].every((k) => dedupe.isDuplicate(k, at(5)))).toBe(true);
	});

	it('uses a default cap of 500 entries', () => {
		const dedupe = new DeliveryDedupe();
		for (let i = 0; i < 600; i++) dedupe.record(`bc:${i}`, NOW);
		expect(dedupe.size).toBe(500);
		expect(dedupe.isDuplicate('bc:99', NOW)).toBe(false);
		expect(dedupe.isDuplicate('bc:100', NOW)).toBe(true);
		expect(JSON.stringify(dedupe.toJSON()).length).toBeLessThan(20_000);
	});

	it('forgets identities older than maxAgeSeconds, and prunes them on record', () => {
		const dedupe = new DeliveryDedupe(undefined, { maxAgeSeconds: 3600 });
		dedupe.record('old', NOW);
		expect(dedupe.isDuplicate('old', at(3600))).toBe(true);
		expect(dedupe.isDuplicate('old', at(3601))).toBe(false);
		dedupe.record('new', at(3601));
		expect(dedupe.toJSON().seen.map(([key]) => key)).toEqual(['new']);
		// A re-recorded expired identity starts a new window.
		dedupe.record('old', at(3602));
		expect(dedupe.isDuplicate('old', at(3602 + 3600))).toBe(true);
	});

	it('covers BigCommerce retries (about 48 h) by default', () => {
		const dedupe = new DeliveryDedupe();
		dedupe.record('wh:msg_1', NOW);
		expect(dedupe.isDuplicate('wh:msg_1', at(173_040))).toBe(true);
		expect(dedupe.isDuplicate('wh:msg_1', at(51 * 3600))).toBe(false);
	});

	it('round-trips through JSON.stringify/parse and keeps the state plain', () => {
		const dedupe = new DeliveryDedupe();
		dedupe.record(['wh:msg_1', 'bc:h:1'], NOW);
		dedupe.record('bc:h:2', at(1));
		const state = dedupe.toJSON();
		expect(state).toEqual({
			v: 2,
			seen: [
				['wh:msg_1', NOW_SECONDS],
				['bc:h:1', NOW_SECONDS],
				['bc:h:2', NOW_SECONDS + 1],
			],
		});
		expect(JSON.parse(JSON.stringify(state))).toEqual(state);
		const reloaded = roundTrip(dedupe);
		expect(reloaded.toJSON()).toEqual(state);
		expect(reloaded.isDuplicate('bc:h:2', at(2))).toBe(true);
		// toJSON hands out a fresh object each time, for reassigning the static-data key.
		expect(dedupe.toJSON()).not.toBe(state);
	});

	it('stores long identities as a short digest', () => {
		const dedupe = new DeliveryDedupe();
		const long = `wh:${'x'.repeat(5000)}`;
		dedupe.record(long, NOW);
		expect(dedupe.isDuplicate(long, NOW)).toBe(true);
		expect(JSON.stringify(dedupe.toJSON()).length).toBeLessThan(100);
	});

	it('starts empty from missing or unrecognised static data', () => {
		for (const state of [
			undefined,
			null,
			'x',
			[],
			{ v: 3, seen: [['a', 1]] },
			{ v: 2, seen: { a: 1 } },
			{ v: 1, seen: [] },
			{ v: 1 },
		]) {
			expect(DeliveryDedupe.fromState(state).size).toBe(0);
		}
		const partial = DeliveryDedupe.fromState({
			v: 2,
			seen: [['a', NOW_SECONDS], ['b', 'bad'], [null, NOW_SECONDS], 'c', ['d', null]],
		});
		expect(partial.toJSON()).toEqual({ v: 2, seen: [['a', NOW_SECONDS]] });
	});

	it('reads a window saved in the first form (an object), oldest first whatever its key order', () => {
		// An object lists integer-like keys first, so its order is not time order: the first prune
		// over the bound sorts it once.
		const legacy = {
			v: 1,
			seen: { late: NOW_SECONDS + 2, '42': NOW_SECONDS + 1, early: NOW_SECONDS },
		};
		const dedupe = DeliveryDedupe.fromState(legacy, { maxEntries: 3 });
		expect(dedupe.isDuplicate(['42'], at(3))).toBe(true);
		dedupe.record('newest', at(3));
		expect(dedupe.toJSON()).toEqual({
			v: 2,
			seen: [
				['42', NOW_SECONDS + 1],
				['late', NOW_SECONDS + 2],
				['newest', NOW_SECONDS + 3],
			],
		});
	});

	it('merges an out-of-order copy and still drops the oldest first', () => {
		const mine = new DeliveryDedupe(undefined, { maxEntries: 3 });
		mine.record('b', at(2));
		mine.record('c', at(3));
		const theirs = new DeliveryDedupe(undefined, { maxEntries: 3 });
		theirs.record('a', at(1));
		theirs.record('d', at(4));
		theirs.record('c', at(0)); // an earlier sighting of c
		mine.absorb(theirs, at(5));
		// c's earlier sighting makes it the oldest of four: it goes, the rest stay in time order.
		expect(mine.toJSON().seen).toEqual([
			['a', NOW_SECONDS + 1],
			['b', NOW_SECONDS + 2],
			['d', NOW_SECONDS + 4],
		]);
	});

	it('does not mutate the state object it was loaded from', () => {
		const state = { v: 2 as const, seen: [['a', NOW_SECONDS]] as Array<[string, number]> };
		const dedupe = DeliveryDedupe.fromState(state);
		dedupe.record('b', NOW);
		expect(state).toEqual({ v: 2, seen: [['a', NOW_SECONDS]] });
	});
});
