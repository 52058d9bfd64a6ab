/**
 * What every F&O operation gets: the n8n context, the resolved company and per-execution caches.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RecordLocker } from '../posting/lock';
import type { SkuCache } from '../skuResolution';

export type { RecordLocker };

export interface OperationContext {
	fn: IExecuteFunctions;
	itemIndex: number;
	/** The item's legal entity, lower-case (for the legal entity resource: the credential's default). */
	dataAreaId: string;
	environmentUrl: string;
	skuCache: SkuCache;
	/** Holds check-and-create of one record: in this process by default, or a Redis lock across workers. */
	lock: RecordLocker;
}

export type OperationHandler = (op: OperationContext) => Promise<IDataObject | IDataObject[]>;
