/**
 * The bad-data matrix (issue 16 item 5, fourth bullet): one order per case through the shipped
 * workflows (unknown SKU, guest without email, 500 lines, unicode and emoji names, a currency F&O
 * does not have, negative quantity, a refund larger than the order, a deleted product). Each must
 * end posted in full or as a failed execution whose error names the order; never half-posted.
 */
import type { IDataObject } from 'n8n-workflow';

import { CATALOG } from '../../sandbox/catalog';
import { MAPPED_SKUS } from '../../support/salesOrderParameters';
import { sleep } from '../support/lock';
import { counts, settle, visibleFailures } from './orders';
import type { Section } from './report';
import { activate, suite } from './suite';

interface Case {
	name: string;
	spec?: IDataObject;
	refund?: boolean;
	skip?: string;
}

function cases(): Case[] {
	const unmapped = CATALOG.find((p) => !p.mappedInFo && !p.variants?.length)?.sku;
	return [
		{
			name: 'unknown SKU (sold in the store, not released in F&O)',
			spec: unmapped ? { customer_id: 1, lines: [{ sku: unmapped }] } : undefined,
			skip: unmapped ? undefined : 'no unmapped SKU in the catalog',
		},
		{
			name: 'guest without email',
			spec: {
				guest: { first_name: 'No', last_name: 'Email', email: '' },
				lines: [{ sku: MAPPED_SKUS[0] }],
			},
		},
		{
			name: '500-line order',
			spec: {
				customer_id: 2,
				lines: Array.from({ length: 500 }, (_, i) => ({
					sku: MAPPED_SKUS[i % MAPPED_SKUS.length],
				})),
			},
		},
		{
			name: 'unicode and emoji names',
			spec: {
				guest: {
					first_name: 'Zoë 🚀',
					last_name: 'Łódź-Ñandú 東京',
					email: 'zoe.unicode@example.org',
				},
				lines: [{ sku: MAPPED_SKUS[1] }],
			},
		},
		{
			name: "currency not in F&O (EUR removed from F&O's currencies)",
			spec: { customer_id: 3, currency: 'EUR', lines: [{ sku: MAPPED_SKUS[2] }] },
		},
		{
			name: 'negative quantity',
			spec: { customer_id: 4, lines: [{ sku: MAPPED_SKUS[3], quantity: -2 }] },
		},
		{
			name: 'refund larger than the order',
			spec: { customer_id: 5, lines: [{ sku: MAPPED_SKUS[4] }] },
			refund: true,
		},
		{
			name: 'deleted product',
			skip: 'the sandbox store cannot hold an order line whose product was deleted (its admin API has no product deletion)',
		},
	];
}

async function replaceCurrencies(list: IDataObject[]): Promise<void> {
	await suite.fx.admin('DELETE', '/d365/entities/Currencies');
	for (const cur of list) await suite.fx.admin('POST', '/d365/entities/Currencies', cur);
}

export async function badData(): Promise<Section> {
	const { fx } = suite;
	await activate(suite.workflows.refundSync, true);
	const currencies = await fx.records('Currencies');
	const figures: Array<[string, string | number]> = [];
	const made: Array<{ name: string; order: IDataObject }> = [];
	for (const k of cases()) {
		if (k.skip || !k.spec) {
			figures.push([k.name, `not run: ${k.skip}`]);
			continue;
		}
		if (k.spec.currency === 'EUR')
			await replaceCurrencies(currencies.filter((c) => c.CurrencyCode !== 'EUR'));
		try {
			const order = (await fx.admin('POST', '/bigcommerce/orders', k.spec)) as IDataObject;
			const captureRefused = await fx
				.admin('POST', `/bigcommerce/orders/${order.id}/transactions`, { event: 'capture' })
				.then(() => undefined)
				.catch((e: Error) => e.message);
			if (captureRefused)
				figures.push([
					`${k.name}: capture`,
					`refused by the store (${captureRefused.slice(0, 120)})`,
				]);
			made.push({
				name: k.name,
				order: { ...order, items_total: (k.spec.lines as unknown[]).length },
			});
			if (k.refund) {
				await settle([made[made.length - 1].order], k.name);
				const refused = await fx
					.admin('POST', `/bigcommerce/orders/${order.id}/refunds`, {
						amount: Number(order.total_inc_tax) * 3,
					})
					.then(() => undefined)
					.catch((e: Error) => e.message);
				if (refused)
					figures.push([`${k.name}: the store`, `refused it (${refused.slice(0, 120)})`]);
			}
		} catch (error) {
			figures.push([
				k.name,
				`the sandbox store refused the order: ${(error as Error).message.slice(0, 140)}`,
			]);
		}
	}
	await settle(
		made.map((m) => m.order),
		'bad data',
		false,
	);
	await sleep(5_000);
	const { byOrder } = await visibleFailures();
	let halfPosted = 0;
	let unexplained = 0;
	for (const { name, order } of made) {
		const c = await counts([order], false);
		halfPosted += c.halfPosted;
		const error = byOrder.get(Number(order.id));
		if (!c.posted && !error) unexplained++;
		figures.push([
			`${name} (order ${order.id}, ${order.items_total} lines)`,
			c.posted
				? 'posted in full'
				: error
					? `failed: ${error.replace(/\\"/g, '"').replace(/\|/g, '/').slice(0, 200)}`
					: 'not posted and no failed execution names it',
		]);
	}
	if (currencies.length) await replaceCurrencies(currencies);
	return {
		title: 'Bad data',
		setup:
			'One order per case through the shipped workflows; each is either posted in full or a failed execution whose error names the order.',
		figures: [
			...figures,
			['sales order headers without all their lines', halfPosted],
			['orders neither posted nor named by a failed execution', unexplained],
		],
		targets: [
			{ what: 'half-posted sales orders', value: halfPosted, target: 0 },
			{ what: 'orders neither posted nor failed-and-visible', value: unexplained, target: 0 },
		],
	};
}
