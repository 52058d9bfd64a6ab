/**
 * Reconciliation → Check SKUs / Check Customers against the sandbox: every store SKU resolved as
 * the sales order resolves it (the sandbox catalogue says which SKUs F&O knows), overrides and
 * their conflicts, and every store customer found in CustomersV3 by email with what differs; the
 * F&O reads one `$batch` per store page.
 */
import type { IDataObject } from 'n8n-workflow';

import { getCustomer } from '../../../nodes/BigCommerce/api';
import { CATALOG } from '../../sandbox/catalog';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { runNode } from '../d365-payments/support';

let fx: SandboxFixture;
beforeAll(async () => (fx = await startSandboxFixture()));
afterAll(async () => await fx.close());
beforeEach(async () => await fx.reset());

const check = async (operation: string, extra: IDataObject = {}) => {
	const [summary, ...items] = await runNode(fx, {
		resource: 'reconciliation',
		operation,
		dataAreaId: 'usmf',
		...extra,
	});
	return { summary, items };
};

/** Every SKU the store sells, with whether the sandbox's F&O knows it. */
const storeSkus = CATALOG.flatMap((p) =>
	p.variants?.length
		? p.variants.map((v) => ({ sku: v.sku, mapped: v.mappedInFo }))
		: [{ sku: p.sku, mapped: p.mappedInFo }],
);

describe('check SKUs', () => {
	it('reports each store SKU as F&O resolves it, in one $batch', async () => {
		const since = fx.lastSeq();
		const { summary, items } = await check('skus');
		const bySku = new Map(items.map((i) => [String(i.sku), i]));
		for (const { sku, mapped } of storeSkus)
			expect([sku, bySku.get(sku)?.status]).toEqual([sku, mapped ? 'resolved' : 'unresolved']);
		expect(summary).toMatchObject({ type: 'summary', check: 'skus' });
		expect(fx.requests('d365', since).filter((r) => r.path.endsWith('/$batch'))).toHaveLength(1);
		expect(storeSkus.some((s) => !s.mapped)).toBe(true);
	});

	it('an override resolves an unknown SKU; one naming another item than F&O reads is ambiguous', async () => {
		const unknown = storeSkus.find((s) => !s.mapped)?.sku as string;
		const known = storeSkus.find((s) => s.mapped)?.sku as string;
		const { items } = await check('skus', {
			skuMapping: {
				entries: [
					{ sku: unknown, itemNumber: 'LAMP-HEAD-400' },
					{ sku: known, itemNumber: 'SOMETHING-ELSE' },
				],
			},
		});
		const bySku = new Map(items.map((i) => [String(i.sku), i]));
		expect(bySku.get(unknown)).toMatchObject({
			status: 'resolved_by_override',
			override: { ItemNumber: 'LAMP-HEAD-400' },
		});
		expect(bySku.get(known)).toMatchObject({ status: 'ambiguous' });
		expect(String(bySku.get(known)?.note)).toContain('SOMETHING-ELSE');
	});
});

describe('check customers', () => {
	const upsert = (record: IDataObject) => ({
		resource: 'customer',
		operation: 'upsert',
		dataAreaId: 'usmf',
		source: 'customer',
		bigcommerceRecord: record,
		options: { customerGroupId: 'WEB', currencyCode: 'USD' },
	});

	it('missing, matched, differing fields and duplicated, each as its status', async () => {
		const posted = (await getCustomer(fx.context(), 1, { include: ['addresses'] })) as IDataObject;
		const [created] = await runNode(fx, upsert(posted));
		const changed = (await getCustomer(fx.context(), 2, { include: ['addresses'] })) as IDataObject;
		const [second] = await runNode(fx, upsert(changed));
		await fx.admin('PUT', '/bigcommerce/customers/2', { phone: '+1 303 555 0142' });
		const doubled = (await getCustomer(fx.context(), 3, { include: ['addresses'] })) as IDataObject;
		await runNode(fx, upsert(doubled));
		await fx.admin('POST', '/d365/entities/CustomersV3', {
			dataAreaId: 'usmf',
			CustomerAccount: 'ZZ-COPY',
			PrimaryContactEmail: doubled.email,
		});

		const since = fx.lastSeq();
		const { summary, items } = await check('customers');
		const byId = new Map(items.map((i) => [Number(i.customerId), i]));
		expect(byId.get(1)).toMatchObject({
			status: 'matched',
			customerAccounts: [created.customerAccount],
			differences: [],
		});
		expect(byId.get(2)).toMatchObject({
			status: 'differs',
			customerAccounts: [second.customerAccount],
			differences: [{ field: 'PrimaryContactPhone', bigCommerce: '+1 303 555 0142' }],
		});
		expect(byId.get(3)?.status).toBe('duplicated_in_fo');
		expect(byId.get(3)?.customerAccounts).toContain('ZZ-COPY');
		const others = items.filter((i) => ![1, 2, 3].includes(Number(i.customerId)));
		expect(others.length).toBeGreaterThan(0);
		for (const other of others) expect(other.status).toBe('missing_in_fo');
		expect((summary.byStatus as IDataObject).missing_in_fo).toBe(others.length);
		expect(fx.requests('d365', since).filter((r) => r.path.endsWith('/$batch'))).toHaveLength(
			Number(summary.pages),
		);
	});
});
