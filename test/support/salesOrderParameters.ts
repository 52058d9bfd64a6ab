/**
 * The F&O node's parameters for posting one BigCommerce order as a sales order against the
 * sandbox (legal entity usmf, generated numbering, shared guest account), and the SKUs the
 * sandbox's catalogue maps in F&O. Shared by the sales order integration tests and the benchmark
 * (bench/ imports nothing from the test suites themselves).
 */
import type { IDataObject } from 'n8n-workflow';

import { CATALOG } from '../sandbox/catalog';
import type { SandboxFixture } from './sandboxFixture';

export function salesOrderParameters(
	fx: SandboxFixture,
	order: IDataObject,
	overrides: IDataObject = {},
): IDataObject {
	return {
		resource: 'salesOrder',
		operation: 'create',
		dataAreaId: 'usmf',
		storeHash: fx.bigCommerceCredentials.storeHash,
		bigcommerceRecord: order,
		numbering: 'generated',
		orderNumberPrefix: 'BC',
		customerMode: 'resolve',
		guestMode: 'sharedAccount',
		sharedGuestAccount: 'WEB-GUEST',
		shippingItemNumber: 'SHIPPING',
		skuMapping: {},
		options: { customerGroupId: 'WEB', currencyCode: 'USD' },
		...overrides,
	};
}

/** Every SKU the store sells that F&O knows: simple products and variants. */
export const MAPPED_SKUS = CATALOG.flatMap((p) =>
	p.variants?.length
		? p.variants.filter((v) => v.mappedInFo).map((v) => v.sku)
		: p.mappedInFo
			? [p.sku]
			: [],
);
