/** Entity → Create: a record in any entity set, with the legal entity in company-specific bodies. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { AuditTrail } from '../../../common/audit';
import { createEntity } from '../../odata';
import type { OperationContext } from '../context';
import { bodyParameter, companySpecific, entitySetName, optionsOf } from './parameters';

/** Its fields (Entity Set, Key, Fields, Dry Run) are the resource's shared ones. */
export const description: INodeProperties[] = [];

export async function execute(op: OperationContext): Promise<IDataObject> {
	const set = entitySetName(op);
	const body = bodyParameter(op);
	// A write goes to the company its body's dataAreaId names, so a company-specific body always carries it.
	if (companySpecific(op) && body.dataAreaId === undefined) body.dataAreaId = op.dataAreaId;
	const audit = new AuditTrail(set, op.dataAreaId, '');
	if (optionsOf(op).dryRun) {
		return {
			entitySet: set,
			plannedRequests: [{ method: 'POST', path: `/data/${set}`, body }],
			audit: audit.record('dry-run', {}),
		};
	}
	audit.count();
	const created = await createEntity(op.fn, set, body, op.itemIndex);
	return { ...created, audit: audit.record('created', {}) };
}
