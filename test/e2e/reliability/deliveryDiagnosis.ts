/**
 * Why an order never reached n8n, read from the sandbox store's own delivery state: its hooks
 * (active or deactivated after a delivery's last retry), the delivery attempts per outcome and
 * answer, and for each lost order the events it raised and what became of each attempt. The
 * reliability suite writes these lines under a scenario, so a lost order names its cause (a hook
 * switched off, a delivery refused, an event never delivered) instead of "no execution holds it".
 */
import type { IDataObject } from 'n8n-workflow';

import type { SandboxFixture } from '../../support/sandboxFixture';

interface Attempt {
	eventId: string;
	hookId: number;
	scope: string;
	attempt: number;
	copy: number;
	status: number;
	error?: string;
	outcome: string;
	deactivatedHook?: boolean;
	startedAt: string;
	ms?: number;
}

interface StoreEvent {
	eventId: string;
	scope: string;
	payload: { data?: { id?: unknown; order_id?: unknown } };
}

const tally = (values: string[]) => {
	const counts: Record<string, number> = {};
	for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
	return Object.entries(counts)
		.map(([k, n]) => `${n}× ${k}`)
		.join(', ');
};

/** One line per fact: hooks, attempts by outcome, deactivations, then each lost order's events. */
export async function deliveryDiagnosis(fx: SandboxFixture, lostIds: number[]): Promise<string[]> {
	const hooks = (await fx.admin('GET', '/bigcommerce/hooks')) as IDataObject[];
	const { deliveries, held } = (await fx.admin('GET', '/bigcommerce/deliveries')) as {
		deliveries: Attempt[];
		held: number;
	};
	const events = (await fx.admin('GET', '/bigcommerce/events')) as StoreEvent[];
	const lines: string[] = [
		`hooks: ${hooks
			.map((h) => `${String(h.id)} ${String(h.scope)} ${h.is_active ? 'active' : 'INACTIVE'}`)
			.join('; ')}`,
		`delivery attempts: ${deliveries.length} (${tally(
			deliveries.map(
				(d) => `${d.outcome} ${d.status}${d.error ? ` (${d.error.slice(0, 60)})` : ''}`,
			),
		)}); still held: ${held}`,
	];
	const answered = deliveries
		.filter((d) => d.status > 0 && d.ms !== undefined)
		.map((d) => d.ms as number)
		.sort((a, b) => a - b);
	if (answered.length) {
		const at = (q: number) =>
			answered[Math.min(answered.length - 1, Math.floor(q * answered.length))];
		lines.push(
			`answer time of the ${answered.length} answered attempts (ms): median ${at(0.5)}, 90th percentile ${at(0.9)}, max ${answered[answered.length - 1]}`,
		);
	}
	for (const d of deliveries.filter((x) => x.deactivatedHook))
		lines.push(
			`hook ${d.hookId} deactivated at ${d.startedAt} after attempt ${d.attempt} of event ${d.eventId} (${d.scope}) failed: ${d.status} ${d.error ?? ''}`,
		);
	for (const id of lostIds) {
		const mine = events.filter(
			(e) => Number(e.payload.data?.id) === id || Number(e.payload.data?.order_id) === id,
		);
		const parts = mine.map((e) => {
			const attempts = deliveries.filter((d) => d.eventId === e.eventId);
			return `${e.scope}: ${
				attempts.length
					? tally(attempts.map((a) => `${a.outcome} ${a.status}`))
					: 'never attempted (no active hook when raised, or held)'
			}`;
		});
		lines.push(`lost order ${id} deliveries: ${parts.join('; ') || 'no store event'}`);
	}
	return lines;
}
