/** resource → operation → handler, for the operations of this node. */
import type { IDataObject } from 'n8n-workflow';

import { creditNote } from './creditNoteHandlers';
import {
	CUSTOMER_SELECT,
	findCustomersByEmail,
	getCustomer,
	upsertCustomer,
} from '../posting/customer';
import { entity } from './entity';
import { payment } from './paymentHandlers';
import {
	parseDimensionPairs,
	recordParameter,
	skuTableFrom,
	type OperationHandler,
} from './context';
import { findSalesOrdersByReference, postSalesOrder, type FullOrder } from '../posting/salesOrder';
import {
	mapCustomerCreate,
	mapCustomerUpdate,
	mapBillingAddressCustomerCreate,
	mapBillingAddressCustomerUpdate,
	orderReference,
	resolveOrderCustomer,
	type BcCustomer,
	type BcOrder,
	type CustomerMappingOptions,
	type GuestMode,
} from '../mapping';
import { getEntity, queryEntities } from '../odata';
import { resolveSkus } from '../skuResolution';

type Options = IDataObject;

function customerOptions(dataAreaId: string, options: Options): CustomerMappingOptions {
	return {
		dataAreaId,
		customerGroupId: String(options.customerGroupId ?? 'WEB'),
		currencyCode: String(options.currencyCode ?? 'USD'),
		customerAccountPrefix: (options.customerAccountPrefix as string) || undefined,
	};
}

const legalEntity: Record<string, OperationHandler> = {
	async getAll({ fn }) {
		return await queryEntities(fn, 'LegalEntities', { select: ['LegalEntityId', 'Name'] });
	},
};

const customer: Record<string, OperationHandler> = {
	async get({ fn, itemIndex, dataAreaId }) {
		const account = fn.getNodeParameter('customerAccount', itemIndex) as string;
		const record = await getCustomer(fn, dataAreaId, account, itemIndex);
		return record ?? { found: false, dataAreaId, customerAccount: account };
	},
	async findByEmail({ fn, itemIndex, dataAreaId }) {
		const email = fn.getNodeParameter('email', itemIndex) as string;
		return await findCustomersByEmail(fn, dataAreaId, email, itemIndex);
	},
	async upsert({ fn, itemIndex, dataAreaId, lock }) {
		const source = fn.getNodeParameter('source', itemIndex) as 'customer' | 'order';
		const options = fn.getNodeParameter('options', itemIndex, {}) as Options;
		const mapping = customerOptions(dataAreaId, options);
		const dryRun = Boolean(options.dryRun);
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
			});
			return {
				customerAccount: result.customerAccount,
				...(result.record ?? {}),
				plannedRequests: result.plannedRequests,
				audit: result.audit,
			};
		}
		const order = recordParameter<BcOrder>(fn, itemIndex);
		const guestMode = fn.getNodeParameter('guestMode', itemIndex) as GuestMode;
		const sharedGuestAccount = fn.getNodeParameter('sharedGuestAccount', itemIndex, '') as string;
		const resolution = resolveOrderCustomer(order, { ...mapping, guestMode, sharedGuestAccount });
		if (resolution.kind === 'sharedGuest') {
			return {
				customerAccount: resolution.customerAccount,
				dataAreaId,
				audit: { action: 'skipped', entity: 'CustomersV3', reason: 'shared guest account' },
			};
		}
		const email = String(order.billing_address?.email ?? '').toLowerCase();
		const identity =
			resolution.kind === 'registered' && mapping.customerAccountPrefix
				? { account: `${mapping.customerAccountPrefix}${resolution.bigCommerceCustomerId}` }
				: { email };
		const result = await upsertCustomer(fn, {
			dataAreaId,
			identity,
			bigcommerceId:
				resolution.kind === 'registered'
					? `customer:${resolution.bigCommerceCustomerId}`
					: `guest:${email}`,
			create:
				resolution.kind === 'perEmailGuest'
					? resolution.create
					: mapBillingAddressCustomerCreate(order.billing_address, mapping, order.customer_id),
			update: mapBillingAddressCustomerUpdate(order.billing_address, mapping),
			dryRun,
			itemIndex,
			lock,
		});
		return {
			customerAccount: result.customerAccount,
			...(result.record ?? {}),
			plannedRequests: result.plannedRequests,
			audit: result.audit,
		};
	},
};

