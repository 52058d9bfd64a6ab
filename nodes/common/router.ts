/**
 * The item loop both action nodes share: run one item, pair its output with it, and on failure
 * either emit a failed item (continueOnFail) or throw the error carrying the failing item's index.
 * Written once so the BigCommerce and the F&O node fail the same way; what differs per node is
 * passed in: how its own error classes are worded for the user, and what a failed item carries
 * in its `details`.
 *
 * The failed item's shape is what n8n's engine routes (n8n-core, WorkflowExecute
 * `handleNodeErrorOutput` and `normalizeNodeErrors`, checked in n8n 2.41 and 1.x): with the node's
 * On Error set to "continue (using error output)", an item goes to the error output when it has
 * `item.error`, or when `json.error` is set and json has no keys but `error`, `message` and
 * `details`; there its json is merged over the paired input item's json, so the failed record
 * travels with its error. An item with `item.error` has its json replaced by `{ error: message }`
 * afterwards, which would drop the details, so the failure is put in json only:
 * `{ error: <message>, details: { itemIndex, description?, httpCode?, …node fields } }`. No
 * `message` key: it would repeat `error`. Any other key (as an `audit` beside `error` once did)
 * keeps the item on the success output, where it reaches the next node as if it had succeeded.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

export interface ItemRoute {
	/** One item's output: one JSON object or several, each becomes an output item paired with it. */
	run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>;
	/** The node's own error classes as n8n errors that say what happened; undefined keeps the error. */
	describeError?: (error: Error, itemIndex: number) => Error | undefined;
	/** What a failed item's `details` carry beside the error's own under continueOnFail. */
	failedItemDetails?: (message: string) => IDataObject;
}

/** Keys n8n accepts in a failed item's json for it to go to the error output; nothing else. */
export interface FailedItemJson extends IDataObject {
	error: string;
	details: IDataObject;
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
		error: failure.message,
		details: {
			itemIndex,
			...(typeof description === 'string' && description && !failure.message.includes(description)
				? { description }
				: {}),
			...(typeof httpCode === 'string' && httpCode ? { httpCode } : {}),
			...extra,
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
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await route.run(itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const failure = route.describeError?.(error as Error, itemIndex) ?? (error as Error);
			if (context.continueOnFail()) {
				const extra = route.failedItemDetails?.(failure.message);
				output.push({
					json: failedItemJson(failure, itemIndex, extra),
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw errorOnItem(context, failure, itemIndex);
		}
	}
	return [output];
}
