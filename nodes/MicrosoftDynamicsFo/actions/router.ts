/**
 * The F&O node's execute. The resource and operation (read once: neither takes expressions) pick
 * the operation's `execute`; the execution then resolves the environment, one SKU cache and the
 * posting lock, and the shared item loop runs each item in its legal entity. The node's own
 * errors are worded for the user (nothing was written / run it again), and a failed item under
 * continueOnFail carries a `failed` audit (under its `error`) like every other output of this node.
 */
import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { validatedEnvironmentUrl } from '../../../credentials/common/foEnvironment';
import { LockUnavailableError } from '../../common/recordLock';
import { routeItems } from '../../common/router';
import { MappingError } from '../mapping';
import { FO_CREDENTIAL } from '../transport';
import type { OperationHandler } from './context';
import { mappingAdvice, taggedWithRecord, unknownLegalEntityAdvice } from './errorAdvice';
import * as creditNote from './creditNote';
import * as customer from './customer';
import * as entity from './entity';
import * as legalEntity from './legalEntity';
import * as onHand from './onHand';
import * as packingSlip from './packingSlip';
import * as payment from './payment';
import { postingLockOf } from './postingLock';
import * as reconciliation from './reconciliation';
import * as releasedProduct from './releasedProduct';
import * as salesOrder from './salesOrder';
import * as tracking from './tracking';

/** Each resource module: its operations by value, beside its selector and fields. */
const resources: Record<string, Record<string, unknown>> = {
	legalEntity,
	customer,
	releasedProduct,
	salesOrder,
	payment,
	creditNote,
	reconciliation,
	packingSlip,
	tracking,
	onHand,
	entity,
};

function operationOf(resource: string, operation: string): OperationHandler | undefined {
	const operations = Object.hasOwn(resources, resource) ? resources[resource] : undefined;
	const found =
		operations && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	const execute = (found as { execute?: OperationHandler } | undefined)?.execute;
	return typeof execute === 'function' ? execute : undefined;
}

/** The item's company: the node's choice, else the credential's default (legal entities: that one). */
function legalEntityOf(
	fn: IExecuteFunctions,
	resource: string,
	credentials: ICredentialDataDecryptedObject,
	itemIndex: number,
): string {
	const chosen =
		resource === 'legalEntity' ? '' : (fn.getNodeParameter('dataAreaId', itemIndex, '') as string);
	const dataAreaId = (chosen || String(credentials.dataAreaId ?? '')).trim().toLowerCase();
	if (!dataAreaId && resource !== 'legalEntity') {
		throw new NodeOperationError(
			fn.getNode(),
			'No legal entity: choose one on the node or set a default in the credential',
			{ itemIndex },
		);
	}
	return dataAreaId;
}

/**
 * Errors of the mapping and the lock as operation errors that say what became of the item and how
 * to fix it, tagged with the item's BigCommerce record; F&O's unknown company names the field.
 */
function describeError(
	fn: IExecuteFunctions,
	resource: string,
	error: Error,
	itemIndex: number,
): Error | undefined {
	if (error instanceof MappingError) {
		return new NodeOperationError(
			fn.getNode(),
			taggedWithRecord(fn, resource, itemIndex, error.message),
			{
				itemIndex,
				description: mappingAdvice(error.code),
			},
		);
	}
	if (error instanceof LockUnavailableError) {
		return new NodeOperationError(
			fn.getNode(),
			taggedWithRecord(fn, resource, itemIndex, error.message),
			{
				itemIndex,
				description:
					'Another execution is posting this record. The item was not posted; run it again.',
			},
		);
	}
	if (error instanceof NodeApiError) {
		const advice = unknownLegalEntityAdvice(error.message);
		if (advice) error.description = advice;
		return error;
	}
	return undefined;
}

/** Resources whose items are one BigCommerce order's documents (an order, transaction or refund). */
const ORDER_RESOURCES = new Set(['salesOrder', 'payment', 'creditNote']);

/**
 * The BigCommerce order an item posts for, so the item loop never runs two of its items at once:
 * an order's `id`, a transaction's or refund's `order_id`. Undefined (no constraint) for other
 * resources and for a record that cannot be read; the operation then fails that item as before.
 */
function orderKeyOf(fn: IExecuteFunctions, resource: string, itemIndex: number) {
	if (!ORDER_RESOURCES.has(resource)) return undefined;
	try {
		const value = fn.getNodeParameter('bigcommerceRecord', itemIndex, undefined) as unknown;
		const record = (typeof value === 'string' ? JSON.parse(value) : value) as IDataObject | null;
		const id = record?.order_id ?? record?.id;
		return id === undefined || id === null ? undefined : `order:${String(id)}`;
	} catch {
		return undefined;
	}
}

/** Parallel Items, read once: 1 where the field is not shown (reads stay one after another). */
function parallelItemsOf(fn: IExecuteFunctions): number {
	const value = Number(fn.getNodeParameter('parallelItems', 0, 1));
	return Number.isFinite(value) ? Math.min(16, Math.max(1, Math.floor(value))) : 1;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operationOf(resource, operation);
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `Unsupported operation ${resource}:${operation}`);
	}

	const credentials = await this.getCredentials(FO_CREDENTIAL);
	const environmentUrl = validatedEnvironmentUrl(credentials.environmentUrl);
	const skuCache = new Map();
	const lock = await postingLockOf(this);

	return await routeItems(this, {
		run: async (itemIndex) =>
			await execute({
				fn: this,
				itemIndex,
				dataAreaId: legalEntityOf(this, resource, credentials, itemIndex),
				environmentUrl,
				skuCache,
				lock,
			}),
		describeError: (error, itemIndex) => describeError(this, resource, error, itemIndex),
		failedItemDetails: (message) => ({ audit: { action: 'failed', reason: message } }),
		concurrency: parallelItemsOf(this),
		keyOf: (itemIndex) => orderKeyOf(this, resource, itemIndex),
	});
}