const releasedProduct: Record<string, OperationHandler> = {
	async get({ fn, itemIndex, dataAreaId }) {
		const itemNumber = fn.getNodeParameter('itemNumber', itemIndex) as string;
		const record = await getEntity(
			fn,
			'ReleasedProductsV2',
			{ dataAreaId, ItemNumber: itemNumber },
			{ itemIndex },
		);
		return record ?? { found: false, dataAreaId, itemNumber };
	},
	async resolveSkus({ fn, itemIndex, dataAreaId, environmentUrl, skuCache }) {
		const skus = String(fn.getNodeParameter('skus', itemIndex))
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		const resolution = await resolveSkus(fn, environmentUrl, dataAreaId, skus, {
			table: skuTableFrom(fn.getNodeParameter('skuMapping', itemIndex, {})),
			cache: skuCache,
			itemIndex,
		});
		return {
			dataAreaId,
			items: Object.fromEntries(resolution.items) as unknown as IDataObject,
			unmapped: resolution.unmapped,
		};
	},
};

const salesOrder: Record<string, OperationHandler> = {
	async get({ fn, itemIndex, dataAreaId }) {
		const number = fn.getNodeParameter('salesOrderNumber', itemIndex) as string;
		const record = await getEntity(
			fn,
			'SalesOrderHeadersV2',
			{ dataAreaId, SalesOrderNumber: number },
			{ itemIndex },
		);
		return record ?? { found: false, dataAreaId, salesOrderNumber: number };
	},
	async findByBigCommerceId({ fn, itemIndex, dataAreaId }) {
		const reference = orderReference(
			fn.getNodeParameter('storeHash', itemIndex) as string,
			fn.getNodeParameter('orderId', itemIndex) as number,
		);
		return await findSalesOrdersByReference(fn, dataAreaId, reference, itemIndex);
	},
	async create({ fn, itemIndex, dataAreaId, environmentUrl, skuCache, lock }) {
		const options = fn.getNodeParameter('options', itemIndex, {}) as Options;
		const numbering = fn.getNodeParameter('numbering', itemIndex) as string;
		const customerMode = fn.getNodeParameter('customerMode', itemIndex) as string;
		const dimensionNames = String(options.dimensionFormat ?? '').trim();
		const delimiter = dimensionNames.match(/[^A-Za-z0-9_]/)?.[0] ?? '-';
		return await postSalesOrder(fn, recordParameter<FullOrder>(fn, itemIndex), {
			dataAreaId,
			environmentUrl,
			itemIndex,
			storeHash: fn.getNodeParameter('storeHash', itemIndex) as string,
			referencePrefix: (options.referencePrefix as string) || undefined,
			orderNumberPrefix:
				numbering === 'deterministic'
					? (fn.getNodeParameter('orderNumberPrefix', itemIndex) as string)
					: undefined,
			customer:
				customerMode === 'account'
					? {
							mode: 'account',
							account: fn.getNodeParameter('customerAccount', itemIndex) as string,
						}
					: {
							mode: 'resolve',
							guestMode: fn.getNodeParameter('guestMode', itemIndex) as GuestMode,
							sharedGuestAccount: fn.getNodeParameter(
								'sharedGuestAccount',
								itemIndex,
								'',
							) as string,
							customerAccountPrefix: (options.customerAccountPrefix as string) || undefined,
							customer: customerOptions(dataAreaId, options),
						},
			mapping: {
				charges: {
					shippingItemNumber:
						(fn.getNodeParameter('shippingItemNumber', itemIndex, '') as string) || undefined,
				},
				defaultSiteId: (options.siteId as string) || undefined,
				defaultWarehouseId: (options.warehouseId as string) || undefined,
				taxMode: (options.taxMode as 'auto' | 'exclusive' | 'inclusive') ?? 'auto',
				dimensions: dimensionNames
					? {
							format: dimensionNames.split(delimiter),
							values: parseDimensionPairs(String(options.dimensions ?? '')),
						}
					: undefined,
				dimensionFormat: dimensionNames ? { delimiter } : undefined,
			},
			skuTable: skuTableFrom(fn.getNodeParameter('skuMapping', itemIndex, {})),
			skuCache,
			dryRun: Boolean(options.dryRun),
			lock,
		});
	},
};

export const operations: Record<string, Record<string, OperationHandler>> = {
	legalEntity,
	customer,
	releasedProduct,
	salesOrder,
	payment,
	creditNote,
	entity,
};

export { CUSTOMER_SELECT };
