import { MappingError } from './errors';
import type { DimensionsInput } from './types';

/**
 * Financial dimension display values, as F&O's dimension integration formats read them.
 *
 * Segments are joined with the format's delimiter (the chart-of-accounts delimiter, `-` by
 * default; double delimiters such as `--` exist). F&O escapes a delimiter inside a value with a
 * backslash (`DAT\-000011`). We escape a backslash as `\\` too, and with a multi-character
 * delimiter every character that occurs in it, so that parsing is never ambiguous
 * (`A-` + `--` + `B` → `A\---B`). F&O's own handling of a `\` inside a value is undocumented.
 */
export const DEFAULT_DIMENSION_DELIMITER = '-';

export interface DimensionFormatOptions {
	/** The integration format's delimiter; default `-`. */
	delimiter?: string;
}

function checkDelimiter(delimiter: string): void {
	if (delimiter.length === 0 || delimiter.includes('\\')) {
		throw new MappingError('INVALID_DIMENSION_VALUE', `Invalid dimension delimiter "${delimiter}"`);
	}
}

/** Escape one segment value for a display string. */
export function escapeDimensionValue(
	value: string,
	delimiter = DEFAULT_DIMENSION_DELIMITER,
): string {
	checkDelimiter(delimiter);
	const special = new Set(['\\', ...delimiter]);
	let out = '';
	for (const ch of value) out += special.has(ch) ? `\\${ch}` : ch;
	return out;
}

/** Join segment values (blank for null/undefined) into a display value. */
export function formatDisplayValue(
	segments: ReadonlyArray<string | null | undefined>,
	options: DimensionFormatOptions = {},
): string {
	const delimiter = options.delimiter ?? DEFAULT_DIMENSION_DELIMITER;
	return segments.map((s) => escapeDimensionValue(s ?? '', delimiter)).join(delimiter);
}

/** Split a display value into its unescaped segment values. */
export function parseDisplayValue(display: string, options: DimensionFormatOptions = {}): string[] {
	const delimiter = options.delimiter ?? DEFAULT_DIMENSION_DELIMITER;
	checkDelimiter(delimiter);
	const segments: string[] = [];
	let current = '';
	let i = 0;
	while (i < display.length) {
		const ch = display[i];
		if (ch === '\\' && i + 1 < display.length) {
			current += display[i + 1];
			i += 2;
		} else if (display.startsWith(delimiter, i)) {
			segments.push(current);
			current = '';
			i += delimiter.length;
		} else {
			current += ch;
			i += 1;
		}
	}
	segments.push(current);
	return segments;
}

/**
 * The display value for named dimensions against an ordered format, e.g. format
 * `['BusinessUnit','Department','CostCenter']` and values `{Department: '022'}` → `-022-`.
 * Unknown dimension names are an error (they would be silently dropped by F&O).
 */
export function formatDimensions(
	input: DimensionsInput,
	options: DimensionFormatOptions = {},
): string {
	const known = new Set(input.format);
	for (const name of Object.keys(input.values)) {
		if (!known.has(name)) {
			throw new MappingError(
				'UNKNOWN_DIMENSION',
				`Financial dimension "${name}" is not in the integration format (${input.format.join(', ')})`,
				{ dimension: name },
			);
		}
	}
	return formatDisplayValue(
		input.format.map((name) => input.values[name]),
		options,
	);
}

/** Reverse of formatDimensions: named values (blank segments become empty strings). */
export function parseDimensions(
	display: string,
	format: readonly string[],
	options: DimensionFormatOptions = {},
): Record<string, string> {
	const segments = parseDisplayValue(display, options);
	const out: Record<string, string> = {};
	format.forEach((name, i) => {
		out[name] = segments[i] ?? '';
	});
	return out;
}

/** A display value for an optional dimensions input: undefined when there is nothing to send. */
export function optionalDimensions(
	input: DimensionsInput | undefined,
	options: DimensionFormatOptions = {},
): string | undefined {
	if (!input) return undefined;
	const hasValue = Object.values(input.values).some((v) => v !== undefined && v !== '');
	return hasValue ? formatDimensions(input, options) : undefined;
}
