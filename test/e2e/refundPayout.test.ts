/**
 * The shipped refund-sync workflow in a real n8n 2.x: a BigCommerce refund becomes its credit note
 * and then its payout (a debit payment journal line), each exactly once, and together they leave
 * the customer no open credit in the sandbox's F&O balances.
 */
import type { IDataObject } from 'n8n-workflow';

import { executions, startPackE2e, waitFor, WORKFLOW_IDS, type PackE2e } from './support/pack-e2e';

jest.setTimeout(10 * 60_000);

let e2e: PackE2e;

beforeAll(async () => {
	e2e = await startPackE2e();
}, 25 * 60_000);

afterAll(async () => {
	await e2e?.stop();
}, 120_000);

const settled = () => e2e.fx.admin('GET', '/bigcommerce/deliveries?wait=20000');

describe('refund-sync posts credit note and payout', () => {
	it('a line refund becomes one return order and one debit line of the amount paid back', async () => {
		const created = await e2e.fx.admin('POST', '/bigcommerce/orders', {
			customer_id: 2,
			tax_rate: 0,
			lines: [{ sku: 'TENT-2P-ALPINE', quantity: 2 }],
		});
		await e2e.fx.admin('POST', `/bigcommerce/orders/${created.id}/transactions`, {
			event: 'capture',
		});
		const reference = `BC-${e2e.fx.bigCommerceCredentials.storeHash}-${created.id}`;
		const header = await waitFor(
			'the sales order',
			async () =>
				(await e2e.fx.records('SalesOrderHeadersV2', 'usmf')).find(
					(h) => h.CustomersOrderReference === reference,
				),
			90_000,
		);
		const order = await e2e.fx.admin('GET', `/bigcommerce/orders/${created.id}`);
		const lineId = Number((order.products as IDataObject[])[0].id);
		const refund = await e2e.fx.admin('POST', `/bigcommerce/orders/${created.id}/refunds`, {
			lines: [{ id: lineId, quantity: 1 }],
		});
		const payoutRef = `BC-${created.id}-R${refund.id}-1`;
		const payouts = async () =>
			(await e2e.fx.records('CustomerPaymentJournalLines', 'usmf')).filter(
				(l) => l.PaymentReference === payoutRef,
			);
		const [payout] = await waitFor(
			'the payout line',
			async () => ((await payouts()).length ? payouts() : undefined),
			120_000,
		);
		await settled();
		const returns = (await e2e.fx.records('ReturnOrderHeaders', 'usmf')).filter(
			(r) => r.CustomersOrderReference === `${reference}-R${refund.id}`,
		);
		expect(returns).toHaveLength(1);
		expect(await payouts()).toHaveLength(1);
		expect(payout).toMatchObject({
			AccountType: 'Cust',
			DebitAmount: refund.total_amount,
			CreditAmount: 0,
			CurrencyCode: 'USD',
			PaymentMethodName: 'CARD',
			OffsetAccountType: 'Bank',
			OffsetAccountDisplayValue: 'USMF OPER',
		});
		// The credit note is written before the payout, both for the order's customer.
		expect(String(returns[0].CustomerAccountNumber)).toBe(
			String(header.OrderingCustomerAccountNumber),
		);
		const { customers } = await e2e.fx.admin('GET', '/d365/balances?dataAreaId=usmf');
		const customer = (customers as IDataObject[]).find(
			(c) => c.CustomerAccount === header.OrderingCustomerAccountNumber,
		) as IDataObject;
		const returnLines = (await e2e.fx.records('ReturnOrderLines', 'usmf')).filter(
			(l) => l.ReturnOrderNumber === returns[0].ReturnOrderNumber,
		);
		const credited = returnLines.reduce((s, l) => s + Number(l.LineAmount), 0);
		expect(credited).toBe(-Number(refund.total_amount));
		expect(Number(customer.payouts)).toBeGreaterThanOrEqual(Number(refund.total_amount));
		const runs = await executions(e2e.n8n, WORKFLOW_IDS.refundSync);
		expect(runs.length).toBeGreaterThan(0);
		expect(runs.every((r) => r.status === 'success')).toBe(true);
	});
});
