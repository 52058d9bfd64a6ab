/**
 * Node parameters as the BigCommerce API layer takes them, read the same way by every operation.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { locatorValue } from '../../common/resourceLocator';

/** One operation on one input item: the JSON objects it outputs. */
export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject[]>;

/** The execute context as the API layer sees it. */
export const httpContext = (context: IExecuteFunctions): HttpContext => context;

/** "Return All" / "Limit" as the API layer takes it: undefined = every page. */
export function limitOf(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return context.getNodeParameter('limit', itemIndex, 50) as number;
}

/**
 * A required ID parameter (text, or a resource locator's value), trimmed; a blank one is a
 * configuration error on this item.
 */
export function requiredId(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = locatorValue(context.getNodeParameter(name, itemIndex, ''));
	if (value === '') {
		throw new NodeOperationError(context.getNode(), `${label} is empty`, { itemIndex });
	}
	return value;
}
