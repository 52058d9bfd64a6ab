/**
 * A store and a ledger for reconciliation tests: orders made in the sandbox store, posted by the
 * F&O node exactly as the shipped workflows post them (sales order, captured payments, credit
 * notes), then left alone or changed by the sandbox's fault routes; and one run of Reconciliation →
 * Reconcile Orders over the orders made since the test began.
 */
import type { IDataObject } from 'n8n-workflow';

import { salesOrderParameters } from '../../support/salesOrderParameters';
import type { SandboxFixture } from '../../support/sandboxFixture';
import { readOrder, readRefunds, runNode } from '../d365-payments/support';

export const LINES = [
	{ sku: 'TENT-2P-ALPINE', quantity: 2 },
	{ sku: 'LAMP-HEAD-400', quantity: 1 },
];

export class Ledger {
	/** A second before the first order of the test (BigCommerce filters by whole seconds). */
	readonly since = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();

	constructor(readonly fixture: SandboxFixture) {}

	get storeHash(): string {
		return String(this.fixture.bigCommerceCredentials.storeHash);
	}

	async order(spec: IDataObject = {}): Promise<IDataObject> {
		const created = await this.fixture.storeOrder({ customer_id: 1, lines: LINES, ...spec });
		return await readOrder(this.fixture, Number(created.id));
	}

	async capture(order: IDataObject): Promise<IDataObject> {
		await this.fixture.admin('POST', `/bigcommerce/orders/${order.id}/transactions`, {
			event: 'capture',
		});
		return await readOrder(this.fixture, Number(order.id));
	}

	async refundFirstLine(order: IDataObject): Promise<IDataObject> {
		const products = order.products as IDataObject[];
		return await this.refund(order, { lines: [{ id: products[0].id, quantity: 1 }] });
	}

	/** A refund through the store's admin route (e.g. `{ shipping: true }`), read back. */
	async refund(order: IDataObject, body: IDataObject): Promise<IDataObject> {
		await this.fixture.admin('POST', `/bigcommerce/orders/${order.id}/refunds`, body);
		const refunds = await readRefunds(this.fixture, Number(order.id));
		return refunds[refunds.length - 1];
	}

	async postOrder(order: IDataObject, overrides: IDataObject = {}): Promise<string> {
		const [out] = await runNode(this.fixture, salesOrderParameters(this.fixture, order, overrides));
		const number = String(out.salesOrderNumber ?? '');
		if (!number) throw new Error(`order ${order.id} was not posted: ${JSON.stringify(out)}`);
		return number;
	}

	/** The Payment node's journal settings both payment operations post with, for WEB-GUEST. */
	private journal(method: string): IDataObject {
		return {
			resource: 'payment',
			dataAreaId: 'usmf',
			storeHash: this.storeHash,
			customerMode: 'account',
			customerAccount: 'WEB-GUEST',
			offsetAccountType: 'Bank',
			offsetAccount: 'USMF OPER',
			journalName: 'ARPay',
			journalPer: 'day',
			paymentMethodMap: { entries: [{ bigcommerce: method, paymentMethod: 'CARD' }] },
			options: {},
		};
	}

	async postPayments(order: IDataObject): Promise<void> {
		const out = await runNode(this.fixture, {
			...this.journal('braintree.card'),
			operation: 'post',
			input: 'order',
			bigcommerceRecord: order,
		});
		const failed = out.filter((o) => o.error);
		if (failed.length) throw new Error(`payments not posted: ${JSON.stringify(failed)}`);
	}

	async postCreditNote(
		order: IDataObject,
		refund: IDataObject,
		parameters: IDataObject = {},
	): Promise<void> {
		const out = await runNode(this.fixture, {
			resource: 'creditNote',
			operation: 'create',
			dataAreaId: 'usmf',
			input: 'refund',
			bigcommerceRecord: refund,
			bigcommerceOrder: order,
			storeHash: this.storeHash,
			customerMode: 'account',
			customerAccount: 'WEB-GUEST',
			mainAccount: '401100',
			options: {},
			...parameters,
		});
		if (out.some((o) => o.error)) throw new Error(`credit note not posted: ${JSON.stringify(out)}`);
	}

	/** The refund's payout lines (DebitAmount per refund payment), as refund sync posts them. */
	async postPayout(order: IDataObject, refund: IDataObject): Promise<void> {
		const out = await runNode(this.fixture, {
			...this.journal('braintree'),
			operation: 'postRefund',
			input: 'refund',
			bigcommerceRecord: refund,
			bigcommerceOrder: order,
		});
		if (out.some((o) => o.error)) throw new Error(`payout not posted: ${JSON.stringify(out)}`);
	}

	/** Order, capture and payment posted: an order the ledger agrees with. */
	async agreeing(spec: IDataObject = {}, overrides: IDataObject = {}) {
		const order = await this.capture(await this.order(spec));
		const salesOrderNumber = await this.postOrder(order, overrides);
		await this.postPayments(order);
		return { order, salesOrderNumber };
	}

	async reconcile(
		parameters: IDataObject = {},
	): Promise<{ summary: IDataObject; orders: IDataObject[] }> {
		const out = await runNode(this.fixture, {
			resource: 'reconciliation',
			operation: 'orders',
			dataAreaId: 'usmf',
			dateField: 'created',
			from: this.since,
			to: new Date(Date.now() + 60_000).toISOString(),
			statuses: [11, 9, 8, 3, 2, 10, 14, 4],
			options: {},
			...parameters,
		});
		const [summary, ...orders] = out;
		expect(summary.type).toBe('summary');
		return { summary, orders };
	}
}

export const byOrder = (orders: IDataObject[]) =>
	new Map(orders.map((o) => [Number(o.orderId), o]));
