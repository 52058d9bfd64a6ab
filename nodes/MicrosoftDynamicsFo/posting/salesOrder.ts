/**
 * A BigCommerce order → one F&O sales order with all its lines, or nothing.
 *
 * Exactly once: workflow static data (fast path), then the order found by its BigCommerce
 * reference in the company, and — with a deterministic order number — F&O's own key, which rejects
 * a concurrent duplicate. A write whose outcome is unknown is resolved by looking up, never by a
 * blind re-send.
 *
 * Never half an order: with a known number, header and lines go in one changeset (atomic); with a
 * generated number the header goes first, all lines in one changeset, and the header is deleted
 * again if the lines are rejected.
 *
 * Calls per order do not grow with its lines: one dedupe lookup, the customer (find, maybe
 * create), one batched SKU lookup, and at most two write round trips.
 */
import { NodeOperationError, sleep, type IDataObject } from 'n8n-workflow';

import { AuditTrail } from '../../common/audit';
import { isOutcomeUnknown } from '../../common/errors';
import { settle } from '../../common/settle';
import { orderLines, type FullOrder } from '../../BigCommerce/model';
import { findPosted, postedKey, rememberPosted } from './postedRecords';
import {
	collectSkus,
	mapBillingAddressCustomerCreate,
	mapSalesOrder,
	orderReference,
	resolveOrderCustomer,
	withSalesOrderNumber,
	type CustomerMappingOptions,
	type GuestMode,
	type SalesOrderMappingOptions,
	type SalesOrderPayload,
} from '../mapping';
import {
	createEntity,
	deleteEntity,
	entityPath,
	eqFilter,
	getEntity,
	queryEntities,
	sendChangeset,
	type BatchOperation,
} from '../odata';
import { resolveSkus, type SkuCache, type SkuMappingTable } from '../skuResolution';
import { withoutLock, type RecordLocker } from './lock';
import { upsertCustomer, type StaticDataContext } from './customer';

/** The order as the BigCommerce node and trigger hand it over (typed in the BigCommerce model). */
export type { FullOrder };

export type CustomerSource =
	| { mode: 'account'; account: string }
	| {
			mode: 'resolve';
			guestMode: GuestMode;
			sharedGuestAccount?: string;
			/** Registered buyers get `<prefix><BigCommerce id>` as account (needs manual customer numbers). */
			customerAccountPrefix?: string;
			customer: Omit<CustomerMappingOptions, 'dataAreaId'>;
	  };

export interface SalesOrderSettings {
	dataAreaId: string;
	environmentUrl: string;
	storeHash: string;
	referencePrefix?: string;
	/** Deterministic SalesOrderNumber `<prefix><order id>`; undefined = F&O's number sequence. */
	orderNumberPrefix?: string;
	customer: CustomerSource;
	mapping: Omit<
		SalesOrderMappingOptions,
		| 'dataAreaId'
		| 'storeHash'
		| 'customerAccount'
		| 'resolvedItems'
		| 'salesOrderNumberPrefix'
		| 'referencePrefix'
	>;
	skuTable?: SkuMappingTable;
	skuCache?: SkuCache;
	dryRun?: boolean;
	itemIndex?: number;
	/** Changeset re-sends after throttling or an unknown outcome found nothing. */
	maxWriteRounds?: number;
	/** Holds check-and-create of this order (and its new customer) against concurrent executions. */
	lock?: RecordLocker;
}

const HEADER_SELECT = [
	'dataAreaId',
	'SalesOrderNumber',
	'CustomersOrderReference',
	'OrderingCustomerAccountNumber',
];

export async function findSalesOrdersByReference(
	context: StaticDataContext,
	dataAreaId: string,
	reference: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const records = await queryEntities(context, 'SalesOrderHeadersV2', {
		filter: eqFilter({ dataAreaId, CustomersOrderReference: reference }),
		select: HEADER_SELECT,
		itemIndex,
	});
	return records.filter((r) => r.CustomersOrderReference === reference);
}

