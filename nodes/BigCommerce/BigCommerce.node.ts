import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { operationSubtitle, resourceProperty } from '../common/descriptions';
import * as customer from './actions/customer';
import { fulfilmentLockField, redisLockTest } from './fulfilment/lock';
import * as inventory from './actions/inventory';
import * as order from './actions/order';
import { searchOrders } from './actions/order/listSearch';
import * as product from './actions/product';
import * as refund from './actions/refund';
import * as shipment from './actions/shipment';
import { router } from './actions/router';
import * as transaction from './actions/transaction';
import * as webhook from './actions/webhook';

/**
 * Reads a BigCommerce store (orders with their lines, transactions, refunds, customers, catalog
 * SKUs), manages its webhooks, and writes back what F&O shipped and stocks (shipments, order
 * status, inventory levels; the writes under the Posting Lock). Programmatic rather than
 * declarative: one order is a v2 read plus a v3 read, with `/products` paged only past the
 * consignments' 50-line cap, and every call goes through the shared HTTP core for the store's
 * shared rate quota.
 */
export class BigCommerce implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BigCommerce',
		name: 'bigCommerce',
		icon: {
			light: 'file:../../icons/bigcommerce.svg',
			dark: 'file:../../icons/bigcommerce.dark.svg',
		},
		group: ['input'],
		version: 1,
		subtitle: operationSubtitle({
			'customer:get': 'Get customer',
			'customer:getAll': 'Get many customers',
			'order:get': 'Get order',
			'order:getAll': 'Get many orders',
			'order:updateStatus': 'Update order status',
			'inventory:get': 'Get inventory',
			'inventory:setAbsolute': 'Set inventory levels',
			'product:findBySku': 'Find products by SKU',
			'refund:getAll': 'Get many refunds',
			'shipment:create': 'Create shipment from packing slip',
			'shipment:getAll': 'Get many shipments',
			'transaction:getAll': 'Get many transactions',
			'webhook:create': 'Create webhook',
			'webhook:delete': 'Delete webhook',
			'webhook:getAll': 'Get many webhooks',
			'webhook:update': 'Update webhook',
		}),
		description:
			'Read orders, transactions, refunds, customers and products, ship orders and set stock levels from F&O, and manage webhooks',
		defaults: { name: 'BigCommerce' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'bigCommerceApi', required: true },
			{
				// A literal, as on the F&O node: n8n's lint rule reads the name to find `testedBy`.
				name: 'bigCommerceD365RedisLockApi',
				required: true,
				testedBy: 'redisLockTest',
				displayOptions: { show: { postingLock: ['redis'] } },
			},
		],
		properties: [
			resourceProperty(
				[
					{ name: 'Customer', value: 'customer' },
					{ name: 'Inventory', value: 'inventory' },
					{ name: 'Order', value: 'order' },
					{ name: 'Product', value: 'product' },
					{ name: 'Refund', value: 'refund' },
					{ name: 'Shipment', value: 'shipment' },
					{ name: 'Transaction', value: 'transaction' },
					{ name: 'Webhook', value: 'webhook' },
				],
				'order',
			),
			...customer.description,
			...inventory.description,
			...order.description,
			...product.description,
			...refund.description,
			...shipment.description,
			...transaction.description,
			...webhook.description,
			fulfilmentLockField,
		],
	};

	methods = { listSearch: { searchOrders }, credentialTest: { redisLockTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
