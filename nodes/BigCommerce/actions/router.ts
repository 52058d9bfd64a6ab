/**
 * The BigCommerce node's execute: each item names its resource and operation (read per item, so a
 * run may mix them), the operation's `execute` gives its output, and the shared item loop pairs
 * it, puts failures on the item under continueOnFail or throws them with the item's index.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../common/router';
import * as customer from './customer';
import * as inventory from './inventory';
import * as order from './order';
import type { OperationExecute } from './parameters';
import * as product from './product';
import * as refund from './refund';
import * as shipment from './shipment';
import * as transaction from './transaction';
import * as webhook from './webhook';

/** Each resource module: its operations by value, beside its `description`. */
const resources: Record<string, Record<string, unknown>> = {
	customer,
	inventory,
	order,
	product,
	refund,
	shipment,
	transaction,
	webhook,
};

function operationOf(context: IExecuteFunctions, itemIndex: number): OperationExecute {
	const resource = context.getNodeParameter('resource', itemIndex) as string;
	const operation = context.getNodeParameter('operation', itemIndex) as string;
	const operations = Object.hasOwn(resources, resource) ? resources[resource] : undefined;
	if (!operations) {
		throw new NodeOperationError(context.getNode(), `The resource "${resource}" is not known`, {
			itemIndex,
		});
	}
	const found = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	const execute = (found as { execute?: OperationExecute } | undefined)?.execute;
	if (typeof execute !== 'function') {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" is not known for ${resource}`,
			{ itemIndex },
		);
	}
	return execute;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, {
		run: async (itemIndex) => await operationOf(this, itemIndex).call(this, itemIndex),
	});
}
