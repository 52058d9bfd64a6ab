/**
 * A bounded window of recently seen webhook deliveries, kept in workflow static data to drop
 * BigCommerce's duplicate deliveries before any fetch.
 *
 * The state is a plain JSON object. Static data must stay small, so it is capped by entry count
 * and age. n8n persists static data by whole-object overwrite without locking; ./memory.ts keeps
 * overlapping executions of one process from losing each other's entries. It is a filter, not the
 * exactly-once guarantee. Typical use:
 *
 *     const staticData = this.getWorkflowStaticData('node');
 *     const dedupe = DeliveryDedupe.fromState(staticData.deliveryDedupe);
 *     if (dedupe.isDuplicate(delivery.deliveryId, now)) { answer 200, start nothing }
 *     dedupe.record(delivery.deliveryId, now);
 *     staticData.deliveryDedupe = dedupe.toJSON(); // reassign the top-level key
 *
 * Pruning costs nothing until a bound is passed, then drops from the front of the map, which
 * holds identities in the order recorded (time order); only a window loaded or merged out of
 * order is sorted, once.
 */
import { createHash } from 'node:crypto';

/**
 * Version 2 stores `[identity, Unix seconds when first recorded]` pairs, oldest first. Version 1
 * stored an object (identity → seconds); it is still read, so a window saved before the upgrade
 * is kept. Why pairs: building a fresh 500-key object for every save made V8 create a new hidden
 * class per key, about 1 ms of CPU per delivery, more than verification and mapping together; a
 * list of pairs costs a few microseconds and keeps its order (an object puts integer-like keys
 * first).
 */
export interface DeliveryDedupeState {
	v: 2;
	seen: Array<[string, number]>;
}

interface LegacyDedupeState {
	v: 1;
	seen: Record<string, number>;
}

export interface DeliveryDedupeOptions {
	/** Most identities kept; the oldest go first. Default 500. */
	maxEntries?: number;
	/**
	 * Identities older than this are forgotten. Default 50 hours: BigCommerce retries a failed
	 * delivery for about 48 hours (60 s … 86 400 s, 173 040 s in all).
	 */
	maxAgeSeconds?: number;
}

export const DEFAULT_MAX_ENTRIES = 500;
export const DEFAULT_MAX_AGE_SECONDS = 50 * 3600;

const MAX_KEY_LENGTH = 128;

/** Long identities are stored as their SHA-256, so one delivery cannot bloat static data. */
function storageKey(identity: string): string {
	if (identity.length <= MAX_KEY_LENGTH) return identity;
	return `sha256:${createHash('sha256').update(identity, 'utf8').digest('base64url')}`;
}

function toList(identity: string | readonly string[]): string[] {
	const list = typeof identity === 'string' ? [identity] : [...identity];
	return list.filter((key) => key !== '').map(storageKey);
}

