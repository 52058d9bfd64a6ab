/**
 * Fields several F&O resources show the same way: the legal entity and posting lock every write
 * names, the BigCommerce record input, store hash, SKU mapping, dry run, the document customer of
 * payments and credit notes, and the find-by-BigCommerce-ids group. Each resource places them in
 * its own field list; `showFor` builds the display rule of one resource's operations.
 */
import type { INodeProperties } from 'n8n-workflow';

import { locatorField } from '../../common/resourceLocator';
import { DEFAULT_SALES_ORDER_WAIT_S } from '../posting/documentCustomer';

/** The display rule of some operations of one resource. */
export const showFor = (resource: string) => (operation: string[]) => ({
	resource: [resource],
	operation,
});

/** The Options collection of one or more operations. */
export const optionsField = (
	show: Record<string, string[]>,
	options: INodeProperties[],
): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show },
	options,
});

/** The legal entity every operation works in; empty = the credential's default. */
export const legalEntityField: INodeProperties = {
	displayName: 'Legal Entity Name or ID',
	name: 'dataAreaId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getLegalEntities' },
	default: '',
	description:
		'The company (dataAreaId) to read and write in, e.g. usmf. "Credential\'s Default" uses the Default Legal Entity of the F&O credential. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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

/** One record at a time for the check-and-create of customers, orders, payments and credit notes. */
export const postingLockField: INodeProperties = {
	displayName: 'Posting Lock',
	name: 'postingLock',
	type: 'options',
	options: [
		{
			name: 'In This Process',
			value: 'process',
			description:
				'Executions in this process check-and-create one record at a time (regular mode). Several queue-mode workers can still race.',
		},
		{
			name: 'Redis',
			value: 'redis',
			description:
				"A short lock per record in Redis (queue mode's Redis), across every worker: no concurrent duplicates",
		},
	],
	default: 'process',
	displayOptions: {
		show: {
			resource: ['customer', 'salesOrder', 'payment', 'creditNote'],
			operation: ['upsert', 'create', 'post'],
		},
	},
};

/**
 * How many input items one node run posts at once. F&O's seconds per write, not the pack, set the
 * pace; items of one BigCommerce order still run one after another (the item loop keys them).
 */
export const parallelItemsField: INodeProperties = {
	displayName: 'Parallel Items',
	name: 'parallelItems',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 16, numberPrecision: 0 },
	default: 4,
	description:
		'How many input items are posted to F&O at once (1 = one after another). Items of the same BigCommerce order never overlap, output order stays input order, and F&O throttling (429) pauses them all.',
	displayOptions: {
		show: {
			resource: ['customer', 'salesOrder', 'payment', 'creditNote'],
			operation: ['upsert', 'create', 'post', 'postRefund'],
		},
	},
};

export const storeHashField: INodeProperties = {
	displayName: 'Store Hash',
	name: 'storeHash',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'abc123xyz',
	description:
		"The BigCommerce store hash (the code in the store's API path, stores/&lt;hash&gt;); it is part of the reference that ties F&O records to their order. The shipped workflows take it from the trigger's _event.store_hash.",
};

/**
 * A variant's product dimensions beside its item number: F&O ids of the product master's
 * dimension values (Product information management > Products > Product masters > Product
 * dimensions), plain text. Empty for an item that is not a product master.
 */
const productDimensionFields: INodeProperties[] = [
	['Product Color ID', 'colorId', 'BLU', 'color'],
	['Product Configuration ID', 'configurationId', 'CFG-1', 'configuration'],
	['Product Size ID', 'sizeId', 'M', 'size'],
	['Product Style ID', 'styleId', 'CLASSIC', 'style'],
].map(([displayName, name, example, dimension]) => ({
	displayName,
	name,
	type: 'string' as const,
	default: '',
	placeholder: example,
	description: `The F&O ${dimension} ID of the variant (a value of the product master's ${dimension} dimension), e.g. ${example}. Empty when the item has no ${dimension} dimension.`,
}));

