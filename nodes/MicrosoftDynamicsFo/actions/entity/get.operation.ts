/** Entity → Get: one record of any entity set by its full key, or `found: false`. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsField, showFor } from '../common.descriptions';
import { getEntity } from '../../odata';
import type { OperationContext } from '../context';
import { entitySetName, keysParameter, optionsOf, selectOf } from './parameters';

const show = showFor('entity');

export const description: INodeProperties[] = [
	optionsField(show(['get']), [
		{
			displayName: 'Select',
			name: 'select',
			type: 'string',
			default: '',
			description: 'Comma-separated properties to return',
		},
	]),
];

export async function execute(op: OperationContext): Promise<IDataObject> {
	const set = entitySetName(op);
	const keys = keysParameter(op);
	const record = await getEntity(op.fn, set, keys, {
		select: selectOf(optionsOf(op).select),
		itemIndex: op.itemIndex,
	});
	return record ?? { found: false, entitySet: set, keys: keys as IDataObject };
}