async function countLines(
	context: StaticDataContext,
	dataAreaId: string,
	salesOrderNumber: string,
	itemIndex?: number,
) {
	const lines = await queryEntities(context, 'SalesOrderLines', {
		filter: eqFilter({ dataAreaId, SalesOrderNumber: salesOrderNumber }),
		select: ['InventoryLotId'],
		itemIndex,
	});
	return lines.length;
}

export async function postSalesOrder(
	context: StaticDataContext,
	order: FullOrder,
	settings: SalesOrderSettings,
): Promise<IDataObject> {
	if (!order || typeof order.id !== 'number') {
		throw new NodeOperationError(
			context.getNode(),
			'The input is not a BigCommerce order (no numeric "id")',
			{ itemIndex: settings.itemIndex },
		);
	}
	const reference = orderReference(settings.storeHash, order.id, {
		prefix: settings.referencePrefix,
	});
	const lock = settings.dryRun ? withoutLock : (settings.lock ?? withoutLock);
	return await lock(
		`SalesOrderHeadersV2:${settings.dataAreaId.toLowerCase()}:${reference}`,
		async () => await postUnlocked(context, order, settings),
	);
}

async function postUnlocked(
	context: StaticDataContext,
	order: FullOrder,
	settings: SalesOrderSettings,
): Promise<IDataObject> {
	const { dataAreaId, itemIndex } = settings;
	const node = context.getNode();
	const fail = (message: string, description?: string) =>
		new NodeOperationError(node, message, { itemIndex, description });

	const audit = new AuditTrail('SalesOrderHeadersV2', dataAreaId, `order:${order.id}`);
	const reference = orderReference(settings.storeHash, order.id, {
		prefix: settings.referencePrefix,
	});
	const cacheKey = postedKey('SalesOrderHeadersV2', dataAreaId, reference);
	const staticData = context.getWorkflowStaticData('global');
	const result = (action: IDataObject, extra: IDataObject = {}): IDataObject => ({
		bigcommerceOrderId: order.id,
		reference,
		dataAreaId,
		...extra,
		audit: action,
	});

	// 1. Already posted?
	// Downstream steps (payments) need the order's customer whether it was posted now or before.
	const remembered = findPosted(staticData, cacheKey);
	if (remembered) {
		const { CustomerAccount, ...keys } = remembered.keys;
		return result(audit.record('skipped-duplicate', keys, 'static-data'), {
			salesOrderNumber: keys.SalesOrderNumber,
			customerAccount: CustomerAccount,
		});
	}
	audit.count();
	const existing = await findSalesOrdersByReference(context, dataAreaId, reference, itemIndex);
	if (existing.length) {
		const keys = { dataAreaId, SalesOrderNumber: String(existing[0].SalesOrderNumber) };
		const customerAccount = String(existing[0].OrderingCustomerAccountNumber ?? '');
		rememberPosted(staticData, cacheKey, { ...keys, CustomerAccount: customerAccount });
		return result(audit.record('skipped-duplicate', keys, 'f&o'), {
			salesOrderNumber: keys.SalesOrderNumber,
			customerAccount,
		});
	}

	// 2. Items, then the whole payload checked, then the customer: nothing is written for an order
	// that cannot be posted.
	const lines = orderLines(order);
	const skus = collectSkus(order, lines);
	const resolution = await resolveSkus(context, settings.environmentUrl, dataAreaId, skus, {
		table: settings.skuTable,
		cache: settings.skuCache,
		itemIndex,
	});
	audit.count(resolution.requests);
	if (resolution.unmapped.length) {
		throw fail(
			`Order ${order.id}: ${resolution.unmapped.length === 1 ? 'SKU' : 'SKUs'} ${resolution.unmapped.join(', ')} ${resolution.unmapped.length === 1 ? 'is' : 'are'} not a released product in ${dataAreaId}`,
			"Nothing was written for this order. Release the product in F&O, or map the SKU in the node's SKU mapping table.",
		);
	}
	const mapFor = (customerAccount: string) =>
		mapSalesOrder(order, {
			...settings.mapping,
			dataAreaId,
			storeHash: settings.storeHash,
			referencePrefix: settings.referencePrefix,
			customerAccount,
			resolvedItems: resolution.items,
			products: lines,
			salesOrderNumberPrefix: settings.orderNumberPrefix,
		});
	mapFor('VALIDATION-ONLY'); // throws a MappingError naming the problem before any write
	const customerAccount = await resolveCustomer(context, order, settings, audit);
	const payload = mapFor(customerAccount);

	if (settings.dryRun) {
		return result(
			audit.record('dry-run', {
				dataAreaId,
				SalesOrderNumber: payload.header.SalesOrderNumber ?? '',
			}),
			{
				customerAccount,
				plannedRequests: plannedRequests(payload, settings),
				totals: payload.totals as unknown as IDataObject,
			},
		);
	}

	// 4. Write.
	const posted = settings.orderNumberPrefix
		? await writeWithKnownNumber(context, payload, settings, audit)
		: await writeWithGeneratedNumber(context, payload, settings, audit);
	const keys = { dataAreaId, SalesOrderNumber: posted.salesOrderNumber };
	rememberPosted(staticData, cacheKey, { ...keys, CustomerAccount: customerAccount });
	return result(audit.record(posted.action, keys, posted.reason), {
		salesOrderNumber: posted.salesOrderNumber,
		customerAccount,
		lineCount: payload.lines.length,
		couponCodes: payload.couponCodes,
		totals: payload.totals as unknown as IDataObject,
	});
}

