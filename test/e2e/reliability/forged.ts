/**
 * Forged input: one genuine delivery to the shipped order-sync's live webhook, then the generated
 * battery (support/forgeries.ts: wrong secret, replays, skew, mutated and re-serialised bodies,
 * header smuggling, oversized and non-JSON bodies, wrong content type, another store, bad ids).
 * The figure that counts is how many executions the attacks started (target 0); the answers per
 * kind are recorded as they came.
 */
import { deriveHookSecret, HOOK_MARKER_HEADER } from '../../../nodes/BigCommerce/webhook/secret';
import { sleep } from '../support/lock';
import { forgeries, genuine, payload, send, type ForgeryContext } from '../support/forgeries';
import { waitFor } from '../support/pack-e2e';
import type { Section } from './report';
import { executionsOf, suite, trigger, webhookUrl } from './suite';

export async function forgedDeliveries(): Promise<Section> {
	const { fx } = suite;
	const wf = suite.workflows.orderSync;
	const ctx: ForgeryContext = {
		clientSecret: String(fx.bigCommerceCredentials.clientSecret),
		secretHeaderName: HOOK_MARKER_HEADER,
		secretHeaderValue: deriveHookSecret(
			String(fx.bigCommerceCredentials.clientSecret),
			String(wf.id),
			String(trigger(wf).id),
		),
		storeHash: String(fx.bigCommerceCredentials.storeHash),
		orderId: 990_001, // not in the store: the genuine delivery's execution fails its fetch
	};
	const before = (await executionsOf(wf)).length;
	const original = genuine(ctx, payload(ctx));
	const genuineStatus = await send(webhookUrl(wf), original);
	await waitFor('the genuine delivery to start its execution', async () =>
		(await executionsOf(wf)).length > before ? true : undefined,
	);
	const battery = forgeries(ctx, original);
	const statuses: Record<string, Record<number, number>> = {};
	for (let i = 0; i < battery.length; i += 10) {
		const answers = await Promise.all(battery.slice(i, i + 10).map((r) => send(webhookUrl(wf), r)));
		answers.forEach((status, k) => {
			const kind = battery[i + k].kind;
			statuses[kind] ??= {};
			statuses[kind][status] = (statuses[kind][status] ?? 0) + 1;
		});
	}
	await sleep(10_000);
	const started = (await executionsOf(wf)).length - before - 1;
	const byKind = Object.entries(statuses).map(
		([kind, answers]) =>
			[
				`${kind}: ${Object.values(answers).reduce((s, n) => s + n, 0)} sent`,
				Object.entries(answers)
					.map(([status, n]) => `${n}× ${status === '0' ? 'closed' : status}`)
					.join(', '),
			] as [string, string],
	);
	expect(genuineStatus).toBe(200);
	expect(battery.length).toBeGreaterThanOrEqual(200);
	return {
		title: 'Forged deliveries',
		setup:
			`${battery.length} generated attacks against the shipped order-sync workflow's live webhook ` +
			'(default verification mode), after one genuine delivery they replay or mutate (answered ' +
			`${genuineStatus}, one execution). Answers per kind ("closed": the connection ended without an ` +
			"HTTP answer). The oversized bodies (17 MiB) are refused by n8n's own body parser before the " +
			'node runs, with the answer in the table; the limit is N8N_PAYLOAD_SIZE_MAX (MiB, default 16, ' +
			'see the README).',
		figures: [
			['attacks sent', battery.length],
			...byKind,
			['executions started by the attacks', started],
		],
		targets: [{ what: 'executions started by forged deliveries', value: started, target: 0 }],
	};
}
