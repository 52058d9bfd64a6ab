/**
 * The delivery memory under overlapping executions, with static data handled as n8n handles it
 * for webhooks (a copy per request, saved after `webhook()` returns, the last save winning): every
 * accepted delivery and every emitted order is remembered, and a later duplicate of any of them is
 * dropped before a fetch.
 */
import { DEDUPE_KEY, EMITTED_ORDERS_KEY } from '../../../nodes/BigCommerce/webhook/delivery';
import { MEMORY_ID_KEY } from '../../../nodes/BigCommerce/webhook/memory';
import { adminCall, createOrder, startStore, type StoreUnderTest } from '../bigcommerce/support';
import { activate, emitted, settle, startReceiver, type Receiver } from './support';

jest.setTimeout(30000);

let store: StoreUnderTest;
let receiver: Receiver;

beforeEach(async () => {
	store = await startStore();
	receiver = await startReceiver(store, { perRequestStaticData: true });
	await activate(store, receiver);
});
afterEach(async () => {
	await receiver.close();
	await store.close();
});

const nodeData = () => receiver.staticData.node['node:BigCommerce Trigger'];
const seen = (key: string) =>
	(nodeData()[key] as { seen: Array<[string, number]> }).seen.map(([id]) => id);

it('six deliveries handled at once are all remembered (was: 4 of 6)', async () => {
	expect(typeof nodeData()[MEMORY_ID_KEY]).toBe('string');
	// Slow order fetches: each execution saves well after the next one loaded its copy.
	store.faults.add({ route: 'v2.orders', latencyMs: 150 });
	await adminCall(store, 'PUT', 'switches', { holdDeliveries: true });
	const orders = [];
	for (let i = 0; i < 6; i++) {
		orders.push(
			await createOrder(store, { customer_id: 1, lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }] }),
		);
	}
	store.sandbox.dispatcher.release('fifo');
	await settle(store, receiver);

	const runs = emitted(receiver);
	expect(runs).toHaveLength(6);
	const deliveryIds = runs.map((r) => (r.items[0]._event as { delivery_id: string }).delivery_id);
	expect(seen(DEDUPE_KEY).sort()).toEqual([...deliveryIds].sort());
	expect(seen(EMITTED_ORDERS_KEY).sort()).toEqual(orders.map((o) => `order:${o.id}`).sort());

	// Every one of them delivered again: all dropped, nothing fetched.
	const fetchesBefore = store.log.list({ route: 'v2.orders' }).length;
	const events = (await adminCall(store, 'GET', 'events')) as unknown as Array<{
		eventId: string;
	}>;
	for (const event of events) await adminCall(store, 'POST', `events/${event.eventId}/redeliver`);
	await settle(store, receiver);
	expect(emitted(receiver)).toHaveLength(6);
	expect(store.log.list({ route: 'v2.orders' })).toHaveLength(fetchesBefore);
});
