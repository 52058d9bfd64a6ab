/**
 * The item loop both action nodes share: run one item, pair its output with it, and on failure
 * either emit a failed item (continueOnFail) or throw the error carrying the failing item's index.
 * Written once so the BigCommerce and the F&O node fail the same way; what differs per node is
 * passed in: how its own error classes are worded for the user, and what a failed item carries
 * beside the error's own fields.
 *
 * The failed item's shape is what n8n's engine routes to the error output (n8n-core, WorkflowExecute
 * `handleNodeErrorOutput`, read in the installed hosts): n8n 2.41 takes an item with `item.error`,
 * or whose json has `error` and no keys but `error`, `message` and `details`; n8n 1.122 (the core of
 * n8n 1.123) takes `item.error`, json `{ error }` alone, or json `{ error, message }` alone. A
 * `details` key beside `error` therefore stays on the SUCCESS output on 1.x. Both merge the json over
 * the paired input item's json, so the failed record (the input to retry) travels with its error.
 * So the whole failure is one key: `{ error: { message, itemIndex, description?, httpCode?, …node
 * fields (the F&O node's failed audit) } }`. Not `item.error`: expressions cannot read it, and the
 * audit must stay reachable as `$json.error.audit`. Any other top-level key (as an `audit` beside
 * `error` once did) keeps the item on the success output, where it reaches the next node as if it
 * had succeeded. test/e2e/n8n1x.test.ts and test/e2e/orderFlow.test.ts hold this on both hosts.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { runItemPool } from './itemPool';

export interface ItemRoute {
	/** One item's output: one JSON object or several, each becomes an output item paired with it. */
	run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>;
	/** The node's own error classes as n8n errors that say what happened; undefined keeps the error. */
	describeError?: (error: Error, itemIndex: number) => Error | undefined;
	/** What a failed item's `error` carries beside the error's own fields under continueOnFail. */
	failedItemDetails?: (message: string) => IDataObject;
	/** How many items may run at once (default 1: one after another). */
	concurrency?: number;
	/** Items with the same key (one BigCommerce order) never run at once; see itemPool.ts. */
	keyOf?: (itemIndex: number) => string | undefined;
}

/** What a failed item says under its one `error` key. */
export interface FailedItemError extends IDataObject {
	message: string;
	itemIndex: number;
	description?: string;
	httpCode?: string;
}

/** The json of a failed item: one `error` key, the only shape n8n 1.x and 2.x both route. */
export interface FailedItemJson extends IDataObject {
	error: FailedItemError;
}

/**
 * The json of an item that failed: its message, and what the error and the node know about it
 * (the error's description only where the message does not already say it).
 */
export function failedItemJson(
	failure: Error,
	itemIndex: number,
	extra?: IDataObject,
): FailedItemJson {
	const { description, httpCode } = failure as { description?: unknown; httpCode?: unknown };
	return {
		error: {
			...extra,
			message: failure.message,
			itemIndex,
			...(typeof description === 'string' && description && !failure.message.includes(description)
				? { description }
				: {}),
			...(typeof httpCode === 'string' && httpCode ? { httpCode } : {}),
		},
	};
}

/**
 * An error as n8n shows it for an item: n8n's own errors keep their class, message and HTTP details
 * and get the item's index if they have none; any other error becomes an operation error on the item.
 */
export function errorOnItem(context: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error, { itemIndex });
}

export async function routeItems(
	context: IExecuteFunctions,
	route: ItemRoute,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const outputs: INodeExecutionData[][] = [];
	// Without continueOnFail the first failure in input order ends the node, as in a plain loop:
	// no item starts after a failure, and items already running finish before it is thrown.
	const failures = new Map<number, Error>();
	await runItemPool(
		items.length,
		async (itemIndex) => {
			try {
				const result = await route.run(itemIndex);
				outputs[itemIndex] = (Array.isArray(result) ? result : [result]).map((json) => ({
					json,
					pairedItem: { item: itemIndex },
				}));
			} catch (error) {
				const failure = route.describeError?.(error as Error, itemIndex) ?? (error as Error);
				if (!context.continueOnFail()) {
					failures.set(itemIndex, failure);
					return;
				}
				const extra = route.failedItemDetails?.(failure.message);
				outputs[itemIndex] = [
					{ json: failedItemJson(failure, itemIndex, extra), pairedItem: { item: itemIndex } },
				];
			}
		},
		{ limit: route.concurrency ?? 1, keyOf: route.keyOf, stop: () => failures.size > 0 },
	);
	if (failures.size) {
		const first = Math.min(...failures.keys());
		throw errorOnItem(context, failures.get(first) as Error, first);
	}
	return [outputs.flat()];
}
