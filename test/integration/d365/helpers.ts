import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import { emptyStaticData } from '../../support/n8n/context';
import type { SandboxFixture } from '../../support/sandboxFixture';
import { CATALOG } from '../../sandbox/catalog';

export type StaticData = ReturnType<typeof emptyStaticData>;

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

/** Run the node once, as one n8n execution with the given static data. */
export async function runNode(
	fx: SandboxFixture,
	parameters: IDataObject,
	options: { staticData?: StaticData; continueOnFail?: boolean; items?: INodeExecutionData[] } = {},
): Promise<IDataObject[]> {
	const ctx = fx.context({
		parameters,
		staticData: options.staticData ?? emptyStaticData(),
		continueOnFail: options.continueOnFail,
		items: options.items,
	});
	const [out] = await new MicrosoftDynamicsFo().execute.call(ctx as never);
	return out.map((item) => item.json);
}

export async function salesOrdersFor(
	fx: SandboxFixture,
	reference: string,
): Promise<IDataObject[]> {
	return (await fx.records('SalesOrderHeadersV2', 'usmf')).filter(
		(h) => h.CustomersOrderReference === reference,
	);
}

export async function linesOf(
	fx: SandboxFixture,
	salesOrderNumber: string,
): Promise<IDataObject[]> {
	return (await fx.records('SalesOrderLines', 'usmf')).filter(
		(l) => l.SalesOrderNumber === salesOrderNumber,
	);
}

/** Requests F&O received (Entra's token endpoint is a separate service in the log). */
export function foCalls(fx: SandboxFixture, sinceSeq: number): number {
	return fx.requests('d365', sinceSeq).length;
}

/** Every SKU the store sells that F&O knows: simple products and variants. */
export const MAPPED_SKUS = CATALOG.flatMap((p) =>
	p.variants?.length
		? p.variants.filter((v) => v.mappedInFo).map((v) => v.sku)
		: p.mappedInFo
			? [p.sku]
			: [],
);
