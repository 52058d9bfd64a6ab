/** Dates as BigCommerce filters want them (v2 RFC 2822, v3 RFC 3339, naive input in the workflow's zone). */
import { parseDateInput, toRfc3339, toV2Date } from '../../../../nodes/BigCommerce/api/dates';

describe('dates', () => {
	it('v2 filters are RFC 2822 in UTC, whole seconds', () => {
		expect(toV2Date('2012-11-20T00:00:00Z')).toBe('Tue, 20 Nov 2012 00:00:00 +0000');
		expect(toV2Date('2017-04-20T11:32:00.000-04:00')).toBe('Thu, 20 Apr 2017 15:32:00 +0000');
		expect(toV2Date(new Date(Date.UTC(2025, 2, 3, 9, 5, 7, 999)))).toBe(
			'Mon, 03 Mar 2025 09:05:07 +0000',
		);
		expect(toV2Date('Thu, 20 Apr 2017 11:32:00 -0400')).toBe('Thu, 20 Apr 2017 15:32:00 +0000');
	});

	it('v3 filters are RFC 3339 in UTC', () => {
		expect(toRfc3339('2020-01-15T01:02:34-01:00')).toBe('2020-01-15T02:02:34Z');
		expect(toRfc3339({ toJSDate: () => new Date('2024-05-14T09:34:00.250Z') })).toBe(
			'2024-05-14T09:34:00Z',
		);
	});

	it("reads a date without an offset in the workflow's time zone, across DST", () => {
		// New York: UTC-5 in January, UTC-4 in July.
		expect(parseDateInput('2024-01-15T09:00:00', 'America/New_York').toISOString()).toBe(
			'2024-01-15T14:00:00.000Z',
		);
		expect(parseDateInput('2024-07-15T09:00:00', 'America/New_York').toISOString()).toBe(
			'2024-07-15T13:00:00.000Z',
		);
		expect(parseDateInput('2024-07-15', 'Europe/Berlin').toISOString()).toBe(
			'2024-07-14T22:00:00.000Z',
		);
		expect(parseDateInput('2024-07-15T09:00:00', 'UTC').toISOString()).toBe(
			'2024-07-15T09:00:00.000Z',
		);
		// An explicit offset wins over the time zone.
		expect(parseDateInput('2024-07-15T09:00:00Z', 'America/New_York').toISOString()).toBe(
			'2024-07-15T09:00:00.000Z',
		);
	});

	it('refuses what is not a date', () => {
		expect(() => toV2Date('yesterday-ish')).toThrow(/not a date/);
		expect(() => toV2Date(new Date('nope'))).toThrow(/Invalid date/);
	});
});
