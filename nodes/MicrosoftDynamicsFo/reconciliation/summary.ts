/**
 * The summary item of a reconciliation: per status, how many orders and, per currency, the sums on
 * both sides and their difference (BigCommerce − F&O, totals including tax), plus the overall
 * verdict a report colours red or green.
 */
import { fromUnits, toUnits } from '../mapping/money';
import type { ExtraInFo, OrderReconciliation } from './compare';
import { ORDER_STATUSES, type OrderStatus } from './types';

export interface CurrencySums {
	count: number;
	bigCommerce: number;
	fo: number;
	difference: number;
}

export interface StatusSummary {
	count: number;
	byCurrency: Record<string, CurrencySums>;
}

export interface ReconciliationSummary {
	type: 'summary';
	orders: number;
	/** True when every order is matched and F&O holds nothing extra. */
	agrees: boolean;
	byStatus: Record<OrderStatus, StatusSummary>;
	[key: string]: unknown;
}

export function summarise(
	results: Array<OrderReconciliation | ExtraInFo>,
	context: Record<string, unknown> = {},
): ReconciliationSummary {
	const byStatus = Object.fromEntries(
		ORDER_STATUSES.map((s) => [s, { count: 0, byCurrency: {} }]),
	) as Record<OrderStatus, StatusSummary>;
	const raw = new Map<string, { count: number; bc: number; fo: number }>();
	for (const result of results) {
		const entry = byStatus[result.status];
		entry.count++;
		const key = `${result.status}\u0001${result.currency}`;
		const sums = raw.get(key) ?? { count: 0, bc: 0, fo: 0 };
		sums.count++;
		sums.bc += toUnits(result.totalIncTax.bigCommerce);
		sums.fo += toUnits(result.totalIncTax.fo ?? 0);
		raw.set(key, sums);
	}
	for (const [key, sums] of raw) {
		const [status, currency] = key.split('\u0001') as [OrderStatus, string];
		byStatus[status].byCurrency[currency] = {
			count: sums.count,
			bigCommerce: fromUnits(sums.bc),
			fo: fromUnits(sums.fo),
			difference: fromUnits(sums.bc - sums.fo),
		};
	}
	return {
		type: 'summary',
		...context,
		orders: results.filter((r) => r.status !== 'extra_in_fo').length,
		agrees: results.every((r) => r.status === 'matched'),
		byStatus,
	};
}
