/**
 * The polling backfill against the sandbox, calling `poll()` directly (n8n refuses intervals under
 * a minute): every order exactly once across pages, polls and restarts, nothing older than the
 * cursor, ties within one second, the status selection, manual samples, empty pages, refunds.
 */
import type { IDataObject } from 'n8n-workflow';

import { POLL_BOUNDS } from '../../../nodes/BigCommerce/trigger/backfill';
import * as credentials from '../../support/n8n/credentials';
import { adminCall, startStore, type StoreUnderTest } from '../bigcommerce/support';
import { Poller } from './support';

jest.setTimeout(60000);

let store: StoreUnderTest;

beforeEach(async () => {
	store = await startStore();
	// The catalog and customers stay; the seeded orders and refunds go, so every order is the test's.
	store.sandbox.store.orders.clear();
	store.sandbox.store.refunds = [];
	store.sandbox.store.transactions = [];
});
afterEach(async () => store.close());

const HOUR = 3600 * 1000;
const isoAgo = (ms: number) => new Date(Math.floor((Date.now() - ms) / 1000) * 1000).toISOString();
const line = [{ sku: 'TENT-2P-ALPINE', quantity: 1 }];

/** Orders straight into the store (no webhooks to deliver). */
function seedOrders(count: number, spec: (i: number) => Record<string, unknown>): number[] {
	const ids: number[] = [];
	for (let i = 0; i < count; i++) {
		ids.push(
			store.sandbox.store.createOrder({ lines: line, ...spec(i) } as never, { silent: true }).id,
		);
	}
	return ids;
}

/** Pin the store clock (what `date_modified` is stamped with). */
function pinClock(at: Date): void {
	Object.defineProperty(store.sandbox.store, 'now', { value: () => at, configurable: true });
}

// minAgeMinutes 0: these tests poll orders made a moment ago; the default's wait has its own test.
const ordersPoller = (extra: Record<string, unknown> = {}) =>
	new Poller(store, {
		resource: 'orders',
		lookBackHours: 24,
		watchdog: false,
		minAgeMinutes: 0,
		...extra,
	});

const ids = (records: IDataObject[]) => records.map((r) => r.id as number);

