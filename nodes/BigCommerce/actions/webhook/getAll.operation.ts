/** Webhook → Get Many: the hooks of this API account, filtered by scope, destination or state. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listHooks } from '../../api';
import { returnAllAndLimit } from '../common.descriptions';
import { httpContext, limitOf } from '../parameters';

export const description: INodeProperties[] = [
	...returnAllAndLimit('webhook'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: { show: { resource: ['webhook'], operation: ['getAll'] } },
		default: {},
		options: [
			{
				displayName: 'Destination',
				name: 'destination',
				type: 'string',
				default: '',
				description: 'Only webhooks delivering to this URL',
			},
			{
				displayName: 'Is Active',
				name: 'isActive',
				type: 'boolean',
				default: true,
				description: 'Whether to return only active webhooks (true) or only inactive ones (false)',
			},
			{
				displayName: 'Scope',
				name: 'scope',
				type: 'string',
				default: '',
				placeholder: 'store/order/created',
				description: 'Only webhooks for this event',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	return await listHooks(
		httpContext(this),
		{
			scope: (filters.scope as string) || undefined,
			destination: (filters.destination as string) || undefined,
			isActive: filters.isActive as boolean | undefined,
		},
		{ limit: limitOf(this, i), itemIndex: i },
	);
}
