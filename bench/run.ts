/**
 * `npm run benchmark`: speed figures, written to bench/results/<timestamp>.json and latest.json.
 * Nothing here passes or fails; tests never assert on time. Runs against the in-process sandbox on
 * loopback, so the figures measure the pack and the sandbox, not the real services' latency.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { deriveHookSecret, HOOK_MARKER_HEADER } from '../nodes/BigCommerce/webhook/secret';
import { verifyDelivery } from '../nodes/BigCommerce/webhook/verify';
import { signStandardWebhook } from '../nodes/BigCommerce/webhook/signature';
import { getOrder } from '../nodes/BigCommerce/api';
import { MicrosoftDynamicsFo } from '../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import { emptyStaticData } from '../test/support/n8n/context';
import { startSandboxFixture, type SandboxFixture } from '../test/support/sandboxFixture';
import { MAPPED_SKUS, salesOrderParameters } from '../test/support/salesOrderParameters';

interface Figure {
	name: string;
	count: number;
	totalMs: number;
	perSecond: number;
	p50Ms: number;
	p95Ms: number;
	note?: string;
}

function summarise(name: string, samples: number[], wallMs: number, note?: string): Figure {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
	return {
		name,
		count: samples.length,
		totalMs: Math.round(wallMs),
		perSecond: Math.round((samples.length / wallMs) * 1000 * 10) / 10,
		p50Ms: Math.round(at(0.5) * 1000) / 1000,
		p95Ms: Math.round(at(0.95) * 1000) / 1000,
		note,
	};
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const start = performance.now();
	const value = await fn();
	return [value, performance.now() - start];
}

async function postOrders(fx: SandboxFixture, orders: IDataObject[], concurrency: number) {
	const samples: number[] = [];
	const queue = [...orders];
	const start = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			for (let order = queue.shift(); order; order = queue.shift()) {
				const ctx = fx.context({
					parameters: salesOrderParameters(fx, order),
					staticData: emptyStaticData(),
				});
				const [, ms] = await timed(() => new MicrosoftDynamicsFo().execute.call(ctx as never));
				samples.push(ms);
			}
		}),
	);
	return { samples, wallMs: performance.now() - start };
}

async function main(): Promise<void> {
	const figures: Figure[] = [];
	const fx = await startSandboxFixture({ bigcommerce: { quota: 100000 } });
	try {
		const lines = (n: number) =>
			Array.from({ length: n }, (_, i) => ({
				sku: MAPPED_SKUS[i % MAPPED_SKUS.length],
				quantity: 1,
			}));
		for (const [lineCount, count, concurrency] of [
			[5, 40, 1],
			[5, 40, 4],
			[50, 20, 1],
			[200, 5, 1],
		] as const) {
			const orders: IDataObject[] = [];
			for (let i = 0; i < count; i++)
				orders.push(await fx.storeOrder({ customer_id: 1 + (i % 5), lines: lines(lineCount) }));
			const { samples, wallMs } = await postOrders(fx, orders, concurrency);
			figures.push(
				summarise(
					`F&O sales order, ${lineCount} lines, concurrency ${concurrency}`,
					samples,
					wallMs,
				),
			);
		}

		const order = await fx.storeOrder({ customer_id: 1, lines: lines(10) });
		const fetchSamples: number[] = [];
		const fetchStart = performance.now();
		for (let i = 0; i < 50; i++)
			fetchSamples.push((await timed(() => getOrder(fx.context(), Number(order.id))))[1]);
		figures.push(
			summarise(
				'BigCommerce full order fetch (order + transactions)',
				fetchSamples,
				performance.now() - fetchStart,
			),
		);

		const secret = fx.bigCommerceCredentials.clientSecret as string;
		const body = Buffer.from(
			JSON.stringify({
				scope: 'store/order/created',
				store_id: '1',
				data: { type: 'order', id: 1 },
				hash: 'h',
				created_at: 1,
				producer: 'stores/x',
			}),
		);
		const headerSecret = deriveHookSecret(secret, 'wf', 'node');
		const verifySamples: number[] = [];
		const verifyStart = performance.now();
		for (let i = 0; i < 20000; i++) {
			const ts = Math.floor(Date.now() / 1000);
			const t0 = performance.now();
			verifyDelivery({
				rawBody: body,
				headers: {
					[HOOK_MARKER_HEADER]: headerSecret,
					'webhook-id': `msg_${i}`,
					'webhook-timestamp': String(ts),
					'webhook-signature': signStandardWebhook(secret, `msg_${i}`, String(ts), body),
				},
				mode: 'default',
				clientSecret: secret,
				expectedHeaderSecret: headerSecret,
			});
			verifySamples.push(performance.now() - t0);
		}
		figures.push(
			summarise(
				'Webhook verification (secret header + Standard Webhooks)',
				verifySamples,
				performance.now() - verifyStart,
				'signing time included in the wall clock',
			),
		);
	} finally {
		await fx.close();
	}

	const result = {
		at: new Date().toISOString(),
		node: process.version,
		cpus: cpus().length,
		figures,
	};
	const dir = join(__dirname, 'results');
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, `${result.at.replace(/[:.]/g, '-')}.json`),
		JSON.stringify(result, null, 2),
	);
	writeFileSync(join(dir, 'latest.json'), JSON.stringify(result, null, 2));
	for (const f of figures)
		console.log(
			`${f.name}: ${f.count} in ${f.totalMs} ms, ${f.perSecond}/s, p50 ${f.p50Ms} ms, p95 ${f.p95Ms} ms`,
		);
	console.log(`written to ${join(dir, 'latest.json')}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
