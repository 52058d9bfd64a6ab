/**
 * One poll of a node at a time in this process. n8n 2.41 runs a poll under the workflow's
 * expression isolate: each poll acquires it and releases it when it ends, but the workflow's
 * isolate is one per activated workflow, and the poll executor marks it acquired even when the
 * acquire found it already held (n8n-core execution-engine/poll-trigger-executor.js: `await
 * acquireIsolate(); isolateAcquired = true`, then `releaseIsolate()` in `finally`). So when a poll
 * outlasts the interval (throttled listing, a slow store) and the next one starts, whichever ends
 * first releases the isolate under the other, whose next request fails with "No bridge acquired
 * for this context" (every request needs it: the credential's header is an expression). A poll
 * that starts while this node's previous poll is still running therefore waits for it and emits
 * nothing: the running poll keeps the isolate to its end, the waiting one touches nothing after,
 * and the next poll continues from the cursor.
 */

const running = new Map<string, Promise<unknown>>();

/**
 * Runs `poll` unless a poll under `key` is still running; then waits for that one and resolves
 * `null` without running. Manual runs (`serial` false) always run.
 */
export async function pollOneAtATime<T>(
	key: string,
	serial: boolean,
	poll: () => Promise<T | null>,
): Promise<T | null> {
	if (!serial) return await poll();
	const previous = running.get(key);
	if (previous) {
		await previous.catch(() => undefined);
		return null;
	}
	const mine = poll();
	running.set(key, mine);
	try {
		return await mine;
	} finally {
		if (running.get(key) === mine) running.delete(key);
	}
}
