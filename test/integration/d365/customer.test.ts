/** CustomersV3 create-or-update from the storefront, exactly once, following store edits. */
import type { IDataObject } from 'n8n-workflow';

import { getCustomer } from '../../../nodes/BigCommerce/api';
import { emptyStaticData } from '../../support/n8n/context';
import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import { writeProblems } from '../../support/writtenRecords';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { itWithShared } from '../../support/specs';
import { runNode } from './helpers';

let fx: SandboxFixture;
beforeAll(async () => {
	fx = await startSandboxFixture();
});
afterAll(() => fx.close());
beforeEach(() => fx.reset());

const upsert = (record: IDataObject, overrides: IDataObject = {}) => ({
	resource: 'customer',
	operation: 'upsert',
	dataAreaId: 'usmf',
	source: 'customer',
	bigcommerceRecord: record,
	options: { customerGroupId: 'WEB', currencyCode: 'USD' },
	...overrides,
});

const foCustomers = async (email: string) =>
	(await fx.records('CustomersV3', 'usmf')).filter(
		(c) => String(c.PrimaryContactEmail).toLowerCase() === email.toLowerCase(),
	);

describe('customer create or update', () => {
	itWithShared(ENTITY_CATALOGUE)(
		'creates once, then follows an edit in the store, then skips an unchanged customer',
		async () => {
			const bc = (await getCustomer(fx.context(), 1)) as IDataObject;
			const before = fx.lastSeq();
			const [created] = await runNode(fx, upsert(bc));
			expect(created.audit).toMatchObject({
				action: 'created',
				entity: 'CustomersV3',
				bigcommerceId: 'customer:1',
			});
			const [again] = await runNode(fx, upsert(bc), { staticData: emptyStaticData() });
			expect(again.audit).toMatchObject({ action: 'skipped', reason: 'unchanged' });
			expect(again.customerAccount).toBe(created.customerAccount);

			await fx.admin('PUT', '/bigcommerce/customers/1', { phone: '+1 303 555 0199' });
			const edited = (await getCustomer(fx.context(), 1)) as IDataObject;
			const [updated] = await runNode(fx, upsert(edited));
			expect((updated.audit as IDataObject).action).toBe('updated');
			const [record] = await foCustomers(String(bc.email));
			expect(record.PrimaryContactPhone).toBe('+1 303 555 0199');
			expect(await foCustomers(String(bc.email))).toHaveLength(1);
			expect(writeProblems(fx.requests('d365', before))).toEqual([]);
		},
	);

	it("with an account prefix, the account is the BigCommerce id and F&O's key keeps it unique", async () => {
		await fx.admin('PUT', '/d365/switches', { manualNumbers: { CustomerAccount: true } });
		const bc = (await getCustomer(fx.context(), 2)) as IDataObject;
		const parameters = upsert(bc, {
			options: { customerGroupId: 'WEB', currencyCode: 'USD', customerAccountPrefix: 'BC-' },
		});
		const results = await Promise.all(Array.from({ length: 8 }, () => runNode(fx, parameters)));
		expect(new Set(results.map(([r]) => r.customerAccount))).toEqual(new Set(['BC-2']));
		expect(
			(await fx.records('CustomersV3', 'usmf')).filter((c) => c.CustomerAccount === 'BC-2'),
		).toHaveLength(1);
	});

	it('guest buyers: one account per email, or the shared web-guest account', async () => {
		const order = await fx.storeOrder({
			guest: { first_name: 'Noa', last_name: 'Berg', email: 'Noa.Berg@example.org' },
			lines: [{ sku: 'TENT-2P-ALPINE' }],
		});
		const asOrder = { source: 'order', bigcommerceRecord: order };
		const [perEmail] = await runNode(fx, upsert(order, { ...asOrder, guestMode: 'perEmail' }));
		expect((perEmail.audit as IDataObject).action).toBe('created');
		const [twice] = await runNode(fx, upsert(order, { ...asOrder, guestMode: 'perEmail' }), {
			staticData: emptyStaticData(),
		});
		expect(twice.customerAccount).toBe(perEmail.customerAccount);
		expect(await foCustomers('noa.berg@example.org')).toHaveLength(1);
		const [shared] = await runNode(
			fx,
			upsert(order, { ...asOrder, guestMode: 'sharedAccount', sharedGuestAccount: 'WEB-GUEST' }),
		);
		expect(shared.customerAccount).toBe('WEB-GUEST');
	});

	it("a customer group F&O does not know fails with F&O's Infolog, nothing written", async () => {
		const bc = (await getCustomer(fx.context(), 3)) as IDataObject;
		const error = await runNode(
			fx,
			upsert(bc, { options: { customerGroupId: 'NOPE', currencyCode: 'USD' } }),
		).catch((e: Error) => e);
		expect((error as Error).message).toMatch(/F&O rejected the write: .*NOPE/);
		expect(await foCustomers(String(bc.email))).toHaveLength(0);
	});

	it('finds by email and gets by account', async () => {
		const bc = (await getCustomer(fx.context(), 1)) as IDataObject;
		const [created] = await runNode(fx, upsert(bc));
		const found = await runNode(fx, {
			resource: 'customer',
			operation: 'findByEmail',
			dataAreaId: 'usmf',
			email: String(bc.email).toUpperCase(),
		});
		expect(found.map((c) => c.CustomerAccount)).toEqual([created.customerAccount]);
		const [missing] = await runNode(fx, {
			resource: 'customer',
			operation: 'get',
			dataAreaId: 'usmf',
			customerAccount: 'NOBODY',
		});
		expect(missing).toMatchObject({ found: false });
	});
});

describe('legal entities and released products', () => {
	it('lists the legal entities across companies', async () => {
		const entities = await runNode(fx, { resource: 'legalEntity', operation: 'getAll' });
		expect(entities.map((e) => String(e.LegalEntityId).toLowerCase()).sort()).toEqual([
			'demf',
			'usmf',
		]);
	});

	it('resolves item and variant SKUs in one request, naming the unmapped ones', async () => {
		const before = fx.lastSeq();
		const [result] = await runNode(fx, {
			resource: 'releasedProduct',
			operation: 'resolveSkus',
			dataAreaId: 'usmf',
			skus: 'TENT-2P-ALPINE, JKT-RAIN-M-BLU, POLES-TREK-CARBON',
			skuMapping: {},
		});
		expect(result.unmapped).toEqual(['POLES-TREK-CARBON']);
		expect((result.items as IDataObject)['JKT-RAIN-M-BLU']).toMatchObject({
			ItemNumber: 'JKT-RAIN',
			ProductSizeId: 'M',
			ProductColorId: 'BLU',
			source: 'variant',
		});
		expect(fx.requests('d365', before)).toHaveLength(1);
	});
});