export const skuMappingField: INodeProperties = {
	displayName: 'SKU Mapping',
	name: 'skuMapping',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add SKU',
	description:
		"SKUs that are not an item number or a product variant number in F&O, e.g. the store's JKT-RAIN-M-BLU sold as item A0001 in size M and color BLU. A row here wins over the lookup; SKUs F&O knows need no row.",
	options: [
		{
			displayName: 'SKU',
			name: 'entries',
			values: [
				{
					displayName: 'BigCommerce SKU',
					name: 'sku',
					type: 'string',
					default: '',
					placeholder: 'JKT-RAIN-M-BLU',
					description:
						'The SKU exactly as the store sells it (the SKU of the product or of its variant in BigCommerce), e.g. JKT-RAIN-M-BLU',
				},
				locatorField({
					displayName: 'Item Number',
					name: 'itemNumber',
					searchListMethod: 'searchReleasedProducts',
					placeholder: 'A0001',
					idHint:
						'The item number of a product released to the legal entity of the node (Product information management > Released products)',
					description:
						'The F&O released product (item number) the SKU is sold as, in the legal entity of the node: search by item number or name, or give it, e.g. A0001',
				}),
				...productDimensionFields,
			],
		},
	],
};

/** How guest orders find their customer (customer upsert from an order, and sales orders). */
export const guestOrderFields = (show: Record<string, string[]>): INodeProperties[] => [
	{
		displayName: 'Guest Orders',
		name: 'guestMode',
		type: 'options',
		displayOptions: { show },
		options: [
			{
				name: 'One Account per Email',
				value: 'perEmail',
				description: 'A guest gets an F&O customer of their own, found again by email',
			},
			{
				name: 'Shared Web-Guest Account',
				value: 'sharedAccount',
				description: 'Every guest order goes to one F&O customer account',
			},
		],
		default: 'sharedAccount',
		description: 'How an order without a registered buyer finds its F&O customer',
	},
	{
		displayName: 'Shared Guest Account',
		name: 'sharedGuestAccount',
		type: 'string',
		default: 'WEB-GUEST',
		displayOptions: { show: { ...show, guestMode: ['sharedAccount'] } },
		description:
			'The F&O customer account every guest order is posted to, e.g. WEB-GUEST. Create it in F&O first (Accounts receivable > Customers > All customers).',
	},
];

/** Options shared by customer upsert and the sales order's customer resolution. */
export const customerMappingOptions: INodeProperties[] = [
	{
		displayName: 'Customer Group Name or ID',
		name: 'customerGroupId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCustomerGroups' },
		default: 'WEB',
		description:
			'F&O customer group of new customers, e.g. WEB (Accounts receivable > Setup > Customer groups). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Currency',
		name: 'currencyCode',
		type: 'string',
		default: 'USD',
		placeholder: 'USD',
		description:
			"Sales currency of new customers: the store's currency as an F&O currency code, e.g. USD",
	},
	{
		displayName: 'Customer Account Prefix',
		name: 'customerAccountPrefix',
		type: 'string',
		default: '',
		placeholder: 'BC-',
		description:
			"Registered buyers get the account &lt;prefix&gt;&lt;BigCommerce customer ID&gt; (needs manual numbers on the customer number sequence; F&O's key then keeps them unique). Empty: F&O assigns the account and buyers are found by email.",
	},
];

/** An F&O customer account, from the legal entity's customers or by account. */
export const customerAccountLocator: INodeProperties = locatorField({
	displayName: 'Customer Account',
	name: 'customerAccount',
	searchListMethod: 'searchCustomers',
	placeholder: 'US-001',
	idHint:
		"An account of Accounts receivable > Customers > All customers in this legal entity, or an expression such as {{ $json.customerAccount }} (the Customer node's output)",
	description:
		'The F&O customer: search by account, name or email, or give the account, e.g. US-001',
});

/**
 * Site and warehouse of order or return lines, from the legal entity's sites and warehouses
 * (the warehouse list shows the chosen site's warehouses) or by id; empty leaves F&O's defaults.
 */
