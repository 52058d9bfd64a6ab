import type { INodeProperties } from 'n8n-workflow';

/** The legal entity every operation works in; empty = the credential's default. */
export const legalEntityField: INodeProperties = {
	displayName: 'Legal Entity Name or ID',
	name: 'dataAreaId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getLegalEntities' },
	default: '',
	description:
		'The company (dataAreaId) to read and write in. Empty uses the credential\'s default legal entity. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const dryRunField: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only output the exact OData requests that would be sent; lookups still run, nothing is written',
};

export const bigCommerceRecordField = (
	what: string,
	show: Record<string, string[]>,
): INodeProperties => ({
	displayName: `BigCommerce ${what}`,
	name: 'bigcommerceRecord',
	type: 'json',
	default: '={{ $json }}',
	required: true,
	displayOptions: { show },
	description: `The BigCommerce ${what.toLowerCase()} as the BigCommerce node or trigger outputs it`,
});
