import {
	countryRegionId,
	deterministicSalesOrderNumber,
	escapeDimensionValue,
	FO_EMPTY_DATE,
	formatDimensions,
	formatDisplayValue,
	ISO2_TO_ISO3,
	isFoEmptyDate,
	MappingError,
	orderReference,
	orderShortReference,
	parseBigCommerceDate,
	parseDimensions,
	parseDisplayValue,
	parseOrderReference,
	parseOrderShortReference,
	parseRefundReference,
	parseRefundShortReference,
	parseTransactionReference,
	refundReference,
	refundShortReference,
	stateId,
	toFoDate,
	toFoDateTime,
	toUnits,
	transactionReference,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';
import { BIGCOMMERCE_SPECS } from '../../support/bigcommerceSpecs';
import { itWithShared } from '../../support/specs';
import { specResponseExample } from './helpers';

function codeOf(fn: () => unknown): string | undefined {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(MappingError);
		return (e as MappingError).code;
	}
	return undefined;
}

describe('dates', () => {
	itWithShared(BIGCOMMERCE_SPECS)('parses RFC 2822 UTC dates from the v2 spec example', () => {
		const o = specResponseExample('orders.v2.oas2.yml', 'order_Resp', 'Response');
		expect(parseBigCommerceDate(o.date_created)?.toISOString()).toBe('2019-03-05T21:40:11.000Z');
		expect(toFoDateTime(parseBigCommerceDate('Tue, 20 Nov 2012 00:00:00 +0000') as Date)).toBe(
			'2012-11-20T00:00:00Z',
		);
	});

	it('applies non-UTC offsets, including ones that cross the day', () => {
		expect(toFoDateTime(parseBigCommerceDate('Thu, 20 Apr 2017 11:32:00 -0400') as Date)).toBe(
			'2017-04-20T15:32:00Z',
		);
		expect(toFoDateTime(parseBigCommerceDate('Mon, 31 Dec 2018 23:30:00 -0230') as Date)).toBe(
			'2019-01-01T02:00:00Z',
		);
		expect(toFoDateTime(parseBigCommerceDate('Tue, 01 Jan 2019 01:00:00 +0530') as Date)).toBe(
			'2018-12-31T19:30:00Z',
		);
		expect(toFoDateTime(parseBigCommerceDate('1 Jan 2019 01:00 GMT') as Date)).toBe(
			'2019-01-01T01:00:00Z',
		);
		expect(toFoDateTime(parseBigCommerceDate('Fri, 01 Mar 2019 10:00:00 EST') as Date)).toBe(
			'2019-03-01T15:00:00Z',
		);
	});

	it('parses v3 ISO dates', () => {
		expect(toFoDateTime(parseBigCommerceDate('2022-06-16T16:44:15+00:00') as Date)).toBe(
			'2022-06-16T16:44:15Z',
		);
		expect(toFoDateTime(parseBigCommerceDate('2018-05-08T15:06:12-07:00') as Date)).toBe(
			'2018-05-08T22:06:12Z',
		);
		expect(toFoDateTime(parseBigCommerceDate('2018-11-13T21:42:06.789Z') as Date)).toBe(
			'2018-11-13T21:42:06Z',
		);
		expect(toFoDateTime(parseBigCommerceDate('2024-05-14') as Date)).toBe('2024-05-14T00:00:00Z');
	});

	it('treats empty as undefined and rejects garbage and impossible dates', () => {
		expect(parseBigCommerceDate('')).toBeUndefined();
		expect(parseBigCommerceDate(null)).toBeUndefined();
		expect(codeOf(() => parseBigCommerceDate('yesterday'))).toBe('INVALID_DATE');
		expect(codeOf(() => parseBigCommerceDate('Tue, 31 Feb 2012 00:00:00 +0000'))).toBe(
			'INVALID_DATE',
		);
		expect(codeOf(() => parseBigCommerceDate('Tue, 20 Foo 2012 00:00:00 +0000'))).toBe(
			'INVALID_DATE',
		);
	});

	it('formats F&O date-only values at 12:00:00Z and knows the empty date', () => {
		const d = parseBigCommerceDate('Wed, 31 Jan 2024 23:30:00 +0000') as Date;
		expect(toFoDate(d)).toBe('2024-01-31T12:00:00Z');
		expect(toFoDate(d, { utcOffsetMinutes: 60 })).toBe('2024-02-01T12:00:00Z');
		expect(toFoDate(d, { addDays: 1 })).toBe('2024-02-01T12:00:00Z');
		expect(FO_EMPTY_DATE).toBe('1900-01-01T12:00:00Z');
		expect(isFoEmptyDate(FO_EMPTY_DATE)).toBe(true);
		expect(isFoEmptyDate('2024-01-31T12:00:00Z')).toBe(false);
	});
});

