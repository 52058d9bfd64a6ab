/**
 * The item loop with Parallel Items: up to N items run at once, outputs stay in input order,
 * failures are routed per item as in the one-at-a-time loop, items of one key (one BigCommerce
 * order) never overlap, and without continueOnFail nothing starts after a failure. The items are
 * held on promises the test releases, so every check is about order, never about time.
 */
import { NodeOperationError } from 'n8n-workflow';

import { runItemPool } from '../../../nodes/common/itemPool';
import { routeItems } from '../../../nodes/common/router';
import { contextOf } from './routerSupport';

/** Items that run until the test releases them; records what started, and how many ran at once. */
function heldItems() {
	const gates = new Map<number, () => void>();
	const started: number[] = [];
	let running = 0;
	let most = 0;
	const run = async (i: number) => {
		started.push(i);
		most = Math.max(most, ++running);
		await new Promise<void>((resolve) => gates.set(i, resolve));
		running--;
	};
	const release = (i: number) => gates.get(i)?.();
	const settle = async () => {
		for (let n = 0; n < 20; n++) await Promise.resolve();
	};
	return { run, release, started, settle, most: () => most, held: () => [...gates.keys()] };
}

describe('runItemPool', () => {
	it('runs at most `limit` items at once, starting them in input order', async () => {
		const h = heldItems();
		const done = runItemPool(6, h.run, { limit: 3 });
		await h.settle();
		expect(h.started).toEqual([0, 1, 2]);
		h.release(1);
		await h.settle();
		expect(h.started).toEqual([0, 1, 2, 3]);
		for (const i of [0, 2, 3, 4, 5]) {
			h.release(i);
			await h.settle();
		}
		await done;
		expect(h.started).toEqual([0, 1, 2, 3, 4, 5]);
		expect(h.most()).toBe(3);
	});

	it('limit 1 is the plain loop: one item after the other', async () => {
		const h = heldItems();
		const done = runItemPool(3, h.run, { limit: 1 });
		for (const i of [0, 1, 2]) {
			await h.settle();
			expect(h.started).toEqual([0, 1, 2].slice(0, i + 1));
			h.release(i);
		}
		await done;
		expect(h.most()).toBe(1);
	});

	it('items of one key never overlap and run in input order; other keys go past them', async () => {
		const h = heldItems();
		const keys = ['order:1', 'order:1', 'order:2', 'order:1'];
		const done = runItemPool(4, h.run, { limit: 4, keyOf: (i) => keys[i] });
		await h.settle();
		// 1 and 3 wait for 0 (same order); 2 is another order and runs beside it.
		expect(h.started).toEqual([0, 2]);
		h.release(0);
		await h.settle();
		expect(h.started).toEqual([0, 2, 1]);
		h.release(1);
		await h.settle();
		expect(h.started).toEqual([0, 2, 1, 3]);
		h.release(2);
		h.release(3);
		await done;
	});

	it('starts nothing more once stop() says so; what runs finishes', async () => {
		const h = heldItems();
		let stopped = false;
		const done = runItemPool(5, h.run, { limit: 2, stop: () => stopped });
		await h.settle();
		stopped = true;
		h.release(0);
		h.release(1);
		await done;
		expect(h.started).toEqual([0, 1]);
	});
});

describe('routeItems with concurrency', () => {
	it('keeps output order equal to input order when later items finish first', async () => {
		const h = heldItems();
		const out = routeItems(contextOf(4), {
			run: async (i) => {
				await h.run(i);
				return i === 2 ? [{ n: 2 }, { n: 2.5 }] : { n: i };
			},
			concurrency: 4,
		});
		await h.settle();
		expect(h.started).toEqual([0, 1, 2, 3]);
		for (const i of [3, 2, 1, 0]) {
			h.release(i);
			await h.settle();
		}
		const [items] = await out;
		expect(items).toEqual([
			{ json: { n: 0 }, pairedItem: { item: 0 } },
			{ json: { n: 1 }, pairedItem: { item: 1 } },
			{ json: { n: 2 }, pairedItem: { item: 2 } },
			{ json: { n: 2.5 }, pairedItem: { item: 2 } },
			{ json: { n: 3 }, pairedItem: { item: 3 } },
		]);
	});

	it('under continueOnFail each failure is its own item at its own place, the others succeed', async () => {
		const [items] = await routeItems(contextOf(5, true), {
			run: async (i) => {
				await Promise.resolve();
				if (i % 2 === 1) throw new Error(`item ${i} broke`);
				return { n: i };
			},
			describeError: (error) => new Error(`described: ${error.message}`),
			failedItemDetails: (message) => ({ audit: { action: 'failed', reason: message } }),
			concurrency: 3,
		});
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(items[1].json).toEqual({
			error: {
				message: 'described: item 1 broke',
				itemIndex: 1,
				audit: { action: 'failed', reason: 'described: item 1 broke' },
			},
		});
		expect((items[3].json.error as { itemIndex: number }).itemIndex).toBe(3);
		expect([items[0].json, items[2].json, items[4].json]).toEqual([{ n: 0 }, { n: 2 }, { n: 4 }]);
	});

	it('without continueOnFail the first failing item in input order is thrown, after the running items finished, and nothing starts after it', async () => {
		const h = heldItems();
		const finished: number[] = [];
		const out = routeItems(contextOf(6), {
			run: async (i) => {
				await h.run(i);
				finished.push(i);
				if (i === 1 || i === 2) throw new Error(`item ${i} broke`);
				return { n: i };
			},
			concurrency: 3,
		}).catch((error: unknown) => error);
		await h.settle();
		expect(h.started).toEqual([0, 1, 2]);
		h.release(2); // the later failure first
		await h.settle();
		h.release(1);
		await h.settle();
		expect(h.started).toEqual([0, 1, 2]); // nothing new started after the failures
		h.release(0);
		const error = (await out) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('item 1 broke');
		expect(error.context.itemIndex).toBe(1);
		expect(finished.sort()).toEqual([0, 1, 2]);
	});
});
