/**
 * What a person does about the F&O node's common failures, said beside what happened: the fix of
 * each mapping problem (nothing was written, the item can run again once fixed), the legal entity
 * that F&O does not have, and which BigCommerce record the failed item was, so an error read in
 * the failure branch or the execution list names its order without opening the input.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MappingErrorCode } from '../mapping';

const AGAIN = 'then run the item again.';

/** The fix of each mapping problem (test/unit/fo-node/errorAdvice.test.ts holds every code to one). */
const MAPPING_FIXES: Partial<Record<MappingErrorCode, string>> = {
	UNMAPPED_SKU: `Add each SKU named to the node's SKU Mapping (BigCommerce SKU, Item Number and, for a variant, its dimension IDs), or give an F&O released product or variant of this legal entity that number; ${AGAIN}`,
	MISSING_SKU: `Give those products or variants a SKU in BigCommerce (each line must name an F&O item); ${AGAIN}`,
	INVALID_QUANTITY: `Correct the quantity of each line named in BigCommerce (an order line sells a whole number of units, at least 1); ${AGAIN}`,
	GUEST_EMAIL_MISSING: `Add an email to the order's billing address in BigCommerce, or set Guest Orders to Shared Web-Guest Account; ${AGAIN}`,
	MISSING_NAME: `Add a company or a first and last name to the customer (for an order: its billing address) in BigCommerce; ${AGAIN}`,
	SHIPPING_ITEM_MISSING: `Set Shipping Charge Item to a released service item of this legal entity, e.g. SHIPPING; ${AGAIN}`,
	MISSING_OPTION: `Fill in the node field the message names; ${AGAIN}`,
	ORDER_NUMBER_TOO_LONG: `Shorten the Order Number Prefix so that prefix and order ID fit F&O's sales order number; ${AGAIN}`,
	REFERENCE_TOO_LONG: `Shorten the Reference Prefix (for customers: the Customer Account Prefix); ${AGAIN}`,
	INVALID_REFERENCE_PART: `Use only letters, digits, "-" and "_" in the prefix; ${AGAIN}`,
	UNKNOWN_DIMENSION: `Name in Financial Dimensions only dimensions of the active Default dimension integration format (its names, in order, go in Financial Dimension Format); ${AGAIN}`,
	INVALID_DIMENSION_VALUE: `Check the Dimension Delimiter against F&O's dimension integration format, and the account's display value; ${AGAIN}`,
	INVALID_COUNTRY: `Correct the address's country in BigCommerce; ${AGAIN}`,
	NO_ORDER_LINES:
		'Give the node the order as the BigCommerce node or trigger outputs it (with its products).',
	TOTALS_MISMATCH:
		'BigCommerce sent amounts that contradict each other; check the order in BigCommerce (lines, discounts, fees, tax). An order that does not add up is never posted.',
	UNALLOCATED_DISCOUNT:
		"Check the order's discounts in BigCommerce: F&O needs every discount on a line. An order that does not add up is never posted.",
	INVALID_MONEY: `Check the order's amounts in BigCommerce; ${AGAIN}`,
	INVALID_DATE: `Give the node the record as BigCommerce sends it (its dates in RFC 2822 or ISO 8601, e.g. "Tue, 20 Nov 2012 00:00:00 +0000"), or correct the date the message names; ${AGAIN}`,
	CURRENCY_MISMATCH: `Post the record in a legal entity and for a customer that use its currency, or set the Currency option to the record's currency; ${AGAIN}`,
	UNKNOWN_ORDER_PRODUCT:
		'Give the node the order this refund belongs to (BigCommerce Order field), with its lines.',
	INVALID_REFUND:
		'Check the refund in BigCommerce: it must return at most what was ordered and credit something.',
	UNMAPPED_PAYMENT_METHOD: `Add a Payment Methods row for the method named (e.g. store_credit or gift_certificate) with its F&O method of payment and offset account; ${AGAIN}`,
};

/** "Nothing was written (CODE)." and, where known, how to fix it. */
export function mappingAdvice(code: MappingErrorCode): string {
	const fix = MAPPING_FIXES[code];
	return `Nothing was written (${code}).${fix ? ` ${fix}` : ''}`;
}

const UNKNOWN_COMPANY = /Company '([^']*)' does not exist/i;

/** For F&O's "Company 'x' does not exist": where the legal entity is chosen. */
export function unknownLegalEntityAdvice(message: string): string | undefined {
	const company = UNKNOWN_COMPANY.exec(message)?.[1];
	if (company === undefined) return undefined;
	return `Legal entity "${company}" does not exist in this F&O environment. Choose one in the node's Legal Entity list, or correct the Default Legal Entity of the F&O credential; ${AGAIN}`;
}

/** What the item's BigCommerce record is called in a message, from the operation's inputs. */
const RECORD_KIND: Record<string, (fn: IExecuteFunctions, itemIndex: number) => string> = {
	salesOrder: () => 'order',
	customer: (fn, i) =>
		fn.getNodeParameter('source', i, 'customer') === 'order' ? 'order' : 'customer',
	payment: (fn, i) => {
		const input = fn.getNodeParameter('input', i, 'order');
		return input === 'transaction' || input === 'refund' ? String(input) : 'order';
	},
	creditNote: (fn, i) =>
		fn.getNodeParameter('input', i, 'refund') === 'refund' ? 'refund' : 'order',
};

/**
 * `message (BigCommerce order 111)` when the message does not name the item's record yet; the
 * message unchanged when the operation has no BigCommerce record or it cannot be read.
 */
export function taggedWithRecord(
	fn: IExecuteFunctions,
	resource: string,
	itemIndex: number,
	message: string,
): string {
	const kindOf = Object.hasOwn(RECORD_KIND, resource) ? RECORD_KIND[resource] : undefined;
	if (!kindOf) return message;
	let record: IDataObject | undefined;
	try {
		const value = fn.getNodeParameter('bigcommerceRecord', itemIndex, undefined) as unknown;
		record = (typeof value === 'string' ? JSON.parse(value) : value) as IDataObject | undefined;
	} catch {
		return message;
	}
	const id = record?.id;
	if ((typeof id !== 'number' && typeof id !== 'string') || message.includes(String(id))) {
		return message;
	}
	const kind = kindOf(fn, itemIndex);
	const order =
		kind !== 'order' && record?.order_id !== undefined
			? ` of order ${String(record.order_id)}`
			: '';
	return `${message} (BigCommerce ${kind} ${String(id)}${order})`;
}
