/**
 * The money, end to end in a real n8n 2.x, with BigCommerce's tax as posted: the shipped
 * order-sync, backfill and refund-sync workflows with their Sales Order and Credit Note nodes
 * switched to "BigCommerce's Tax as Posted" and the handling and fee items set (what a merchant
 * changes in the editor; nothing else). The store taxes at 7 % where F&O's groups would tax
 * 8.25 %. Orders of each kind the store can make (registered and guest buyers, a coupon, shipping,
 * handling and a fee, a gift certificate and store credit redeemed beside the card) are paid and
 * refunded each kind of way (part of a line, two refunds of
 * one order, shipping only, tax only, in full). What decides is what the sandbox's F&O stores:
 * every sales order is total_inc_tax to the cent with total_tax on the tax line; every refund is
 * one zero-rated free-text credit of total_amount with its tax on its own line, no return order
 * (F&O would tax one at its own rate); each refund payment is one payout line; and each
 * customer's balance, F&O's tax on the credits included, is zero.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import {
	CORPUS_CHARGE_OPTIONS,
	payOrder,
	REDEMPTION_ROWS,
	releaseChargeItems,
	TAX_MODE_PARAMETERS,
	type Redemption,
} from '../integration/d365/moneyCorpusSupport';
import * as pack from './support/pack-e2e';

const { executions, waitFor, WORKFLOW_IDS } = pack;
let e2e: pack.PackE2e;
let dir: string;
jest.setTimeout(15 * 60_000);

/**
 * A shipped workflow with every sales order and credit note written with the tax as posted, and
 * rows for redemptions in every payment node's Payment Methods.
 */
function asPostedVariant(file: string): string {
	const workflow = JSON.parse(readFileSync(file, 'utf8'));
	const { taxItemNumber: _item, ...zeroRated } = TAX_MODE_PARAMETERS.asPosted;
	for (const node of workflow.nodes as Array<{ parameters: IDataObject }>) {
		const p = node.parameters;
		if (p.resource === 'payment') {
			const rows = (p.paymentMethodMap as { entries: IDataObject[] }).entries;
			p.paymentMethodMap = { entries: [...rows, ...REDEMPTION_ROWS] };
		}
		if (p.operation !== 'create') continue;
		if (p.resource === 'salesOrder') {
			Object.assign(p, TAX_MODE_PARAMETERS.asPosted);
			p.options = { ...(p.options as IDataObject), ...CORPUS_CHARGE_OPTIONS };
		}
		if (p.resource === 'creditNote') {
			Object.assign(p, zeroRated);
			p.options = { ...(p.options as IDataObject), taxMainAccount: '222200' };
		}
	}
	const out = join(dir, basename(file));
	writeFileSync(out, JSON.stringify(workflow));
	return out;
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'bcd365-as-posted-'));
	const workflows = [...pack.WORKFLOW_FILES.map(asPostedVariant), ...pack.SUPPORT_WORKFLOW_FILES];
	e2e = await pack.startPackE2e({ n8n: { workflows } });
	await releaseChargeItems(e2e.fx);
}, 25 * 60_000);

afterAll(async () => {
	await e2e?.stop();
	if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

const cents = (v: unknown) => Math.round(Number(v) * 100);
const sumCents = (rows: IDataObject[], field: string) =>
	rows.reduce((s, r) => s + cents(r[field]), 0);
const guest = (name: string) => ({
	guest: { first_name: name, last_name: 'Guest', email: `${name.toLowerCase()}@example.org` },
});

const tentsAndLamp = (tents: number) => [
	{ sku: 'TENT-2P-ALPINE', quantity: tents },
	{ sku: 'LAMP-HEAD-400', quantity: 1 },
];

type Refund = (products: IDataObject[]) => IDataObject;
const firstLine =
	(quantity: number): Refund =>
	(products) => ({ lines: [{ id: products[0].id, quantity }] });
interface Case {
	kind: string;
	order: IDataObject;
	/** Redemptions paid before the card's capture takes the rest. */
	redeemed?: Redemption[];
	refunds: Refund[];
}
const CASES: Case[] = [
	{
		kind: 'a registered buyer, part of a line refunded twice',
		order: { customer_id: 2, lines: tentsAndLamp(3) },
		refunds: [firstLine(1), firstLine(1)],
	},
	{
		kind: 'a guest with a coupon, handling and a fee, shipping refunded',
		order: {
			...guest('Noor'),
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 1 }],
			coupon: { code: 'SAVE10', amount: 10 },
			handling: 4.5,
			fees: [{ name: 'Service fee', amount: 2.5 }],
		},
		refunds: [() => ({ shipping: true })],
	},
	{
		kind: 'a guest, tax refunded alone',
		order: { ...guest('Ilse'), lines: [{ sku: 'LAMP-HEAD-400', quantity: 2 }] },
		refunds: [() => ({ items: [{ item_type: 'TAX', amount: 1.25 }] })],
	},
	{
		kind: 'a registered buyer paying with a gift certificate, store credit and a card',
		order: { customer_id: 2, lines: tentsAndLamp(1) },
		redeemed: [
			['gift_certificate', 'giftcertificate', 25],
			['store_credit', 'storecredit', 30.5],
		],
		refunds: [firstLine(1)],
	},
	{
		kind: 'a registered buyer, refunded in full',
		order: { customer_id: 1, lines: tentsAndLamp(1) },
		refunds: [
			(products) => ({
				lines: products.map((p) => ({ id: p.id, quantity: p.quantity })),
				shipping: true,
			}),
		],
	},
];

