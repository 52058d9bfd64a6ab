/** The shipment resource: an order's shipments, and one created from an F&O packing slip, once. */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { create, getAll };

export const description: INodeProperties[] = [
	operationProperty(
		'shipment',
		[
			{
				name: 'Create From Packing Slip',
				value: 'create',
				description:
					'Ship what an F&O packing slip shipped, exactly once (a repeated or corrected slip is reported, never resent)',
				action: 'Create a shipment from a packing slip',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get an order's shipments",
				action: 'Get many shipments',
			},
		],
		'create',
	),
	...create.description,
	...getAll.description,
];
