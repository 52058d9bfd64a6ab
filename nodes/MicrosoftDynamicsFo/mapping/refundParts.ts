/**
 * The pieces both credit mappings of a refund share (creditNote.ts: a return order F&O taxes;
 * refundAsPosted.ts: one free-text credit with BigCommerce's tax as posted): which order lines a
 * refund returns, checked, what each refunded line charged for the quantity refunded, the
 * refund's other parts, and the free-text credit note built from a list of parts.
 */
import { formatDisplayValue, optionalDimensions, type DimensionFormatOptions } from './dimensions';
import { MappingError } from './errors';
import { dropUndefined } from './fields';
import { fromUnits, roundUnits, toUnits } from './money';
import { truncate } from './references';
import type {
	BcOrderProduct,
	BcRefund,
	BcRefundItem,
	DimensionsInput,
	FoFreeTextInvoiceHeader,
	FoFreeTextInvoiceLine,
} from './types';

export type NonItemRefundType =
	'SHIPPING' | 'HANDLING' | 'GIFT_WRAPPING' | 'FEE' | 'ORDER' | 'TAX' | 'AMOUNT';

export const PART_LABELS: Readonly<Record<NonItemRefundType, string>> = {
	SHIPPING: 'shipping',
	HANDLING: 'handling',
	GIFT_WRAPPING: 'gift wrapping',
	FEE: 'fee',
	ORDER: 'order amount',
	TAX: 'tax',
	AMOUNT: 'amount',
};

/** A free-text credit header before the customer is known (see withFreeTextCustomer). */
export type FreeTextHeaderDraft = Omit<
	FoFreeTextInvoiceHeader,
	'CustomerAccount' | 'InvoiceAccount'
>;

/** −units without producing −0. */
export function negate(units: number): number {
	return units === 0 ? 0 : -units;
}

const isProductItem = (i: BcRefundItem) => i.item_type === 'PRODUCT' && (i.quantity ?? 0) > 0;

/** True when the refund returns products (quantity-bound PRODUCT items). */
export function refundHasItems(refund: BcRefund): boolean {
	return refund.items.some(isProductItem);
}

export interface RefundedLine {
	item: BcRefundItem;
	product: BcOrderProduct;
	quantity: number;
	/** What the order line charged for the quantity refunded, less refund deductions (units). */
	creditUnits: number;
}

/**
 * The order lines the refund returns, each with what it charged for the quantity refunded in the
 * given basis: (line total − its discounts) × refunded / ordered, plus the item's (negative)
 * adjustments. A line not in the order, or more returned than ordered, is a MappingError.
 */
export function refundedLines(
	refund: BcRefund,
	orderProducts: readonly BcOrderProduct[],
	inclusive: boolean,
	decimals: number,
): RefundedLine[] {
	const productItems = refund.items.filter(isProductItem);
	const byId = new Map(orderProducts.map((p) => [p.id, p]));
	const unknown = productItems.filter((i) => !byId.has(i.item_id)).map((i) => i.item_id);
	if (unknown.length) {
		throw new MappingError(
			'UNKNOWN_ORDER_PRODUCT',
			`Refund ${refund.id} refunds order line(s) ${unknown.join(', ')} that are not in order ${refund.order_id}`,
			{ refundId: refund.id, itemIds: unknown },
		);
	}
	return productItems.map((item) => {
		const product = byId.get(item.item_id) as BcOrderProduct;
		const quantity = item.quantity as number;
		if (quantity > product.quantity) {
			throw new MappingError(
				'INVALID_REFUND',
				`Refund ${refund.id} returns ${quantity} of order line ${product.id} but only ${product.quantity} were ordered`,
				{ refundId: refund.id, itemId: product.id },
			);
		}
		const gross = toUnits(
			inclusive ? product.total_inc_tax : product.total_ex_tax,
			`line ${product.id} total`,
		);
		const discount = (product.applied_discounts ?? []).reduce(
			(s, d) => s + toUnits(d.amount, 'discount'),
			0,
		);
		const adjustments = (item.adjustments ?? []).reduce(
			(s, a) => s + toUnits(a.amount, 'adjustment'),
			0,
		);
		const creditUnits = roundUnits(
			Math.round(((gross - discount) * quantity) / product.quantity) + adjustments,
			decimals,
		);
		return { item, product, quantity, creditUnits };
	});
}

