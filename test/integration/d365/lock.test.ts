/**
 * The Redis posting lock (the Redis this machine runs on 127.0.0.1:6379, as queue mode does):
 * concurrent executions of one order with F&O's own number sequence create exactly one order.
 */
import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { BigCommerceD365RedisLockApi } from '../../../credentials/BigCommerceD365RedisLockApi.credentials';
import { getOrder } from '../../../nodes/BigCommerce/api';
import {
	closeLockClients,
	LockUnavailableError,
	withRecordLock,
} from '../../../nodes/common/recordLock';
import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import { createContext, emptyStaticData } from '../../support/n8n/context';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { linesOf, salesOrderParameters, salesOrdersFor } from './helpers';

let fx: SandboxFixture;
const redis = { host: '127.0.0.1', port: 6379, namespace: `test-${randomUUID()}:` };

beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(async () => {
	await closeLockClients();
	await fx.close();
});
beforeEach(() => fx.reset());

async function post(parameters: IDataObject) {
	const ctx = createContext({
		parameters,
		staticData: emptyStaticData(),
		credentials: {
			...fx.credentials,
			bigCommerceD365RedisLockApi: { type: new BigCommerceD365RedisLockApi(), data: redis },
		},
	});
	const [out] = await new MicrosoftDynamicsFo().execute.call(ctx as never);
	return out[0].json;
}

describe('Redis posting lock', () => {
	it('20 concurrent posts of one order (generated numbers) create exactly one order and one customer', async () => {
		const order = await fx.storeOrder({
			guest: { first_name: 'Ari', last_name: 'Lund', email: 'ari.lund@example.org' },
			lines: [{ sku: 'TENT-2P-ALPINE' }, { sku: 'LAMP-HEAD-400', quantity: 2 }],
		});
		const parameters = salesOrderParameters(fx, order, {
			postingLock: 'redis',
			guestMode: 'perEmail',
		});
		const results = await Promise.all(
			Array.from({ length: 20 }, async () => await post(parameters)),
		);
		const actions = results.map((r) => (r.audit as IDataObject).action);
		expect(actions.filter((a) => a === 'created')).toHaveLength(1);
		expect(actions.filter((a) => a === 'skipped-duplicate')).toHaveLength(19);
		const headers = await salesOrdersFor(
			fx,
			`BC-${fx.bigCommerceCredentials.storeHash}-${order.id}`,
		);
		expect(headers).toHaveLength(1);
		expect(await linesOf(fx, String(headers[0].SalesOrderNumber))).toHaveLength(3);
		const customers = (await fx.records('CustomersV3', 'usmf')).filter(
			(c) => c.PrimaryContactEmail === 'ari.lund@example.org',
		);
		expect(customers).toHaveLength(1);
	});

	it('without Redis, executions in one process still post one order: the in-process lock', async () => {
		const order = await fx.storeOrder({ customer_id: 1, lines: [{ sku: 'TENT-2P-ALPINE' }] });
		const results = await Promise.all(
			Array.from({ length: 20 }, async () => await post(salesOrderParameters(fx, order))),
		);
		expect(results.filter((r) => (r.audit as IDataObject).action === 'created')).toHaveLength(1);
		expect(
			await salesOrdersFor(fx, `BC-${fx.bigCommerceCredentials.storeHash}-${order.id}`),
		).toHaveLength(1);
	});

	it('an order-created and a transaction-created execution of one checkout post its payment once', async () => {
		const order = await fx.storeOrder({ customer_id: 2, lines: [{ sku: 'LAMP-HEAD-400' }] });
		await fx.admin('POST', `/bigcommerce/orders/${order.id}/transactions`, { event: 'capture' });
		const full = (await getOrder(fx.context(), Number(order.id))) as IDataObject;
		await post(salesOrderParameters(fx, full));
		const payment = (over: IDataObject) => ({
			resource: 'payment',
			operation: 'post',
			dataAreaId: 'usmf',
			storeHash: fx.bigCommerceCredentials.storeHash,
			customerMode: 'salesOrder',
			offsetAccountType: 'Bank',
			offsetAccount: 'USMF OPER',
			journalName: 'ARPay',
			journalPer: 'day',
			paymentMethodMap: {},
			options: {},
			...over,
		});
		const transaction = { ...(full.transactions as IDataObject[])[0], order: full };
		await Promise.all([
			post(payment({ input: 'order', bigcommerceRecord: full })),
			post(payment({ input: 'transaction', bigcommerceRecord: transaction })),
		]);
		const lines = (await fx.records('CustomerPaymentJournalLines', 'usmf')).filter((l) =>
			String(l.PaymentReference).startsWith(`BC-${String(order.id)}-T`),
		);
		expect(lines).toHaveLength(1);
	});

	it('a lock held elsewhere fails the item clearly instead of posting unguarded', async () => {
		let ranInside = false;
		await withRecordLock(redis, 'held-record', async () => {
			const error = await withRecordLock(
				redis,
				'held-record',
				async () => {
					ranInside = true;
				},
				{ waitMs: 300 },
			).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(LockUnavailableError);
			expect((error as Error).message).toMatch(
				/Could not take the posting lock for held-record within 0 s; nothing was posted/,
			);
		});
		expect(ranInside).toBe(false);
		// released: the next holder gets it at once
		await expect(
			withRecordLock(redis, 'held-record', async () => 'ok', { waitMs: 100 }),
		).resolves.toBe('ok');
	});

	it('the credential test pings Redis, and names the failure when Redis is not there', async () => {
		const node = new MicrosoftDynamicsFo();
		const ok = await node.methods.credentialTest.redisLockTest.call({} as never, {
			id: '1',
			name: 'r',
			type: 'x',
			data: redis,
		});
		expect(ok.status).toBe('OK');
		const bad = await node.methods.credentialTest.redisLockTest.call({} as never, {
			id: '1',
			name: 'r',
			type: 'x',
			data: { ...redis, port: 1 },
		});
		expect(bad).toEqual({
			status: 'Error',
			message: expect.stringMatching(/Redis did not answer/),
		});
	});
});
