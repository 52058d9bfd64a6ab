/**
 * The item loop both action nodes share: run one item, pair its output with it, and on failure
 * either put the error on the item (continueOnFail) or throw it carrying the failing item's index.
 * Written once so the BigCommerce and the F&O node fail the same way; what differs per node is
 * passed in: how its own error classes are worded for the user, and what a failed item carries
 * beside `error`.
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
	/** What a failed item carries next to `error` under continueOnFail. */
	failedItemFields?: (message: string) => IDataObject;
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
				const message = failure.message;
				output.push({
					json: { error: message, ...route.failedItemFields?.(message) },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw errorOnItem(context, failure, itemIndex);
		}
	}
	return [output];
}
