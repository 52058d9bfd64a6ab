/**
 * The trigger's pre-fetch decision: verification (the Standard Webhooks test vector through
 * the same pipeline), dedupe on the delivery identity, status entry from the payload alone.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	decideDelivery,
	rememberEmittedOrder,
} from '../../../../nodes/BigCommerce/webhook/delivery';
import {
	DEFAULT_ORDER_STATUSES,
	entersSelection,
	selectedStatuses,
	statusSelected,
} from '../../../../nodes/BigCommerce/trigger/events';
import { HOOK_MARKER_HEADER } from '../../../../nodes/BigCommerce/webhook/secret';
import { HEADER_SECRET, STANDARD_WEBHOOKS_VECTOR } from './helpers';

const NOW = new Date(1_700_000_000 * 1000);
const statuses = selectedStatuses(DEFAULT_ORDER_STATUSES);
const rules = {
	storeHash: 'abc123',
	scopes: ['store/order/created', 'store/order/statusUpdated'],
	statuses,
	now: NOW,
};

const vectorInput = (overrides: Partial<{ body: string; signature: string }> = {}) => ({
	rawBody: Buffer.from(overrides.body ?? STANDARD_WEBHOOKS_VECTOR.body, 'utf8'),
	headers: {
		'webhook-id': STANDARD_WEBHOOKS_VECTOR.id,
		'webhook-timestamp': STANDARD_WEBHOOKS_VECTOR.timestamp,
		'webhook-signature': overrides.signature ?? STANDARD_WEBHOOKS_VECTOR.signature,
		[HOOK_MARKER_HEADER]: HEADER_SECRET, // strict mode requires the secret header too
	},
	mode: 'strict' as const,
	clientSecret: STANDARD_WEBHOOKS_VECTOR.secret,
	expectedHeaderSecret: HEADER_SECRET,
	now: NOW,
});

describe('decideDelivery', () => {
	it('the test vector verifies in strict mode and is fetched once; its repeat is a duplicate', () => {
		const staticData: IDataObject = {};
		const first = decideDelivery(staticData, vectorInput(), rules);
		expect(first).toMatchObject({
			action: 'fetch',
			delivery: { webhookId: STANDARD_WEBHOOKS_VECTOR.id, signed: true },
		});
		expect(decideDelivery(staticData, vectorInput(), rules)).toMatchObject({
			action: 'ignore',
			reason: 'duplicate delivery',
		});
		expect(JSON.stringify(staticData)).not.toContain(STANDARD_WEBHOOKS_VECTOR.secret);
	});

	it('a flipped signature byte is a 401', () => {
		const bad = STANDARD_WEBHOOKS_VECTOR.signature.replace('F', 'G');
		expect(decideDelivery({}, vectorInput({ signature: bad }), rules)).toMatchObject({
			action: 'reject',
			status: 401,
		});
	});

	it('statusUpdated: only entering the selection, and only once per order', () => {
		const staticData: IDataObject = {};
		const entering = {
			type: 'order',
			id: 250,
			status: { previous_status_id: 7, new_status_id: 11 },
		};
		const within = { type: 'order', id: 250, status: { previous_status_id: 11, new_status_id: 9 } };
		const input = (data: object, n: number) => {
			const body = JSON.stringify({
				scope: 'store/order/statusUpdated',
				store_id: '1',
				data,
				hash: `h${n}`,
				created_at: 1_700_000_000 - n,
				producer: 'stores/abc123',
			});
			return {
				rawBody: Buffer.from(body),
				headers: { 'x-n8n-bigcommerce-d365-secret': 's' },
				mode: 'default' as const,
				clientSecret: 'c',
				expectedHeaderSecret: 's',
				now: NOW,
			};
		};
		expect(decideDelivery(staticData, input(within, 1), rules)).toMatchObject({ action: 'ignore' });
		expect(decideDelivery(staticData, input(entering, 2), rules)).toMatchObject({
			action: 'fetch',
		});
		rememberEmittedOrder(staticData, 'store/order/statusUpdated', 250, NOW);
		expect(decideDelivery(staticData, input(entering, 3), rules)).toMatchObject({
			action: 'ignore',
			reason: 'order 250 was emitted before',
		});
	});
});

describe('status selection', () => {
	it('never selects 0, whatever is asked', () => {
		const chosen = selectedStatuses([0, '11', 7, 'x']);
		expect([...chosen].sort()).toEqual([11, 7].sort());
		expect(statusSelected(chosen, 0)).toBe(false);
		expect(statusSelected(chosen, '11')).toBe(true);
	});

	it('entering is decided from the payload when it says, else left to the fetched order', () => {
		expect(
			entersSelection(statuses, { status: { previous_status_id: 0, new_status_id: 11 } }),
		).toBe(true);
		expect(
			entersSelection(statuses, { status: { previous_status_id: 9, new_status_id: 11 } }),
		).toBe(false);
		expect(entersSelection(statuses, {})).toBeUndefined();
	});
});
