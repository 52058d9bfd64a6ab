/** Entity → Get Many: records of any entity set, in the legal entity unless All Companies. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsField, showFor } from '../common.descriptions';
import { eqFilter, queryEntities } from '../../odata';
import type { OperationContext } from '../context';
import { companySpecific, entitySetName, optionsOf, selectOf } from './parameters';

const show = showFor('entity');

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: { show: show(['getAll']) },
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { ...show(['getAll']), returnAll: [false] } },
		description: 'Max number of results to return',
	},
	optionsField(show(['getAll']), [
		{
			displayName: 'All Companies',
			name: 'allCompanies',
			type: 'boolean',
			default: false,
			description:
				'Whether to read every company the user can access instead of the chosen legal entity',
		},
		{
			displayName: 'Filter',
			name: 'filter',
			type: 'string',
			default: '',
			placeholder: "CustomerGroupId eq 'WEB'",
			description: 'An OData $filter. In F&O a * inside eq is a wildcard; quotes are doubled.',
		},
		{
			displayName: 'Order By',
			name: 'orderBy',
			type: 'string',
			default: '',
			placeholder: 'CustomerGroupId desc',
			description:
				'OData $orderby: fields, each optionally followed by asc or desc, comma-separated',
		},
		{
			displayName: 'Select',
			name: 'select',
			type: 'string',
			default: '',
			placeholder: 'CustomerGroupId,Description',
			description: 'Comma-separated properties to return',
		},
	]),
];

export async function execute(op: OperationContext): Promise<IDataObject[]> {
	const set = entitySetName(op);
	const opts = optionsOf(op);
	const returnAll = op.fn.getNodeParameter('returnAll', op.itemIndex, false) as boolean;
	const limit = returnAll
		? undefined
		: (op.fn.getNodeParameter('limit', op.itemIndex, 50) as number);
	const own = String(opts.filter ?? '').trim();
	const conditions: string[] = [];
	// All companies: cross-company without a company filter; otherwise the node's legal entity.
	if (companySpecific(op) && !opts.allCompanies)
		conditions.push(eqFilter({ dataAreaId: op.dataAreaId }));
	if (own) conditions.push(conditions.length ? `(${own})` : own);
	return await queryEntities(op.fn, set, {
		filter: conditions.join(' and ') || undefined,
		select: selectOf(opts.select),
		orderby: String(opts.orderBy ?? '').trim() || undefined,
		limit,
		itemIndex: op.itemIndex,
	});
}