async function resolveCustomer(
	context: StaticDataContext,
	order: FullOrder,
	settings: SalesOrderSettings,
	audit: AuditTrail,
): Promise<string> {
	const source = settings.customer;
	if (source.mode === 'account') {
		if (!source.account)
			throw new NodeOperationError(context.getNode(), 'No customer account given', {
				itemIndex: settings.itemIndex,
			});
		return source.account;
	}
	const options: CustomerMappingOptions = { ...source.customer, dataAreaId: settings.dataAreaId };
	const resolution = resolveOrderCustomer(order, {
		...options,
		guestMode: source.guestMode,
		sharedGuestAccount: source.sharedGuestAccount,
	});
	if (resolution.kind === 'sharedGuest') return resolution.customerAccount;
	const billingEmail = String(order.billing_address?.email ?? '')
		.trim()
		.toLowerCase();
	let identity: { account: string } | { email: string };
	if (resolution.kind === 'registered' && source.customerAccountPrefix) {
		identity = { account: `${source.customerAccountPrefix}${resolution.bigCommerceCustomerId}` };
	} else if (resolution.kind === 'perEmailGuest') {
		identity = { email: resolution.email };
	} else if (billingEmail) {
		identity = { email: billingEmail };
	} else {
		throw new NodeOperationError(
			context.getNode(),
			`Order ${order.id}: the buyer has no billing email to find the F&O customer by`,
			{
				itemIndex: settings.itemIndex,
				description:
					'Set a customer account prefix for registered buyers, or give the customer account explicitly.',
			},
		);
	}
	const create =
		resolution.kind === 'perEmailGuest'
			? resolution.create
			: mapBillingAddressCustomerCreate(order.billing_address, options, order.customer_id);
	const customer = await upsertCustomer(context, {
		dataAreaId: settings.dataAreaId,
		identity,
		bigcommerceId:
			resolution.kind === 'registered'
				? `customer:${resolution.bigCommerceCustomerId}`
				: `guest:${billingEmail}`,
		create,
		dryRun: settings.dryRun,
		itemIndex: settings.itemIndex,
		lock: settings.lock,
	});
	audit.count(customer.audit.attempts);
	return customer.customerAccount;
}

