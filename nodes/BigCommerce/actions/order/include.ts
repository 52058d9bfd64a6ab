/**
 * What both order operations can fetch with each order (each part priced in requests), and the
 * "Include" choice as the API layer's flags.
 */
import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';

/** Parts fetched with each order, and what each costs. */
export const INCLUDE_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Coupons',
		value: 'coupons',
		description: 'The coupons applied (one more request per order)',
	},
	{
		name: 'Fees',
		value: 'fees',
		description:
			"The order's fees (no extra request); they count in its totals, so a sales order needs them",
	},
	{
		name: 'Products',
		value: 'products',
		description: 'The order lines (no extra request below 50 lines per consignment)',
	},
	{
		name: 'Shipping Addresses',
		value: 'shippingAddresses',
		description: 'The shipping addresses (no extra request)',
	},
	{
		name: 'Transactions',
		value: 'transactions',
		description: 'The payment transactions (one more request per order)',
	},
];

export function includedParts(context: IExecuteFunctions, itemIndex: number) {
	const include = context.getNodeParameter('include', itemIndex, []) as string[];
	return {
		products: include.includes('products'),
		shippingAddresses: include.includes('shippingAddresses'),
		transactions: include.includes('transactions'),
		coupons: include.includes('coupons'),
		fees: include.includes('fees'),
		itemIndex,
	};
}
