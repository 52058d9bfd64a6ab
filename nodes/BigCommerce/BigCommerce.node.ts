import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type JsonObject,
} from 'n8n-workflow';

import { customer } from './actions/customer';
import { order } from './actions/order';
import { product } from './actions/product';
import { refund } from './actions/refund';
import type { OperationRunner } from './actions/shared';
import { transaction } from './actions/transaction';
import { webhook } from './actions/webhook';
import {
	customerFields,
	customerOperations,
	orderFields,
	orderOperations,
	productFields,
	productOperations,
	refundFields,
	refundOperations,
	transactionFields,
	transactionOperations,
	webhookFields,
	webhookOperations,
} from './descriptions';

const runners: Record<string, OperationRunner> = {
	customer,
	order,
	product,
	refund,
	transaction,
	webhook,
};

/**
 * Reads a BigCommerce store (orders with their lines, transactions, refunds, customers, catalog
 * SKUs) and manages its webhooks. Programmatic rather than declarative: one order is a v2 read
 * plus a v3 read, with `/products` paged only past the consignments' 50-line cap, and every call
 * goes through the shared HTTP core for the store's shared rate quota.
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
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read orders, transactions, refunds, customers and products, and manage webhooks',
		defaults: { name: 'BigCommerce' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bigCommerceApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Order', value: 'order' },
					{ name: 'Product', value: 'product' },
					{ name: 'Refund', value: 'refund' },
					{ name: 'Transaction', value: 'transaction' },
					{ name: 'Webhook', value: 'webhook' },
				],
				default: 'order',
			},
			...customerOperations,
			...customerFields,
			...orderOperations,
			...orderFields,
			...productOperations,
			...productFields,
			...refundOperations,
			...refundFields,
			...transactionOperations,
			...transactionFields,
			...webhookOperations,
			...webhookFields,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];

		for (let i = 0; i < items.length; i++) {
			try {
				const resource = this.getNodeParameter('resource', i) as string;
				const operation = this.getNodeParameter('operation', i) as string;
				const run = runners[resource];
				if (!run) {
					throw new NodeOperationError(this.getNode(), `The resource "${resource}" is not known`, {
						itemIndex: i,
					});
				}
				const results: IDataObject[] = await run.call(this, operation, i);
				for (const json of results) returnData.push({ json, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				// The HTTP core already throws NodeApiErrors carrying BigCommerce's message and the
				// item; both constructors hand such an error back unchanged, so nothing is lost.
				if (error instanceof NodeApiError) {
					error.context.itemIndex ??= i;
					throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex: i });
				}
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			}
		}

		return [returnData];
	}
}
