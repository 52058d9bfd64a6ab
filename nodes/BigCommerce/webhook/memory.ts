/**
 * The trigger's delivery memory (seen deliveries, emitted orders) in node static data, merged with
 * this process's own copy so that overlapping executions do not lose each other's entries.
 *
 * Why: n8n loads a copy of the workflow's static data for every webhook request and, after
 * `webhook()` returns, saves the whole object: the last save wins. Two deliveries handled at once
 * start from the same copy and each adds its own entry, so the later save used to drop the earlier
 * one's (of 6 deliveries accepted together, 4 were remembered). Here the process keeps, per trigger
 * node, the union of every copy it loaded and every entry it recorded; each write puts that union
 * into static data, and `flushWindows` writes it once more just before `webhook()` returns, so the
 * save that lands last carries every entry this process has seen.
 *
 * The copies of one trigger are recognised by a random id written into its static data at
 * activation (`ensureMemoryId`), never by anything secret. Without that id (static data from before
 * it existed, until the next activation) the memory works as before, on its own copy.
 *
 * What it does not cover: saves from different processes (n8n webhook processes in queue mode,
 * several main instances) still overwrite each other, and the windows are bounded (entries, age).
 * There the memory is a cache; the guarantee is the F&O node's lookup of every record by its
 * BigCommerce reference before it creates one.
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { DeliveryDedupe, type DeliveryDedupeOptions } from './dedupe';

export const MEMORY_ID_KEY = 'deliveryMemoryId';

/** Trigger nodes whose memory this process keeps; the least recently used go first. */
const MAX_MEMORIES = 1000;

interface Kept {
	window: DeliveryDedupe;
	options: DeliveryDedupeOptions;
}

/** memory id → static-data key → the union this process holds. */
const memories = new Map<string, Map<string, Kept>>();

function memoryOf(staticData: IDataObject): Map<string, Kept> | undefined {
	const id = staticData[MEMORY_ID_KEY];
	if (typeof id !== 'string' || id === '') return undefined;
	let memory = memories.get(id);
	if (memory) memories.delete(id);
	else memory = new Map();
	memories.set(id, memory); // most recently used last
	if (memories.size > MAX_MEMORIES) memories.delete(memories.keys().next().value as string);
	return memory;
}

/** Give a trigger's static data its memory id, once (at activation, before any delivery). */
export function ensureMemoryId(staticData: IDataObject): void {
	if (typeof staticData[MEMORY_ID_KEY] !== 'string') staticData[MEMORY_ID_KEY] = randomUUID();
}

/** The window stored under `key`, with what this process already holds of it taken in. */
export function openWindow(
	staticData: IDataObject,
	key: string,
	options: DeliveryDedupeOptions = {},
	now: Date = new Date(),
): DeliveryDedupe {
	const window = DeliveryDedupe.fromState(staticData[key], options);
	const kept = memoryOf(staticData)?.get(key);
	if (kept) window.absorb(kept.window, now);
	return window;
}

/** Store the window under `key` (a fresh top-level value) and keep it as this process's union. */
export function saveWindow(
	staticData: IDataObject,
	key: string,
	window: DeliveryDedupe,
	options: DeliveryDedupeOptions = {},
): void {
	memoryOf(staticData)?.set(key, { window, options });
	staticData[key] = window.toJSON() as unknown as IDataObject;
}

/**
 * Write every window this process holds for the trigger into static data again, merged with what
 * the copy holds: call last before `webhook()` returns after an accepted delivery.
 */
export function flushWindows(staticData: IDataObject, now: Date = new Date()): void {
	const memory = memoryOf(staticData);
	if (!memory) return;
	for (const [key, kept] of memory) {
		saveWindow(staticData, key, openWindow(staticData, key, kept.options, now), kept.options);
	}
}
