import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { operationSubtitle, resourceProperty } from '../common/descriptions';
import {
	legalEntityField,
	parallelItemsField,
	postingLockField,
} from './actions/common.descriptions';
import * as creditNote from './actions/creditNote';
import * as customer from './actions/customer';
import * as entity from './actions/entity';
import * as legalEntity from './actions/legalEntity';
import * as onHand from './actions/onHand';
import * as packingSlip from './actions/packingSlip';
import { getLegalEntities } from './actions/legalEntity/loadOptions';
import { listSearch } from './actions/listSearch';
import { getChargeItems, getCustomerGroups } from './actions/lookupLists';
import * as payment from './actions/payment';
import * as reconciliation from './actions/reconciliation';
import { redisLockTest } from './actions/postingLock';
import * as releasedProduct from './actions/releasedProduct';
import { router } from './actions/router';
import * as salesOrder from './actions/salesOrder';
import * as tracking from './actions/tracking';
import { FO_CREDENTIAL } from './transport';

/**
 * Posts BigCommerce customers, orders, payments and refunds to Dynamics 365 Finance & Operations,
 * each exactly once, and reads and writes any entity set. Every resource's operation selector comes
 * first, then the legal entity and posting lock they share, then each resource's fields.
 */
export class MicrosoftDynamicsFo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Dynamics 365 F&O',
		name: 'microsoftDynamicsFo',
		icon: {
			light: 'file:../../icons/dynamics365.svg',
			dark: 'file:../../icons/dynamics365.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle({
			'customer:upsert': 'Create or update customer',
			'customer:findByEmail': 'Find customers by email',
			'customer:get': 'Get customer',
			'legalEntity:getAll': 'List legal entities',
			'releasedProduct:get': 'Get released product',
			'releasedProduct:resolveSkus': 'Resolve SKUs to items',
			'salesOrder:create': 'Create sales order',
			'salesOrder:findByBigCommerceId': 'Find sales order of an order',
			'salesOrder:get': 'Get sales order',
			'payment:post': 'Post captured payments',
			'payment:postRefund': 'Post refund payouts',
			'payment:find': 'Find payment of a transaction',
			'reconciliation:orders': 'Reconcile orders',
			'reconciliation:skus': 'Check store SKUs',
			'reconciliation:customers': 'Check store customers',
			'creditNote:create': 'Create credit note from refund',
			'creditNote:find': 'Find credit note of a refund',
			'entity:create': 'Create record',
			'entity:delete': 'Delete record',
			'entity:get': 'Get record',
			'entity:getAll': 'Get many records',
			'packingSlip:getAll': 'Get packing slips since last read',
			'tracking:get': 'Get tracking numbers',
			'onHand:getAll': 'Get on hand stock',
			'entity:update': 'Update record',
		}),
		description:
			'Post BigCommerce customers, orders, payments and refunds to Dynamics 365 Finance & Operations, exactly once',
		defaults: { name: 'Dynamics 365 F&O' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: FO_CREDENTIAL, required: true },
			{
				// A literal, not REDIS_LOCK_CREDENTIAL: n8n's lint rule (credential-test-required) reads
				// the name here to find the credential's `testedBy`.
				name: 'bigCommerceD365RedisLockApi',
				required: true,
				testedBy: 'redisLockTest',
				displayOptions: { show: { postingLock: ['redis'] } },
			},
			{
				// Reconciliation reads the store too; n8n asks for it only on this resource.
				name: 'bigCommerceApi',
				required: true,
				displayOptions: { show: { resource: ['reconciliation'] } },
			},
		],
		properties: [
			resourceProperty(
				[
					{ name: 'Credit Note', value: 'creditNote' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Entity (Any Entity Set)', value: 'entity' },
					{ name: 'Legal Entity', value: 'legalEntity' },
					{ name: 'On-Hand Stock', value: 'onHand' },
					{ name: 'Packing Slip', value: 'packingSlip' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Reconciliation', value: 'reconciliation' },
					{ name: 'Released Product', value: 'releasedProduct' },
					{ name: 'Sales Order', value: 'salesOrder' },
					{ name: 'Tracking', value: 'tracking' },
				],
				'salesOrder',
			),
			customer.operationSelector,
			legalEntity.operationSelector,
			releasedProduct.operationSelector,
			salesOrder.operationSelector,
			payment.operationSelector,
			creditNote.operationSelector,
			packingSlip.operationSelector,
			tracking.operationSelector,
			onHand.operationSelector,
			reconciliation.operationSelector,
			entity.operationSelector,
			{ ...legalEntityField, displayOptions: { hide: { resource: ['legalEntity'] } } },
			postingLockField,
			parallelItemsField,
			...customer.fields,
			...legalEntity.fields,
			...releasedProduct.fields,
			...salesOrder.fields,
			...payment.fields,
			...creditNote.fields,
			...packingSlip.fields,
			...tracking.fields,
			...onHand.fields,
			...reconciliation.fields,
			...entity.fields,
		],
	};

	methods = {
		credentialTest: { redisLockTest },
		loadOptions: { getLegalEntities, getCustomerGroups, getChargeItems },
		listSearch,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
