/**
 * The Get operations that read one record by a key given on the node (customer account, item
 * number, sales order number): the required key field (text, or a resource locator whose value is
 * read by locatorValue), and the record in the item's legal entity or `found: false` with the key
 * that was asked for.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { locatorValue } from '../../common/resourceLocator';
import { getEntity } from '../odata';
import type { OperationContext } from './context';

export const keyField = (
	displayName: string,
	name: string,
	show: Record<string, string[]>,
	guide: { placeholder: string; description: string },
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	required: true,
	displayOptions: { show },
	...guide,
});

/** `found: false` with the company and the key asked for. */
export const notFound = (dataAreaId: string, parameter: string, value: string): IDataObject => ({
	found: false,
	dataAreaId,
	[parameter]: value,
});

/** The record of `entitySet` whose `keyProperty` is the node's `parameter`, in the item's company. */
export async function recordByKey(
	{ fn, itemIndex, dataAreaId }: OperationContext,
	entitySet: string,
	keyProperty: string,
	parameter: string,
): Promise<IDataObject> {
	const value = locatorValue(fn.getNodeParameter(parameter, itemIndex));
	const keys = { dataAreaId, [keyProperty]: value };
	const record = await getEntity(fn, entitySet, keys, { itemIndex });
	return record ?? notFound(dataAreaId, parameter, value);
}
