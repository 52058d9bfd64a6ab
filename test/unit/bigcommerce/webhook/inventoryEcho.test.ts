/**
 * The store echoes every inventory write, the pack's own included (store/sku/inventory/updated,
 * store/product/inventory/updated, with method "absolute"). Stock sync must not react to its own
 * writes: the BigCommerce Trigger offers no inventory event to select, and a delivery of one (a
 * hook someone registered by hand at the trigger's URL) is ignored before anything is fetched.
 */
import { decideDelivery } from '../../../../nodes/BigCommerce/webhook/delivery';
import {
	DEFAULT_ORDER_STATUSES,
	EVENT_KINDS,
	EVENT_OPTIONS,
	selectedStatuses,
} from '../../../../nodes/BigCommerce/trigger/events';
import { input, NOW_SECONDS, signedHeaders } from './helpers';

const echo = (scope: string, data: Record<string, unknown>) =>
	JSON.stringify({
		scope,
		store_id: '1025646',
		data,
		hash: 'dd70c0976e06b67aaf671e73f49dcb79230ebf9d',
		created_at: NOW_SECONDS - 1,
		producer: 'stores/abc123',
	});

describe('inventory webhooks that echo the pack’s writes', () => {
	it('are not an event the trigger can select', () => {
		const selectable = [...EVENT_OPTIONS.map((o) => String(o.value)), ...Object.keys(EVENT_KINDS)];
		expect(selectable.filter((scope) => scope.includes('inventory'))).toEqual([]);
	});

	it.each([
		[
			'store/sku/inventory/updated',
			{
				type: 'sku',
				id: 461,
				inventory: { product_id: 167, variant_id: 509, method: 'absolute', value: 7 },
			},
		],
		[
			'store/product/inventory/updated',
			{ type: 'product', id: 167, inventory: { product_id: 167, method: 'absolute', value: 7 } },
		],
	])('a signed %s delivery is ignored, even with every event selected', (scope, data) => {
		const body = echo(scope, data);
		const decision = decideDelivery({}, input(body, signedHeaders(body, { id: `msg_${scope}` })), {
			storeHash: 'abc123',
			scopes: Object.keys(EVENT_KINDS),
			statuses: selectedStatuses(DEFAULT_ORDER_STATUSES),
		});
		expect(decision).toMatchObject({
			action: 'ignore',
			reason: `scope ${scope} is not selected`,
		});
	});
});
