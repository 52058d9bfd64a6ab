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
import type { OperationContext } from '../context';
import {
	displayValueSegments,
	documentCustomerParameter,
	jsonParameter,
	recordParameter,
	skuTableFrom,
} from '../parameters';
import { writeTimingFrom, writeTimingOptions } from '../writeTiming';

const show = showFor('creditNote');

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
	{ ...skuMappingField, displayOptions: { show: show(['create']) } },
	optionsField(show(['create']), [
		dimensionDelimiterField,
		{ ...dryRunField },
		referencePrefixField,
		{
			displayName: 'Return Disposition Code',
			name: 'returnDispositionCode',
			type: 'string',
			default: '',
			placeholder: 'Credit',
			description:
				'What happens to returned items, e.g. Credit (Sales and marketing > Setup > Returns > Disposition codes)',
		},
		{
			displayName: 'Return Reason Code',
			name: 'returnReasonCode',
			type: 'string',
			default: '',
			placeholder: 'Damaged',
			description:
				'The return reason code of return orders, e.g. Damaged (Sales and marketing > Setup > Returns > Return reason codes)',
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
			displayName: 'Tax Basis',
			name: 'taxMode',
			type: 'options',
			options: [
				{ name: 'Prices Exclude Tax', value: 'exclusive' },
				{ name: 'Prices Include Tax', value: 'inclusive' },
			],
			default: 'exclusive',
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
	const text = (name: string) => String(options[name] ?? '').trim() || undefined;
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
				taxMode: (options.taxMode as 'exclusive' | 'inclusive') ?? 'exclusive',
				returnReasonCode: text('returnReasonCode'),
				returnDispositionCode: text('returnDispositionCode'),
				defaultReturnSiteId: locatorValue(options.siteId) || undefined,
				defaultReturnWarehouseId: locatorValue(options.warehouseId) || undefined,
				freeText: mainAccount
					? {
							mainAccount: displayValueSegments(mainAccount, delimiter),
							mainAccountByType: shippingAccount
								? { SHIPPING: displayValueSegments(shippingAccount, delimiter) }
								: undefined,
							salesTaxGroupId: text('salesTaxGroupId'),
							salesTaxItemGroupId: text('salesTaxItemGroupId'),
						}
					: undefined,
				dimensionFormat: { delimiter },
				ledgerFormat: { delimiter },
			},
			skuTable: skuTableFrom(fn.getNodeParameter('skuMapping', itemIndex, {})),
			skuCache: op.skuCache,
			dryRun: Boolean(options.dryRun),
			lock: op.lock,
			...writeTimingFrom(options),
		},
	);
}