function positiveInteger(value: number | undefined, fallback: number): number {
	return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

export class DeliveryDedupe {
	private seen = new Map<string, number>();

	/**
	 * Whether the map's insertion order is also time order (true for what `record` adds, as time
	 * only moves on): then pruning drops from the front and never sorts. A window loaded or
	 * absorbed out of order is sorted once, at its next prune over a bound.
	 */
	private ordered = true;

	/** Latest time held (for `ordered`) and a lower bound of the earliest (for a prune's no-op). */
	private newest = -Infinity;

	private oldest = Infinity;

	private readonly maxEntries: number;

	private readonly maxAgeSeconds: number;

	/** Load from whatever static data holds; anything unrecognised starts an empty window. */
	static fromState(state: unknown, options: DeliveryDedupeOptions = {}): DeliveryDedupe {
		return new DeliveryDedupe(state, options);
	}

	constructor(state?: unknown, options: DeliveryDedupeOptions = {}) {
		this.maxEntries = positiveInteger(options.maxEntries, DEFAULT_MAX_ENTRIES);
		this.maxAgeSeconds = positiveInteger(options.maxAgeSeconds, DEFAULT_MAX_AGE_SECONDS);
		const { v, seen } = (state ?? {}) as Partial<DeliveryDedupeState | LegacyDedupeState>;
		if (v === 2 && Array.isArray(seen)) {
			for (const pair of seen as unknown[]) {
				if (!Array.isArray(pair) || typeof pair[0] !== 'string') continue;
				if (typeof pair[1] === 'number' && Number.isFinite(pair[1])) this.put(pair[0], pair[1]);
			}
		} else if (v === 1 && typeof seen === 'object' && seen !== null && !Array.isArray(seen)) {
			for (const [key, at] of Object.entries(seen)) {
				if (typeof at === 'number' && Number.isFinite(at)) this.put(key, at);
			}
		}
	}

	/** Whether any of the delivery's identities was recorded within the window. */
	isDuplicate(identity: string | readonly string[], now: Date = new Date()): boolean {
		const nowSeconds = Math.floor(now.getTime() / 1000);
		return toList(identity).some((key) => {
			const at = this.seen.get(key);
			return at !== undefined && nowSeconds - at <= this.maxAgeSeconds;
		});
	}

	/** Remember every identity of the delivery (keeping the first time seen), then prune. */
	record(identity: string | readonly string[], now: Date = new Date()): void {
		const nowSeconds = Math.floor(now.getTime() / 1000);
		for (const key of toList(identity)) {
			const at = this.seen.get(key);
			if (at === undefined || nowSeconds - at > this.maxAgeSeconds) {
				this.seen.delete(key);
				this.put(key, nowSeconds);
			}
		}
		this.prune(nowSeconds);
	}

	/** `isDuplicate`, and `record` when it is not. Returns whether it was a duplicate. */
	checkAndRecord(identity: string | readonly string[], now: Date = new Date()): boolean {
		if (this.isDuplicate(identity, now)) return true;
		this.record(identity, now);
		return false;
	}

	/**
	 * Take in another window's identities (keeping the earlier time of one seen in both), then
	 * prune: the union of two copies of one window.
	 */
	absorb(other: DeliveryDedupe, now: Date = new Date()): void {
		for (const [key, at] of other.seen) {
			const mine = this.seen.get(key);
			if (mine === undefined) this.put(key, at);
			else if (at < mine) {
				this.seen.set(key, at); // keeps its place, now earlier than its neighbours may be
				this.ordered = false;
				this.oldest = Math.min(this.oldest, at);
			}
		}
		this.prune(Math.floor(now.getTime() / 1000));
	}

	get size(): number {
		return this.seen.size;
	}

	/** A fresh plain object to assign to a top-level static-data key. */
	toJSON(): DeliveryDedupeState {
		return { v: 2, seen: [...this.seen] };
	}

	/** Append an identity, keeping `ordered`, `newest` and `oldest` true. */
	private put(key: string, at: number): void {
		this.seen.set(key, at);
		if (at < this.newest) this.ordered = false;
		else this.newest = at;
		if (at < this.oldest) this.oldest = at;
	}

	/** Forget what is too old, then the oldest over the entry bound; nothing to do costs nothing. */
	private prune(nowSeconds: number): void {
		const cutoff = nowSeconds - this.maxAgeSeconds;
		if (this.seen.size <= this.maxEntries && this.oldest >= cutoff) return;
		if (!this.ordered) {
			// Stable sort: equal times keep their insertion order, so the oldest recorded go first.
			const entries = [...this.seen].sort((a, b) => a[1] - b[1]);
			this.seen = new Map(entries);
			this.ordered = true;
		}
		for (const [key, at] of this.seen) {
			if (at >= cutoff && this.seen.size <= this.maxEntries) break;
			this.seen.delete(key);
		}
		const first = this.seen.values().next();
		this.oldest = first.done ? Infinity : first.value;
		if (first.done) this.newest = -Infinity;
	}
}