function plannedRequests(payload: SalesOrderPayload, settings: SalesOrderSettings): IDataObject[] {
	const header = {
		method: 'POST',
		path: '/data/SalesOrderHeadersV2',
		body: payload.header as unknown as IDataObject,
	};
	const lines = payload.lines.map((line) => ({
		method: 'POST',
		path: '/data/SalesOrderLines',
		body: line as unknown as IDataObject,
	}));
	if (settings.orderNumberPrefix)
		return [{ method: 'POST', path: '/data/$batch', changeset: [header, ...lines] }];
	return [
		header,
		{
			method: 'POST',
			path: '/data/$batch',
			changeset: lines,
			note: 'SalesOrderNumber is the number F&O assigns to the header',
		},
	];
}

interface Posted {
	salesOrderNumber: string;
	action: 'created' | 'skipped-duplicate';
	reason?: string;
}

const headerOp = (payload: SalesOrderPayload): BatchOperation => ({
	method: 'POST',
	path: entityPath('SalesOrderHeadersV2'),
	body: payload.header as unknown as IDataObject,
});

const lineOps = (lines: SalesOrderPayload['lines']): BatchOperation[] =>
	lines.map((line) => ({
		method: 'POST',
		path: entityPath('SalesOrderLines'),
		body: line as unknown as IDataObject,
	}));

/** Header + lines in one atomic changeset; F&O's key on the number rejects a concurrent twin. */
async function writeWithKnownNumber(
	context: StaticDataContext,
	payload: SalesOrderPayload,
	settings: SalesOrderSettings,
	audit: AuditTrail,
): Promise<Posted> {
	const { dataAreaId, itemIndex } = settings;
	const number = String(payload.header.SalesOrderNumber);
	const keys = { dataAreaId, SalesOrderNumber: number };
	const rounds = settings.maxWriteRounds ?? 4;
	for (let round = 1; round <= rounds; round++) {
		audit.count();
		const sent = await settle(
			sendChangeset(
				context,
				settings.environmentUrl,
				[headerOp(payload), ...lineOps(payload.lines)],
				{ itemIndex },
			),
		);
		if (!sent.ok) {
			if (!isOutcomeUnknown(sent.error)) throw sent.error;
			// Atomic changeset: either all of it landed or none. Look, don't guess.
			audit.count();
			if (
				await getEntity(context, 'SalesOrderHeadersV2', keys, {
					select: ['SalesOrderNumber'],
					itemIndex,
				})
			) {
				return {
					salesOrderNumber: number,
					action: 'created',
					reason: 'outcome-unknown-resolved-by-lookup',
				};
			}
			continue;
		}
		const outcome = sent.value;
		if (outcome.ok) return { salesOrderNumber: number, action: 'created' };
		if (outcome.throttled) {
			await sleep(Math.min(outcome.retryAfterMs, 60_000));
			continue;
		}
		if (/already exists/i.test(outcome.error.message)) {
			// Another execution posted this order first: F&O's key made sure there is one.
			audit.count();
			const twin = await getEntity(context, 'SalesOrderHeadersV2', keys, {
				select: HEADER_SELECT,
				itemIndex,
			});
			if (twin?.CustomersOrderReference === payload.reference) {
				return { salesOrderNumber: number, action: 'skipped-duplicate', reason: 'key-conflict' };
			}
			throw new NodeOperationError(
				context.getNode(),
				`Sales order number ${number} is already used by another order in ${dataAreaId}`,
				{
					itemIndex,
					description: `It carries reference "${String(twin?.CustomersOrderReference ?? '')}", not ${payload.reference}. Choose another order number prefix.`,
				},
			);
		}
		throw new NodeOperationError(context.getNode(), `Order not posted: ${outcome.error.message}`, {
			itemIndex,
			description: 'F&O rejected the changeset, so neither the header nor any line was written.',
		});
	}
	throw new NodeOperationError(
		context.getNode(),
		`Order not posted after ${rounds} attempts (F&O kept throttling or timing out)`,
		{
			itemIndex,
			description: 'A lookup found no order, so nothing was written; the next run tries again.',
		},
	);
}

