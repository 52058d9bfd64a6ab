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
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { AuditTrail } from '../../common/audit';
import { settle } from '../../common/settle';
import { orderLines, type FullOrder } from '../../BigCommerce/model';
import {
	collectSkus,
	mapSalesOrder,
	orderReference,
	withCustomerAccount,
	withSalesOrderNumber,
	type CustomerMappingOptions,
	type GuestMode,
	type SalesOrderMappingOptions,
} from '../mapping';
import { chargeItemsOf } from '../mapping/salesOrderAmounts';
import { resolveSkus, type SkuCache, type SkuMappingTable } from '../skuResolution';
import { plannedRequests, writeRoundsOf } from './changesetRounds';
import { writeTimingOf, type WriteSettings } from './writeTiming';
import {
	findByReference,
	findPostedDocument,
	rememberDocument,
	removeHeaderAgain,
	writeWithGeneratedKey,
	writeWithKnownKey,
	type DocumentWrite,
} from './documentWrite';
import { SALES_ORDER, type SalesOrderKeys } from './documents';
import { postingLock, type RecordLocker } from './lock';
import { upsertOrderCustomer, type StaticDataContext } from './customer';
import { withTaxMode, type TaxModeOptions } from '../mapping/taxMode';
import {
	checkTaxAfterWrite,
	removalOutcome,
	TaxDifferenceError,
	type TaxCheckSettings,
} from './taxReadBack';

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

export interface SalesOrderSettings extends WriteSettings {
	dataAreaId: string;
	environmentUrl: string;
	storeHash: string;
	referencePrefix?: string;
	/** Deterministic SalesOrderNumber `<prefix><order id>`; undefined = F&O's number sequence. */
	orderNumberPrefix?: string;
	customer: CustomerSource;
	mapping: Omit<
		SalesOrderMappingOptions,
		'dataAreaId' | 'storeHash' | 'resolvedItems' | 'salesOrderNumberPrefix' | 'referencePrefix'
	>;
	skuTable?: SkuMappingTable;
	skuCache?: SkuCache;
	dryRun?: boolean;
	itemIndex?: number;
	/** Holds check-and-create of this order (and its new customer) against concurrent executions. */
	lock?: RecordLocker;
	/** Who owns the tax and the check after the write; default: F&O calculates, reported only. */
	tax?: TaxSettings;
}

/** Tax mode (mapping/taxMode.ts) and read-back check (taxReadBack.ts); decimals come from mapping. */
export type TaxSettings = Omit<TaxModeOptions, 'amountDecimals'> &
	Omit<TaxCheckSettings, 'amountDecimals'>;

/** The tax-liability item "as posted" writes on, resolved with the charge items before any write. */
function taxItemOf(tax: TaxSettings | undefined): string[] {
	const item = tax?.taxCalculation === 'asPosted' ? tax.asPosted?.taxItemNumber?.trim() : '';
	return item ? [item] : [];
}

export async function findSalesOrdersByReference(
	context: StaticDataContext,
	dataAreaId: string,
	reference: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await findByReference(context, SALES_ORDER, dataAreaId, reference, itemIndex);
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
	return await postingLock(settings)(
		`${SALES_ORDER.headerSet}:${settings.dataAreaId.toLowerCase()}:${reference}`,
		async () => await postUnlocked(context, order, reference, settings),
	);
}

