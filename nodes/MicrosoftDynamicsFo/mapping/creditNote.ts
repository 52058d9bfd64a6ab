/**
 * BigCommerce v3 refund → F&O credit documents.
 *
 * - Refunded products (`PRODUCT` items with a quantity) → a return order (ReturnOrderHeaders +
 *   ReturnOrderLines): negative ReturnSalesQuantity, SalesPrice = the unit price BigCommerce
 *   charged, LineAmount = −(what the original line charged per unit × quantity refunded) plus the
 *   item's (negative) refund adjustments. Invoicing the return order in F&O produces the credit
 *   note and returns the stock.
 * - Everything else (SHIPPING, HANDLING, GIFT_WRAPPING, FEE, ORDER, TAX amounts, or a refund with
 *   no items at all: amount-only / tax-only) → a free-text credit note (FreeTextInvoiceHeaders +
 *   FreeTextInvoiceLines) with negative amounts on configurable main accounts.
 * - A refund with both parts yields both documents, each carrying the same refund reference.
 * - With `taxCalculation: 'asPosted'` (the order's tax was BigCommerce's, posted as it charged it)
 *   the whole refund is one free-text credit instead, its tax on a line of its own:
 *   refundAsPosted.ts says why and how.
 * Partial refunds post exactly the refunded quantities and amounts; nothing is inferred from the
 * order's remaining balance.
 *
 * mapRefund decides and checks all of it from the refund and its order alone; the customer
 * (withReturnOrderCustomer, withFreeTextCustomer) and the return lines' items (withReturnItems)
 * are filled in once the posting code knows them.
 */
import { requireBigCommerceDate, toFoDate } from './dates';
import type { DimensionFormatOptions } from './dimensions';
import { MappingError } from './errors';
import { dropUndefined, lookupItem } from './fields';
import { fromUnits, toUnits } from './money';
import { refundReference, refundShortReference } from './references';
import {
	freeTextCreditDraft,
	negate,
	otherParts,
	PART_LABELS,
	refundedLines,
	type FreeTextHeaderDraft,
	type NonItemRefundType,
} from './refundParts';
import { itemFields } from './salesOrder';
import { mapRefundAsPosted, type TaxAsPostedCreditOptions } from './refundAsPosted';
import type {
	BcOrderProduct,
	BcRefund,
	DimensionsInput,
	FoFreeTextInvoiceHeader,
	FoFreeTextInvoiceLine,
	FoReturnOrderHeader,
	FoItemFields,
	FoReturnOrderLine,
	ResolvedItem,
	ResolvedItemMap,
} from './types';

export { refundHasItems, type FreeTextHeaderDraft, type NonItemRefundType } from './refundParts';

export interface FreeTextCreditOptions {
	/** Main account (ledger format segments) used for any non-item part without its own account. */
	mainAccount: readonly string[];
	/** Per refund part overrides, e.g. `{ SHIPPING: ['401500'] }`. */
	mainAccountByType?: Partial<Record<NonItemRefundType, readonly string[]>>;
	/** With a tax group, InclTax=Yes: F&O backs its tax out of the refunded gross. */
	salesTaxGroupId?: string;
	salesTaxItemGroupId?: string;
	dimensions?: DimensionsInput;
}

export interface RefundMappingOptions {
	dataAreaId: string;
	storeHash: string;
	/** The order's currency (refunds carry none). */
	currencyCode: string;
	/** The original order's lines (`/v2/orders/{id}/products`), to price and identify items. */
	orderProducts: readonly BcOrderProduct[];
	/** Same tax basis as the order was posted with; default exclusive. */
	taxMode?: 'exclusive' | 'inclusive';
	/**
	 * As the order's sales order: `fo` (default) makes a return order F&O taxes when invoiced;
	 * `asPosted` one free-text credit with BigCommerce's tax on its own line (refundAsPosted.ts).
	 */
	taxCalculation?: 'fo' | 'asPosted';
	asPosted?: TaxAsPostedCreditOptions;
	referencePrefix?: string;
	/** Required for a return order: its CustomerReturnReasonCode. */
	returnReasonCode?: string;
	/** Required for a return order: each line's ReturnDispositionCode (a Credit Only code). */
	returnDispositionCode?: string;
	defaultReturnSiteId?: string;
	defaultReturnWarehouseId?: string;
	/** Required when the refund has non-item parts. */
	freeText?: FreeTextCreditOptions;
	dimensionFormat?: DimensionFormatOptions;
	ledgerFormat?: DimensionFormatOptions;
	utcOffsetMinutes?: number;
	amountDecimals?: number;
}

/** A return order header before the customer is known (see withReturnOrderCustomer). */
export type ReturnOrderHeaderDraft = Omit<FoReturnOrderHeader, 'CustomerAccountNumber'>;
/** A return line before its SKU is resolved (see withReturnItems). */
export type ReturnOrderLineDraft = Omit<FoReturnOrderLine, keyof FoItemFields | 'SalesUnitSymbol'>;

