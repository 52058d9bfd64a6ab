/**
 * The reconciliation resource: does the ledger hold what the store sold, captured and refunded,
 * and do the masters line up? Reads only, in both systems. It lives on the F&O node because
 * everything it compares is found by the references this node writes, in the legal entity this
 * node posts to; the store is read with the BigCommerce credential the node asks for only here.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as masters from './masters.operation';
import * as orders from './orders.operation';

export { orders };
export const skus = { execute: masters.skus };
export const customers = { execute: masters.customers };

export const operationSelector: INodeProperties = operationProperty(
	'reconciliation',
	[
		{
			name: 'Reconcile Orders',
			value: 'orders',
			description:
				"Compare a date range of store orders, captures and refunds with F&O's sales orders, invoices, payment lines and credit notes",
			action: 'Reconcile orders with F&O',
		},
		{
			name: 'Check SKUs',
			value: 'skus',
			description:
				"Resolve every store SKU (products and variants) against F&O's released products and variants: resolved, by override, unresolved, ambiguous",
			action: 'Check store SKUs against F&O',
		},
		{
			name: 'Check Customers',
			value: 'customers',
			description:
				'Find every store customer in CustomersV3 by email: missing, differing fields (what an update would change), duplicated',
			action: 'Check store customers against F&O',
		},
	],
	'orders',
);

export const fields: INodeProperties[] = [...orders.description, ...masters.description];
