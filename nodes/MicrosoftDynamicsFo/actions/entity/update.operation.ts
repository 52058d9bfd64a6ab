/** Entity → Update: PATCH one record of any entity set by its full key. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { AuditTrail } from '../../../common/audit';
import { updateEntity } from '../../odata';
import type { OperationContext } from '../context';
import {
	bodyParameter,
	entitySetName,
	keysParameter,
	keyText,
	optionsOf,
	plannedWrite,
} from './parameters';

/** Update shows only shared fields: Entity Set, Key, Fields and the Dry Run option. */
export const description: INodeProperties[] = [];

export async function execute(op: OperationContext): Promise<IDataObject> {
	const set = entitySetName(op);
	const keys = keysParameter(op);
	const body = bodyParameter(op);
	const audit = new AuditTrail(set, op.dataAreaId, '');
	if (optionsOf(op).dryRun)
		return plannedWrite(
			audit,
			set,
			{ method: 'PATCH', path: `/data/${set}${keyText(keys)}`, body },
			keys,
		);
	audit.count();
	await updateEntity(op.fn, set, keys, body, op.itemIndex);
	return {
		entitySet: set,
		keys: keys as IDataObject,
		updated: true,
		audit: audit.record('updated', keys as IDataObject),
	};
}
