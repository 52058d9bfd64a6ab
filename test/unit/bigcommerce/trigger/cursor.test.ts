import {
	advance,
	cursorSecond,
	dateMs,
	firstRunCursor,
	isPast,
	pastCursor,
	readCursor,
} from '../../../../nodes/BigCommerce/trigger/cursor';

describe('poll cursor', () => {
	const s = (sec: number) => sec * 1000;

	it('reads what static data holds, or nothing', () => {
		expect(readCursor({ at: 5, ids: [1, 'x', 2] })).toEqual({ at: 5, ids: [1, 2] });
		expect(readCursor({ at: 'soon' })).toBeUndefined();
		expect(readCursor(undefined)).toBeUndefined();
	});

	it('starts the look-back before now and asks from its whole second', () => {
		const now = new Date('2024-05-01T12:00:00.750Z');
		const cursor = firstRunCursor(now, 2);
		expect(new Date(cursor.at).toISOString()).toBe('2024-05-01T10:00:00.750Z');
		expect(cursorSecond(cursor).toISOString()).toBe('2024-05-01T10:00:00.000Z');
	});

	it('is past: later instants, and ids not yet emitted at the same instant', () => {
		const cursor = { at: s(10), ids: [7, 9] };
		expect(isPast(cursor, s(11), 1)).toBe(true);
		expect(isPast(cursor, s(9), 100)).toBe(false);
		expect(isPast(cursor, s(10), 9)).toBe(false);
		expect(isPast(cursor, s(10), 3)).toBe(true); // lower id, same second, not emitted
	});

	it('sorts what is past by instant then id, once per id, and advances over it', () => {
		const cursor = { at: s(10), ids: [5] };
		const rows = [
			{ id: 8, d: s(11) },
			{ id: 5, d: s(10) },
			{ id: 6, d: s(10) },
			{ id: 2, d: s(11) },
			{ id: 6, d: s(10) },
			{ id: 1, d: s(9) },
		];
		const past = pastCursor(cursor, rows, (r) => ({ at: r.d, id: r.id }));
		expect(past.map((p) => p.id)).toEqual([6, 2, 8]);
		expect(advance(cursor, past)).toEqual({ at: s(11), ids: [2, 8] });
		expect(advance(cursor, past.slice(0, 1))).toEqual({ at: s(10), ids: [5, 6] });
		expect(advance(cursor, [])).toEqual(cursor);
	});

	it('reads RFC 2822 (v2) and RFC 3339 (v3) dates', () => {
		expect(dateMs('Tue, 20 Nov 2012 00:00:00 +0000')).toBe(Date.UTC(2012, 10, 20));
		expect(dateMs('2012-11-20T00:00:00Z')).toBe(Date.UTC(2012, 10, 20));
		expect(dateMs('')).toBeNaN();
	});
});
