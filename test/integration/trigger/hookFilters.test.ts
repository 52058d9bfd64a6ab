/**
 * The hook lifecycle against a store (or proxy) that ignores the filters of `GET /v3/hooks` and
 * lists every hook of the API account: switching one trigger workflow off deletes its own hooks
 * only, activation leaves other workflows' hooks as they are, and the poll trigger's watchdog
 * re-activates only inactive hooks on its base URL. The pack compares destinations itself.
 */
import type { IDataObject } from 'n8n-workflow';

import { HOOK_MARKER_HEADER } from '../../../nodes/BigCommerce/webhook/secret';
import { adminCall, startStore, storeContext, type StoreUnderTest } from '../bigcommerce/support';
import {
	activate,
	checkExists,
	deactivate,
	Poller,
	startReceiver,
	storeHooks,
	type Receiver,
} from './support';

jest.setTimeout(30000);

let store: StoreUnderTest;
let mine: Receiver;
let other: Receiver;

const EVENTS = ['store/order/created', 'store/order/statusUpdated'];

beforeEach(async () => {
	store = await startStore();
	mine = await startReceiver(store, { parameters: { events: EVENTS } });
	other = await startReceiver(store, { parameters: { events: EVENTS } });
	await activate(store, mine);
	await activate(store, other);
	await adminCall(store, 'PUT', 'switches', { hookListIgnoresFilters: true });
});
afterEach(async () => {
	await mine.close();
	await other.close();
	await store.close();
});

const at = async (receiver: Receiver) =>
	(await storeHooks(store)).filter((h) => h.destination === receiver.url);

/** A hook created through the API as another integration of the same API account would. */
async function foreignHook(fields: IDataObject): Promise<number> {
	const created = await storeContext(store).helpers.httpRequestWithAuthentication.call(
		null,
		'bigCommerceApi',
		{
			method: 'POST',
			url: `${store.credentials.baseUrl}/stores/${store.credentials.storeHash}/v3/hooks`,
			body: { scope: 'store/customer/created', ...fields },
			json: true,
		},
	);
	return (created as { data: { id: number } }).data.id;
}

const hookWrites = () =>
	store.log
		.list({ service: 'bigcommerce' })
		.filter((c) => c.route === 'v3.hooks.update' || c.route === 'v3.hooks.delete');

describe('a store that ignores the destination filter', () => {
	it('the store really lists every hook whatever the filter says', async () => {
		const listed = await storeContext(store).helpers.httpRequestWithAuthentication.call(
			null,
			'bigCommerceApi',
			{
				method: 'GET',
				url: `${store.credentials.baseUrl}/stores/${store.credentials.storeHash}/v3/hooks`,
				qs: { destination: mine.url },
				json: true,
			},
		);
		const destinations = new Set(
			(listed as { data: IDataObject[] }).data.map((h) => h.destination),
		);
		expect(destinations).toEqual(new Set([mine.url, other.url]));
	});

	it("switching one workflow off deletes its hooks only, not another workflow's or app's", async () => {
		const elsewhere = await foreignHook({ destination: 'https://elsewhere.example.com/hook' });
		const theirs = await at(other);
		expect(theirs).toHaveLength(2);
		// Even a recorded id that is not at our destination (here: the other workflow's) is left alone.
		const nodeData = mine.staticData.node['node:BigCommerce Trigger'];
		(nodeData.hookIds as Record<string, number>)['store/order/refund/created'] = theirs[0]
			.id as number;

		expect(await deactivate(store, mine)).toBe(true);
		expect(await at(mine)).toEqual([]);
		expect(await at(other)).toEqual(theirs);
		expect((await storeHooks(store)).some((h) => h.id === elsewhere)).toBe(true);
		expect(hookWrites()).toHaveLength(2); // our two hooks, nothing else
	});

	it('activation checks of one workflow leave the other workflow alone', async () => {
		const theirs = await at(other);
		mine.parameters.events = ['store/order/created'];
		expect(await checkExists(store, mine)).toBe(true);
		expect((await at(mine)).map((h) => h.scope)).toEqual(['store/order/created']);
		expect(await at(other)).toEqual(theirs);
	});

	it('the watchdog re-activates only inactive hooks on its base URL', async () => {
		const [ours] = await at(mine);
		await adminCall(store, 'PUT', 'switches', { hookListIgnoresFilters: false });
		// BigCommerce switched one of ours off; another instance of the pack (same API account,
		// marker header) and another app have inactive hooks elsewhere.
		await storeContext(store).helpers.httpRequestWithAuthentication.call(null, 'bigCommerceApi', {
			method: 'PUT',
			url: `${store.credentials.baseUrl}/stores/${store.credentials.storeHash}/v3/hooks/${ours.id}`,
			body: { is_active: false },
			json: true,
		});
		const otherInstance = await foreignHook({
			destination: 'https://n8n-two.example.com/webhook/x/webhook',
			is_active: false,
			headers: { [HOOK_MARKER_HEADER]: 'their-own-derived-value' },
		});
		const otherApp = await foreignHook({
			destination: 'https://elsewhere.example.com/hook',
			is_active: false,
		});
		await adminCall(store, 'PUT', 'switches', { hookListIgnoresFilters: true });
		const writesBefore = hookWrites().length;

		const poller = new Poller(store, {
			resource: 'orders',
			lookBackHours: 1,
			watchdog: true,
			n8nBaseUrl: `${new URL(mine.url).origin}/`,
		});
		const { alerts } = await poller.poll();
		expect(alerts).toEqual([
			expect.objectContaining({ id: ours.id, matchedBy: 'baseUrl', reactivated: true }),
		]);
		expect(hookWrites()).toHaveLength(writesBefore + 1); // active hooks were not written
		const byId = new Map((await storeHooks(store)).map((h) => [h.id, h]));
		expect(byId.get(ours.id as number)?.is_active).toBe(true);
		expect(byId.get(otherInstance)?.is_active).toBe(false);
		expect(byId.get(otherApp)?.is_active).toBe(false);
		expect([...(await at(other))].every((h) => h.is_active)).toBe(true);
	});
});