it('orders and refunds of each kind agree with the store to the cent, and nothing stays open', async () => {
	const { fx } = e2e;
	const storeHash = String(fx.bigCommerceCredentials.storeHash);
	const posted: Array<{ order: IDataObject; header: IDataObject; refunds: IDataObject[] }> = [];
	for (const c of CASES) {
		const created = await fx.admin('POST', '/bigcommerce/orders', { tax_rate: 0.07, ...c.order });
		await payOrder(fx, created.id, c.redeemed);
		posted.push({ order: created, header: {}, refunds: [] });
	}
	for (const [i, p] of posted.entries()) {
		const reference = `BC-${storeHash}-${p.order.id}`;
		p.header = await waitFor(
			`the sales order of ${CASES[i].kind}`,
			async () =>
				(await fx.records('SalesOrderHeadersV2', 'usmf')).find(
					(h) => h.CustomersOrderReference === reference,
				),
			120_000,
		);
		p.order = await fx.admin('GET', `/bigcommerce/orders/${p.order.id}`);
		for (const refund of CASES[i].refunds) {
			p.refunds.push(
				await fx.admin(
					'POST',
					`/bigcommerce/orders/${p.order.id}/refunds`,
					refund(p.order.products as IDataObject[]),
				),
			);
		}
	}
	const journal = () => fx.records('CustomerPaymentJournalLines', 'usmf');
	// Done when every order's payment lines make its total and every refund has its payout line.
	const startsWith = (l: IDataObject, prefix: string) =>
		String(l.PaymentReference).startsWith(prefix);
	await waitFor(
		'every payment and payout line',
		async () => {
			const lines = await journal();
			const missing = posted.flatMap(({ order, refunds }) => {
				const paid = lines.filter((l) => startsWith(l, `BC-${order.id}-T`));
				const short =
					sumCents(paid, 'CreditAmount') === cents(order.total_inc_tax)
						? []
						: [
								`order ${order.id} paid ${sumCents(paid, 'CreditAmount')} of ${cents(order.total_inc_tax)} cents`,
							];
				return short.concat(
					refunds
						.filter((r) => !lines.some((l) => startsWith(l, `BC-${order.id}-R${r.id}-1`)))
						.map((r) => `refund ${r.id} of order ${order.id} has no payout`),
				);
			});
			if (missing.length) throw new Error(missing.join('; '));
			return true;
		},
		240_000,
	);
	await fx.admin('GET', '/bigcommerce/deliveries?wait=20000');

	const salesLines = await fx.records('SalesOrderLines', 'usmf');
	const freeHeaders = await fx.records('FreeTextInvoiceHeaders', 'usmf');
	const freeLines = await fx.records('FreeTextInvoiceLines', 'usmf');
	const lines = await journal();
	expect(await fx.records('ReturnOrderHeaders', 'usmf')).toEqual([]);
	for (const [i, { order, header, refunds }] of posted.entries()) {
		const mine = salesLines.filter((l) => l.SalesOrderNumber === header.SalesOrderNumber);
		expect([sumCents(mine, 'LineAmount'), order.id]).toEqual([
			cents(order.total_inc_tax),
			order.id,
		]);
		expect(mine.filter((l) => l.ItemNumber === 'SALESTAX').map((l) => cents(l.LineAmount))).toEqual(
			[cents(order.total_tax)],
		);
		const paid = lines.filter((l) => startsWith(l, `BC-${order.id}-T`));
		expect(sumCents(paid, 'CreditAmount')).toBe(cents(order.total_inc_tax));
		for (const [method, , amount] of CASES[i].redeemed ?? [])
			expect(
				paid
					.filter(
						(l) =>
							l.OffsetAccountDisplayValue === (method === 'store_credit' ? '220600' : '220700'),
					)
					.map((l) => cents(l.CreditAmount)),
			).toEqual([cents(amount)]);
		for (const refund of refunds) {
			const credits = freeHeaders.filter(
				(h) => h.CustomerReference === `BC-${storeHash}-${order.id}-R${refund.id}`,
			);
			expect(credits).toHaveLength(1);
			const credit = freeLines.filter((l) => l.ParentRecId === credits[0].InvoiceIdentifier);
			expect(sumCents(credit, 'TransactionCurrencyAmount')).toBe(-cents(refund.total_amount));
			for (const l of credit)
				expect([l.SalesTaxGroupId, l.SalesTaxItemGroupId]).toEqual(['ZERO', 'ZERO']);
			const payouts = lines.filter((l) => startsWith(l, `BC-${order.id}-R${refund.id}-`));
			expect(payouts.map((l) => cents(l.DebitAmount))).toEqual([cents(refund.total_amount)]);
		}
	}

	const { customers } = await fx.admin('GET', '/d365/balances?dataAreaId=usmf');
	const accounts = [...new Set(posted.map((p) => String(p.header.OrderingCustomerAccountNumber)))];
	const balances = accounts.map((account) => {
		const c = (customers as IDataObject[]).find((x) => x.CustomerAccount === account);
		return [account, cents(c?.creditNoteTax), cents(c?.balance)];
	});
	expect(balances).toEqual(accounts.map((a) => [a, 0, 0]));

	for (const id of [WORKFLOW_IDS.orderSync, WORKFLOW_IDS.refundSync]) {
		const runs = await executions(e2e.n8n, id);
		expect(runs.length).toBeGreaterThan(0);
		expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'success'));
	}
});
