/** Small field rules every mapper shares: blank text is absent, absent fields are not sent. */
import type { ResolvedItem, ResolvedItemMap } from './types';

/** Trimmed text, or undefined when it is blank. */
export function clean(value: string | undefined | null): string | undefined {
	const v = (value ?? '').trim();
	return v === '' ? undefined : v;
}

/** The object without its undefined fields (F&O would otherwise receive them as nulls). */
export function dropUndefined<T extends object>(obj: T): T {
	const source = obj as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const k of Object.keys(source)) if (source[k] !== undefined) out[k] = source[k];
	return out as T;
}

/** The F&O item a SKU resolved to, from a Map or a plain object. */
export function lookupItem(map: ResolvedItemMap, sku: string): ResolvedItem | undefined {
	if (map instanceof Map) return map.get(sku);
	return Object.prototype.hasOwnProperty.call(map, sku)
		? (map as Record<string, ResolvedItem>)[sku]
		: undefined;
}
