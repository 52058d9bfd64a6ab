/** What every F&O operation gets: the n8n context, the resolved company and per-execution caches. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RecordLocker } from '../posting/lock';
import type { SkuCache, SkuMappingTable } from '../skuResolution';

export type { RecordLocker };

export interface OperationContext {
	fn: IExecuteFunctions;
	itemIndex: number;
	dataAreaId: string;
	environmentUrl: string;
	skuCache: SkuCache;
	/** Holds check-and-create of one record: in this process by default, or a Redis lock across workers. */
	lock: RecordLocker;
}

export type OperationHandler = (op: OperationContext) => Promise<IDataObject | IDataObject[]>;

export function skuTableFrom(parameter: unknown): SkuMappingTable {
	const entries = ((parameter as { entries?: IDataObject[] })?.entries ?? []) as Array<
		Record<string, string>
	>;
	const table: SkuMappingTable = {};
	for (const e of entries) {
		if (!e.sku || !e.itemNumber) continue;
		table[e.sku.trim()] = {
			ItemNumber: e.itemNumber.trim(),
			ProductSizeId: e.sizeId || undefined,
			ProductColorId: e.colorId || undefined,
			ProductStyleId: e.styleId || undefined,
			ProductConfigurationId: e.configurationId || undefined,
		};
	}
	return table;
}

/** `BusinessUnit=001, Department=022` → { BusinessUnit: '001', Department: '022' } */
export function parseDimensionPairs(text: string): Record<string, string> {
	const values: Record<string, string> = {};
	for (const pair of text.split(',')) {
		const at = pair.indexOf('=');
		if (at > 0) values[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
	}
	return values;
}

export function recordParameter<T>(fn: IExecuteFunctions, itemIndex: number): T {
	const value = fn.getNodeParameter('bigcommerceRecord', itemIndex) as unknown;
	return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