describe('money', () => {
	it('parses v2 strings and v3 numbers exactly', () => {
		expect(toUnits('62.6793')).toBe(626793);
		expect(toUnits('8')).toBe(80000);
		expect(toUnits('924.47')).toBe(9244700);
		expect(toUnits(0.1 + 0.2)).toBe(3000);
		expect(toUnits('1.23456')).toBe(12346);
		expect(codeOf(() => toUnits('12,00'))).toBe('INVALID_MONEY');
	});
});

describe('financial dimensions', () => {
	it('escapes the delimiter with a backslash as F&O displays it', () => {
		expect(escapeDimensionValue('DAT-000011')).toBe('DAT\\-000011');
		expect(formatDisplayValue(['605140', '001', '02'])).toBe('605140-001-02');
		expect(formatDisplayValue(['', '001', '022', '', ''])).toBe('-001-022--');
	});

	it('formats named dimensions against the format order and rejects unknown names', () => {
		const format = ['BusinessUnit', 'Department', 'CostCenter', 'Channel'];
		expect(formatDimensions({ format, values: { Department: '022', Channel: 'WEB-US' } })).toBe(
			'-022--WEB\\-US',
		);
		expect(codeOf(() => formatDimensions({ format, values: { Region: 'X' } }))).toBe(
			'UNKNOWN_DIMENSION',
		);
	});

	it.each([
		['-', ['A-1', 'B\\2', '', 'C--', '-']],
		['--', ['A-', '-B', 'x--y', '', '\\']],
		['|', ['a|b', 'c', '||', 'd\\|']],
		['.', ['1.2', '', '...']],
	])('round-trips values through delimiter %s', (delimiter, values) => {
		const display = formatDisplayValue(values, { delimiter });
		expect(parseDisplayValue(display, { delimiter })).toEqual(values);
	});

	it('parses named values back', () => {
		const format = ['BusinessUnit', 'Department', 'CostCenter'];
		const display = formatDimensions({
			format,
			values: { BusinessUnit: '001', CostCenter: 'A-7' },
		});
		expect(parseDimensions(display, format)).toEqual({
			BusinessUnit: '001',
			Department: '',
			CostCenter: 'A-7',
		});
		// F&O's own display values parse too.
		expect(parseDisplayValue('RFI\\-OPER')).toEqual(['RFI-OPER']);
	});
});

describe('countries and states', () => {
	it('has a complete, consistent ISO 3166-1 table', () => {
		const entries = Object.entries(ISO2_TO_ISO3);
		expect(entries.length).toBe(250); // 249 assigned + XK
		for (const [iso2, iso3] of entries) {
			expect(iso2).toMatch(/^[A-Z]{2}$/);
			expect(iso3).toMatch(/^[A-Z]{3}$/);
		}
		expect(new Set(Object.values(ISO2_TO_ISO3)).size).toBe(entries.length);
		// Intl knows every assigned region code: each of ours must be a real region name.
		const names = new Intl.DisplayNames(['en'], { type: 'region' });
		for (const [iso2] of entries) expect(names.of(iso2)).not.toBe(iso2);
	});

	it('maps the usual and the tricky codes', () => {
		expect(countryRegionId('US')).toBe('USA');
		expect(countryRegionId('gb')).toBe('GBR');
		expect(countryRegionId('UK')).toBe('GBR');
		expect(countryRegionId('DE')).toBe('DEU');
		expect(countryRegionId('CH')).toBe('CHE');
		expect(countryRegionId('ZA')).toBe('ZAF');
		expect(countryRegionId('KR')).toBe('KOR');
		expect(countryRegionId('RS')).toBe('SRB');
		expect(countryRegionId('st')).toBe('STP');
		expect(countryRegionId('US', { US: 'US' })).toBe('US');
		expect(codeOf(() => countryRegionId('ZZ'))).toBe('INVALID_COUNTRY');
		expect(codeOf(() => countryRegionId(''))).toBe('INVALID_COUNTRY');
	});

	it('maps state names to codes where F&O uses codes', () => {
		expect(stateId('Texas', 'US')).toBe('TX');
		expect(stateId('TX', 'US')).toBe('TX');
		expect(stateId('Ontario', 'CA')).toBe('ON');
		expect(stateId('New South Wales', 'AU')).toBe('NSW');
		expect(stateId('Bayern', 'DE')).toBe('Bayern');
		expect(stateId('', 'US')).toBeUndefined();
	});
});

