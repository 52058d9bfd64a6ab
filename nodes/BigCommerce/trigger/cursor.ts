/**
 * The polling trigger's cursor: a position (an instant) plus the ids already emitted at exactly
 * that instant. Pure.
 *
 * BigCommerce's date filters are inclusive and whole-second (`min_date_modified`, `created:min`),
 * and many records can share one second. So each poll re-reads from the cursor's second and
 * skips what is older, and what sits at the cursor's instant with an id already emitted. Keeping
 * the emitted ids (not just the largest) also catches a record stamped with the cursor's second
 * that only became visible after the previous poll had listed that second.
 */

export interface Cursor {
	/** Milliseconds since the epoch of the last emitted record. */
	at: number;
	/** Ids emitted at exactly `at`. */
	ids: number[];
}

export interface Positioned<T> {
	item: T;
	at: number;
	id: number;
}

/** The cursor stored in static data, or undefined when there is none (or it is unreadable). */
export function readCursor(state: unknown): Cursor | undefined {
	if (!state || typeof state !== 'object') return undefined;
	const { at, ids } = state as { at?: unknown; ids?: unknown };
	if (typeof at !== 'number' || !Number.isFinite(at)) return undefined;
	const list = Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id)) : [];
	return { at, ids: list };
}

/** The first run starts this many hours back, with nothing emitted yet. */
export function firstRunCursor(now: Date, lookBackHours: number): Cursor {
	const hours = Number.isFinite(lookBackHours) && lookBackHours >= 0 ? lookBackHours : 0;
	return { at: now.getTime() - hours * 3600 * 1000, ids: [] };
}

/** The whole second the cursor lies in: what an inclusive, whole-second filter must ask for. */
export function cursorSecond(cursor: Cursor): Date {
	return new Date(Math.floor(cursor.at / 1000) * 1000);
}

/** Whether a record at (at, id) is past the cursor. */
export function isPast(cursor: Cursor, at: number, id: number): boolean {
	if (at !== cursor.at) return at > cursor.at;
	return !cursor.ids.includes(id);
}

/**
 * The records past the cursor, oldest first (ties by id). Records whose position cannot be read
 * are left out.
 */
export function pastCursor<T>(
	cursor: Cursor,
	items: readonly T[],
	position: (item: T) => { at: number; id: number } | undefined,
): Array<Positioned<T>> {
	const out: Array<Positioned<T>> = [];
	const seen = new Set<number>();
	for (const item of items) {
		const pos = position(item);
		if (!pos || !Number.isFinite(pos.at) || !Number.isInteger(pos.id)) continue;
		if (seen.has(pos.id) || !isPast(cursor, pos.at, pos.id)) continue;
		seen.add(pos.id); // a record listed on two pages (the list shifted under us) counts once
		out.push({ item, at: pos.at, id: pos.id });
	}
	return out.sort((a, b) => a.at - b.at || a.id - b.id);
}

/** The cursor after these records (oldest first) were emitted. */
export function advance(cursor: Cursor, done: ReadonlyArray<{ at: number; id: number }>): Cursor {
	let next: Cursor = { at: cursor.at, ids: [...cursor.ids] };
	for (const { at, id } of done) {
		if (at > next.at) next = { at, ids: [id] };
		else if (at === next.at && !next.ids.includes(id)) next.ids.push(id);
	}
	return next;
}

/** A date as BigCommerce writes it (RFC 2822 in v2, RFC 3339 in v3) in ms; NaN if unreadable. */
export function dateMs(value: unknown): number {
	if (typeof value !== 'string' || !value.trim()) return Number.NaN;
	return Date.parse(value);
}