async function postUnlocked(
	context: StaticDataContext,
	order: FullOrder,
	reference: string,
	settings: SalesOrderSettings,
): Promise<IDataObject> {
	const { dataAreaId, itemIndex } = settings;
	const node = context.getNode();
	const fail = (message: string, description?: string) =>
		new NodeOperationError(node, message, { itemIndex, description });

	const audit = new AuditTrail(SALES_ORDER.headerSet, dataAreaId, `order:${order.id}`);
	const count = (requests?: number) => audit.count(requests);
	const result = (action: IDataObject, extra: IDataObject = {}): IDataObject => ({
		bigcommerceOrderId: order.id,
		reference,
		dataAreaId,
		...extra,
		audit: action,
	});

	// 1. Already posted?
	// Downstream steps (payments) need the order's customer whether it was posted now or before.
	const posted = await findPostedDocument(context, SALES_ORDER, {
		dataAreaId,
		reference,
		count,
		itemIndex,
		memo: (header) => ({ CustomerAccount: String(header.OrderingCustomerAccountNumber ?? '') }),
	});
	if (posted) {
		const { CustomerAccount, ...keys } = posted.keys;
		return result(audit.record('skipped-duplicate', keys, posted.reason), {
			salesOrderNumber: keys.SalesOrderNumber,
			customerAccount: CustomerAccount,
		});
	}

	// 2. Items (the lines' SKUs and the charge items, in one lookup), then the whole payload
	// checked, then the customer: nothing is written for an order that cannot be posted.
	const lines = orderLines(order);
	const skus = collectSkus(order, lines);
	const taxMode = settings.mapping.taxMode;
	const chargeItems = chargeItemsOf(
		order,
		lines,
		settings.mapping.charges ?? {},
		taxMode === 'inclusive' || (taxMode === 'auto' && order.is_tax_inclusive_pricing === true),
	);
	const resolution = await resolveSkus(context, settings.environmentUrl, dataAreaId, skus, {
		table: settings.skuTable,
		cache: settings.skuCache,
		itemIndex,
		chargeItems: [...chargeItems, ...taxItemOf(settings.tax)],
	});
	audit.count(resolution.requests);
	if (resolution.unmapped.length) {
		throw fail(
			`Order ${order.id}: ${resolution.unmapped.length === 1 ? 'SKU' : 'SKUs'} ${resolution.unmapped.join(', ')} ${resolution.unmapped.length === 1 ? 'is' : 'are'} not a released product in ${dataAreaId}`,
			"Nothing was written for this order. Release the product in F&O, or map the SKU in the node's SKU mapping table.",
		);
	}
	if (resolution.missingChargeItems.length) {
		const missing = resolution.missingChargeItems;
		throw fail(
			`Order ${order.id}: charge ${missing.length === 1 ? 'item' : 'items'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not a released product in ${dataAreaId}`,
			'Nothing was written for this order. Release the service item in F&O, or choose another in the charge item fields (shipping, handling, wrapping, fee, gift certificate).',
		);
	}
	// Throws a MappingError naming the problem before any write; only the customer is missing.
	const mapped = mapSalesOrder(order, {
		...settings.mapping,
		dataAreaId,
		storeHash: settings.storeHash,
		referencePrefix: settings.referencePrefix,
		resolvedItems: resolution.items,
		products: lines,
		salesOrderNumberPrefix: settings.orderNumberPrefix,
	});
	const amountDecimals = settings.mapping.amountDecimals;
	const draft = withTaxMode(order, lines, mapped, { ...settings.tax, amountDecimals });
	const customerAccount = await resolveCustomer(context, order, settings, audit);
	const payload = withCustomerAccount(draft, customerAccount);

	if (settings.dryRun) {
		return result(
			audit.record('dry-run', {
				dataAreaId,
				SalesOrderNumber: payload.header.SalesOrderNumber ?? '',
			}),
			{
				customerAccount,
				plannedRequests: plannedRequests({
					headerSet: SALES_ORDER.headerSet,
					header: payload.header,
					lineSet: SALES_ORDER.lineSet,
					lines: payload.lines,
					atomic: Boolean(settings.orderNumberPrefix),
					note: 'SalesOrderNumber is the number F&O assigns to the header',
				}),
				totals: payload.totals as unknown as IDataObject,
			},
		);
	}

	// 4. Write.
	const write: DocumentWrite<SalesOrderKeys> = {
		dataAreaId,
		environmentUrl: settings.environmentUrl,
		reference,
		header: payload.header,
		linesFor: (keys) => withSalesOrderNumber(payload.lines, keys.SalesOrderNumber),
		rounds: writeRoundsOf(settings),
		timing: writeTimingOf(settings),
		count,
		itemIndex,
	};
	const written = settings.orderNumberPrefix
		? await writeWithKnownKey(
				context,
				SALES_ORDER,
				{ dataAreaId, SalesOrderNumber: String(payload.header.SalesOrderNumber) },
				write,
			)
		: await writeWithGeneratedKey(context, SALES_ORDER, write);
	const remember = () =>
		rememberDocument(context, SALES_ORDER, dataAreaId, reference, {
			...written.keys,
			CustomerAccount: customerAccount,
		});
	// 5. What F&O made of the tax: one read of its totals. Above the limit the item fails and, by
	// default, the order is removed again, so nothing stays in F&O that disagrees with the store;
	// kept ("When the Check Fails: Keep"), it is remembered, so a re-run posts nothing twice.
	let taxCheck: IDataObject | undefined;
	if (written.action === 'created') {
		count();
		const checked = await settle(
			checkTaxAfterWrite(
				context,
				{
					dataAreaId,
					salesOrderNumber: String(written.keys.SalesOrderNumber),
					currencyCode: payload.totals.currencyCode,
				},
				order,
				settings.tax?.taxCalculation ?? 'fo',
				{ ...settings.tax, amountDecimals },
				itemIndex,
			),
		);
		if (!checked.ok) {
			if (checked.error instanceof TaxDifferenceError && settings.tax?.onFailure !== 'keep') {
				const removed = await removeHeaderAgain(context, SALES_ORDER, written.keys, write);
				const { check } = checked.error;
				throw new TaxDifferenceError(node, check, itemIndex, removalOutcome(removed));
			}
			remember();
			throw checked.error;
		}
		taxCheck = checked.value;
	}
	remember();
	const record = audit.record(written.action, written.keys, written.reason);
	if (taxCheck) record.taxCheck = taxCheck;
	return result(record, {
		salesOrderNumber: written.keys.SalesOrderNumber,
		customerAccount,
		lineCount: payload.lines.length,
		couponCodes: payload.couponCodes,
		totals: payload.totals as unknown as IDataObject,
		...(taxCheck ? { taxCheck } : {}),
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
	const customer = await upsertOrderCustomer(context, {
		dataAreaId: settings.dataAreaId,
		order,
		options: {
			...source.customer,
			guestMode: source.guestMode,
			sharedGuestAccount: source.sharedGuestAccount,
			customerAccountPrefix: source.customerAccountPrefix,
		},
		refresh: false,
		dryRun: settings.dryRun,
		itemIndex: settings.itemIndex,
		lock: settings.lock,
		maxWriteRounds: settings.maxWriteRounds,
		writeTimeoutMs: settings.writeTimeoutMs,
		settleWindowMs: settings.settleWindowMs,
	});
	if (customer.upsert) audit.count(customer.upsert.audit.attempts);
	return customer.customerAccount;
}
