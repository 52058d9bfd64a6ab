/**
 * Hook lifecycle against the sandbox: activation registers one hook per event at the node's URL
 * with the derived secret header; deactivation removes them; a hook BigCommerce deactivated after
 * failed deliveries comes back through checkExists and through the poll trigger's watchdog.
 */
import type { IDataObject } from 'n8n-workflow';

import { HOOK_MARKER_HEADER } from '../../../nodes/BigCommerce/webhook/secret';
import { createOrder, startStore, storeContext, type StoreUnderTest } from '../bigcommerce/support';
import {
	activate,
	checkExists,
	deactivate,
	deliveries,
	emitted,
	headerSecretOf,
	settle,
	Poller,
	startReceiver,
	storeHooks,
	type Receiver,
} from './support';

jest.setTimeout(30000);

let store: StoreUnderTest;
let receiver: Receiver;

beforeEach(async () => {
	// Retries after 1 ms and 2 ms, then the hook is deactivated: "48 hours" in a moment.
	store = await startStore({ timeScale: 0.001, retryScheduleSeconds: [1, 2] });
	receiver = await startReceiver(store, {
		parameters: {
			events: ['store/order/created', 'store/order/statusUpdated', 'store/order/refund/created'],
		},
	});
});
afterEach(async () => {
	await receiver.close();
	await store.close();
});

const ours = async () => (await storeHooks(store)).filter((h) => h.destination === receiver.url);

describe('activation and deactivation', () => {
	it('registers one active hook per event at our URL with the derived header, ids in static data, no secret', async () => {
		expect(await activate(store, receiver)).toBe(true);
		const hooks = await ours();
		expect(hooks.map((h) => h.scope).sort()).toEqual(
			['store/order/created', 'store/order/refund/created', 'store/order/statusUpdated'].sort(),
		);
		for (const hook of hooks) {
			expect(hook.is_active).toBe(true);
			expect(hook.headers).toEqual({ [HOOK_MARKER_HEADER]: headerSecretOf(store) });
		}
		const nodeData = receiver.staticData.node['node:BigCommerce Trigger'];
		expect(Object.values(nodeData.hookIds as IDataObject).sort()).toEqual(
			hooks.map((h) => h.id).sort(),
		);
		const saved = JSON.stringify(receiver.staticData);
		expect(saved).not.toContain(headerSecretOf(store));
		expect(saved).not.toContain(store.credentials.clientSecret);

		// Active again later (n8n restart): nothing to create.
		expect(await checkExists(store, receiver)).toBe(true);
		expect(await activate(store, receiver)).toBe(false);
		expect(await ours()).toHaveLength(3);
	});

	it('deactivation deletes every hook, and a hook whose id was lost too', async () => {
		await activate(store, receiver);
		const nodeData = receiver.staticData.node['node:BigCommerce Trigger'];
		const ids = nodeData.hookIds as Record<string, number>;
		delete ids['store/order/created']; // lost id: found by destination and marker header
		expect(await deactivate(store, receiver)).toBe(true);
		expect(await ours()).toEqual([]);
		expect(nodeData.hookIds).toBeUndefined();
		// A second delete (already gone) is fine.
		expect(await deactivate(store, receiver)).toBe(true);
	});

	it('a deleted hook is re-created, and a hook for an event no longer selected is removed', async () => {
		await activate(store, receiver);
		const created = (await ours()).find((h) => h.scope === 'store/order/created') as IDataObject;
		await storeContext(store).helpers.httpRequestWithAuthentication.call(null, 'bigCommerceApi', {
			method: 'DELETE',
			url: `${store.credentials.baseUrl}/stores/${store.credentials.storeHash}/v3/hooks/${created.id}`,
		});
		receiver.parameters.events = ['store/order/created', 'store/order/statusUpdated'];
		expect(await checkExists(store, receiver)).toBe(false);
		expect(await activate(store, receiver)).toBe(true);
		expect((await ours()).map((h) => h.scope).sort()).toEqual([
			'store/order/created',
			'store/order/statusUpdated',
		]);
	});

	it('refuses to activate without a client secret (nothing to verify with)', async () => {
		const noSecret = { ...store, credentials: { ...store.credentials, clientSecret: '' } };
		await expect(activate(noSecret, receiver)).rejects.toThrow(/client secret/);
		expect(await ours()).toEqual([]);
	});
});

/** Make BigCommerce give up on our hooks: fail every attempt until the last retry. */
async function letTheSandboxDeactivate(): Promise<void> {
	receiver.failWith = 500;
	await createOrder(store, { customer_id: 1, lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }] });
	const attempts = await deliveries(store);
	expect(attempts.some((a) => a.deactivatedHook)).toBe(true);
	receiver.failWith = undefined;
}

describe('deactivated by BigCommerce', () => {
	it('checkExists re-activates it, and deliveries arrive again', async () => {
		await activate(store, receiver);
		await letTheSandboxDeactivate();
		const created = (await ours()).find((h) => h.scope === 'store/order/created') as IDataObject;
		expect(created.is_active).toBe(false);

		expect(await checkExists(store, receiver)).toBe(true);
		expect((await ours()).every((h) => h.is_active)).toBe(true);

		await createOrder(store, { customer_id: 1, lines: [{ sku: 'LAMP-HEAD-400', quantity: 1 }] });
		await settle(store, receiver);
		expect(emitted(receiver)).toHaveLength(1);
	});

	it('the watchdog re-activates it by base URL, reports it, and leaves foreign hooks alone', async () => {
		await activate(store, receiver);
		await letTheSandboxDeactivate();
		// Someone else's inactive hook: other destination, no marker header.
		const other = await storeContext(store).helpers.httpRequestWithAuthentication.call(
			null,
			'bigCommerceApi',
			{
				method: 'POST',
				url: `${store.credentials.baseUrl}/stores/${store.credentials.storeHash}/v3/hooks`,
				body: {
					scope: 'store/customer/created',
					destination: 'https://elsewhere.example.com/hook',
					is_active: false,
				},
				json: true,
			},
		);
		const otherId = (other as { data: { id: number } }).data.id;

		const base = new URL(receiver.url).origin + '/';
		const poller = new Poller(store, {
			resource: 'orders',
			lookBackHours: 1,
			watchdog: true,
			n8nBaseUrl: base,
		});
		const { alerts } = await poller.poll();
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({
			scope: 'store/order/created',
			matchedBy: 'baseUrl',
			reactivated: true,
		});
		expect((await ours()).every((h) => h.is_active)).toBe(true);
		const stillOff = (await storeHooks(store)).find((h) => h.id === otherId) as IDataObject;
		expect(stillOff.is_active).toBe(false);

		// Nothing inactive any more: no alert.
		expect((await poller.poll()).alerts).toEqual([]);
	});

	it('without a base URL the watchdog recognises our hooks by the marker header', async () => {
		await activate(store, receiver);
		await letTheSandboxDeactivate();
		const poller = new Poller(store, {
			resource: 'orders',
			lookBackHours: 1,
			watchdog: true,
			n8nBaseUrl: '',
		});
		const { alerts } = await poller.poll();
		expect(alerts).toEqual([
			expect.objectContaining({
				scope: 'store/order/created',
				matchedBy: 'markerHeader',
				reactivated: true,
			}),
		]);
		expect(JSON.stringify(alerts)).not.toContain(headerSecretOf(store));
		expect((await ours()).every((h) => h.is_active)).toBe(true);
	});
});