export const siteLocator = (displayName: string, what: string): INodeProperties =>
	locatorField({
		displayName,
		name: 'siteId',
		searchListMethod: 'searchSites',
		placeholder: '1',
		idHint: 'A site id of Warehouse management > Setup > Warehouse > Sites, e.g. 1',
		description: `The F&O site ${what}. Empty: F&O takes the default site of the item or the customer.`,
	});

export const warehouseLocator = (displayName: string, what: string): INodeProperties =>
	locatorField({
		displayName,
		name: 'warehouseId',
		searchListMethod: 'searchWarehouses',
		placeholder: '11',
		idHint:
			'A warehouse id of Warehouse management > Setup > Warehouse > Warehouses, e.g. 11; it must belong to the site',
		description: `The F&O warehouse ${what}; it must belong to the site. The list shows the chosen site's warehouses. Empty: F&O takes the default warehouse of the item or the customer.`,
	});

/** The customer payment journal name of payment journal headers, from the list or by name. */
export const paymentJournalNameLocator: INodeProperties = locatorField({
	displayName: 'Journal Name',
	name: 'journalName',
	searchListMethod: 'searchPaymentJournalNames',
	placeholder: 'ARPay',
	idHint:
		'A journal name of type Customer payment (Accounts receivable > Payments setup > Journal names), e.g. ARPay',
	description:
		'The customer payment journal name the headers are created with: the list shows the journal names of type Customer payment, e.g. ARPay',
	required: true,
	defaultId: 'ARPay',
});

/** Who the document is for: shared by payments and credit notes. */
export const documentCustomerFields = (resource: string, operation: string): INodeProperties[] => [
	{
		displayName: 'Customer',
		name: 'customerMode',
		type: 'options',
		displayOptions: { show: { resource: [resource], operation: [operation] } },
		options: [
			{
				name: 'From the Posted Sales Order',
				value: 'salesOrder',
				description:
					'The customer of the sales order posted for the BigCommerce order (post the order first)',
			},
			{
				name: 'Customer Account',
				value: 'account',
				description: 'The F&O customer account given below',
			},
		],
		default: 'salesOrder',
	},
	{
		...customerAccountLocator,
		default: { mode: 'id', value: '={{ $json.customerAccount }}' },
		displayOptions: {
			show: { resource: [resource], operation: [operation], customerMode: ['account'] },
		},
	},
	{
		displayName: 'Wait for Sales Order (Seconds)',
		name: 'salesOrderWait',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_SALES_ORDER_WAIT_S,
		displayOptions: {
			show: { resource: [resource], operation: [operation], customerMode: ['salesOrder'] },
		},
		description:
			"How long to keep looking (with back-off) for the order's sales order when it is not found yet, e.g. while the order's own execution is still posting it; 0 fails at once",
	},
];

export const dimensionDelimiterField: INodeProperties = {
	displayName: 'Dimension Delimiter',
	name: 'dimensionDelimiter',
	type: 'string',
	default: '-',
	description:
		'The delimiter of the active dimension integration formats, used to read the account display values given here',
};

export const referencePrefixField: INodeProperties = {
	displayName: 'Reference Prefix',
	name: 'referencePrefix',
	type: 'string',
	default: 'BC',
	placeholder: 'BC',
	description:
		'Start of the references that tie F&O records to BigCommerce (e.g. BC makes BC-&lt;store hash&gt;-&lt;order ID&gt;). Use the same prefix as the Sales Order node, or its orders are not found.',
};

/** A "find by BigCommerce ids" operation: the order id, the id of the record under it, the prefix. */
export const findByBigCommerceIdFields = (
	show: Record<string, string[]>,
	recordId: { displayName: string; name: string },
): INodeProperties[] => [
	{
		displayName: 'BigCommerce Order ID',
		name: 'orderId',
		type: 'number',
		default: 0,
		required: true,
		displayOptions: { show },
		description: 'The order number in the BigCommerce control panel, e.g. 111',
	},
	{ ...recordId, type: 'number', default: 0, required: true, displayOptions: { show } },
	optionsField(show, [referencePrefixField]),
];