export interface RefundPart {
	type: NonItemRefundType;
	units: number;
	reason?: string;
}

/**
 * The refund's parts that are not returned products, with their amounts as BigCommerce gives
 * them; a refund without items is one AMOUNT part of its total.
 */
export function otherParts(refund: BcRefund, decimals: number): RefundPart[] {
	const parts: RefundPart[] = [];
	for (const i of refund.items.filter((item) => !isProductItem(item))) {
		const units = roundUnits(
			toUnits(i.requested_amount ?? i.amount ?? 0, `refund ${i.item_type} amount`),
			decimals,
		);
		if (units === 0) continue;
		const type = (
			Object.prototype.hasOwnProperty.call(PART_LABELS, i.item_type) ? i.item_type : 'ORDER'
		) as NonItemRefundType;
		parts.push({ type, units, reason: i.reason });
	}
	if (refund.items.length === 0) {
		const units = roundUnits(toUnits(refund.total_amount, 'total_amount'), decimals);
		if (units !== 0) parts.push({ type: 'AMOUNT', units, reason: refund.reason });
	}
	return parts;
}

export interface FreeTextCreditLine {
	/** What the line credits (positive units; written negative). */
	units: number;
	/** Its description before the order and refund are named. */
	label: string;
	mainAccount: readonly string[];
}

/** What the credit note is and says: the refund's references and date (creditNote.ts refundIdentity). */
export interface FreeTextCreditIdentity {
	reference: string;
	shortReference: string;
	date: string;
}

/** The company, currency and formats of the refund mapping. */
export interface FreeTextCreditContext {
	dataAreaId: string;
	currencyCode: string;
	dimensionFormat?: DimensionFormatOptions;
	ledgerFormat?: DimensionFormatOptions;
}

/** Tax groups and dimensions of header and lines. */
export interface FreeTextCreditTax {
	salesTaxGroupId?: string;
	salesTaxItemGroupId?: string;
	/** InclTax on the header: F&O backs its tax out of the amounts (Yes) or adds it (No). */
	inclTax: boolean;
	dimensions?: DimensionsInput;
}

/** A free-text credit note: its header and one negative line per part, in order. */
export function freeTextCreditDraft(
	refund: BcRefund,
	parts: readonly FreeTextCreditLine[],
	identity: FreeTextCreditIdentity,
	context: FreeTextCreditContext,
	tax: FreeTextCreditTax,
): { header: FreeTextHeaderDraft; lines: FoFreeTextInvoiceLine[] } {
	const dims = optionalDimensions(tax.dimensions, context.dimensionFormat);
	const lines = parts.map((p, k): FoFreeTextInvoiceLine => {
		const amount = fromUnits(negate(p.units));
		return dropUndefined<FoFreeTextInvoiceLine>({
			dataAreaId: context.dataAreaId,
			LineNumber: k + 1,
			Description: truncate(
				`${p.label} - BigCommerce order ${refund.order_id} refund ${refund.id}`,
				60,
			),
			MainAccountDisplayValue: formatDisplayValue(p.mainAccount, context.ledgerFormat),
			Quantity: 1,
			UnitPrice: amount,
			TransactionCurrencyAmount: amount,
			CurrencyCode: context.currencyCode,
			SalesTaxGroupId: tax.salesTaxGroupId,
			SalesTaxItemGroupId: tax.salesTaxItemGroupId,
			DefaultDimensionDisplayValue: dims,
		});
	});
	const header = dropUndefined<FreeTextHeaderDraft>({
		dataAreaId: context.dataAreaId,
		InvoiceDate: identity.date,
		CurrencyCode: context.currencyCode,
		CustomerReference: identity.reference,
		CustomerRequisition: identity.shortReference,
		InclTax: tax.inclTax ? 'Yes' : 'No',
		SalesTaxGroupId: tax.salesTaxGroupId,
		DefaultDimensionDisplayValue: dims,
	});
	return { header, lines };
}
