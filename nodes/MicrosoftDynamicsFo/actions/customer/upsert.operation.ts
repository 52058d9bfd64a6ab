/**
 * Customer → Create or Update: a BigCommerce customer or an order's buyer as an F&O customer,
 * once.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	bigCommerceRecordField,
	customerMappingOptions,
	dryRunField,
	guestOrderFields,
	optionsField,
	showFor,
} from '../common.descriptions';
import {
	mapCustomerCreate,
	mapCustomerUpdate,
	type BcCustomer,
	type BcOrder,
	type GuestMode,
} from '../../mapping';
import { upsertCustomer, upsertOrderCustomer } from '../../posting/customer';
import type { OperationContext } from '../context';
import { customerMappingFrom, recordParameter } from '../parameters';
import { writeTimingFrom, writeTimingOptions } from '../writeTiming';

const show = showFor('customer');

export const description: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		displayOptions: { show: show(['upsert']) },
		options: [
			{
				name: 'BigCommerce Customer',
				value: 'customer',
				description: 'A v3 customer (customer created/updated events)',
			},
			{
				name: 'Order Buyer',
				value: 'order',
				description: 'The buyer of a v2 order (billing address), guests included',
			},
		],
		default: 'customer',
	},
	{ ...bigCommerceRecordField('Record', show(['upsert'])) },
	...guestOrderFields({ ...show(['upsert']), source: ['order'] }),
	optionsField(show(['upsert']), [
		...customerMappingOptions,
		{ ...dryRunField },
		...writeTimingOptions,
	]),
];

type UpsertResult = Awaited<ReturnType<typeof upsertCustomer>>;

/** The upserted customer as the operation outputs it: its account first, then the record. */
const upsertOutput = (result: UpsertResult): IDataObject => ({
	customerAccount: result.customerAccount,
	...(result.record ?? {}),
	plannedRequests: result.plannedRequests,
	audit: result.audit,
});

export async function execute({
	fn,
	itemIndex,
	dataAreaId,
	lock,
}: OperationContext): Promise<IDataObject> {
	const source = fn.getNodeParameter('source', itemIndex) as 'customer' | 'order';
	const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mapping = customerMappingFrom(dataAreaId, options);
	const dryRun = Boolean(options.dryRun);
	const timing = writeTimingFrom(options);
	if (source === 'customer') {
		const bc = recordParameter<BcCustomer>(fn, itemIndex);
		const prefix = mapping.customerAccountPrefix;
		const identity = prefix
			? { account: `${prefix}${bc.id}` }
			: { email: String(bc.email ?? '').toLowerCase() };
		const result = await upsertCustomer(fn, {
			dataAreaId,
			identity,
			bigcommerceId: `customer:${bc.id}`,
			create: mapCustomerCreate(bc, mapping),
			update: mapCustomerUpdate(bc, mapping),
			dryRun,
			itemIndex,
			lock,
			...timing,
		});
		return upsertOutput(result);
	}
	const order = recordParameter<BcOrder>(fn, itemIndex);
	const guestMode = fn.getNodeParameter('guestMode', itemIndex) as GuestMode;
	const sharedGuestAccount = fn.getNodeParameter('sharedGuestAccount', itemIndex, '') as string;
	const customer = await upsertOrderCustomer(fn, {
		dataAreaId,
		order,
		options: { ...mapping, guestMode, sharedGuestAccount },
		refresh: true,
		dryRun,
		itemIndex,
		lock,
		...timing,
	});
	if (!customer.upsert) {
		return {
			customerAccount: customer.customerAccount,
			dataAreaId,
			audit: { action: 'skipped', entity: 'CustomersV3', reason: 'shared guest account' },
		};
	}
	return upsertOutput(customer.upsert);
}
