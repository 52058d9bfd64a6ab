/** Entity → Delete: one record of any entity set by its full key; a record already gone is a skip. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { AuditTrail } from '../../../common/audit';
import { deleteEntity } from '../../odata';
import type { OperationContext } from '../context';
import { entitySetName, keysParameter, keyText, optionsOf } from './parameters';

/** Its fields (Entity Set, Key, Fields, Dry Run) are the resource's shared ones. */
export const description: INodeProperties[] = [];

export async function execute(op: OperationContext): Promise<IDataObject> {
	const set = entitySetName(op);
	const keys = keysParameter(op);
	const audit = new AuditTrail(set, op.dataAreaId, '');
	if (optionsOf(op).dryRun) {
		return {
			entitySet: set,
			keys: keys as IDataObject,
			plannedRequests: [{ method: 'DELETE', path: `/data/${set}${keyText(keys)}` }],
			audit: audit.record('dry-run', keys as IDataObject),
		};
	}
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
