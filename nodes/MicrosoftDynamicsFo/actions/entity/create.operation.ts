/**
 * Entity → Create: a record in any entity set, with the legal entity in company-specific bodies.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { AuditTrail } from '../../../common/audit';
import { createEntity } from '../../odata';
import type { OperationContext } from '../context';
import {
	bodyParameter,
	companySpecific,
	entitySetName,
	optionsOf,
	plannedWrite,
} from './parameters';

/** Entity Set, Fields and Dry Run are shared with other operations: see the resource's index. */
export const description: INodeProperties[] = [];

export async function execute(op: OperationContext): Promise<IDataObject> {
	const set = entitySetName(op);
	const body = bodyParameter(op);
	// A write goes to the company its body's dataAreaId names, so a company-specific body always carries it.
	if (companySpecific(op) && body.dataAreaId === undefined) body.dataAreaId = op.dataAreaId;
	const audit = new AuditTrail(set, op.dataAreaId, '');
	if (optionsOf(op).dryRun)
		return plannedWrite(audit, set, { method: 'POST', path: `/data/${set}`, body });
	audit.count();
	const created = await createEntity(op.fn, set, body, op.itemIndex);
	return { ...created, audit: audit.record('created', {}) };
}
