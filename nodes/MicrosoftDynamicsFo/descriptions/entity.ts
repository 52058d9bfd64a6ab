import type { INodeProperties } from 'n8n-workflow';

import { dryRunField } from './common';

const show = (operation: string[]) => ({ resource: ['entity'], operation });

export const entityOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['entity'] } },
		options: [
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
		default: 'get',
	},
];

export const entityFields: INodeProperties[] = [
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
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: show(['getAll']) },
		options: [
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
			},
			{
				displayName: 'Select',
				name: 'select',
				type: 'string',
				default: '',
				placeholder: 'CustomerGroupId,Description',
				description: 'Comma-separated properties to return',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: show(['get']) },
		options: [
			{
				displayName: 'Select',
				name: 'select',
				type: 'string',
				default: '',
				description: 'Comma-separated properties to return',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: show(['create', 'update', 'delete']) },
		options: [{ ...dryRunField }],
	},
];
