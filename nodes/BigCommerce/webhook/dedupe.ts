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
 */
import { createHash } from 'node:crypto';

export interface DeliveryDedupeState {
	v: 1;
	/** identity → Unix seconds when first recorded */
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
	private seen: Map<string, number>;

	private readonly maxEntries: number;

	private readonly maxAgeSeconds: number;

	/** Load from whatever static data holds; anything unrecognised starts an empty window. */
	static fromState(state: unknown, options: DeliveryDedupeOptions = {}): DeliveryDedupe {
		return new DeliveryDedupe(state, options);
	}

	constructor(state?: unknown, options: DeliveryDedupeOptions = {}) {
		this.maxEntries = positiveInteger(options.maxEntries, DEFAULT_MAX_ENTRIES);
		this.maxAgeSeconds = positiveInteger(options.maxAgeSeconds, DEFAULT_MAX_AGE_SECONDS);
		this.seen = new Map();
		const seen = (state as Partial<DeliveryDedupeState> | null | undefined)?.seen;
		if ((state as Partial<DeliveryDedupeState> | null | undefined)?.v !== 1) return;
		if (typeof seen !== 'object' || seen === null || Array.isArray(seen)) return;
		for (const [key, at] of Object.entries(seen)) {
			if (typeof at === 'number' && Number.isFinite(at)) this.seen.set(key, at);
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
				this.seen.set(key, nowSeconds);
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
			if (mine === undefined || at < mine) this.seen.set(key, at);
		}
		this.prune(Math.floor(now.getTime() / 1000));
	}

	get size(): number {
		return this.seen.size;
	}

	/** A fresh plain object to assign to a top-level static-data key. */
	toJSON(): DeliveryDedupeState {
		return { v: 1, seen: Object.fromEntries(this.seen) };
	}

	private prune(nowSeconds: number): void {
		const fresh = [...this.seen].filter(([, at]) => nowSeconds - at <= this.maxAgeSeconds);
		// Stable sort: equal times keep their insertion order, so the oldest recorded go first.
		fresh.sort((a, b) => a[1] - b[1]);
		this.seen = new Map(fresh.slice(Math.max(0, fresh.length - this.maxEntries)));
	}
}