describe('orders', () => {
	it('every order exactly once across several pages, polls and restarts; nothing older than the look-back', async () => {
		const tooOld = seedOrders(3, () => ({ date_created: isoAgo(30 * HOUR) }));
		// 260 orders over 10 distinct seconds: two pages of /v2/orders, many orders per second.
		const first = seedOrders(260, (i) => ({
			date_created: isoAgo(5 * HOUR - Math.floor(i / 26) * 1000),
		}));
		// Above the default 100 per poll: this test is about pages and seconds, not the bound.
		const poller = ordersPoller({ maxPerPoll: 1000 });
		const seen: number[] = [];

		const one = await poller.poll();
		seen.push(...ids(one.records));
		expect(ids(one.records)).toEqual(first);
		const pages = store.log
			.list({ service: 'bigcommerce' })
			.filter((c) => c.route === 'v2.orders.list');
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(one.records[0]).toMatchObject({
			products: expect.any(Array),
			shipping_addresses: expect.any(Array),
			transactions: [],
		});
		expect(one.records[0]._event).toMatchObject({
			source: 'poll',
			scope: 'poll/orders',
			store_hash: store.credentials.storeHash,
		});

		// Nothing new: null, and nothing re-emitted (the boundary second is read again).
		expect((await poller.poll()).result).toBeNull();

		// New orders and a change to an old one; then n8n restarts before and after polling.
		const later = seedOrders(5, () => ({}));
		await adminCall(store, 'PUT', `orders/${first[3]}`, { staff_notes: 'changed' });
		poller.restart();
		const two = await poller.poll();
		seen.push(...ids(two.records));
		expect(ids(two.records).sort()).toEqual([...later, first[3]].sort());
		poller.restart();
		expect((await poller.poll()).result).toBeNull();

		// Every order once, except the one that changed (emitted again: it was modified).
		expect(seen.filter((id) => id !== first[3]).sort()).toEqual(
			[...first, ...later].filter((id) => id !== first[3]).sort(),
		);
		expect(new Set(seen).size).toBe(seen.length - 1);
		expect(seen.some((id) => tooOld.includes(id))).toBe(false);
	});

	it('a poll emits at most Max Records Per Poll, oldest first; the next poll goes on from there, none twice', async () => {
		const all = seedOrders(7, (i) => ({ date_created: isoAgo(3 * HOUR - i * 60_000) }));
		const poller = ordersPoller({ maxPerPoll: 3 });
		const polls: number[][] = [];
		for (let i = 0; i < 4; i++) {
			const { records, result } = await poller.poll();
			polls.push(result === null ? [] : ids(records));
		}
		expect(polls).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6), []]);
		// Each emitting poll asked for one transactions list per order it emitted, no more.
		const transactionCalls = store.log
			.list({ service: 'bigcommerce' })
			.filter((c) => c.route === 'v3.transactions').length;
		expect(transactionCalls).toBe(7);
	});

	it('a poll lists only what it may take, not the backlog; ties at the cut second are neither lost nor repeated', async () => {
		// A backlog of three pages of /v2/orders, 120 of them stamped with one second.
		const tied = seedOrders(120, () => ({ date_created: isoAgo(4 * HOUR) }));
		const rest = seedOrders(480, (i) => ({ date_created: isoAgo(3 * HOUR - i * 1000) }));
		const poller = ordersPoller({ maxPerPoll: 50 });
		const seen: number[] = [];
		const limits: number[] = [];
		for (let i = 0; i < 3; i++) {
			const since = store.log.list({ service: 'bigcommerce' }).length;
			const { records } = await poller.poll();
			seen.push(...ids(records));
			const lists = store.log
				.list({ service: 'bigcommerce' })
				.slice(since)
				.filter((c) => c.route === 'v2.orders.list');
			expect(lists).toHaveLength(1); // one page, whatever the backlog
			limits.push(Number(lists[0].query.limit));
		}
		// Each poll asks for its 50 and the ids it emitted at the cursor's second, listed again.
		expect(limits).toEqual([50, 100, 150]);
		expect(seen).toEqual(tied.slice(0, 120).concat(rest.slice(0, 30)));
		expect(new Set(seen).size).toBe(150);
	});

	it('leaves orders changed in the last Leave Recent Changes minutes (default 1) for a later poll, none lost', async () => {
		const settled = seedOrders(2, (i) => ({ date_created: isoAgo(10 * 60_000 - i * 1000) }));
		const recent = seedOrders(2, (i) => ({ date_created: isoAgo(20_000 - i * 1000) }));
		const shipped = new Poller(store, { resource: 'orders', lookBackHours: 24, watchdog: false });
		expect(ids((await shipped.poll()).records)).toEqual(settled);
		// Still under a minute old: the next poll leaves them too, nothing emitted.
		expect((await shipped.poll()).result).toBeNull();
		// Once they are older than the wait (here shortened to 12 s, they are 19-20 s old): once each.
		shipped.parameters = { ...shipped.parameters, minAgeMinutes: 0.2 };
		expect(ids((await shipped.poll()).records)).toEqual(recent);
		expect((await shipped.poll()).result).toBeNull();
		// A manual run shows the recent ones as well.
		await adminCall(store, 'PUT', `orders/${recent[0]}`, { staff_notes: 'changed now' });
		expect(ids((await ordersPoller().poll('manual')).records)).toContain(recent[0]);
	});

	it('a restart that lost an unsaved cursor re-reads only what was not saved', async () => {
		seedOrders(4, (i) => ({ date_created: isoAgo(2 * HOUR - i * 1000) }));
		const poller = ordersPoller();
		expect((await poller.poll()).records).toHaveLength(4);
		const more = seedOrders(2, () => ({}));
		// Polled and emitted, but n8n died before saving: the next run emits them again (at-most-once is n8n's save point).
		poller.restart();
		expect(ids((await poller.poll()).records)).toEqual(more);
	});

	it('orders at the cursor second: ties by id, and one stamped with that second after the poll is not lost', async () => {
		// An order from before the look-back: a lower id than every order of the cursor's second.
		const [older] = seedOrders(1, () => ({ date_created: isoAgo(30 * HOUR) }));
		const second = new Date(Math.floor((Date.now() - HOUR) / 1000) * 1000);
		pinClock(second);
		const tied = seedOrders(5, () => ({}));
		const poller = ordersPoller();
		expect(ids((await poller.poll()).records)).toEqual(tied);
		await adminCall(store, 'PUT', `orders/${tied[0]}`, { staff_notes: 'same second' });
		await adminCall(store, 'PUT', `orders/${older}`, { staff_notes: 'same second' });
		const again = await poller.poll();
		// Changed within the cursor's second: tied[0] was already emitted at it; `older` (a lower id
		// than the cursor's largest) was not, and a largest-id cursor would skip it.
		expect(ids(again.records)).toEqual([older]);
	});

	it('only selected statuses; status 0 never, even when the store lists it', async () => {
		await adminCall(store, 'PUT', 'switches', { listIncludesIncomplete: true });
		const paid = seedOrders(2, () => ({ status_id: 11, date_created: isoAgo(HOUR) }));
		seedOrders(1, () => ({ status_id: 0, date_created: isoAgo(HOUR) }));
		const waiting = seedOrders(1, () => ({ status_id: 7, date_created: isoAgo(HOUR) }));
		const poller = ordersPoller({ statuses: [11, 7, 0] });
		expect(ids((await poller.poll()).records).sort()).toEqual([...paid, ...waiting].sort());
		const defaults = ordersPoller();
		expect(ids((await defaults.poll()).records).sort()).toEqual(paid.sort());
	});

	it('a manual run shows a sample and leaves the cursor', async () => {
		seedOrders(8, (i) => ({ date_created: isoAgo(HOUR - i * 1000) }));
		const poller = ordersPoller();
		expect((await poller.poll('manual')).records).toHaveLength(5);
		expect(
			poller.staticData.node['node:BigCommerce Poll Trigger']?.['cursor:orders'],
		).toBeUndefined();
		expect((await poller.poll()).records).toHaveLength(8);
	});

	it('an empty store (204) is nothing new', async () => {
		const poller = ordersPoller();
		expect((await poller.poll()).result).toBeNull();
		const calls = store.log
			.list({ service: 'bigcommerce' })
			.filter((c) => c.route === 'v2.orders.list');
		expect(calls.map((c) => c.status)).toEqual([204]);
	});

	/**
	 * Runs `poll`, counting the transactions reads the node had in flight at once, as it sends them
	 * (the request helper n8n gives the node, wrapped; the sandbox's log times are too coarse).
	 */
	async function mostTransactionReadsAtOnce(poll: () => Promise<unknown>): Promise<number> {
		const send = credentials.httpRequestWithAuthentication;
		let inFlight = 0;
		let most = 0;
		const spy = jest
			.spyOn(credentials, 'httpRequestWithAuthentication')
			.mockImplementation(async (...args) => {
				const read = /\/transactions(\?|$)/.test(String(args[3].url));
				if (read) most = Math.max(most, ++inFlight);
				try {
					return await send(...args);
				} finally {
					if (read) inFlight--;
				}
			});
		try {
			await poll();
		} finally {
			spy.mockRestore();
		}
		return most;
	}

	it("reads a few orders' transactions at once (Parallel Reads) and emits them oldest first", async () => {
		store.faults.add({ route: 'v3.transactions', latencyMs: 50 });
		const all = seedOrders(12, (i) => ({ date_created: isoAgo(HOUR - i * 1000) }));
		let records: IDataObject[] = [];
		const parallel = await mostTransactionReadsAtOnce(async () => {
			records = (await ordersPoller({ parallelReads: 4 }).poll()).records;
		});
		expect(ids(records)).toEqual(all);
		expect(parallel).toBe(4);

		const serial = await mostTransactionReadsAtOnce(async () => {
			records = (await ordersPoller({ parallelReads: 1 }).poll()).records;
		});
		expect(ids(records)).toEqual(all);
		expect(serial).toBe(1);
	});

	it('a poll out of time stops after the oldest orders it started; the next goes on, none lost or twice', async () => {
		// 30 orders, 4 reads at a time of 300 ms each: ~2.4 s of reads against a 1-s budget.
		store.faults.add({ route: 'v3.transactions', latencyMs: 300 });
		const all = seedOrders(30, (i) => ({ date_created: isoAgo(HOUR - i * 1000) }));
		const { budgetMs, laterBudgetMs } = POLL_BOUNDS;
		// The first poll's budget and a later one's: which applies depends on earlier tests' polls.
		Object.assign(POLL_BOUNDS, { budgetMs: 1000, laterBudgetMs: 1000 });
		try {
			const poller = ordersPoller({ parallelReads: 4 });
			const polls: number[][] = [];
			for (let i = 0; i < 30 && polls.flat().length < all.length; i++) {
				const { records } = await poller.poll();
				polls.push(ids(records));
			}
			expect(polls[0].length).toBeGreaterThanOrEqual(4);
			expect(polls[0].length).toBeLessThan(all.length);
			expect(polls.flat()).toEqual(all);
		} finally {
			Object.assign(POLL_BOUNDS, { budgetMs, laterBudgetMs });
		}
	});

	it('a failed transactions read fails the poll and keeps the cursor: the next poll reads those orders again', async () => {
		const all = seedOrders(6, (i) => ({ date_created: isoAgo(HOUR - i * 1000) }));
		const poller = ordersPoller({ parallelReads: 3 });
		store.faults.add({ route: 'v3.transactions', errorRate: 1, errorStatus: 404 });
		await expect(poller.poll()).rejects.toThrow();
		store.faults.clear();
		expect(ids((await poller.poll()).records)).toEqual(all);
	});

	it('follows every page within a small rate limit (waits, no failure)', async () => {
		await adminCall(store, 'PUT', 'rate-limit', { quota: 20, windowMs: 300 });
		const all = seedOrders(40, (i) => ({ date_created: isoAgo(HOUR - i * 1000) }));
		const poller = ordersPoller();
		expect(ids((await poller.poll()).records)).toEqual(all);
		// More calls than one window allows (a page plus a transactions call per order), none failed.
		const calls = store.log.list({ service: 'bigcommerce' });
		expect(calls.length).toBeGreaterThan(20);
		expect(calls.filter((c) => c.status >= 300 && c.status !== 429)).toEqual([]);
	});
});

describe('refunds', () => {
	it('each refund once with its full order, across polls and restarts', async () => {
		const [a, b] = seedOrders(2, () => ({ customer_id: 0, date_created: isoAgo(HOUR) }));
		const lineOf = (id: number) => [...store.sandbox.store.orders.get(id)!.lines][0].id;
		const r1 = await adminCall(store, 'POST', `orders/${a}/refunds`, {
			lines: [{ id: lineOf(a), quantity: 1 }],
		});
		const poller = new Poller(store, {
			resource: 'refunds',
			lookBackHours: 24,
			watchdog: false,
			minAgeMinutes: 0,
		});
		const one = await poller.poll();
		expect(one.records).toEqual([
			expect.objectContaining({
				id: r1.id,
				order_id: a,
				order: expect.objectContaining({ id: a, products: expect.any(Array) }),
			}),
		]);
		expect(one.records[0]._event).toMatchObject({ scope: 'poll/refunds' });

		poller.restart();
		expect((await poller.poll()).result).toBeNull();
		const r2 = await adminCall(store, 'POST', `orders/${b}/refunds`, { amount: 1 });
		poller.restart();
		expect((await poller.poll()).records.map((r) => r.id)).toEqual([r2.id]);
	});
});
