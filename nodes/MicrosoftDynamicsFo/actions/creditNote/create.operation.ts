/**
 * Credit Note → Create From BigCommerce Refund: node parameters → the credit note posting code.
 * Its Store Hash field serves the Find operation too.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { locatorValue } from '../../../common/resourceLocator';
import {
	bigCommerceRecordField,
	dimensionDelimiterField,
	documentCustomerFields,
	dryRunField,
	optionsField,
	referencePrefixField,
	showFor,
	siteLocator,
	skuMappingField,
	storeHashField,
	warehouseLocator,
} from '../common.descriptions';
import { postCreditNotes, type RefundInput } from '../../posting/creditNote';
import type { ReturnLineLink } from '../../posting/returnLineLinks';
import type { OperationContext } from '../context';
import {
	displayValueSegments,
	documentCustomerParameter,
	jsonParameter,
	recordParameter,
	skuTableFrom,
} from '../parameters';
import { zeroRateGroupFields, zeroRateGroupsFrom } from '../salesOrder/taxFields';
import { writeTimingFrom, writeTimingOptions } from '../writeTiming';

const show = showFor('creditNote');
const asPosted = { show: { ...show(['create']), taxCalculation: ['asPosted'] } };

/**
 * The codes a return order gets unless the node says otherwise: a reason code and a disposition
 * code whose action is Credit Only, which the merchant creates once (docs/setup-fo.md). The same
 * values are the fields' defaults (literals there, as n8n's lint wants).
 */
export const RETURN_DEFAULTS = { reasonCode: 'REFUND', dispositionCode: 'CREDIT' } as const;

export const description: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'input',
		type: 'options',
		displayOptions: { show: show(['create']) },
		options: [
			{
				name: 'Refund With Its Order',
				value: 'refund',
				description: 'One v3 refund; its order is given below',
			},
			{
				name: 'Order With Refunds',
				value: 'order',
				description: 'A BigCommerce order carrying its v3 refunds in "refunds"',
			},
		],
		default: 'refund',
	},
	{ ...bigCommerceRecordField('Record', show(['create'])) },
	{
		displayName: 'BigCommerce Order',
		name: 'bigcommerceOrder',
		type: 'json',
		default: '={{ $json.order }}',
		required: true,
		displayOptions: { show: { ...show(['create']), input: ['refund'] } },
		description:
			'The refunded order with its lines, as the BigCommerce node outputs it; its lines price the refunded items',
	},
	{ ...storeHashField, displayOptions: { show: show(['create', 'find']) } },
	...documentCustomerFields('creditNote', 'create'),
	{
		displayName: 'Credit Main Account',
		name: 'mainAccount',
		type: 'string',
		default: '',
		placeholder: '401100',
		displayOptions: { show: show(['create']) },
		description:
			'Display value of the main account that free-text credit notes (shipping, amounts not tied to items) are posted to. Needed only for such refunds.',
	},
	{
		displayName: 'Sales Tax',
		name: 'taxCalculation',
		type: 'options',
		displayOptions: { show: show(['create']) },
		options: [
			{
				name: 'F&O Calculates',
				value: 'fo',
				description:
					'Returned products go on a return order, which F&O taxes with its own groups when it is invoiced; other refunded amounts on a free-text credit note',
			},
			{
				name: "BigCommerce's Tax as Posted",
				value: 'asPosted',
				description:
					"For orders posted with BigCommerce's tax as posted: the whole refund is one free-text credit note under zero-rate groups with BigCommerce's total_tax on the Tax Main Account (Options), so it credits the money paid back to the cent",
			},
		],
		default: 'fo',
		description: 'As the sales order of the refunded order was posted',
	},
	...zeroRateGroupFields(asPosted),
	{
		displayName: 'Returns Main Account',
		name: 'returnsMainAccount',
		type: 'string',
		default: '',
		placeholder: '401200',
		displayOptions: asPosted,
		description:
			'Display value of the main account returned products are credited to (sales returns). Empty: the Credit Main Account.',
	},
	{
		displayName: 'Return Reason Code',
		name: 'returnReasonCode',
		type: 'string',
		required: true,
		default: 'REFUND',
		displayOptions: { show: show(['create']), hide: { taxCalculation: ['asPosted'] } },
		description:
			'Return reason code of every return order (Sales and marketing > Setup > Returns > Return reason codes); the code must exist in the legal entity',
	},
	{
		displayName: 'Return Disposition Code',
		name: 'returnDispositionCode',
		type: 'string',
		required: true,
		default: 'CREDIT',
		displayOptions: { show: show(['create']), hide: { taxCalculation: ['asPosted'] } },
		description:
			'Disposition code of every return line: one whose action is Credit Only, so the return order is invoiced as a credit without the goods arriving (Sales and marketing > Setup > Returns > Disposition codes)',
	},
	{ ...skuMappingField, displayOptions: { show: show(['create']) } },
	optionsField(show(['create']), [
		dimensionDelimiterField,
		{ ...dryRunField },
		referencePrefixField,
		{
			displayName: 'Link Return Lines By',
			name: 'returnLineLink',
			type: 'options',
			options: [
				{
					name: 'Returning Lot ID',
					value: 'ReturningInventoryLotId',
					description: "The original sales line's lot ID in ReturningInventoryLotId",
				},
				{
					name: 'Reference Lot ID',
					value: 'ReferenceInventoryLotId',
					description: "The original sales line's lot ID in ReferenceInventoryLotId",
				},
				{ name: 'No Link', value: 'none' },
			],
			default: 'ReturningInventoryLotId',
			// Which of the two F&O reads as the link is unverified (posting/returnLineLinks.ts).
			description:
				'How each return line names the sales line it returns (found by the order’s reference). Which field your F&O version reads is not documented: check one return order after the first refund.',
		},
		siteLocator('Return Site', 'returned items come back to'),
		warehouseLocator('Return Warehouse', 'returned items come back to'),
		{
			displayName: 'Sales Tax Group',
			name: 'salesTaxGroupId',
			type: 'string',
			default: '',
			placeholder: 'CA',
			description:
				'Sales tax group of free-text credit lines; with one, the refunded amounts are read as tax-inclusive',
		},
		{
			displayName: 'Sales Tax Item Group',
			name: 'salesTaxItemGroupId',
			type: 'string',
			default: '',
			placeholder: 'ALL',
			description:
				'Item sales tax group of free-text credit lines, e.g. ALL (Tax > Indirect taxes > Sales tax > Item sales tax groups)',
		},
		{
			displayName: 'Shipping Main Account',
			name: 'shippingMainAccount',
			type: 'string',
			default: '',
			description: 'Display value of a separate main account for refunded shipping',
		},
		{
			displayName: 'Tax Main Account',
			name: 'taxMainAccount',
			type: 'string',
			default: '',
			placeholder: '222200',
			description:
				"Display value of the main account that refunded tax (a tax-only refund's TAX amount) is credited to, e.g. sales tax payable. Empty: the Credit Main Account.",
		},
		{
			displayName: 'Tax Basis',
			name: 'taxMode',
			type: 'options',
			options: [
				{
					name: 'Same as the Order',
					value: 'auto',
					description: "The order's is_tax_inclusive_pricing, as its sales order was posted",
				},
				{ name: 'Prices Exclude Tax', value: 'exclusive' },
				{ name: 'Prices Include Tax', value: 'inclusive' },
			],
			default: 'auto',
			description: 'The basis the order was posted with',
		},
		...writeTimingOptions,
	]),
];

