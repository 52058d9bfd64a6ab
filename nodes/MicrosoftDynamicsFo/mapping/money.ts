import { MappingError } from './errors';
import type { BcMoney } from './types';

/**
 * Money arithmetic in integer units of 1/10,000 (BigCommerce v2 sends 4 decimals), so sums and
 * comparisons are exact. Conversions to F&O numbers happen only at the edge.
 */
export const UNITS_PER_WHOLE = 10000;

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parse a BigCommerce money value (v2 decimal string or v3 number) to 1/10,000 units. */
export function toUnits(value: BcMoney | null | undefined, field = 'amount'): number {
	if (value === null || value === undefined || value === '') return 0;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) {
			throw new MappingError('INVALID_MONEY', `${field} is not a finite number: ${String(value)}`, {
				field,
			});
		}
		return Math.round(value * UNITS_PER_WHOLE);
	}
	const match = DECIMAL.exec(value.trim());
	if (!match) {
		throw new MappingError('INVALID_MONEY', `${field} is not a decimal amount: "${value}"`, {
			field,
		});
	}
	const [, sign, whole, fraction = ''] = match;
	const padded = (fraction + '00000').slice(0, 5);
	// Round half away from zero on the fifth decimal.
	let units = Number(whole) * UNITS_PER_WHOLE + Number(padded.slice(0, 4));
	if (Number(padded[4]) >= 5) units += 1;
	return sign === '-' ? -units : units;
}

/** Units → a JS number with at most 4 decimals. */
export function fromUnits(units: number): number {
	return units / UNITS_PER_WHOLE;
}

/** Round units to `decimals` (0–4) decimal places, half away from zero. */
export function roundUnits(units: number, decimals: number): number {
	const step = 10 ** (4 - decimals);
	const rounded = Math.round(Math.abs(units) / step) * step;
	return units < 0 ? -rounded : rounded;
}

/**
 * Split `total` over `weights` so the parts are multiples of `step` and sum exactly to `total`
 * (largest remainder; ties go to the earlier index, so the result is deterministic).
 */
export function allocate(total: number, weights: readonly number[], step: number): number[] {
	if (weights.length === 0) return [];
	const weightSum = weights.reduce((a, b) => a + b, 0);
	const sign = total < 0 ? -1 : 1;
	const absTotal = Math.abs(total);
	const steps = Math.round(absTotal / step);
	if (weightSum === 0) {
		const parts = weights.map(() => 0);
		parts[0] = total;
		return parts;
	}
	const exact = weights.map((w) => (steps * w) / weightSum);
	const floors = exact.map((x) => Math.floor(x));
	let remaining = steps - floors.reduce((a, b) => a + b, 0);
	const order = exact
		.map((x, i) => ({ i, frac: x - Math.floor(x) }))
		.sort((a, b) => b.frac - a.frac || a.i - b.i);
	for (const { i } of order) {
		if (remaining <= 0) break;
		floors[i] += 1;
		remaining -= 1;
	}
	return floors.map((f) => sign * f * step);
}

/**
 * Round each value to a multiple of `step` so the parts sum exactly to `total` (itself a multiple
 * of `step`): floor every value, then hand the missing steps to the largest remainders (ties to the
 * earlier index). With `total` = the rounded exact sum this is "round each line, fix the cent".
 */
export function roundToTotal(values: readonly number[], step: number, total: number): number[] {
	const floors = values.map((v) => Math.floor(v / step) * step);
	let missing = Math.round((total - floors.reduce((a, b) => a + b, 0)) / step);
	const order = values
		.map((v, i) => ({ i, rem: v - floors[i] }))
		.sort((a, b) => b.rem - a.rem || a.i - b.i);
	const out = [...floors];
	for (let k = 0; missing > 0 && order.length > 0; k = (k + 1) % order.length) {
		out[order[k].i] += step;
		missing -= 1;
	}
	for (
		let k = order.length - 1;
		missing < 0 && order.length > 0;
		k = (k - 1 + order.length) % order.length
	) {
		out[order[k].i] -= step;
		missing += 1;
	}
	return out;
}
