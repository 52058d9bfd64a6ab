/**
 * Per-record locks inside this n8n process: executions of one workflow run concurrently in the same
 * process (regular mode, or one queue-mode worker), and two of them posting the same record (an
 * order-created and a transaction-created event for one checkout, say) would both find nothing and
 * both create. Queued on a promise chain per name; released even when the work fails.
 */
const tails = new Map<string, Promise<void>>();

export async function withProcessLock<T>(name: string, work: () => Promise<T>): Promise<T> {
	const previous = tails.get(name) ?? Promise.resolve();
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => mine);
	tails.set(name, tail);
	await previous;
	try {
		return await work();
	} finally {
		release();
		// Forget the name once nobody waits behind us, so the map stays small.
		if (tails.get(name) === tail) tails.delete(name);
	}
}
