/**
 * What the money corpus tests need beside the node runs: the two tax modes as node parameters, the
 * charge items the corpus's orders are written on (released in the sandbox's usmf as a merchant
 * releases them), the sandbox's own read-back of a written order (SalesOrderHeadersV2 totals as
 * F&O serves them, read independently of the node's output) and a check that nothing reached F&O
 * but reads. Shared by the order corpus and the refund corpus, so "both tax modes" means the same
 * options in both.
 */
import type { IDataObject } from 'n8n-workflow';

import { getEntity } from '../../../nodes/MicrosoftDynamicsFo/odata';
import type { SandboxFixture } from '../../support/sandboxFixture';

export type TaxModeName = 'fo' | 'asPosted';
export const TAX_MODES: TaxModeName[] = ['fo', 'asPosted'];

/** Top-level parameters of each tax mode (F&O calculates with a zero Tax Difference Limit). */
export const TAX_MODE_PARAMETERS: Record<TaxModeName, IDataObject> = {
	fo: { taxCalculation: 'fo' },
	asPosted: {
		taxCalculation: 'asPosted',
		taxItemNumber: 'SALESTAX',
		zeroRateItemSalesTaxGroup: 'ZERO',
		zeroRateSalesTaxGroup: 'ZERO',
	},
};

/** The charge items the corpus needs besides the seeded SHIPPING / GIFTWRAP / SALESTAX. */
export const CORPUS_CHARGE_OPTIONS: IDataObject = {
	handlingItemNumber: 'HANDLING',
	wrappingItemNumber: 'GIFTWRAP',
	feeItemNumber: 'FEES',
	giftCertificateItemNumber: 'GIFTCERT',
};

/** Payment Methods rows: gift certificates and store credit redeemed to their liability accounts. */
export const REDEMPTION_ROWS: IDataObject[] = [
	{
		bigcommerce: 'store_credit',
		paymentMethod: 'CREDIT',
		offsetAccountType: 'Ledger',
		offsetAccount: '220600',
	},
	{
		bigcommerce: 'gift_certificate',
		paymentMethod: 'GIFT',
		offsetAccountType: 'Ledger',
		offsetAccount: '220700',
	},
];

/** A redemption paid before the card: [method, gateway, amount]. */
export type Redemption = [method: string, gateway: string, amount: number];

/** Pay a store order: each redemption a purchase, then the card's capture of the rest. */
export async function payOrder(
	fx: SandboxFixture,
	orderId: unknown,
	redemptions: readonly Redemption[] = [],
): Promise<void> {
	const transactions = `/bigcommerce/orders/${String(orderId)}/transactions`;
	for (const [method, gateway, amount] of redemptions)
		await fx.admin('POST', transactions, { event: 'purchase', method, gateway, amount });
	await fx.admin('POST', transactions, { event: 'capture' });
}

/** Release the non-stock charge items (no item sales tax group: F&O taxes none of them). */
export async function releaseChargeItems(fx: SandboxFixture): Promise<void> {
	for (const ItemNumber of ['HANDLING', 'FEES', 'GIFTCERT']) {
		await fx.admin('POST', '/d365/entities/ReleasedProductsV2', {
			dataAreaId: 'usmf',
			ItemNumber,
			ProductNumber: ItemNumber,
			SearchName: ItemNumber,
			SalesUnitSymbol: 'ea',
			ProductType: 'Service',
			// Handling and fees are taxed like the goods in a US store; gift certificates never are.
			SalesSalesTaxItemGroupCode: ItemNumber === 'GIFTCERT' ? '' : 'ALL',
		});
	}
}

export const cents = (value: unknown) => Math.round(Number(value) * 100);
export const sumCents = (rows: IDataObject[], field = 'LineAmount') =>
	rows.reduce((s, r) => s + cents(r[field]), 0);

/** A written order as the sandbox's F&O serves it over OData: header totals and its lines. */
export async function readBack(
	fx: SandboxFixture,
	reference: string,
): Promise<{ header: IDataObject; lines: IDataObject[] } | undefined> {
	const stored = (await fx.records('SalesOrderHeadersV2', 'usmf')).filter(
		(h) => h.CustomersOrderReference === reference,
	);
	if (stored.length > 1) throw new Error(`${stored.length} sales orders for ${reference}`);
	if (!stored.length) return undefined;
	const number = String(stored[0].SalesOrderNumber);
	const header = (await getEntity(fx.context(), 'SalesOrderHeadersV2', {
		dataAreaId: 'usmf',
		SalesOrderNumber: number,
	})) as IDataObject;
	const lines = (await fx.records('SalesOrderLines', 'usmf')).filter(
		(l) => l.SalesOrderNumber === number,
	);
	return { header, lines };
}

/** Nothing but reads reached F&O since `seq`: no write, not even inside a $batch. */
export function writesToFo(fx: SandboxFixture, seq: number): string[] {
	return fx
		.requests('d365', seq)
		.filter(
			(r) =>
				(r.method !== 'GET' && r.route !== 'odata.batch') ||
				(r.route === 'odata.batch' && /^(POST|PATCH|PUT|DELETE) /m.test(String(r.body))),
		)
		.map((r) => `${r.method} ${r.path}`);
}
