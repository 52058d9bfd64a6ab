/**
 * Dates as BigCommerce filters want them. n8n hands over a Date, an ISO/RFC 2822 string or a
 * Luxon DateTime, and a string without an offset (the date picker's) is a wall-clock time in the
 * workflow's time zone; v2 filters take RFC 2822 in UTC, v3 filters RFC 3339 in UTC.
 */
/** A date as the node hands it over: a Date, an ISO/RFC 2822 string, or a Luxon DateTime. */
export type DateInput = Date | string | { toJSDate(): Date };

const NAIVE_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/** Milliseconds a time zone is ahead of UTC at an instant. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a date input names. A string without an offset (what n8n's date picker gives) is a
 * wall-clock time in `timeZone` (the workflow's); anything with an offset or zone is taken as is.
 */
export function parseDateInput(value: DateInput, timeZone = 'UTC'): Date {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new Error('Invalid date');
		return value;
	}
	if (typeof value === 'object' && value !== null && typeof value.toJSDate === 'function') {
		return parseDateInput(value.toJSDate(), timeZone);
	}
	const text = String(value).trim();
	const naive = NAIVE_DATE.exec(text);
	if (naive) {
		const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = naive;
		const wallMs = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.floor(Number(`0.${frac}`) * 1000));
		const first = wallMs - zoneOffsetMs(wallMs, timeZone);
		return new Date(wallMs - zoneOffsetMs(first, timeZone));
	}
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) throw new Error(`"${text}" is not a date`);
	return new Date(ms);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * v2 order filters (`min_date_created`, ...): RFC 2822 in UTC, the format v2 itself answers in,
 * e.g. `Tue, 20 Nov 2012 00:00:00 +0000`. Whole seconds (v2 dates have no more).
 */
export function toV2Date(value: DateInput, timeZone = 'UTC'): string {
	const date = parseDateInput(value, timeZone);
	return (
		`${DAYS[date.getUTCDay()]}, ${pad2(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ` +
		`${date.getUTCFullYear()} ${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:` +
		`${pad2(date.getUTCSeconds())} +0000`
	);
}

/** v3 filters (`created:min`): RFC 3339 in UTC, whole seconds, e.g. `2020-01-15T01:02:34Z`. */
export function toRfc3339(value: DateInput, timeZone = 'UTC'): string {
	return parseDateInput(value, timeZone)
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z');
}
