/**
 * BigCommerce SKUs → F&O released products, one round trip per order whatever its line count: a
 * `$batch` of reads over ReleasedProductsV2 (SKU = ItemNumber) and ReleasedProductVariantsV2
 * (SKU = ProductVariantNumber, which also gives the item and its dimensions). A mapping table on
 * the node overrides both. Results are cached for the execution.
 *
 * The charge items an order needs (shipping, handling, wrapping, fees, gift certificates) are
 * F&O item numbers, not SKUs: they ride in the same `$batch` as ItemNumber reads of
 * ReleasedProductsV2 (never through the SKU table or the variants), so a charge item that is not
 * released fails the order in the same lookup round as an unknown SKU, before anything is written.
 */
import { sleep, type IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../common/http';
import {
	entityPath,
	odataString,
	sendBatch,
	type BatchOperation,
	type BatchOutcome,
} from './odata';
import { MAX_THROTTLE_WAIT_MS } from './posting/changesetRounds';

export interface ResolvedItem {
	ItemNumber: string;
	ProductConfigurationId?: string;
	ProductSizeId?: string;
	ProductColorId?: string;
	ProductStyleId?: string;
	source: 'mapping' | 'releasedProduct' | 'variant';
}

export type SkuMappingTable = Record<string, Omit<ResolvedItem, 'source'>>;

/** Per-execution cache: dataAreaId|sku → item, or null for "looked up, not found". */
export type SkuCache = Map<string, ResolvedItem | null>;

export interface SkuResolution {
	items: Map<string, ResolvedItem>;
	unmapped: string[];
	/** The charge item numbers asked for that are released products (as F&O spells them). */
	chargeItems: Map<string, ResolvedItem>;
	/** The charge item numbers asked for that are not released in the company. */
	missingChargeItems: string[];
	/** HTTP requests sent (0 when everything came from the table or the cache). */
	requests: number;
}

/** Filter values per batch part: keeps each part's URL well under IIS's default limits. */
const SKUS_PER_PART = 40;

function chunks<T>(values: T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
	return out;
}

function readsFor(dataAreaId: string, skus: string[], itemNumbers: string[]): BatchOperation[] {
	const reads: BatchOperation[] = [];
	const company = `dataAreaId eq ${odataString(dataAreaId)}`;
	const anyOf = (field: string, values: string[]) =>
		values.map((value) => `${field} eq ${odataString(value)}`).join(' or ');
	const releasedProducts = (values: string[]): BatchOperation => ({
		method: 'GET',
		path: `${entityPath('ReleasedProductsV2')}?cross-company=true&$select=dataAreaId,ItemNumber&$filter=${encodeURIComponent(`${company} and (${anyOf('ItemNumber', values)})`)}`,
	});
	for (const group of chunks(skus, SKUS_PER_PART)) {
		reads.push(releasedProducts(group));
		reads.push({
			method: 'GET',
			path: `${entityPath('ReleasedProductVariantsV2')}?cross-company=true&$select=dataAreaId,ItemNumber,ProductVariantNumber,ProductConfigurationId,ProductSizeId,ProductColorId,ProductStyleId&$filter=${encodeURIComponent(`${company} and (${anyOf('ProductVariantNumber', group)})`)}`,
		});
	}
	for (const group of chunks(itemNumbers, SKUS_PER_PART)) reads.push(releasedProducts(group));
	return reads;
}

const sameText = (a: unknown, b: string) =>
	typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

function dimension(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export class SkuLookupError extends Error {
	constructor(
		message: string,
		readonly outcome: BatchOutcome,
	) {
		super(message);
		this.name = 'SkuLookupError';
	}
}

export async function resolveSkus(
	context: HttpContext,
	environmentUrl: string,
	dataAreaId: string,
	skus: string[],
	options: {
		table?: SkuMappingTable;
		cache?: SkuCache;
		itemIndex?: number;
		maxThrottleRetries?: number;
		/** Charge item numbers (F&O ItemNumber) to check in the same round. */
		chargeItems?: string[];
	} = {},
): Promise<SkuResolution> {
	const items = new Map<string, ResolvedItem>();
	const chargeItems = new Map<string, ResolvedItem>();
	const cache = options.cache ?? new Map();
	const cacheKey = (sku: string) => `${dataAreaId.toLowerCase()}|${sku}`;
	const chargeKey = (item: string) => `${dataAreaId.toLowerCase()}|item:${item.toLowerCase()}`;
	const toLookUp: string[] = [];
	const chargesToLookUp: string[] = [];
	const wantedCharges = [
		...new Set((options.chargeItems ?? []).map((i) => i.trim()).filter(Boolean)),
	];
	for (const item of wantedCharges) {
		if (cache.has(chargeKey(item))) {
			const hit = cache.get(chargeKey(item));
			if (hit) chargeItems.set(item, hit);
		} else chargesToLookUp.push(item);
	}
	for (const sku of new Set(skus)) {
		const mapped = options.table?.[sku];
		if (mapped) items.set(sku, { ...mapped, source: 'mapping' });
		else if (cache.has(cacheKey(sku))) {
			const hit = cache.get(cacheKey(sku));
			if (hit) items.set(sku, hit);
		} else toLookUp.push(sku);
	}

	let requests = 0;
	if (toLookUp.length || chargesToLookUp.length) {
		let outcome: BatchOutcome | undefined;
		for (let round = 0; round <= (options.maxThrottleRetries ?? 3); round++) {
			outcome = await sendBatch(
				context,
				environmentUrl,
				{ reads: readsFor(dataAreaId, toLookUp, chargesToLookUp) },
				{ itemIndex: options.itemIndex },
			);
			requests += outcome.attempts;
			if (outcome.ok || !outcome.throttled) break;
			await sleep(Math.min(outcome.retryAfterMs, MAX_THROTTLE_WAIT_MS));
		}
		if (!outcome || !outcome.ok) {
			const reason = !outcome
				? 'no answer'
				: outcome.throttled
					? 'F&O kept throttling the lookup'
					: outcome.error.message;
			throw new SkuLookupError(`Could not look up SKUs in F&O: ${reason}`, outcome as BatchOutcome);
		}
		const found = new Map<string, ResolvedItem>();
		const foundCharges = new Map<string, ResolvedItem>();
		for (const part of outcome.parts) {
			for (const record of (part.body as { value?: IDataObject[] })?.value ?? []) {
				if (!sameText(record.dataAreaId, dataAreaId)) continue;
				if (typeof record.ProductVariantNumber === 'string') {
					const sku = toLookUp.find((s) => sameText(record.ProductVariantNumber, s));
					if (sku) {
						found.set(sku, {
							ItemNumber: String(record.ItemNumber),
							ProductConfigurationId: dimension(record.ProductConfigurationId),
							ProductSizeId: dimension(record.ProductSizeId),
							ProductColorId: dimension(record.ProductColorId),
							ProductStyleId: dimension(record.ProductStyleId),
							source: 'variant',
						});
					}
				} else {
					// `*` in a SKU acts as a wildcard inside eq: only an exact match counts.
					const sku = toLookUp.find((s) => sameText(record.ItemNumber, s));
					if (sku && !found.has(sku))
						found.set(sku, { ItemNumber: String(record.ItemNumber), source: 'releasedProduct' });
					const charge = chargesToLookUp.find((i) => sameText(record.ItemNumber, i));
					if (charge && !foundCharges.has(charge))
						foundCharges.set(charge, {
							ItemNumber: String(record.ItemNumber),
							source: 'releasedProduct',
						});
				}
			}
		}
		for (const sku of toLookUp) {
			const item = found.get(sku) ?? null;
			cache.set(cacheKey(sku), item);
			if (item) items.set(sku, item);
		}
		for (const charge of chargesToLookUp) {
			const item = foundCharges.get(charge) ?? null;
			cache.set(chargeKey(charge), item);
			if (item) chargeItems.set(charge, item);
		}
	}
	const unmapped = [...new Set(skus)].filter((sku) => !items.has(sku));
	const missingChargeItems = wantedCharges.filter((item) => !chargeItems.has(item));
	return { items, unmapped, chargeItems, missingChargeItems, requests };
}
