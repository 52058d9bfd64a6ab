/**
 * Dates between the two systems: BigCommerce's RFC 2822 (v2) and ISO 8601 (v3) timestamps parsed
 * strictly, and F&O's UTC date-times and dates (a date is its calendar day at 12:00:00Z, the form
 * F&O returns), with F&O's empty date recognised.
 */
import { MappingError } from './errors';

/** What F&O returns for an empty date / date-time. */
export const FO_EMPTY_DATE = '1900-01-01T12:00:00Z';

const MONTHS: Readonly<Record<string, number>> = {
	jan: 0,
	feb: 1,
	mar: 2,
	apr: 3,
	may: 4,
	jun: 5,
	jul: 6,
	aug: 7,
	sep: 8,
	oct: 9,
	nov: 10,
	dec: 11,
};

/** The obsolete zone names an RFC 2822 date may still carry (UT, GMT and the US zones). */
const ZONES: Readonly<Record<string, number>> = {
	UT: 0,
	GMT: 0,
	Z: 0,
	EST: -300,
	EDT: -240,
	CST: -360,
	CDT: -300,
	MST: -420,
	MDT: -360,
	PST: -480,
	PDT: -420,
};

// [day-name ","] day month year hour ":" minute [":" second] zone
const RFC2822 =
	/^\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|[A-Za-z]{1,3})\s*$/;

// date ["T" time [fraction] [zone]]; a date-time without zone is read as UTC.
const ISO8601 =
	/^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?\s*$/i;

function invalid(value: string, field: string): MappingError {
	return new MappingError(
		'INVALID_DATE',
		`${field} is not an RFC 2822 or ISO 8601 date: "${value}"`,
		{
			field,
			value,
		},
	);
}

function checkedUtc(
	value: string,
	field: string,
	y: number,
	mo: number,
	d: number,
	h: number,
	mi: number,
	s: number,
	ms: number,
	offsetMinutes: number,
): Date {
	if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
		throw invalid(value, field);
	const local = Date.UTC(y, mo, d, h, mi, s, ms);
	const check = new Date(local);
	if (check.getUTCDate() !== d || check.getUTCMonth() !== mo) throw invalid(value, field);
	return new Date(local - offsetMinutes * 60000);
}

function parseOffset(zone: string): number | undefined {
	if (/^[+-]\d{2}:?\d{2}$/.test(zone)) {
		const sign = zone[0] === '-' ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		const hours = Number(digits.slice(0, 2));
		const minutes = Number(digits.slice(2, 4));
		if (hours > 23 || minutes > 59) return undefined;
		return sign * (hours * 60 + minutes);
	}
	return ZONES[zone.toUpperCase()];
}

/**
 * Parse a BigCommerce date: v2 RFC 2822 (`Tue, 20 Nov 2012 00:00:00 +0000`, any offset) or v3
 * ISO 8601 / RFC 3339 (`2018-11-13T21:42:06Z`, `2022-06-16T16:44:15+00:00`, `2024-05-14`).
 * Returns undefined for an empty value (v2 `date_shipped: ""`); throws on anything else.
 */
export function parseBigCommerceDate(
	value: string | null | undefined,
	field = 'date',
): Date | undefined {
	if (value === null || value === undefined || value.trim() === '') return undefined;
	let m = RFC2822.exec(value);
	if (m) {
		const month = MONTHS[m[2].toLowerCase()];
		const offset = parseOffset(m[7]);
		if (month === undefined || offset === undefined) throw invalid(value, field);
		return checkedUtc(value, field, +m[3], month, +m[1], +m[4], +m[5], +(m[6] ?? 0), 0, offset);
	}
	m = ISO8601.exec(value);
	if (m) {
		const offset = m[8] ? parseOffset(m[8].toUpperCase()) : 0;
		if (offset === undefined) throw invalid(value, field);
		const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
		return checkedUtc(
			value,
			field,
			+m[1],
			+m[2] - 1,
			+m[3],
			+(m[4] ?? 0),
			+(m[5] ?? 0),
			+(m[6] ?? 0),
			ms,
			offset,
		);
	}
	throw invalid(value, field);
}

/** Like parseBigCommerceDate, but an empty value is an error. */
export function requireBigCommerceDate(value: string | null | undefined, field = 'date'): Date {
	const date = parseBigCommerceDate(value, field);
	if (!date) throw invalid(String(value ?? ''), field);
	return date;
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** F&O Edm.DateTimeOffset for a point in time: `2024-01-31T12:00:00Z` (UTC, whole seconds). */
export function toFoDateTime(date: Date): string {
	if (Number.isNaN(date.getTime())) throw new MappingError('INVALID_DATE', 'Invalid Date value');
	return (
		`${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
		`T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}Z`
	);
}

export interface FoDateOptions {
	/** Offset of the business's time zone from UTC in minutes (e.g. -300); picks the calendar day. */
	utcOffsetMinutes?: number;
	/** Whole days to add to the calendar day. */
	addDays?: number;
}

/**
 * F&O date-only value (an Edm.DateTimeOffset carrying a date): the calendar day at `12:00:00Z`,
 * the form F&O itself returns (`2026-07-14T12:00:00Z`). The day is taken in UTC unless an offset
 * is given.
 */
export function toFoDate(date: Date, options: FoDateOptions = {}): string {
	if (Number.isNaN(date.getTime())) throw new MappingError('INVALID_DATE', 'Invalid Date value');
	const shifted = new Date(date.getTime() + (options.utcOffsetMinutes ?? 0) * 60000);
	const day = Date.UTC(
		shifted.getUTCFullYear(),
		shifted.getUTCMonth(),
		shifted.getUTCDate() + (options.addDays ?? 0),
		12,
	);
	return toFoDateTime(new Date(day));
}

/** True for F&O's "no date" sentinel (any time on 1900-01-01). */
export function isFoEmptyDate(value: string | null | undefined): boolean {
	return !value || value.startsWith('1900-01-01');
}
