/**
 * Charge items through the F&O node against the sandbox: every item an order's lines are written
 * on (shipping, fees, gift certificates) is resolved with its SKUs in the one lookup round, so an
 * item F&O has not released fails the order by name with nothing written; fees from the store's
 * `include=fees` go on the Fee Charge Item; a gift-certificate purchase on the Gift Certificate
 * Item, or, without one, the order fails naming the line and nothing is written.
 */
import type { IDataObject } from 'n8n-workflow';

import { storeOrder } from '../../support/orderCorpus';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { linesOf, MAPPED_SKUS, runNode, salesOrderParameters, salesOrdersFor } from './helpers';

let fx: SandboxFixture;

beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(() => fx.close());
beforeEach(async () => {
	await fx.reset();
	for (const ItemNumber of ['FEES', 'GIFTCERT']) {
		await fx.admin('POST', '/d365/entities/ReleasedProductsV2', {
			dataAreaId: 'usmf',
			ItemNumber,
			ProductNumber: ItemNumber,
			SearchName: ItemNumber,
			SalesUnitSymbol: 'ea',
			ProductType: 'Service',
		});
	}
});

const reference = (order: IDataObject) => `BC-${fx.bigCommerceCredentials.storeHash}-${order.id}`;

/** Nothing but reads reached F&O since `seq`: no write, not even inside a batch. */
function expectNoWrites(seq: number) {
	const calls = fx.requests('d365', seq);
	expect(calls.filter((r) => r.method !== 'GET' && r.route !== 'odata.batch')).toEqual([]);
	expect(
		calls.filter(
			(r) => r.route === 'odata.batch' && /^(POST|PATCH|PUT|DELETE) /m.test(String(r.body)),
		),
	).toEqual([]);
}

describe('charge items are resolved with the SKUs, before anything is written', () => {
	it('a shipping item F&O has not released fails the order by name in the lookup round', async () => {
		const order = await fx.storeOrder({ customer_id: 1, lines: [{ sku: MAPPED_SKUS[0] }] });
		const before = fx.lastSeq();
		await expect(
			runNode(fx, salesOrderParameters(fx, order, { shippingItemNumber: 'FREIGHT-X' })),
		).rejects.toThrow(`Order ${order.id}: charge item FREIGHT-X is not a released product in usmf`);
		expectNoWrites(before);
		// One lookup round: the SKUs and the charge item in the same $batch.
		const batches = fx.requests('d365', before).filter((r) => r.route === 'odata.batch');
		expect(batches).toHaveLength(1);
		expect(decodeURIComponent(String(batches[0].body))).toContain("ItemNumber eq 'FREIGHT-X'");
		expect(await salesOrdersFor(fx, reference(order))).toEqual([]);
	});
});

describe('fees', () => {
	it("the store's fees (include=fees) become a line on the Fee Charge Item; the lines make total_ex_tax", async () => {
		const order = await fx.storeOrder({
			customer_id: 1,
			lines: [{ sku: MAPPED_SKUS[0] }, { sku: MAPPED_SKUS[1], quantity: 2 }],
			fees: [{ name: 'Package Protection', amount: 3.5 }],
		});
		expect((order.fees as IDataObject[]).length).toBe(1);
		const [out] = await runNode(
			fx,
			salesOrderParameters(fx, order, {
				options: { customerGroupId: 'WEB', currencyCode: 'USD', feeItemNumber: 'FEES' },
			}),
		);
		const lines = await linesOf(fx, String(out.salesOrderNumber));
		const fee = lines.find((l) => l.ItemNumber === 'FEES');
		expect(fee).toMatchObject({ LineAmount: 3.5, LineDescription: 'Fee: Package Protection' });
		const cents = lines.reduce((s, l) => s + Math.round(Number(l.LineAmount) * 100), 0);
		expect(cents).toBe(Math.round(Number(order.total_ex_tax) * 100));
	});

	it('an order with a fee and no Fee Charge Item fails naming the fee; nothing is written', async () => {
		const order = await fx.storeOrder({
			customer_id: 1,
			lines: [{ sku: MAPPED_SKUS[0] }],
			fees: [{ name: 'Package Protection', amount: 3.5 }],
		});
		const before = fx.lastSeq();
		await expect(runNode(fx, salesOrderParameters(fx, order))).rejects.toThrow(
			`BigCommerce order ${order.id} has a fee (Package Protection, 3.5) but no Fee Charge Item is configured`,
		);
		expectNoWrites(before);
		expect(await salesOrdersFor(fx, reference(order))).toEqual([]);
	});
});

describe('gift-certificate purchases', () => {
	const giftOrder = (id: number) =>
		storeOrder({
			id,
			rate: 0.0825,
			lines: [{ sku: MAPPED_SKUS[0], qty: 1, price: 100 }],
			shipping: 5,
			giftCertificates: [25],
			guest: true,
		}) as unknown as IDataObject;

	it('post on the Gift Certificate Item at face value', async () => {
		const order = giftOrder(91001);
		const [out] = await runNode(
			fx,
			salesOrderParameters(fx, order, {
				options: {
					customerGroupId: 'WEB',
					currencyCode: 'USD',
					giftCertificateItemNumber: 'GIFTCERT',
				},
			}),
		);
		const lines = await linesOf(fx, String(out.salesOrderNumber));
		expect(lines.map((l) => [l.ItemNumber, l.LineAmount])).toEqual([
			[MAPPED_SKUS[0], 100],
			['GIFTCERT', 25],
			['SHIPPING', 5],
		]);
	});

	it('without a Gift Certificate Item the order fails naming the line, not "lines without a SKU"; nothing is written', async () => {
		const order = giftOrder(91002);
		const before = fx.lastSeq();
		const error = (await runNode(fx, salesOrderParameters(fx, order)).catch((e) => e)) as Error;
		expect(error.message).toContain('sells a gift certificate (line 2 "$25.00 Gift Certificate")');
		expect(error.message).not.toContain('without a SKU');
		expectNoWrites(before);
		expect(await salesOrdersFor(fx, reference(order))).toEqual([]);
	});
});
