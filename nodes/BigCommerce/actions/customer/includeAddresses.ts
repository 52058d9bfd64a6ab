/** The "Include Addresses" switch both customer operations offer, and what it asks the API for. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const includeAddressesField = (operation: string): INodeProperties => ({
	displayName: 'Include Addresses',
	name: 'includeAddresses',
	type: 'boolean',
	displayOptions: { show: { resource: ['customer'], operation: [operation] } },
	default: false,
	description: "Whether to return the customer's addresses too",
});

export function addressesIncluded(context: IExecuteFunctions, itemIndex: number): string[] {
	return (context.getNodeParameter('includeAddresses', itemIndex, false) as boolean)
		? ['addresses']
		: [];
}
