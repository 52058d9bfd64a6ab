/**
 * The demo's closing step: one run of Reconciliation → Reconcile Orders (the F&O node's own code,
 * as the shipped reconciliation workflow runs it) over the orders the demo made, against the
 * sandbox, and its summary in one line: how many orders, how many per status, and the verdict.
 * It is run once F&O holds what the demo's workflows post (or after a while without it, when the
 * summary then says what is missing).
 */
import type { IDataObject } from 'n8n-workflow';

import { MicrosoftDynamicsFo } from '../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import { ORDER_STATUSES } from '../nodes/MicrosoftDynamicsFo/reconciliation/types';
import type { SandboxFixture } from '../test/support/sandboxFixture';

/** The statuses order sync posts (the paid family) and the refunded ones refund sync credits. */
const RECONCILED_STATUSES = [11, 9, 8, 3, 2, 10, 14, 4];

/** "Reconciliation: 2 orders (matched 2): store and ledger agree" for orders created since `since`. */
export async function reconcileDemoOrders(fx: SandboxFixture, since: string): Promise<string> {
	const context = fx.context({
		parameters: {
			resource: 'reconciliation',
			operation: 'orders',
			dataAreaId: 'usmf',
			dateField: 'created',
			from: since,
			to: new Date(Date.now() + 60_000).toISOString(),
			statuses: RECONCILED_STATUSES,
			// refund-sync posts each refund's payout too, so payouts are expected.
			options: { expectRefundPayouts: true },
		},
		items: [{ json: {} }],
	});
	const [[first]] = await new MicrosoftDynamicsFo().execute.call(context as never);
	const summary = first.json as IDataObject & {
		orders: number;
		agrees: boolean;
		byStatus: Record<string, { count: number }>;
	};
	const counts = ORDER_STATUSES.filter((s) => summary.byStatus[s]?.count > 0).map(
		(s) => `${s} ${summary.byStatus[s].count}`,
	);
	const verdict = summary.agrees ? 'store and ledger agree' : 'differences found';
	return `Reconciliation: ${summary.orders} orders (${counts.join(', ') || 'none'}): ${verdict}`;
}