/**
 * A refund mapped and checked from the refund and its order alone: which documents it makes and
 * all their amounts. The customer and the return lines' items are filled in by the `with…`
 * functions once they are known.
 */
export interface RefundDraft {
	/** CustomersOrderReference / CustomerReference of both documents. */
	reference: string;
	/** CustomerRequisitionNumber / CustomerRequisition (short form). */
	shortReference: string;
	returnOrder?: {
		header: ReturnOrderHeaderDraft;
		lines: ReturnOrderLineDraft[];
		/** The BigCommerce SKU of each line, in line order. */
		skus: string[];
		/** The refunded BigCommerce order line (product id) of each line, in line order. */
		orderLineIds: number[];
	};
	freeTextCredit?: { header: FreeTextHeaderDraft; lines: FoFreeTextInvoiceLine[] };
	totals: {
		/** BigCommerce `total_amount` (money paid back, tax included). */
		refundTotal: number;
		/** Sum of the return lines' LineAmount (negative, in the tax basis). */
		returnOrderAmount: number;
		/** Sum of the free-text lines' amounts (negative). */
		freeTextAmount: number;
	};
}

/** The refund's credit documents, checked; throws a MappingError before anything is written. */
export function mapRefund(refund: BcRefund, options: RefundMappingOptions): RefundDraft {
	for (const key of ['dataAreaId', 'storeHash', 'currencyCode'] as const) {
		if (!options[key]) {
			throw new MappingError('MISSING_OPTION', `Refund mapping needs the "${key}" option`, {
				option: key,
			});
		}
	}
	if (options.taxCalculation === 'asPosted') return mapRefundAsPosted(refund, options);
	const decimals = options.amountDecimals ?? 2;
	const inclusive = options.taxMode === 'inclusive';
	const identity = refundIdentity(refund, options);
	const { reference, shortReference } = identity;
	const refunded = refundedLines(refund, options.orderProducts, inclusive, decimals);

	// ---- return order for products ----
	let returnOrder: RefundDraft['returnOrder'];
	let returnUnits = 0;
	if (refunded.length) {
		for (const [option, label] of [
			['returnReasonCode', 'Return Reason Code'],
			['returnDispositionCode', 'Return Disposition Code'],
		] as const) {
			if (!options[option]?.trim()) {
				throw new MappingError(
					'MISSING_OPTION',
					`Refund ${refund.id} returns products, and a return order needs a ${label}; nothing was written`,
					{ option, refundId: refund.id },
				);
			}
		}
		const skus = refunded.map((r) => (r.product.sku ?? '').trim());
		if (skus.includes('')) throwUnmapped(refund, ['']);
		const lines = refunded.map(({ product: p, quantity, creditUnits }): ReturnOrderLineDraft => {
			returnUnits += creditUnits;
			return dropUndefined<ReturnOrderLineDraft>({
				dataAreaId: options.dataAreaId,
				ReturnSalesQuantity: -quantity,
				SalesPrice: fromUnits(toUnits(inclusive ? p.price_inc_tax : p.price_ex_tax, 'price')),
				LineAmount: fromUnits(negate(creditUnits)),
				CalculateLineAmount: 'No',
				LineDescription: p.name,
				ReturnDispositionCode: options.returnDispositionCode,
				ReturnSiteId: options.defaultReturnSiteId,
				ReturnWarehouseId: options.defaultReturnWarehouseId,
			});
		});
		returnOrder = {
			header: dropUndefined<ReturnOrderHeaderDraft>({
				dataAreaId: options.dataAreaId,
				CurrencyCode: options.currencyCode,
				CustomersOrderReference: reference,
				CustomerRequisitionNumber: shortReference,
				CustomerReturnReasonCode: options.returnReasonCode,
				DefaultReturnSiteId: options.defaultReturnSiteId,
				DefaultReturnWarehouseId: options.defaultReturnWarehouseId,
			}),
			lines,
			skus,
			orderLineIds: refunded.map((r) => r.item.item_id),
		};
	}

	// ---- free-text credit for the rest ----
	const parts = otherParts(refund, decimals);
	if (!returnOrder && parts.length === 0) {
		throw new MappingError('INVALID_REFUND', `Refund ${refund.id} has nothing to credit`, {
			refundId: refund.id,
		});
	}
	let freeTextCredit: RefundDraft['freeTextCredit'];
	const freeUnits = parts.reduce((s, p) => s + p.units, 0);
	if (parts.length) {
		const ft = requireFreeText(refund, options, parts);
		freeTextCredit = freeTextCreditDraft(
			refund,
			parts.map((p) => ({
				units: p.units,
				label: `Refund ${PART_LABELS[p.type]}`,
				mainAccount: ft.mainAccountByType?.[p.type] ?? ft.mainAccount,
			})),
			identity,
			options,
			{
				salesTaxGroupId: ft.salesTaxGroupId,
				salesTaxItemGroupId: ft.salesTaxItemGroupId,
				inclTax: Boolean(ft.salesTaxGroupId),
				dimensions: ft.dimensions,
			},
		);
	}

	return {
		reference,
		shortReference,
		returnOrder,
		freeTextCredit,
		totals: {
			refundTotal: refund.total_amount,
			returnOrderAmount: fromUnits(negate(returnUnits)),
			freeTextAmount: fromUnits(negate(freeUnits)),
		},
	};
}