export async function execute(op: OperationContext): Promise<IDataObject[]> {
	const { fn, itemIndex, dataAreaId } = op;
	const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const delimiter = String(options.dimensionDelimiter || '-');
	const input = fn.getNodeParameter('input', itemIndex) as RefundInput;
	const mainAccount = String(fn.getNodeParameter('mainAccount', itemIndex, '')).trim();
	const shippingAccount = String(options.shippingMainAccount ?? '').trim();
	const taxAccount = String(options.taxMainAccount ?? '').trim();
	const byType = {
		...(shippingAccount ? { SHIPPING: displayValueSegments(shippingAccount, delimiter) } : {}),
		...(taxAccount ? { TAX: displayValueSegments(taxAccount, delimiter) } : {}),
	};
	const text = (name: string) => String(options[name] ?? '').trim() || undefined;
	const taxCalculation = fn.getNodeParameter('taxCalculation', itemIndex, 'fo') as
		'fo' | 'asPosted';
	const returnsAccount = String(fn.getNodeParameter('returnsMainAccount', itemIndex, '')).trim();
	const topText = (name: string, fallback: string) =>
		String(fn.getNodeParameter(name, itemIndex, fallback) ?? '').trim() || undefined;
	return await postCreditNotes(
		fn,
		recordParameter<IDataObject>(fn, itemIndex),
		input,
		input === 'refund' ? jsonParameter(fn, 'bigcommerceOrder', itemIndex) : undefined,
		{
			dataAreaId,
			environmentUrl: op.environmentUrl,
			itemIndex,
			storeHash: fn.getNodeParameter('storeHash', itemIndex) as string,
			referencePrefix: text('referencePrefix'),
			customer: documentCustomerParameter(fn, itemIndex),
			mapping: {
				// Same as the order (posting/creditNote.ts) unless a basis is chosen.
				taxMode:
					options.taxMode === 'exclusive' || options.taxMode === 'inclusive'
						? options.taxMode
						: undefined,
				taxCalculation,
				asPosted:
					taxCalculation === 'asPosted'
						? {
								...zeroRateGroupsFrom(fn, itemIndex),
								productMainAccount: returnsAccount
									? displayValueSegments(returnsAccount, delimiter)
									: undefined,
							}
						: undefined,
				returnReasonCode: topText('returnReasonCode', RETURN_DEFAULTS.reasonCode),
				returnDispositionCode: topText('returnDispositionCode', RETURN_DEFAULTS.dispositionCode),
				defaultReturnSiteId: locatorValue(options.siteId) || undefined,
				defaultReturnWarehouseId: locatorValue(options.warehouseId) || undefined,
				freeText: mainAccount
					? {
							mainAccount: displayValueSegments(mainAccount, delimiter),
							mainAccountByType: Object.keys(byType).length ? byType : undefined,
							salesTaxGroupId: text('salesTaxGroupId'),
							salesTaxItemGroupId: text('salesTaxItemGroupId'),
						}
					: undefined,
				dimensionFormat: { delimiter },
				ledgerFormat: { delimiter },
			},
			skuTable: skuTableFrom(fn.getNodeParameter('skuMapping', itemIndex, {})),
			skuCache: op.skuCache,
			returnLineLink: (options.returnLineLink as ReturnLineLink | undefined) ?? undefined,
			dryRun: Boolean(options.dryRun),
			lock: op.lock,
			...writeTimingFrom(options),
		},
	);
}
