/**
 * Sales Order → Create: who owns the order's sales tax (mapping/taxMode.ts) and the check after
 * the write (posting/taxReadBack.ts). F&O Calculates is the default, for legal entities whose F&O
 * owns tax; BigCommerce's Tax as Posted writes the store's tax as a line on a tax-liability item,
 * under zero-rate groups, so F&O's totals are the store's to the cent.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TaxCalculation } from '../../mapping/taxMode';
import type { TaxSettings } from '../../posting/salesOrder';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** The top-level fields, shown for the given operation. */
export function taxFields(show: Show): INodeProperties[] {
	const asPosted = { show: { ...show, taxCalculation: ['asPosted'] } };
	return [
		{
			displayName: 'Sales Tax',
			name: 'taxCalculation',
			type: 'options',
			displayOptions: { show },
			options: [
				{
					name: 'F&O Calculates',
					value: 'fo',
					description:
						"F&O computes tax from its sales tax groups; after the write the node reads F&O's totals back and reports the difference from BigCommerce's",
				},
				{
					name: "BigCommerce's Tax as Posted",
					value: 'asPosted',
					description:
						"BigCommerce's total_tax becomes a line on the tax-liability item and every line goes under zero-rate groups, so F&O's totals are the store's to the cent",
				},
			],
			default: 'fo',
		},
		{
			displayName: 'Tax Liability Item Name or ID',
			name: 'taxItemNumber',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getChargeItems' },
			default: '',
			placeholder: 'SALESTAX',
			displayOptions: asPosted,
			description:
				'The Service-type released product whose sales order line carries BigCommerce\'s tax, e.g. SALESTAX; give its item group the sales tax payable account as sales account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		...zeroRateGroupFields(asPosted),
	];
}

/**
 * The zero-rate groups "BigCommerce's Tax as Posted" writes lines under: the sales order's and,
 * for its refunds, the credit note's.
 */
export function zeroRateGroupFields(
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties[] {
	return [
		{
			displayName: 'Zero-Rate Item Sales Tax Group',
			name: 'zeroRateItemSalesTaxGroup',
			type: 'string',
			default: '',
			placeholder: 'ZERO',
			displayOptions,
			description:
				'Item sales tax group put on every line, holding only a 0 % sales tax code (Tax > Indirect taxes > Sales tax > Item sales tax groups)',
		},
		{
			displayName: 'Zero-Rate Sales Tax Group',
			name: 'zeroRateSalesTaxGroup',
			type: 'string',
			default: '',
			placeholder: 'ZERO',
			displayOptions,
			description:
				"Sales tax group for the header and every line, holding the same 0 % code. Empty: the customer's group stays (it must share no taxed code with the item group above).",
		},
	];
}

/** The zero-rate groups as the mapping takes them. */
export function zeroRateGroupsFrom(
	fn: IExecuteFunctions,
	itemIndex: number,
): { itemSalesTaxGroupCode: string; salesTaxGroupCode: string } {
	return {
		itemSalesTaxGroupCode: fn.getNodeParameter(
			'zeroRateItemSalesTaxGroup',
			itemIndex,
			'',
		) as string,
		salesTaxGroupCode: fn.getNodeParameter('zeroRateSalesTaxGroup', itemIndex, '') as string,
	};
}

/** Entries of the operation's Options collection. */
export const taxCheckOptions: INodeProperties[] = [
	{
		displayName: 'Tax Difference Limit',
		name: 'taxDifferenceLimit',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			"Largest difference (order currency) between F&O's tax or total, read back after the write, and BigCommerce's that still passes. Above it the item fails (see When the Check Fails). Not set: the difference is only reported (output and audit).",
	},
	{
		displayName: 'When the Check Fails',
		name: 'onTaxCheckFailure',
		type: 'options',
		options: [
			{
				name: 'Remove the Sales Order',
				value: 'remove',
				description:
					'Delete the order again (header and lines), so nothing that disagrees with the store stays in F&O; the item fails and can be replayed',
			},
			{
				name: 'Keep the Sales Order',
				value: 'keep',
				description:
					'Leave it in F&O with its tax for a clerk to correct; the item fails, a replay finds the order and posts nothing twice',
			},
		],
		default: 'remove',
		description:
			'What becomes of the written sales order when its tax or total is beyond the Tax Difference Limit, or its totals are not calculated and that fails the item',
	},
	{
		displayName: 'When F&O Has Not Calculated Totals',
		name: 'uncalculatedTotals',
		type: 'options',
		options: [
			{ name: 'Report', value: 'report', description: 'Output the check as not-calculated' },
			{ name: 'Fail the Item', value: 'fail', description: 'See When the Check Fails' },
		],
		default: 'report',
		description:
			'What to do when the order read back says AreTotalsCalculated = No, so its tax cannot be compared',
	},
];

/** The node's tax parameters as the posting code takes them. */
export function taxSettingsFrom(
	fn: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): TaxSettings {
	const taxCalculation = fn.getNodeParameter('taxCalculation', itemIndex, 'fo') as TaxCalculation;
	const limit = options.taxDifferenceLimit;
	return {
		taxCalculation,
		asPosted:
			taxCalculation === 'asPosted'
				? {
						taxItemNumber: fn.getNodeParameter('taxItemNumber', itemIndex, '') as string,
						...zeroRateGroupsFrom(fn, itemIndex),
					}
				: undefined,
		differenceLimit: typeof limit === 'number' ? limit : undefined,
		uncalculatedTotals: options.uncalculatedTotals === 'fail' ? 'fail' : 'report',
		onFailure: options.onTaxCheckFailure === 'keep' ? 'keep' : 'remove',
	};
}
