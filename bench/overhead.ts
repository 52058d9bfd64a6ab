/**
 * The pack's own cost per order, in this process and alone, so it is clear the APIs and not the
 * pack set the pace: CPU of verification + dedupe (the trigger's decideDelivery on a genuinely
 * signed delivery) and of the mapping (order lines, SKUs, charge items, mapSalesOrder, tax mode)
 * for a 50-line order as the sandbox store renders it, and the heap the pack keeps per order after
 * GC (its dedupe windows in static data and its in-process delivery memory). The order and its
 * resolved items are read once from the sandbox; nothing timed touches the network.
 */
import type { IDataObject } from 'n8n-workflow';

import { deriveHookSecret, HOOK_MARKER_HEADER } from '../nodes/BigCommerce/webhook/secret';
import { signStandardWebhook } from '../nodes/BigCommerce/webhook/signature';
import { decideDelivery } from '../nodes/BigCommerce/webhook/delivery';
import { getOrder } from '../nodes/BigCommerce/api';
import { orderLines, type FullOrder } from '../nodes/BigCommerce/model';
import { collectSkus, mapSalesOrder } from '../nodes/MicrosoftDynamicsFo/mapping';
import { chargeItemsOf } from '../nodes/MicrosoftDynamicsFo/mapping/salesOrderAmounts';
import { withTaxMode } from '../nodes/MicrosoftDynamicsFo/mapping/taxMode';
import { resolveSkus } from '../nodes/MicrosoftDynamicsFo/skuResolution';
import type { SandboxFixture } from '../test/support/sandboxFixture';
import { createStoreOrder } from './orders';

export interface Overhead {
	lines: number;
	iterations: number;
	/** Mean CPU ms per order (process.cpuUsage, user + system). */
	verifyDedupeMs: number;
	mappingMs: number;
	totalMs: number;
	p95TotalMs: number;
	/** Retained heap per order after GC, bytes; undefined without --expose-gc. */
	heapBytesPerOrder?: number;
	heapOrders: number;
}

const cpuMs = (start: NodeJS.CpuUsage) => {
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1000;
};

function signedDelivery(secret: string, storeHash: string, orderId: number, i: number) {
	const body = Buffer.from(
		JSON.stringify({
			scope: 'store/order/created',
			store_id: '1025646',
			data: { type: 'order', id: orderId },
			hash: `${i.toString(16).padStart(40, '0')}`,
			created_at: Math.floor(Date.now() / 1000) + i,
			producer: `stores/${storeHash}`,
		}),
	);
	const id = `msg_bench_${i}`;
	const ts = String(Math.floor(Date.now() / 1000));
	return {
		rawBody: body,
		headers: {
			[HOOK_MARKER_HEADER]: deriveHookSecret(secret, 'bench', 'trigger'),
			'webhook-id': id,
			'webhook-timestamp': ts,
			'webhook-signature': signStandardWebhook(secret, id, ts, body),
		},
	};
}

export async function measureOverhead(
	fx: SandboxFixture,
	options: { lines: number; iterations: number; heapOrders: number },
): Promise<Overhead> {
	// Dated two days back: outside the backfill's first look-back (24 h), so no poll ever reads it.
	const created = await createStoreOrder(fx, {
		lines: options.lines,
		buyer: { customerId: 1 },
		dateCreated: new Date(Date.now() - 48 * 3600_000).toISOString(),
	});
	const bcOrder = (await getOrder(fx.context(), Number(created.id))) as unknown as FullOrder;
	const lines = orderLines(bcOrder);
	const charges = { shippingItemNumber: 'SHIPPING' };
	const env = String(fx.foCredentials.environmentUrl);
	const resolution = await resolveSkus(fx.context(), env, 'usmf', collectSkus(bcOrder, lines), {
		chargeItems: chargeItemsOf(bcOrder, lines, charges, false),
	});
	const storeHash = String(fx.bigCommerceCredentials.storeHash);
	const secret = String(fx.bigCommerceCredentials.clientSecret);
	const rules = { storeHash, scopes: ['store/order/created'], statuses: new Set([11]) };
	const map = () => {
		const ls = orderLines(bcOrder);
		collectSkus(bcOrder, ls);
		chargeItemsOf(bcOrder, ls, charges, false);
		const draft = mapSalesOrder(bcOrder, {
			dataAreaId: 'usmf',
			storeHash,
			resolvedItems: resolution.items,
			products: ls,
			charges,
		});
		return withTaxMode(bcOrder, ls, draft, {});
	};
	const delivery = (i: number) => signedDelivery(secret, storeHash, Number(created.id), i);
	const verify = (staticData: IDataObject, d: ReturnType<typeof delivery>, i: number) => {
		const decision = decideDelivery(
			staticData,
			{
				...d,
				mode: 'default',
				clientSecret: secret,
				expectedHeaderSecret: d.headers[HOOK_MARKER_HEADER],
			},
			{ ...rules, dedupeScope: 'bench:trigger' },
		);
		if (decision.action !== 'fetch') throw new Error(`delivery ${i}: ${decision.action}`);
	};
	// Deliveries are signed before the clock starts: signing is BigCommerce's work, not the pack's.
	const staticData: IDataObject = {};
	for (let i = 0; i < 600; i++) verify(staticData, delivery(i), i); // warm-up: JIT, a full window
	for (let i = 0; i < 50; i++) map();
	const signed = Array.from({ length: options.iterations }, (_, i) => delivery(1000 + i));
	const verifySamples: number[] = [];
	const mapSamples: number[] = [];
	for (let i = 0; i < options.iterations; i++) {
		let start = process.cpuUsage();
		verify(staticData, signed[i], 1000 + i);
		verifySamples.push(cpuMs(start));
		start = process.cpuUsage();
		map();
		mapSamples.push(cpuMs(start));
	}
	const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
	const totals = verifySamples.map((v, i) => v + mapSamples[i]).sort((a, b) => a - b);
	return {
		lines: options.lines,
		iterations: options.iterations,
		verifyDedupeMs: round3(mean(verifySamples)),
		mappingMs: round3(mean(mapSamples)),
		totalMs: round3(mean(totals)),
		p95TotalMs: round3(totals[Math.floor(totals.length * 0.95)]),
		heapBytesPerOrder: heapPerOrder(
			Array.from({ length: options.heapOrders }, (_, i) => delivery(100_000 + i)),
			(d, i) => {
				verify(heapStatic, d, 100_000 + i);
				map();
			},
		),
		heapOrders: options.heapOrders,
	};
}

const heapStatic: IDataObject = {};
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Heap kept after one order per delivery, per order, with GC before and after (node --expose-gc).
 * The deliveries exist before the first reading, so only what the pack keeps is counted.
 */
function heapPerOrder<T>(deliveries: T[], oneOrder: (d: T, i: number) => void): number | undefined {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) return undefined;
	gc();
	const before = process.memoryUsage().heapUsed;
	deliveries.forEach(oneOrder);
	gc();
	return Math.round((process.memoryUsage().heapUsed - before) / deliveries.length);
}
