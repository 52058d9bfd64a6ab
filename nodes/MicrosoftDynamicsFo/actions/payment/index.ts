/**
 * The payment resource: post captured BigCommerce transactions, and the payouts of refunds, as
 * customer payment journal lines exactly once; find the line of one transaction.
 */
import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../../../common/descriptions';
import * as post from './post.operation';
import * as find from './find.operation';
import * as postRefund from './postRefund.operation';

export { post, postRefund, find };

/** Listed with the other resources' selectors, ahead of the shared legal entity and lock. */
export const operationSelector: INodeProperties = operationProperty(
	'payment',
	[
		{
			name: 'Find by BigCommerce Transaction',
			value: 'find',
			description: 'Find the payment journal line that carries a BigCommerce transaction',
			action: 'Find a payment by store transaction',
		},
		{
			name: 'Post Captured Payments',
			value: 'post',
			description:
				'Post captured BigCommerce transactions as customer payment journal lines, each exactly once; authorisations, voids and failed transactions are skipped',
			action: 'Post captured payments',
		},
		{
			name: 'Post Refund Payouts',
			value: 'postRefund',
			description:
				"Post the money a BigCommerce refund paid back (each of its payments) as customer payment journal lines that debit the customer, each exactly once; run it after the refund's credit note",
			action: 'Post refund payouts',
		},
	],
	'post',
);

/** The fields of this resource's operations, in the order the node shows them. */
export const fields: INodeProperties[] = [
	...post.description,
	...postRefund.description,
	...find.description,
];
