/** Sales Order → Create From BigCommerce Order: node parameters → the sales order posting code. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { locatorValue } from '../../../common/resourceLocator';
import {
	bigCommerceRecordField,
	customerAccountLocator,
	customerMappingOptions,
	dryRunField,
	guestOrderFields,
	optionsField,
	showFor,
	siteLocator,
	skuMappingField,
	warehouseLocator,
} from '../common.descriptions';
import type { GuestMode } from '../../mapping';
import { postSalesOrder, type FullOrder } from '../../posting/salesOrder';
import type { OperationContext } from '../context';
import {
	customerMappingFrom,
	parseDimensionPairs,
	recordParameter,
	skuTableFrom,
} from '../parameters';
import { writeTimingFrom, writeTimingOptions } from '../writeTiming';
import { chargeItemOptions, chargeItemsFrom } from './chargeItems';
import { taxCheckOptions, taxFields, taxSettingsFrom } from './taxFields';

const show = showFor('salesOrder');

export const description: INodeProperties[] = [
	{ ...bigCommerceRecordField('Order', show(['create'])) },
	{
		displayName: 'Order Number',
		name: 'numbering',
		type: 'options',
		displayOptions: { show: show(['create']) },
		options: [
			{
				name: 'Deterministic (Prefix + BigCommerce ID)',
				value: 'deterministic',
				description:
					"Header and lines in one atomic changeset; F&O's key rejects a concurrent duplicate. Needs manual numbers on the sales order number sequence.",
			},
			{
				name: 'F&O Number Sequence',
				value: 'generated',
				description:
					'Header first, then all lines in one changeset; the header is deleted again if the lines fail',
			},
		],
		default: 'generated',
		hint: "Deterministic is recommended where the sequence allows manual numbers: after a lost answer F&O's key is what stops a second copy of a slow order, whatever the timing",
	},
	{
		displayName: 'Order Number Prefix',
		name: 'orderNumberPrefix',
		type: 'string',
		default: 'BC',
		placeholder: 'BC',
		displayOptions: { show: { ...show(['create']), numbering: ['deterministic'] } },
		description:
			'Start of the sales order number: BC makes BC111 for BigCommerce order 111. The number sequence of sales orders must allow manual numbers (Sales and marketing parameters > Number sequences), and no other channel may use these numbers.',
	},
	{
		displayName: 'Customer',
		name: 'customerMode',
		type: 'options',
		displayOptions: { show: show(['create']) },
		options: [
			{
				name: 'Find or Create From the Order',
				value: 'resolve',
				description: "The buyer's F&O customer, created once when there is none",
			},
			{
				name: 'Customer Account',
				value: 'account',
				description:
					'The F&O customer account given below (e.g. from a Customer: Create or Update node)',
			},
		],
		default: 'resolve',
		description: 'Which F&O customer the sales order is for',
	},
	{
		...customerAccountLocator,
		displayOptions: { show: { ...show(['create']), customerMode: ['account'] } },
	},
	...guestOrderFields({ ...show(['create']), customerMode: ['resolve'] }),
	{
		displayName: 'Shipping Charge Item Name or ID',
		name: 'shippingItemNumber',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getChargeItems' },
		default: 'SHIPPING',
		displayOptions: { show: show(['create']) },
		description:
			'The non-stock (Service type) released product that carries shipping and handling as a sales order line, e.g. SHIPPING. Release it in the legal entity first. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{ ...skuMappingField, displayOptions: { show: show(['create']) } },
	...taxFields(show(['create'])),
	optionsField(show(['create']), [
		...customerMappingOptions,
		{ ...dryRunField },
		...chargeItemOptions,
		{
			displayName: 'Financial Dimension Format',
			name: 'dimensionFormat',
			type: 'string',
			default: '',
			placeholder: 'BusinessUnit-Department-CostCenter',
			description:
				'The dimension names of the active Default dimension integration format, in order, joined by its delimiter',
		},
		{
			displayName: 'Financial Dimensions',
			name: 'dimensions',
			type: 'string',
			default: '',
			placeholder: 'BusinessUnit=001, Department=022',
			description: "Values for the order's default dimensions, as Name=Value pairs",
		},
		{
			displayName: 'Reference Prefix',
			name: 'referencePrefix',
			type: 'string',
			default: 'BC',
			placeholder: 'BC',
			description:
				"Start of the customer's order reference that ties the sales order to its BigCommerce order: BC makes BC-&lt;store hash&gt;-&lt;order ID&gt;. The Payment and Credit Note nodes must use the same prefix.",
		},
		siteLocator('Site', 'of every line'),
		{
			displayName: 'Tax Basis',
			name: 'taxMode',
			type: 'options',
			options: [
				{
					name: 'Follow the Order',
					value: 'auto',
					description: "Whatever the store's tax setting made of this order's prices",
				},
				{ name: 'Prices Exclude Tax', value: 'exclusive' },
				{ name: 'Prices Include Tax', value: 'inclusive' },
			],
			default: 'auto',
			description: "Whether the order's prices are sent with or without tax",
		},
		warehouseLocator('Warehouse', 'of every line'),
		...taxCheckOptions,
		...writeTimingOptions,
	]),
];

export async function execute(op: OperationContext): Promise<IDataObject> {
	const { fn, itemIndex, dataAreaId } = op;
	const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const numbering = fn.getNodeParameter('numbering', itemIndex) as string;
	const customerMode = fn.getNodeParameter('customerMode', itemIndex) as string;
	const dimensionNames = String(options.dimensionFormat ?? '').trim();
	const delimiter = dimensionNames.match(/[^A-Za-z0-9_]/)?.[0] ?? '-';
	return await postSalesOrder(fn, recordParameter<FullOrder>(fn, itemIndex), {
		dataAreaId,
		environmentUrl: op.environmentUrl,
		itemIndex,
		storeHash: fn.getNodeParameter('storeHash', itemIndex) as string,
		referencePrefix: (options.referencePrefix as string) || undefined,
		orderNumberPrefix:
			numbering === 'deterministic'
				? (fn.getNodeParameter('orderNumberPrefix', itemIndex) as string)
				: undefined,
		customer:
			customerMode === 'account'
				? {
						mode: 'account',
						account: locatorValue(fn.getNodeParameter('customerAccount', itemIndex)),
					}
				: {
						mode: 'resolve',
						guestMode: fn.getNodeParameter('guestMode', itemIndex) as GuestMode,
						sharedGuestAccount: fn.getNodeParameter('sharedGuestAccount', itemIndex, '') as string,
						customerAccountPrefix: (options.customerAccountPrefix as string) || undefined,
						customer: customerMappingFrom(dataAreaId, options),
					},
		mapping: {
			charges: chargeItemsFrom(
				String(fn.getNodeParameter('shippingItemNumber', itemIndex, '') ?? ''),
				options,
			),
			defaultSiteId: locatorValue(options.siteId) || undefined,
			defaultWarehouseId: locatorValue(options.warehouseId) || undefined,
			taxMode: (options.taxMode as 'auto' | 'exclusive' | 'inclusive') ?? 'auto',
			dimensions: dimensionNames
				? {
						format: dimensionNames.split(delimiter),
						values: parseDimensionPairs(String(options.dimensions ?? '')),
					}
				: undefined,
			dimensionFormat: dimensionNames ? { delimiter } : undefined,
		},
		skuTable: skuTableFrom(fn.getNodeParameter('skuMapping', itemIndex, {})),
		skuCache: op.skuCache,
		dryRun: Boolean(options.dryRun),
		lock: op.lock,
		tax: taxSettingsFrom(fn, itemIndex, options),
		...writeTimingFrom(options),
	});
}
