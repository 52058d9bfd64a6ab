/**
 * Authentic deliveries the trigger cannot act on, sent with a valid signature and the secret
 * header: one naming another store (producer) or carrying a non-positive or non-integer record id
 * gets 400, starts no execution, fetches nothing and is not remembered; the same delivery
 * addressed correctly passes.
 */
import { adminCall, createOrder, startStore, type StoreUnderTest } from '../bigcommerce/support';
import {
	activate,
	emitted,
	settle,
	signedDeliveryHeaders,
	startReceiver,
	type Receiver,
} from './support';

jest.setTimeout(30000);

let store: StoreUnderTest;
let receiver: Receiver;

beforeEach(async () => {
	store = await startStore();
});
afterEach(async () => {
	await receiver?.close();
	await store.close();
});

async function setUp(verification: 'default' | 'strict') {
	receiver = await startReceiver(store, {
		parameters: {
			verification,
			events: [
				'store/order/created',
				'store/order/transaction/created',
				'store/order/refund/created',
				'store/customer/created',
			],
		},
	});
	await activate(store, receiver);
}

/** Every call to the store but hook management: what a delivery could have fetched. */
const fetches = () =>
	store.log.list({ service: 'bigcommerce' }).filter((c) => !c.route.startsWith('v3.hooks'));

let n = 0;
function body(overrides: Record<string, unknown>): string {
	n++;
	return JSON.stringify({
		scope: 'store/order/created',
		store_id: '1025646',
		data: { type: 'order', id: 1 },
		hash: `${n}`.padStart(40, 'c'),
		created_at: Math.floor(Date.now() / 1000) - n,
		producer: `stores/${store.credentials.storeHash}`,
		...overrides,
	});
}

describe.each(['default', 'strict'] as const)('%s mode', (verification) => {
	it('refuses deliveries for another store and unusable ids with 400, before any fetch', async () => {
		await setUp(verification);
		const order = await createOrder(store, {
			customer_id: 1,
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }],
		});
		await settle(store, receiver);
		const emittedBefore = emitted(receiver).length;
		const fetchesBefore = fetches().length;
		const staticBefore = JSON.stringify(receiver.staticData);

		const refused = [
			body({ producer: 'stores/otherstore9', data: { type: 'order', id: order.id } }),
			body({ producer: 'stores/', data: { type: 'order', id: order.id } }),
			body({ store_id: '-1025646', data: { type: 'order', id: order.id } }),
			body({ data: { type: 'order', id: -1001 } }),
			body({ data: { type: 'order', id: 0 } }),
			body({ data: { type: 'order', id: 1.5 } }),
			body({ data: { type: 'order', id: '12a' } }),
			body({ data: { type: 'order', id: '-7' } }),
			body({ data: { type: 'order' } }),
			body({
				scope: 'store/order/transaction/created',
				data: { type: 'transaction', order_id: '-5', transaction_id: '1' },
			}),
			body({
				scope: 'store/order/transaction/created',
				data: { type: 'transaction', order_id: String(order.id), transaction_id: '0' },
			}),
			body({
				scope: 'store/order/refund/created',
				data: { type: 'order', id: order.id, refund: { refund_id: -3 } },
			}),
			body({ scope: 'store/customer/created', data: { type: 'customer', id: -32 } }),
		];
		for (const refusedBody of refused) {
			const result = await receiver.post(refusedBody, signedDeliveryHeaders(store, refusedBody));
			expect({ refusedBody, status: result.status }).toEqual({ refusedBody, status: 400 });
			expect(result.run?.result).toEqual({ noWebhookResponse: true }); // no execution
		}
		expect(emitted(receiver)).toHaveLength(emittedBefore);
		expect(fetches()).toHaveLength(fetchesBefore);
		expect(JSON.stringify(receiver.staticData)).toBe(staticBefore); // nothing remembered

		// Control: the same kind of delivery, addressed to this store with a real id, passes.
		const good = body({
			producer: `stores/${store.credentials.storeHash.toUpperCase()}`,
			data: { type: 'order', id: order.id },
		});
		const result = await receiver.post(good, signedDeliveryHeaders(store, good));
		expect(result.status).toBe(200);
		expect(result.run?.items[0]).toMatchObject({ id: order.id });
	});
});

it('the sandbox store really signs its deliveries with its own producer', async () => {
	await setUp('strict');
	await adminCall(store, 'PUT', 'switches', { signWebhooks: true });
	await createOrder(store, { customer_id: 1, lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }] });
	const attempts = await settle(store, receiver);
	expect(JSON.parse(attempts[0].body).producer).toBe(`stores/${store.credentials.storeHash}`);
	expect(emitted(receiver)).toHaveLength(1);
});
