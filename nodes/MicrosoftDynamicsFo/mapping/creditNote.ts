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
 * Partial refunds post exactly the refunded quantities and amounts; nothing is inferred from the
 * order's remaining balance.
 *
 * mapRefund decides and checks all of it from the refund and its order alone; the customer
 * (withReturnOrderCustomer, withFreeTextCustomer) and the return lines' items (withReturnItems)
 * are filled in once the posting code knows them.
 */
import { requireBigCommerceDate, toFoDate } from './dates';
import { formatDisplayValue, optionalDimensions, type DimensionFormatOptions } from './dimensions';
import { MappingError } from './errors';
import { dropUndefined, lookupItem } from './fields';
import { fromUnits, roundUnits, toUnits } from './money';
import { refundReference, refundShortReference, truncate } from './references';
import { itemFields } from './salesOrder';
import type {
	BcOrderProduct,
	BcRefund,
	BcRefundItem,
	DimensionsInput,
	FoFreeTextInvoiceHeader,
	FoFreeTextInvoiceLine,
	FoReturnOrderHeader,
	FoItemFields,
	FoReturnOrderLine,
	ResolvedItem,
	ResolvedItemMap,
} from './types';

export type NonItemRefundType =
	'SHIPPING' | 'HANDLING' | 'GIFT_WRAPPING' | 'FEE' | 'ORDER' | 'TAX' | 'AMOUNT';

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
/** A free-text credit header before the customer is known (see withFreeTextCustomer). */
export type FreeTextHeaderDraft = Omit<
	FoFreeTextInvoiceHeader,
	'CustomerAccount' | 'InvoiceAccount'
>;

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

/** −units without producing −0. */
function negate(units: number): number {
	return units === 0 ? 0 : -units;
}

function itemAmount(item: BcRefundItem): number {
	return toUnits(item.requested_amount ?? item.amount ?? 0, `refund ${item.item_type} amount`);
}

const LABELS: Readonly<Record<NonItemRefundType, string>> = {
	SHIPPING: 'shipping',
	HANDLING: 'handling',
	GIFT_WRAPPING: 'gift wrapping',
	FEE: 'fee',
	ORDER: 'order amount',
	TAX: 'tax',
	AMOUNT: 'amount',
};

