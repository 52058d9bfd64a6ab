/**
 * Reconciliation → Check SKUs and Check Customers: the alignment checks of the masters
 * (reconciliation/alignment.ts), one item per store SKU or customer with its status, plus a summary
 * item first (counts per status). Reads only, flat per page on both sides (masterReads.ts).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { alignCatalog, alignCustomers, listCatalogSkus } from '../../reconciliation/masterReads';
import { skuMappingField } from '../common.descriptions';
import type { OperationContext } from '../context';
import { skuTableFrom } from '../parameters';

export const description: INodeProperties[] = [
	{
		...skuMappingField,
		displayOptions: { show: { resource: ['reconciliation'], operation: ['skus'] } },
		description:
			'The SKU Mapping your Sales Order node uses: SKUs it names count as resolved by override, and an override that names another item than F&O reads the SKU as is reported ambiguous',
	},
];

function summary(what: string, statuses: string[]): IDataObject {
	const counts: Record<string, number> = {};
	for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
	return { type: 'summary', check: what, records: statuses.length, byStatus: counts };
}

export async function skus({
	fn,
	itemIndex,
	dataAreaId,
	environmentUrl,
	skuCache,
}: OperationContext): Promise<IDataObject[]> {
	const catalog = await listCatalogSkus(fn, itemIndex);
	const table = skuTableFrom(fn.getNodeParameter('skuMapping', itemIndex, {}));
	const { items, requests } = await alignCatalog(fn, catalog, table, {
		environmentUrl,
		dataAreaId,
		itemIndex,
		cache: skuCache,
	});
	return [
		{
			...summary(
				'skus',
				items.map((i) => i.status),
			),
			dataAreaId,
			foRequests: requests,
		},
		...items,
	];
}

export async function customers({
	fn,
	itemIndex,
	dataAreaId,
	environmentUrl,
}: OperationContext): Promise<IDataObject[]> {
	const { items, requests, pages } = await alignCustomers(fn, fn, {
		environmentUrl,
		dataAreaId,
		itemIndex,
	});
	return [
		{
			...summary(
				'customers',
				items.map((i) => i.status),
			),
			dataAreaId,
			pages,
			foRequests: requests,
		},
		...items,
	];
}