/** Header first (F&O assigns the number), then every line in one changeset; undo the header if they fail. */
async function writeWithGeneratedNumber(
	context: StaticDataContext,
	payload: SalesOrderPayload,
	settings: SalesOrderSettings,
	audit: AuditTrail,
): Promise<Posted> {
	const { dataAreaId, itemIndex } = settings;
	const node = context.getNode();
	const rounds = settings.maxWriteRounds ?? 4;

	let salesOrderNumber: string | undefined;
	let recovered = false;
	for (let round = 1; round <= rounds && !salesOrderNumber; round++) {
		audit.count();
		const created = await settle(
			createEntity(
				context,
				'SalesOrderHeadersV2',
				payload.header as unknown as IDataObject,
				itemIndex,
			),
		);
		if (created.ok) {
			salesOrderNumber = String(created.value.SalesOrderNumber);
			break;
		}
		if (!isOutcomeUnknown(created.error)) throw created.error;
		audit.count();
		const found = await findSalesOrdersByReference(
			context,
			dataAreaId,
			payload.reference,
			itemIndex,
		);
		if (found.length) {
			salesOrderNumber = String(found[0].SalesOrderNumber);
			recovered = true;
		}
	}
	if (!salesOrderNumber) {
		throw new NodeOperationError(node, `Order header not posted after ${rounds} attempts`, {
			itemIndex,
		});
	}

	const lines = withSalesOrderNumber(payload.lines, salesOrderNumber);
	for (let round = 1; round <= rounds; round++) {
		audit.count();
		const sent = await settle(
			sendChangeset(context, settings.environmentUrl, lineOps(lines), { itemIndex }),
		);
		if (!sent.ok) {
			if (!isOutcomeUnknown(sent.error)) {
				await compensate(
					context,
					dataAreaId,
					salesOrderNumber,
					(sent.error as Error).message,
					audit,
					itemIndex,
				);
			}
			audit.count();
			const count = await countLines(context, dataAreaId, salesOrderNumber, itemIndex);
			if (count === lines.length) {
				return {
					salesOrderNumber,
					action: 'created',
					reason: 'outcome-unknown-resolved-by-lookup',
				};
			}
			if (count !== 0) {
				// A changeset is atomic, so this is someone else's doing; do not add to it.
				throw new NodeOperationError(
					node,
					`Sales order ${salesOrderNumber} has ${count} of ${lines.length} lines`,
					{ itemIndex },
				);
			}
			continue;
		}
		const outcome = sent.value;
		if (outcome.ok)
			return {
				salesOrderNumber,
				action: 'created',
				reason: recovered ? 'outcome-unknown-resolved-by-lookup' : undefined,
			};
		if (outcome.throttled) {
			await sleep(Math.min(outcome.retryAfterMs, 60_000));
			continue;
		}
		await compensate(
			context,
			dataAreaId,
			salesOrderNumber,
			outcome.error.message,
			audit,
			itemIndex,
		);
	}
	return await compensate(
		context,
		dataAreaId,
		salesOrderNumber,
		'F&O kept throttling the lines',
		audit,
		itemIndex,
	);
}

/** Lines rejected: delete the header so no half order survives, then fail the item. */
async function compensate(
	context: StaticDataContext,
	dataAreaId: string,
	salesOrderNumber: string,
	reason: string,
	audit: AuditTrail,
	itemIndex?: number,
): Promise<never> {
	const node = context.getNode();
	audit.count();
	const deleted = await settle(
		deleteEntity(
			context,
			'SalesOrderHeadersV2',
			{ dataAreaId, SalesOrderNumber: salesOrderNumber },
			itemIndex,
		),
	);
	if (!deleted.ok) {
		throw new NodeOperationError(
			node,
			`Order lines rejected (${reason}) and header ${salesOrderNumber} could not be removed`,
			{
				itemIndex,
				description: `Delete sales order ${salesOrderNumber} in ${dataAreaId} by hand before the order is posted again: ${(deleted.error as Error).message}`,
			},
		);
	}
	throw new NodeOperationError(node, `Order not posted: ${reason}`, {
		itemIndex,
		description: `F&O rejected the lines; header ${salesOrderNumber} was deleted again, so nothing of the order remains.`,
	});
}
