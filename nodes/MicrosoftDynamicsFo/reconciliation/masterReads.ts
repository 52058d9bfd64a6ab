/**
 * The reads behind the alignment checks (alignment.ts), flat per page on both sides: the store's
 * catalog (products and variants, two paged lists) resolved through the sales order's own SKU
 * resolution (one `$batch` per 1,000 SKUs, skuResolution.ts, without the override table so an
 * override that shadows F&O's own reading shows), and the store's customers a page at a time, each
 * page's emails looked up in CustomersV3 in one `$batch` (40 emails `or`-ed per read).
 */
import { sleep, type IDataObject } from 'n8n-workflow';

import { listAll, pages } from '../../BigCommerce/api';
import type { HttpContext } from '../../common/http';
import type { BcCustomer } from '../mapping/types';
import { entityPath, odataString, sendBatch, type BatchOperation } from '../odata';
import { MAX_THROTTLE_WAIT_MS } from '../posting/changesetRounds';
import { resolveSkus, type SkuCache, type SkuMappingTable } from '../skuResolution';
import {
	alignCustomer,
	alignSku,
	customerFieldsToRead,
	type CatalogSku,
	type CustomerAlignment,
	type SkuAlignment,
} from './alignment';

const SKUS_PER_LOOKUP = 1000;
const EMAILS_PER_PART = 40;

export interface MasterReadSettings {
	environmentUrl: string;
	dataAreaId: string;
	itemIndex?: number;
}

/** Every SKU the catalog carries: products' own and their variants'. */
export async function listCatalogSkus(
	context: HttpContext,
	itemIndex?: number,
): Promise<CatalogSku[]> {
	const products = await listAll(context, 'v3', '/catalog/products', { itemIndex });
	const variants = await listAll(context, 'v3', '/catalog/variants', { itemIndex });
	const names = new Map(products.map((p) => [Number(p.id), String(p.name ?? '')]));
	const out: CatalogSku[] = [];
	for (const p of products) {
		const sku = String(p.sku ?? '').trim();
		if (sku)
			out.push({ sku, kind: 'product', productId: Number(p.id), name: names.get(Number(p.id)) });
	}
	for (const v of variants) {
		const sku = String(v.sku ?? '').trim();
		if (!sku) continue;
		// A product's base variant carries the product's own SKU: the same entry, not a second one.
		if (out.some((e) => e.sku === sku && e.productId === Number(v.product_id))) continue;
		out.push({
			sku,
			kind: 'variant',
			productId: Number(v.product_id),
			variantId: Number(v.id),
			name: names.get(Number(v.product_id)),
		});
	}
	return out;
}

export async function alignCatalog(
	context: HttpContext,
	catalog: CatalogSku[],
	table: SkuMappingTable,
	settings: MasterReadSettings & { cache?: SkuCache },
): Promise<{ items: SkuAlignment[]; requests: number }> {
	const bySku = new Map<string, CatalogSku[]>();
	for (const entry of catalog) bySku.set(entry.sku, [...(bySku.get(entry.sku) ?? []), entry]);
	const skus = [...bySku.keys()];
	const cache = settings.cache ?? new Map();
	let requests = 0;
	const found = new Map();
	for (let i = 0; i < skus.length; i += SKUS_PER_LOOKUP) {
		const resolution = await resolveSkus(
			context,
			settings.environmentUrl,
			settings.dataAreaId,
			skus.slice(i, i + SKUS_PER_LOOKUP),
			{
				cache,
				itemIndex: settings.itemIndex,
			},
		);
		requests += resolution.requests;
		for (const [sku, item] of resolution.items) found.set(sku, item);
	}
	return {
		items: skus.map((sku) => alignSku(bySku.get(sku) as CatalogSku[], found.get(sku), table)),
		requests,
	};
}

interface Collection {
	value?: IDataObject[];
}

async function customersWithEmails(
	context: HttpContext,
	customers: BcCustomer[],
	settings: MasterReadSettings,
): Promise<{ records: IDataObject[]; requests: number }> {
	const emails = [...new Set(customers.map((c) => String(c.email ?? '').trim()).filter(Boolean))];
	if (!emails.length) return { records: [], requests: 0 };
	const select = customerFieldsToRead(customers).join(',');
	const reads: BatchOperation[] = [];
	for (let i = 0; i < emails.length; i += EMAILS_PER_PART) {
		const anyOf = emails
			.slice(i, i + EMAILS_PER_PART)
			.map((e) => `PrimaryContactEmail eq ${odataString(e)}`)
			.join(' or ');
		const filter = `dataAreaId eq ${odataString(settings.dataAreaId)} and (${anyOf})`;
		reads.push({
			method: 'GET',
			path: `${entityPath('CustomersV3')}?cross-company=true&$select=${select}&$filter=${encodeURIComponent(filter)}`,
		});
	}
	let requests = 0;
	for (let round = 0; ; round++) {
		const outcome = await sendBatch(
			context,
			settings.environmentUrl,
			{ reads },
			{ itemIndex: settings.itemIndex },
		);
		requests += outcome.attempts;
		if (outcome.ok)
			return {
				records: outcome.parts.flatMap((p) => (p.body as Collection)?.value ?? []),
				requests,
			};
		if (!outcome.throttled) throw outcome.error;
		if (round >= 3) throw new Error('F&O kept throttling the customer lookup; run it again later');
		await sleep(Math.min(outcome.retryAfterMs, MAX_THROTTLE_WAIT_MS));
	}
}

const sameText = (a: unknown, b: string) =>
	String(a ?? '')
		.trim()
		.toLowerCase() === b.trim().toLowerCase();

/** Every store customer against CustomersV3, a page of 250 per F&O `$batch`. */
export async function alignCustomers(
	bigCommerce: HttpContext,
	fo: HttpContext,
	settings: MasterReadSettings,
): Promise<{ items: CustomerAlignment[]; requests: number; pages: number }> {
	const items: CustomerAlignment[] = [];
	let requests = 0;
	let pageCount = 0;
	for await (const page of pages<BcCustomer>(bigCommerce, {
		version: 'v3',
		path: '/customers',
		qs: { include: 'addresses' },
		itemIndex: settings.itemIndex,
	})) {
		pageCount++;
		const found = await customersWithEmails(fo, page.items, settings);
		requests += found.requests;
		for (const customer of page.items) {
			const email = String(customer.email ?? '');
			// `*` inside eq is a wildcard in F&O and eq ignores case: only the same email counts.
			const records = found.records.filter(
				(r) =>
					sameText(r.dataAreaId, settings.dataAreaId) && sameText(r.PrimaryContactEmail, email),
			);
			items.push(alignCustomer(customer, records));
		}
	}
	return { items, requests, pages: pageCount };
}
