/**
 * Inventory → Set Absolute From Stock Rows: F&O on-hand rows (the F&O node's On-Hand → Get Many,
 * one item with all rows) become BigCommerce stock levels per location, only what changed, in
 * adjustments of at most 2,000 items, one at a time — see fulfilment/stockSync.ts.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { postingLockOf } from '../../fulfilment/lock';
import {
	syncStock,
	type LocationRow,
	type StockMemory,
	type StockRow,
} from '../../fulfilment/stockSync';
import { BIGCOMMERCE_CREDENTIAL } from '../../transport';
import { httpContext } from '../parameters';

const show = { resource: ['inventory'], operation: ['setAbsolute'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Stock Rows',
		name: 'rows',
		type: 'json',
		default: '={{ $json.rows }}',
		required: true,
		displayOptions: { show },
		description:
			'Rows with sku, siteId, warehouseId and the quantity fields of the F&O node’s On-Hand → Get Many',
	},
	{
		displayName: 'Quantity',
		name: 'quantityField',
		type: 'options',
		default: 'availableOnHand',
		displayOptions: { show },
		options: [
			{
				name: 'Available Physical',
				value: 'availableOnHand',
				description: 'On hand less reservations (AvailableOnHandQuantity)',
			},
			{ name: 'Physical Inventory', value: 'onHand', description: 'OnHandQuantity: oversells' },
			{
				name: 'Total Available',
				value: 'totalAvailable',
				description: 'Also counts ordered receipts (TotalAvailableQuantity)',
			},
		],
	},
	{
		displayName: 'Warehouse → Location',
		name: 'locations',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Warehouse',
		displayOptions: { show },
		description:
			'Which BigCommerce location each F&O warehouse stocks; several warehouses may share one location (they add up). Rows of other warehouses are reported.',
		options: [
			{
				displayName: 'Warehouse',
				name: 'entries',
				values: [
					{
						displayName: 'F&O Site',
						name: 'siteId',
						type: 'string',
						default: '',
						description: 'Empty: the warehouse in any site',
					},
					{ displayName: 'F&O Warehouse', name: 'warehouseId', type: 'string', default: '' },
					{
						displayName: 'BigCommerce Location ID',
						name: 'locationId',
						type: 'number',
						default: 1,
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Only Changed',
				name: 'onlyChanged',
				type: 'boolean',
				default: true,
				description: 'Whether to send only quantities that differ from what this node last sent',
			},
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'string',
				default: 'F&O on-hand sync',
				description: 'The adjustment reason BigCommerce records',
			},
			{
				displayName: 'Safety Stock',
				name: 'safetyStock',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Units held back per SKU and location (never below 0)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('rows', i, []) as unknown;
	const rows = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
	if (!Array.isArray(rows))
		throw new NodeOperationError(this.getNode(), 'Stock Rows must be a list of rows', {
			itemIndex: i,
		});
	const field = String(this.getNodeParameter('quantityField', i, 'availableOnHand'));
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const locations = (
		(this.getNodeParameter('locations', i, {}) as { entries?: LocationRow[] }).entries ?? []
	).filter((l) => l.warehouseId);
	const credentials = await this.getCredentials(BIGCOMMERCE_CREDENTIAL, i);
	const memory = this.getWorkflowStaticData('node') as StockMemory;
	const stock: StockRow[] = rows.map((r) => ({
		sku: r.sku as string,
		itemNumber: r.itemNumber as string,
		siteId: r.siteId as string,
		warehouseId: r.warehouseId as string,
		quantity: Number(r[field] ?? r.quantity ?? 0),
	}));
	const { summary, issues } = await syncStock(httpContext(this), stock, memory, {
		locations: locations.map((l) => ({ ...l, locationId: Number(l.locationId) })),
		safetyStock: Number(options.safetyStock ?? 0),
		onlyChanged: options.onlyChanged !== false,
		storeHash: String(credentials.storeHash ?? ''),
		reason: String(options.reason ?? 'F&O on-hand sync'),
		lock: await postingLockOf(this),
		itemIndex: i,
	});
	return [summary, ...issues];
}
