/**
 * Node parameters as the F&O posting code takes them, read the same way by every operation that
 * has them: the BigCommerce record (JSON or an object), the SKU mapping table (the payment method
 * table is read in payment/journal.ts),
 * financial dimension pairs, account display values, the document customer, the customer mapping
 * options and the find operations' reference prefix.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { locatorValue } from '../../common/resourceLocator';
import { parseDisplayValue, type CustomerMappingOptions } from '../mapping';
import type { DocumentCustomer } from '../posting/payment';
import { DEFAULT_SALES_ORDER_WAIT_S } from '../posting/documentCustomer';
import type { SkuMappingTable } from '../skuResolution';

/**
 * The BigCommerce record parameter as an object: n8n gives an object, or a string when typed as
 * text. A record the BigCommerce trigger could not fetch is refused here, naming that failure:
 * after answering BigCommerce the trigger emits the event's ids with `_event.fetch_error` instead
 * of the record, and read as a record it would fail later for a reason it does not have (an order
 * with "no billing email", "no lines").
 */
export function recordParameter<T>(fn: IExecuteFunctions, itemIndex: number): T {
	const value = fn.getNodeParameter('bigcommerceRecord', itemIndex) as unknown;
	const record = (typeof value === 'string' ? JSON.parse(value) : value) as T;
	refuseUnfetched(fn, record as IDataObject | null, itemIndex);
	return record;
}

interface FetchError {
	message?: string;
	description?: string;
	http_code?: string;
}

function refuseUnfetched(fn: IExecuteFunctions, record: IDataObject | null, itemIndex: number) {
	const event = record?._event as { scope?: string; fetch_error?: FetchError } | undefined;
	const failure = event?.fetch_error;
	if (!failure || typeof failure !== 'object') return;
	const orderId = record?.order_id;
	const what = orderId ? `Order ${String(orderId)}` : `BigCommerce record ${String(record?.id)}`;
	const status = failure.http_code ? ` (HTTP ${failure.http_code})` : '';
	const message = failure.message ?? 'no message';
	const more =
		failure.description && !message.includes(failure.description)
			? ` (${failure.description})`
			: '';
	throw new NodeOperationError(
		fn.getNode(),
		`${what} could not be fetched from BigCommerce${status}: ${message}`,
		{
			itemIndex,
			description: `Nothing was written. The trigger received ${event?.scope ?? 'the event'} but could not read the record${more}; BigCommerce does not send the event again.`,
		},
	);
}

/** An optional JSON parameter: undefined when empty. */
export function jsonParameter(
	fn: IExecuteFunctions,
	name: string,
	itemIndex: number,
): IDataObject | undefined {
	const value = fn.getNodeParameter(name, itemIndex, undefined) as unknown;
	if (value === undefined || value === null || value === '') return undefined;
	return (typeof value === 'string' ? JSON.parse(value) : value) as IDataObject;
}

export function skuTableFrom(parameter: unknown): SkuMappingTable {
	const entries = ((parameter as { entries?: IDataObject[] })?.entries ?? []) as Array<
		Record<string, string>
	>;
	const table: SkuMappingTable = {};
	for (const e of entries) {
		// Item Number is a resource locator; rows saved before it became one hold a plain string.
		const itemNumber = locatorValue(e.itemNumber);
		if (!e.sku || !itemNumber) continue;
		table[e.sku.trim()] = {
			ItemNumber: itemNumber,
			ProductSizeId: e.sizeId || undefined,
			ProductColorId: e.colorId || undefined,
			ProductStyleId: e.styleId || undefined,
			ProductConfigurationId: e.configurationId || undefined,
		};
	}
	return table;
}

/** `BusinessUnit=001, Department=022` → { BusinessUnit: '001', Department: '022' } */
export function parseDimensionPairs(text: string): Record<string, string> {
	const values: Record<string, string> = {};
	for (const pair of text.split(',')) {
		const at = pair.indexOf('=');
		if (at > 0) values[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
	}
	return values;
}

/** A display value typed on the node → its segments (the mapping escapes and joins them again). */
export function displayValueSegments(display: string, delimiter: string): string[] {
	return parseDisplayValue(display.trim(), { delimiter });
}

/** Who a payment or credit note is for: the posted sales order's customer, or a given account. */
export function documentCustomerParameter(
	fn: IExecuteFunctions,
	itemIndex: number,
): DocumentCustomer {
	const mode = fn.getNodeParameter('customerMode', itemIndex, 'salesOrder') as string;
	if (mode === 'account')
		return {
			mode: 'account',
			account: locatorValue(fn.getNodeParameter('customerAccount', itemIndex, '')),
		};
	// The input item may be the Sales Order node's output for this order: it saves a lookup.
	const waitS = Number(
		fn.getNodeParameter('salesOrderWait', itemIndex, DEFAULT_SALES_ORDER_WAIT_S),
	);
	return {
		mode: 'salesOrder',
		previous: fn.getInputData()[itemIndex]?.json,
		waitMs: Number.isFinite(waitS) && waitS >= 0 ? waitS * 1000 : undefined,
	};
}

/** The customer mapping options (customer upsert, and the sales order's customer resolution). */
export function customerMappingFrom(
	dataAreaId: string,
	options: IDataObject,
): CustomerMappingOptions {
	return {
		dataAreaId,
		customerGroupId: String(options.customerGroupId ?? 'WEB'),
		currencyCode: String(options.currencyCode ?? 'USD'),
		customerAccountPrefix: (options.customerAccountPrefix as string) || undefined,
	};
}

/** The Reference Prefix option of the find operations; empty = the mapping's default. */
export function referencePrefixParameter(
	fn: IExecuteFunctions,
	itemIndex: number,
): string | undefined {
	return (fn.getNodeParameter('options.referencePrefix', itemIndex, '') as string) || undefined;
}
