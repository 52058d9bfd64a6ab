/**
 * The Redis posting lock (the Redis this machine runs on 127.0.0.1:6379, as queue mode does):
 * concurrent executions of one order with F&O's own number sequence create exactly one order.
 */
import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { BigCommerceD365RedisLockApi } from '../../../credentials/BigCommerceD365RedisLockApi.credentials';
import { closeLockClients, LockUnavailableError, withRecordLock } from '../../../nodes/common/recordLock';
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
		credentials: { ...fx.credentials, bigCommerceD365RedisLockApi: { type: new BigCommerceD365RedisLockApi(), data: redis } },
	});
	const [out] = await new MicrosoftDynamicsFo().execute.call(ctx as never);
	return out[0].json;
}

describe('Redis posting lock', () => {
	it('20 concurrent posts of one order (generated numbers) create exactly one order and one customer', async () => {
		const order = await fx.storeOrder({ guest: { first_name: 'Ari', last_name: 'Lund', email: 'ari.lund@example.org' }, lines: [{ sku: 'TENT-2P-ALPINE' }, { sku: 'LAMP-HEAD-400', quantity: 2 }] });
		const parameters = salesOrderParameters(fx, order, { postingLock: 'redis', guestMode: 'perEmail' });
		const results = await Promise.all(Array.from({ length: 20 }, async () => await post(parameters)));
		const actions = results.map((r) => (r.audit as IDataObject).action);
		expect(actions.filter((a) => a === 'created')).toHaveLength(1);
		expect(actions.filter((a) => a === 'skipped-duplicate')).toHaveLength(19);
		const headers = await salesOrdersFor(fx, `BC-${fx.bigCommerceCredentials.storeHash}-${order.id}`);
		expect(headers).toHaveLength(1);
		expect(await linesOf(fx, String(headers[0].SalesOrderNumber))).toHaveLength(3);
		const customers = (await fx.records('CustomersV3', 'usmf')).filter((c) => c.PrimaryContactEmail === 'ari.lund@example.org');
		expect(customers).toHaveLength(1);
	});

	it('without the lock, the same race is measured (F&O has no key on the reference)', async () => {
		const order = await fx.storeOrder({ customer_id: 1, lines: [{ sku: 'TENT-2P-ALPINE' }] });
		await Promise.all(Array.from({ length: 20 }, async () => await post(salesOrderParameters(fx, order))));
		const headers = await salesOrdersFor(fx, `BC-${fx.bigCommerceCredentials.storeHash}-${order.id}`);
		// A figure, not a pass: static data and the lookup alone cannot close this race.
		process.stdout.write(`lock figure: 20 concurrent posts without a lock or deterministic number -> ${headers.length} sales orders\n`);
		expect(headers.length).toBeGreaterThanOrEqual(1);
	});

	it('a lock held elsewhere fails the item clearly instead of posting unguarded', async () => {
		let ranInside = false;
		await withRecordLock(redis, 'held-record', async () => {
			const error = await withRecordLock(redis, 'held-record', async () => {
				ranInside = true;
			}, { waitMs: 300 }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(LockUnavailableError);
			expect((error as Error).message).toMatch(/Could not take the posting lock for held-record within 0 s; nothing was posted/);
		});
		expect(ranInside).toBe(false);
		// released: the next holder gets it at once
		await expect(withRecordLock(redis, 'held-record', async () => 'ok', { waitMs: 100 })).resolves.toBe('ok');
	});

	it('the credential test pings Redis, and names the failure when Redis is not there', async () => {
		const node = new MicrosoftDynamicsFo();
		const ok = await node.methods.credentialTest.redisLockTest.call({} as never, { id: '1', name: 'r', type: 'x', data: redis });
		expect(ok.status).toBe('OK');
		const bad = await node.methods.credentialTest.redisLockTest.call({} as never, { id: '1', name: 'r', type: 'x', data: { ...redis, port: 1 } });
		expect(bad).toEqual({ status: 'Error', message: expect.stringMatching(/Redis did not answer/) });
	});
});
