/**
 * The customer resource: its operation selector and the fields of its operations, and the
 * operations.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	operationProperty(
		'customer',
		[
			{ name: 'Get', value: 'get', description: 'Get a customer by ID', action: 'Get a customer' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get customers, by e-mail address if given',
				action: 'Get many customers',
			},
		],
		'get',
	),
	...get.description,
	...getAll.description,
];
