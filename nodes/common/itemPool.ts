/**
 * Runs a node's items a few at a time instead of one after another, because the APIs' latency (F&O
 * takes seconds per sales order), not the pack, sets the pace of an item loop. Three rules keep
 * this as safe as the one-at-a-time loop it replaces:
 * - at most `limit` items run at once (limit 1 is the old loop, item by item);
 * - items with the same key (one BigCommerce order) never overlap: each waits for the one before
 *   it, in input order, whatever the posting lock of the operation is keyed by;
 * - once `stop()` says so (a failure that ends the node), no further item starts; items already
 *   started finish, so nothing is left half-written in the background.
 * Items start in input order; callers keep results by index, so output order is input order.
 * `work` must settle its own errors (the item loop turns them into failed items or a stop).
 */

export interface PoolOptions {
	/** How many items may run at once (at least 1). */
	limit: number;
	/** Items with the same key run one after another; undefined = no constraint. */
	keyOf?: (index: number) => string | undefined;
	/** Checked before each item starts: true = start no further items. */
	stop?: () => boolean;
}

export async function runItemPool(
	count: number,
	work: (index: number) => Promise<void>,
	options: PoolOptions,
): Promise<void> {
	const limit = Math.max(1, Math.floor(options.limit) || 1);
	const tails = new Map<string, Promise<void>>();
	let next = 0;

	const runOne = async (index: number) => {
		const key = options.keyOf?.(index);
		if (key === undefined) return await work(index);
		// Taken synchronously with the index, so same-key items queue in input order.
		const previous = tails.get(key) ?? Promise.resolve();
		const mine = previous.then(async () => await work(index));
		const tail = mine.catch(() => undefined);
		tails.set(key, tail);
		try {
			await mine;
		} finally {
			if (tails.get(key) === tail) tails.delete(key);
		}
	};

	const worker = async () => {
		while (next < count && !options.stop?.()) {
			const index = next++;
			await runOne(index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}
