/**
 * Any entity set, for what the other resources do not cover: get by full key, get many, create,
 * update (PATCH), delete. Entity Set, Company-Specific, Key, Fields and the Dry Run options are
 * shared by several operations and so stand here.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import { dryRunField, optionsField, showFor } from '../common.descriptions';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as create from './create.operation';
import * as update from './update.operation';
import * as del from './delete.operation';

export { get, getAll, create, update, del as delete };

const show = showFor('entity');

/** Listed with the other resources' selectors, ahead of the shared legal entity and lock. */
export const operationSelector: INodeProperties = operationProperty(
	'entity',
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a record in any entity set',
			action: 'Create a record',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a record by its full key',
			action: 'Delete a record',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a record by its full key',
			action: 'Get a record',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get many records of any entity set',
			action: 'Get many records',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Update a record by its full key (PATCH)',
			action: 'Update a record',
		},
	],
	'get',
);

/** The fields of this resource's operations, in the order the node shows them. */
export const fields: INodeProperties[] = [
	{
		displayName: 'Entity Set',
		name: 'entitySet',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'CustomerGroups',
		displayOptions: { show: { resource: ['entity'] } },
		description:
			'The public collection name of the data entity (case-sensitive), e.g. CustomerGroups or SalesOrderHeadersV2',
	},
	{
		displayName: 'Company-Specific',
		name: 'companySpecific',
		type: 'boolean',
		default: true,
		displayOptions: { show: { resource: ['entity'] } },
		description:
			'Whether the entity has dataAreaId: it is then taken from the legal entity above, as key, read filter and in created records',
	},
	{
		displayName: 'Key',
		name: 'keys',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add key field',
		displayOptions: { show: show(['get', 'update', 'delete']) },
		description:
			'Every key field of the entity (F&O needs all of them); dataAreaId comes from the legal entity unless given here',
		options: [
			{
				displayName: 'Key Field',
				name: 'key',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'CustomerGroupId',
						description:
							"A key field of the entity, as its metadata names it (case-sensitive). A company-specific set gets dataAreaId from the node's legal entity unless it is given here.",
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'WEB',
						description: "The key field's value, e.g. WEB",
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'String', value: 'string' },
							{
								name: 'Number',
								value: 'number',
								description: 'Int64 RecIds, decimal line numbers',
							},
						],
						default: 'string',
					},
				],
			},
		],
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'json',
		default: '{}',
		required: true,
		displayOptions: { show: show(['create', 'update']) },
		description: "The record's fields as a JSON object, with F&O's property names",
	},
	...getAll.description,
	...get.description,
	optionsField(show(['create', 'update', 'delete']), [{ ...dryRunField }]),
	...create.description,
	...update.description,
	...del.description,
];