/** True when the refund returns products (quantity-bound PRODUCT items). */
export function refundHasItems(refund: BcRefund): boolean {
	return refund.items.some((i) => i.item_type === 'PRODUCT' && (i.quantity ?? 0) > 0);
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
	const decimals = options.amountDecimals ?? 2;
	const inclusive = options.taxMode === 'inclusive';
	const refOptions = { prefix: options.referencePrefix };
	const reference = refundReference(options.storeHash, refund.order_id, refund.id, refOptions);
	const shortReference = refundShortReference(refund.order_id, refund.id, refOptions);
	const created = requireBigCommerceDate(refund.created, 'created');
	const date = toFoDate(created, { utcOffsetMinutes: options.utcOffsetMinutes });

	const productItems = refund.items.filter(
		(i) => i.item_type === 'PRODUCT' && (i.quantity ?? 0) > 0,
	);
	const otherItems = refund.items.filter((i) => !productItems.includes(i));

	// ---- return order for products ----
	let returnOrder: RefundDraft['returnOrder'];
	let returnUnits = 0;
	if (productItems.length) {
		const byId = new Map(options.orderProducts.map((p) => [p.id, p]));
		const unknown = productItems.filter((i) => !byId.has(i.item_id)).map((i) => i.item_id);
		if (unknown.length) {
			throw new MappingError(
				'UNKNOWN_ORDER_PRODUCT',
				`Refund ${refund.id} refunds order line(s) ${unknown.join(', ')} that are not in order ${refund.order_id}`,
				{ refundId: refund.id, itemIds: unknown },
			);
		}
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
		const skus = productItems.map((i) => (byId.get(i.item_id)?.sku ?? '').trim());
		if (skus.includes('')) throwUnmapped(refund, ['']);
		const lines = productItems.map((i): ReturnOrderLineDraft => {
			const p = byId.get(i.item_id) as BcOrderProduct;
			const qty = i.quantity as number;
			if (qty > p.quantity) {
				throw new MappingError(
					'INVALID_REFUND',
					`Refund ${refund.id} returns ${qty} of order line ${p.id} but only ${p.quantity} were ordered`,
					{ refundId: refund.id, itemId: p.id },
				);
			}
			const gross = toUnits(inclusive ? p.total_inc_tax : p.total_ex_tax, `line ${p.id} total`);
			const discount = (p.applied_discounts ?? []).reduce(
				(s, d) => s + toUnits(d.amount, 'discount'),
				0,
			);
			const adjustments = (i.adjustments ?? []).reduce(
				(s, a) => s + toUnits(a.amount, 'adjustment'),
				0,
			);
			// What the original line charged for the refunded quantity, less refund deductions.
			const credit = roundUnits(
				Math.round(((gross - discount) * qty) / p.quantity) + adjustments,
				decimals,
			);
			returnUnits += credit;
			return dropUndefined<ReturnOrderLineDraft>({
				dataAreaId: options.dataAreaId,
				ReturnSalesQuantity: -qty,
				SalesPrice: fromUnits(toUnits(inclusive ? p.price_inc_tax : p.price_ex_tax, 'price')),
				LineAmount: fromUnits(negate(credit)),
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
			orderLineIds: productItems.map((i) => i.item_id),
		};
	}

	// ---- free-text credit for the rest ----
	const parts: Array<{ type: NonItemRefundType; units: number; reason?: string }> = [];
	for (const i of otherItems) {
		const units = roundUnits(itemAmount(i), decimals);
		if (units === 0) continue;
		const type = (
			Object.prototype.hasOwnProperty.call(LABELS, i.item_type) ? i.item_type : 'ORDER'
		) as NonItemRefundType;
		parts.push({ type, units, reason: i.reason });
	}
	if (refund.items.length === 0) {
		const units = roundUnits(toUnits(refund.total_amount, 'total_amount'), decimals);
		if (units !== 0) parts.push({ type: 'AMOUNT', units, reason: refund.reason });
	}
	if (!returnOrder && parts.length === 0) {
		throw new MappingError('INVALID_REFUND', `Refund ${refund.id} has nothing to credit`, {
			refundId: refund.id,
		});
	}
	let freeTextCredit: RefundDraft['freeTextCredit'];
	let freeUnits = 0;
	if (parts.length) {
		const ft = options.freeText;
		if (!ft || ft.mainAccount.length === 0) {
			throw new MappingError(
				'MISSING_OPTION',
				`Refund ${refund.id} has a ${parts.map((p) => LABELS[p.type]).join(' and ')} part; a free-text credit main account is needed`,
				{ option: 'freeText.mainAccount', refundId: refund.id },
			);
		}
		const dims = optionalDimensions(ft.dimensions, options.dimensionFormat);
		const lines = parts.map((p, k): FoFreeTextInvoiceLine => {
			freeUnits += p.units;
			const amount = fromUnits(negate(p.units));
			return dropUndefined<FoFreeTextInvoiceLine>({
				dataAreaId: options.dataAreaId,
				LineNumber: k + 1,
				Description: truncate(
					`Refund ${LABELS[p.type]} - BigCommerce order ${refund.order_id} refund ${refund.id}`,
					60,
				),
				MainAccountDisplayValue: formatDisplayValue(
					ft.mainAccountByType?.[p.type] ?? ft.mainAccount,
					options.ledgerFormat,
				),
				Quantity: 1,
				UnitPrice: amount,
				TransactionCurrencyAmount: amount,
				CurrencyCode: options.currencyCode,
				SalesTaxGroupId: ft.salesTaxGroupId,
				SalesTaxItemGroupId: ft.salesTaxItemGroupId,
				DefaultDimensionDisplayValue: dims,
			});
		});
		freeTextCredit = {
			header: dropUndefined<FreeTextHeaderDraft>({
				dataAreaId: options.dataAreaId,
				InvoiceDate: date,
				CurrencyCode: options.currencyCode,
				CustomerReference: reference,
				CustomerRequisition: shortReference,
				InclTax: ft.salesTaxGroupId ? 'Yes' : 'No',
				SalesTaxGroupId: ft.salesTaxGroupId,
				DefaultDimensionDisplayValue: dims,
			}),
			lines,
		};
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
