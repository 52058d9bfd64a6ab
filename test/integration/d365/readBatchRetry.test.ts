/**
 * A `$batch` of reads whose part F&O fails with a server error (a 503 inside the 200, as a busy
 * F&O answers) is asked again with back-off, as a GET is: the SKU lookup of an order survives a
 * passing 503 and the order posts once; a 503 that does not pass fails the order by its reason
 * after READ_BATCH_ATTEMPTS lookups, with nothing written. A batch with a changeset is never
 * re-sent on a part's error (its changeset was rolled back; the write engine decides).
 */
import type { IDataObject } from 'n8n-workflow';

import { READ_BATCH_ATTEMPTS } from '../../../nodes/MicrosoftDynamicsFo/odataBatch';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { linesOf, MAPPED_SKUS, runNode, salesOrderParameters, salesOrdersFor } from './helpers';

let fx: SandboxFixture;

beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.reset());

/** Batches that carry a write (POST/PATCH/DELETE part). */
const writing = (body: unknown) => /^(POST|PATCH|PUT|DELETE) /m.test(String(body));

/** A two-line order, the fault on the lookup's ReleasedProductsV2 parts, and the log position. */
async function orderWithLookupFault(fault: IDataObject) {
	const order = await fx.storeOrder({
		customer_id: 1,
		lines: [{ sku: MAPPED_SKUS[0] }, { sku: MAPPED_SKUS[1], quantity: 2 }],
	});
	await fx.admin('POST', '/faults/d365', {
		route: 'odata.ReleasedProductsV2.list',
		errorStatus: 503,
		...fault,
	});
	const reference = `BC-${fx.bigCommerceCredentials.storeHash}-${order.id}`;
	return { order, reference, before: fx.lastSeq() };
}

describe('a read batch part F&O fails with 503', () => {
	it('is asked again: the SKU lookup survives two 503s and the order posts once, whole', async () => {
		const { order, reference, before } = await orderWithLookupFault({ errors: 2 });
		const [result] = await runNode(fx, salesOrderParameters(fx, order));
		expect((result.audit as IDataObject).action).toBe('created');
		const headers = await salesOrdersFor(fx, reference);
		expect(headers).toHaveLength(1);
		expect(await linesOf(fx, String(headers[0].SalesOrderNumber))).toHaveLength(3);
		// Both 503s were answered (the lookup asks ReleasedProductsV2 for SKUs and charge items, so a
		// batch can meet both), and the lookup was asked again until it had a full answer.
		const [rule] = (await fx.admin('GET', '/faults/d365')) as IDataObject[];
		expect(rule.errors).toBe(0);
		const lookups = fx.requests('d365', before, 'odata.batch').filter((r) => !writing(r.body));
		expect(lookups.length).toBeGreaterThan(1);
		expect(lookups.length).toBeLessThanOrEqual(READ_BATCH_ATTEMPTS);
	});

	it('that does not pass fails the order by its reason after the last attempt; nothing is written', async () => {
		const { order, reference, before } = await orderWithLookupFault({ errorRate: 1 });
		await expect(runNode(fx, salesOrderParameters(fx, order))).rejects.toThrow(
			/Could not look up SKUs in F&O/,
		);
		const batches = fx.requests('d365', before, 'odata.batch');
		expect(batches.filter((r) => writing(r.body))).toEqual([]);
		expect(batches.filter((r) => !writing(r.body))).toHaveLength(READ_BATCH_ATTEMPTS);
		expect(await salesOrdersFor(fx, reference)).toEqual([]);
	});
});
