/**
 * Entity → Delete: one record of any entity set by its full key; a record already gone is a skip.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { AuditTrail } from '../../../common/audit';
import { deleteEntity } from '../../odata';
import type { OperationContext } from '../context';
import { entitySetName, keysParameter, keyText, optionsOf, plannedWrite } from './parameters';

/** Entity Set, Key and Dry Run are the resource's shared fields (index.ts). */
export const description: INodeProperties[] = [];

export async function execute(op: OperationContext): Promise<IDataObject> {
	const set = entitySetName(op);
	const keys = keysParameter(op);
	const audit = new AuditTrail(set, op.dataAreaId, '');
	if (optionsOf(op).dryRun)
		return plannedWrite(
			audit,
			set,
			{ method: 'DELETE', path: `/data/${set}${keyText(keys)}` },
			keys,
		);
	audit.count();
	const existed = await deleteEntity(op.fn, set, keys, op.itemIndex);
	return {
		entitySet: set,
		keys: keys as IDataObject,
		deleted: existed,
		audit: audit.record(
			existed ? 'updated' : 'skipped',
			keys as IDataObject,
			existed ? 'deleted' : 'already gone',
		),
	};
}