describe('references', () => {
	it('builds and parses every format', () => {
		expect(orderReference('abc123xyz', 1001)).toBe('BC-abc123xyz-1001');
		expect(parseOrderReference('BC-abc123xyz-1001')).toEqual({
			storeHash: 'abc123xyz',
			orderId: 1001,
		});
		expect(orderShortReference(1001)).toBe('BC-1001');
		expect(parseOrderShortReference('BC-1001')).toEqual({ orderId: 1001 });
		expect(transactionReference('121', 85926313)).toBe('BC-121-T85926313');
		expect(parseTransactionReference('BC-121-T85926313')).toEqual({
			orderId: 121,
			transactionId: 85926313,
		});
		expect(refundReference('abc123xyz', 180, 12)).toBe('BC-abc123xyz-180-R12');
		expect(parseRefundReference('BC-abc123xyz-180-R12')).toEqual({
			storeHash: 'abc123xyz',
			orderId: 180,
			refundId: 12,
		});
		expect(refundShortReference(180, 12)).toBe('BC-180-R12');
		expect(parseRefundShortReference('BC-180-R12')).toEqual({ orderId: 180, refundId: 12 });
		expect(orderReference('s1', 5, { prefix: 'WEB2' })).toBe('WEB2-s1-5');
	});

	it('does not confuse one format for another', () => {
		expect(parseOrderReference('BC-abc-180-R12')).toBeUndefined();
		expect(parseOrderReference('BC-121-T5')).toBeUndefined();
		expect(parseTransactionReference('BC-abc-1001')).toBeUndefined();
		expect(parseRefundShortReference('BC-abc-180-R12')).toBeUndefined();
		expect(parseOrderReference('XX-abc-1')).toBeUndefined();
	});

	it('rejects filter-unsafe parts and over-long references', () => {
		expect(codeOf(() => orderReference("ab'c", 1))).toBe('INVALID_REFERENCE_PART');
		expect(codeOf(() => orderReference('ab*c', 1))).toBe('INVALID_REFERENCE_PART');
		expect(codeOf(() => transactionReference(1234567, 123456789012))).toBe('REFERENCE_TOO_LONG');
		expect(codeOf(() => orderReference('a'.repeat(60), 1))).toBe('REFERENCE_TOO_LONG');
	});

	it('validates the deterministic order number against the field length', () => {
		expect(deterministicSalesOrderNumber('BC-', 1001)).toBe('BC-1001');
		expect(deterministicSalesOrderNumber('WEBSHOP-ORDER-', 123456)).toHaveLength(20);
		expect(codeOf(() => deterministicSalesOrderNumber('WEBSHOP-ORDER-', 1234567))).toBe(
			'ORDER_NUMBER_TOO_LONG',
		);
		expect(codeOf(() => deterministicSalesOrderNumber('BC-', 1001, 6))).toBe(
			'ORDER_NUMBER_TOO_LONG',
		);
		expect(codeOf(() => deterministicSalesOrderNumber("B'", 1))).toBe('INVALID_REFERENCE_PART');
	});
});
