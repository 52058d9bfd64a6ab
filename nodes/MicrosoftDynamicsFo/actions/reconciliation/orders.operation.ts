/**
 * Reconciliation → Reconcile Orders: for a date range, every store order in the chosen statuses
 * against what F&O holds under the pack's references (reconciliation/run.ts); one item per order
 * with its status, both sides' figures, the difference and the F&O keys, plus one summary item
 * (first). Reads only. BigCommerce is read with the node's BigCommerce credential, whose store hash
 * is the one in the references.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseDateInput } from '../../../BigCommerce/api';
import { BIGCOMMERCE_CREDENTIAL } from '../../../BigCommerce/transport';
import {
	DEFAULT_ORDER_STATUSES,
	ORDER_STATUS_OPTIONS,
	selectedStatuses,
} from '../../../BigCommerce/trigger/events';
import { reconcileOrders } from '../../reconciliation/run';
import { optionsField, referencePrefixField, showFor } from '../common.descriptions';
import type { OperationContext } from '../context';
import { referencePrefixParameter } from '../parameters';
import { orderLinks, linkOptionFields } from './links';

const show = showFor('reconciliation')(['orders']);

/** The paid family, plus the refunded statuses: orders the shipped workflows post. */
const RECONCILED_STATUSES = [...DEFAULT_ORDER_STATUSES, 14, 4];

export const description: INodeProperties[] = [
	{
		displayName: 'Date Field',
		name: 'dateField',
		type: 'options',
		options: [
			{ name: 'Created', value: 'created', description: "The order's date_created" },
			{ name: 'Modified', value: 'modified', description: "The order's date_modified" },
		],
		default: 'created',
		displayOptions: { show },
		description: 'Which order date the range applies to',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'dateTime',
		default: '={{ $today.minus({ days: 1 }).toISO() }}',
		required: true,
		displayOptions: { show },
		description: "Start of the range (inclusive), in the workflow's time zone unless it names one",
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'dateTime',
		default: '={{ $today.minus({ milliseconds: 1 }).toISO() }}',
		required: true,
		displayOptions: { show },
		description: 'End of the range (inclusive)',
	},
	{
		displayName: 'Order Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: ORDER_STATUS_OPTIONS,
		default: [...RECONCILED_STATUSES],
		displayOptions: { show },
		description:
			'Orders in these statuses are expected in F&O (the ones your order-sync workflow posts). Others in the range are left out.',
	},
	optionsField({ resource: ['reconciliation'], operation: ['orders'] }, [
		{
			displayName: 'Check Extra Orders in F&O',
			name: 'checkExtras',
			type: 'boolean',
			default: true,
			description:
				'Whether to report sales orders F&O created in the range under this store whose order the store does not have (extra_in_fo)',
		},
		{
			displayName: 'Compare Payments',
			name: 'comparePayments',
			type: 'boolean',
			default: true,
			description:
				'Whether to compare captured transactions with payment journal lines. BigCommerce lists transactions only per order, so this costs one BigCommerce call per order.',
		},
		{
			displayName: 'Expect Refund Payouts',
			name: 'expectRefundPayouts',
			type: 'boolean',
			default: false,
			description:
				'Whether refunds are also posted as payout lines (Payment → Post Refund Payouts); their debits are then compared with what each refund paid back',
		},
		{
			displayName: 'Sales Tax',
			name: 'taxCalculation',
			type: 'options',
			options: [
				{
					name: 'F&O Calculates',
					value: 'fo',
					description:
						"F&O's tax figures are compared with BigCommerce's; refunded products are on return orders",
				},
				{
					name: "BigCommerce's Tax as Posted",
					value: 'asPosted',
					description:
						"The order's tax is its lines on the Tax Liability Item (set it below); each refund is one free-text credit note of everything paid back",
				},
			],
			default: 'fo',
			description: 'As the Sales Order and Credit Note nodes post them (their Sales Tax)',
		},
		{
			displayName: 'Tax Liability Item',
			name: 'taxItemNumber',
			type: 'string',
			default: '',
			placeholder: 'SALESTAX',
			description:
				"With BigCommerce's Tax as Posted: the item whose sales order lines carry BigCommerce's tax, as on the Sales Order node",
		},
		{
			displayName: 'Include Test Transactions',
			name: 'includeTestTransactions',
			type: 'boolean',
			default: false,
			description:
				'Whether gateway test transactions count as payments (as the Payment node option of the same name)',
		},
		{
			displayName: 'Orders per Page',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 250 },
			default: 250,
			description:
				'Orders read from the store per call (at most 250); each page costs one F&O $batch whatever its size, and one more for the lines of its credit notes when it has any',
		},
		...linkOptionFields,
		referencePrefixField,
	]),
];

const isoSeconds = (value: unknown, timeZone: string) =>
	parseDateInput(value as string, timeZone)
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z');

export async function execute({
	fn,
	itemIndex,
	dataAreaId,
	environmentUrl,
}: OperationContext): Promise<IDataObject[]> {
	const bigCommerce = await fn.getCredentials(BIGCOMMERCE_CREDENTIAL, itemIndex);
	const storeHash = String(bigCommerce.storeHash ?? '').trim();
	const timeZone = fn.getTimezone();
	const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const from = isoSeconds(fn.getNodeParameter('from', itemIndex), timeZone);
	const to = isoSeconds(fn.getNodeParameter('to', itemIndex), timeZone);
	if (from > to) throw new Error(`The range is empty: From (${from}) is after To (${to})`);
	const asPosted = options.taxCalculation === 'asPosted';
	const taxItemNumber = String(options.taxItemNumber ?? '').trim();
	if (asPosted && !taxItemNumber) {
		throw new Error(
			"Orders posted with BigCommerce's tax as posted carry it on the Tax Liability Item's lines: set the Tax Liability Item option",
		);
	}
	const result = await reconcileOrders(fn, fn, {
		environmentUrl,
		dataAreaId,
		storeHash,
		referencePrefix: referencePrefixParameter(fn, itemIndex),
		itemIndex,
		from,
		to,
		dateField: fn.getNodeParameter('dateField', itemIndex, 'created') as 'created' | 'modified',
		statusIds: selectedStatuses(fn.getNodeParameter('statuses', itemIndex, RECONCILED_STATUSES)),
		comparePayments: options.comparePayments !== false,
		expectRefundPayouts: options.expectRefundPayouts === true,
		taxCalculation: asPosted ? 'asPosted' : 'fo',
		taxItemNumber: asPosted ? taxItemNumber : undefined,
		includeTestTransactions: options.includeTestTransactions === true,
		checkExtras: options.checkExtras !== false,
		pageSize: Number(options.pageSize) || undefined,
	});
	const links = orderLinks(options, { storeHash, dataAreaId, environmentUrl });
	return [
		result.summary as IDataObject,
		...result.orders.map((order) => ({ ...order, links: links(order) }) as unknown as IDataObject),
	];
}