/** The refund's references (both documents carry them) and its invoice date. */
export function refundIdentity(
	refund: BcRefund,
	options: Pick<RefundMappingOptions, 'storeHash' | 'referencePrefix' | 'utcOffsetMinutes'>,
): { reference: string; shortReference: string; date: string } {
	const refOptions = { prefix: options.referencePrefix };
	const created = requireBigCommerceDate(refund.created, 'created');
	return {
		reference: refundReference(options.storeHash, refund.order_id, refund.id, refOptions),
		shortReference: refundShortReference(refund.order_id, refund.id, refOptions),
		date: toFoDate(created, { utcOffsetMinutes: options.utcOffsetMinutes }),
	};
}

/** The free-text settings a refund with such parts needs: at least its main account. */
export function requireFreeText(
	refund: BcRefund,
	options: RefundMappingOptions,
	parts: ReadonlyArray<{ type: NonItemRefundType }>,
): FreeTextCreditOptions {
	const ft = options.freeText;
	if (!ft || ft.mainAccount.length === 0) {
		const what = parts.length
			? `a ${parts.map((p) => PART_LABELS[p.type]).join(' and ')} part`
			: 'a credit posted as a free-text credit note';
		throw new MappingError(
			'MISSING_OPTION',
			`Refund ${refund.id} has ${what}; a free-text credit main account is needed`,
			{ option: 'freeText.mainAccount', refundId: refund.id },
		);
	}
	return ft;
}

function throwUnmapped(refund: BcRefund, unmapped: string[]): never {
	throw new MappingError(
		'UNMAPPED_SKU',
		`SKU(s) ${unmapped.map((s) => `"${s}"`).join(', ')} of refund ${refund.id} (order ${refund.order_id}) are not mapped to an F&O item; nothing was written`,
		{ refundId: refund.id, skus: unmapped },
	);
}

function requireAccount(customerAccount: string): string {
	if (!customerAccount) {
		throw new MappingError('MISSING_OPTION', 'Refund mapping needs the "customerAccount" option', {
			option: 'customerAccount',
		});
	}
	return customerAccount;
}

/** The return order header for its F&O customer. */
export function withReturnOrderCustomer(
	header: ReturnOrderHeaderDraft,
	customerAccount: string,
): FoReturnOrderHeader {
	const { dataAreaId, ...rest } = header;
	return { dataAreaId, CustomerAccountNumber: requireAccount(customerAccount), ...rest };
}

/** The free-text credit header for its F&O customer (who is also the invoice account). */
export function withFreeTextCustomer(
	header: FreeTextHeaderDraft,
	customerAccount: string,
): FoFreeTextInvoiceHeader {
	const { dataAreaId, ...rest } = header;
	const account = requireAccount(customerAccount);
	return { dataAreaId, CustomerAccount: account, InvoiceAccount: account, ...rest };
}

/** The return lines with their F&O items; every SKU must be resolved. */
export function withReturnItems(
	returnOrder: NonNullable<RefundDraft['returnOrder']>,
	resolvedItems: ResolvedItemMap,
	refund: BcRefund,
): FoReturnOrderLine[] {
	const unmapped = [...new Set(returnOrder.skus.filter((sku) => !lookupItem(resolvedItems, sku)))];
	if (unmapped.length) throwUnmapped(refund, unmapped);
	return returnOrder.lines.map((line, i) => {
		const { dataAreaId, ...rest } = line;
		const item = lookupItem(resolvedItems, returnOrder.skus[i]) as ResolvedItem;
		return dropUndefined<FoReturnOrderLine>({
			dataAreaId,
			...itemFields(item),
			SalesUnitSymbol: item.SalesUnitSymbol,
			...rest,
		});
	});
}

/** Set ParentRecId (the header's InvoiceIdentifier) on free-text lines after the header exists. */
export function withParentRecId(
	lines: readonly FoFreeTextInvoiceLine[],
	invoiceIdentifier: number,
): FoFreeTextInvoiceLine[] {
	return lines.map((l) => ({ ...l, ParentRecId: invoiceIdentifier }));
}

/** Set ReturnOrderNumber on return lines after the header exists. */
export function withReturnOrderNumber(
	lines: readonly FoReturnOrderLine[],
	returnOrderNumber: string,
): FoReturnOrderLine[] {
	return lines.map((l) => ({ ...l, ReturnOrderNumber: returnOrderNumber }));
}
