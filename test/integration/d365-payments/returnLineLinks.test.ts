/**
 * Return lines linked to the sales lines they return (posting/returnLineLinks.ts) against the
 * sandbox: the order posted as a sales order first, then its refund as a return order whose lines
 * carry the original lines' InventoryLotId on the field the option names. Which field F&O reads
 * is unverified, so the sandbox's switch returnLineLinkField decides which one it checks (a lot
 * that is no sales line of the item is refused); without a posted sales order the lines go
 * unlinked and the output says so.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { salesOrderParameters } from '../../support/salesOrderParameters';
import { creditNoteParameters, readOrder, readRefunds, runNode } from './support';

let fx: SandboxFixture;

beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.reset());

const records = (set: string) => fx.records(set, 'usmf');

/** A tent ×2 + lamp order, optionally posted as a sales order, with one tent refunded. */
async function refundedOrder(posted: boolean) {
	const created = await fx.storeOrder({
		customer_id: 1,
		lines: [
			{ sku: 'TENT-2P-ALPINE', quantity: 2 },
			{ sku: 'LAMP-HEAD-400', quantity: 1 },
		],
	});
	const tent = (created.products as IDataObject[]).find((p) => p.sku === 'TENT-2P-ALPINE');
	await fx.admin('POST', `/bigcommerce/orders/${created.id}/refunds`, {
		lines: [{ id: tent?.id, quantity: 1 }],
	});
	const order = await readOrder(fx, Number(created.id));
	if (posted)
		await runNode(
			fx,
			salesOrderParameters(fx, order, { customerMode: 'account', customerAccount: 'WEB-GUEST' }),
		);
	const [refund] = await readRefunds(fx, Number(created.id));
	return { order, refund };
}

const creditNote = (refund: IDataObject, order: IDataObject, options: IDataObject = {}) =>
	creditNoteParameters(fx, refund, order, { customerMode: 'salesOrder', options });

async function tentLot(): Promise<string> {
	const line = (await records('SalesOrderLines')).find((l) => l.ItemNumber === 'TENT-2P-ALPINE');
	return String(line?.InventoryLotId);
}

describe('return lines name the sales line they return', () => {
	it.each(['ReturningInventoryLotId', 'ReferenceInventoryLotId'] as const)(
		'on %s, as the sandbox (switch) reads it',
		async (field) => {
			await fx.admin('PUT', '/d365/switches', { returnLineLinkField: field });
			const { order, refund } = await refundedOrder(true);
			const options = field === 'ReturningInventoryLotId' ? {} : { returnLineLink: field };
			const [out] = await runNode(fx, creditNote(refund, order, options));
			expect(out.salesLineLinks).toMatchObject({ field, linked: 1, unlinked: 0 });
			const [line] = await records('ReturnOrderLines');
			expect(line[field]).toBe(await tentLot());
			const other =
				field === 'ReturningInventoryLotId' ? 'ReferenceInventoryLotId' : 'ReturningInventoryLotId';
			expect(line[other] ?? '').toBe('');
		},
	);

	it('a lot that is no sales line of the item is refused by F&O (the sandbox checks its field)', async () => {
		await refundedOrder(true);
		const lamp = (await records('SalesOrderLines')).find((l) => l.ItemNumber === 'LAMP-HEAD-400');
		await fx.admin('POST', '/d365/entities/ReturnOrderHeaders', {
			dataAreaId: 'usmf',
			ReturnOrderNumber: 'RMA-T1',
			CustomerAccountNumber: 'WEB-GUEST',
		});
		const response = await fetch(
			`${fx.sandbox.manifest.d365.environmentUrl}/data/ReturnOrderLines`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
				body: JSON.stringify({
					dataAreaId: 'usmf',
					ReturnOrderNumber: 'RMA-T1',
					ItemNumber: 'TENT-2P-ALPINE',
					ReturnSalesQuantity: -1,
					ReturningInventoryLotId: lamp?.InventoryLotId,
				}),
			},
		);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('Lot ID');
	});

	it('a refund of an order F&O has no sales order for is credited unlinked, and says so', async () => {
		const { order, refund } = await refundedOrder(false);
		const [again] = await runNode(fx, {
			...creditNote(refund, order),
			customerMode: 'account',
			customerAccount: 'WEB-GUEST',
		});
		expect(again.salesLineLinks).toEqual({
			field: 'ReturningInventoryLotId',
			linked: 0,
			unlinked: 1,
		});
		const [line] = await records('ReturnOrderLines');
		expect(line.ReturningInventoryLotId ?? '').toBe('');
	});

	it('No Link writes no lot and reads no sales lines', async () => {
		const { order, refund } = await refundedOrder(true);
		const since = fx.lastSeq();
		const [out] = await runNode(fx, creditNote(refund, order, { returnLineLink: 'none' }));
		expect(out).not.toHaveProperty('salesLineLinks');
		expect(fx.requests('d365', since).some((r) => r.path.includes('SalesOrderLines'))).toBe(false);
		const [line] = await records('ReturnOrderLines');
		expect(line.ReturningInventoryLotId ?? '').toBe('');
	});
});

/** An F&O token from the sandbox's Entra, as the credential gets one. */
async function token(): Promise<string> {
	const m = fx.sandbox.manifest.d365;
	const response = await fetch(m.tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: m.clientId,
			client_secret: m.clientSecret,
			scope: `${m.environmentUrl}/.default`,
		}),
	});
	return ((await response.json()) as { access_token: string }).access_token;
}
