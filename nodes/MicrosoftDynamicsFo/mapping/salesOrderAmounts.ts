/**
 * What a sales order's lines charge, in 1/10,000 currency units: each product line's total in the
 * tax basis less its discounts (BigCommerce's own allocation, plus any order discount it left
 * unallocated, prorated by amount), and the shipping, handling and gift-wrapping charges as lines
 * for non-stock charge items. Every refusal names the order and the amount.
 */
import { MappingError } from './errors';
import { clean } from './fields';
import { allocate, fromUnits, toUnits } from './money';
import type { BcOrder, BcOrderProduct } from './types';

export interface ChargeItemOptions {
	/** Non-stock item for shipping (required when the order has a shipping charge). */
	shippingItemNumber?: string;
	/** Non-stock item for handling; default: folded into the shipping line. */
	handlingItemNumber?: string;
	/** Non-stock item for gift wrapping; default: folded into the handling (or shipping) line. */
	wrappingItemNumber?: string;
	/** Item sales tax group for charge lines. */
	salesTaxItemGroupCode?: string;
	/** Send a zero-amount shipping line for free shipping; default false. */
	includeZeroAmount?: boolean;
}

export interface AmountOptions {
	/** Decimals of the currency's amounts; default 2. */
	amountDecimals?: number;
	/** `prorate` an order discount BigCommerce did not allocate to lines (default), or `error`. */
	unallocatedDiscount?: 'prorate' | 'error';
	/** Fail when the lines' totals do not add up to the order subtotal (default true). */
	verifySubtotal?: boolean;
}

export interface ChargeLine {
	item: string;
	units: number;
	label: string;
}

export function sumUnits(values: readonly number[]): number {
	return values.reduce((a, b) => a + b, 0);
}

/** Each product line's gross and discount, and the order subtotal, all in the tax basis. */
export function productAmounts(
	order: BcOrder,
	products: readonly BcOrderProduct[],
	inclusive: boolean,
	options: AmountOptions,
): { gross: number[]; discounts: number[]; subtotal: number } {
	const amountStep = 10 ** (4 - (options.amountDecimals ?? 2));
	const gross = products.map((p) =>
		toUnits(inclusive ? p.total_inc_tax : p.total_ex_tax, `line ${p.id} total`),
	);
	const lineDiscounts = products.map((p) =>
		sumUnits((p.applied_discounts ?? []).map((d) => toUnits(d.amount, `line ${p.id} discount`))),
	);
	const subtotal = toUnits(inclusive ? order.subtotal_inc_tax : order.subtotal_ex_tax, 'subtotal');
	if (options.verifySubtotal !== false && Math.abs(sumUnits(gross) - subtotal) > amountStep) {
		throw new MappingError(
			'INVALID_MONEY',
			`The lines of BigCommerce order ${order.id} add up to ${fromUnits(sumUnits(gross))} but its subtotal is ${fromUnits(subtotal)}; some lines are missing`,
			{ orderId: order.id },
		);
	}
	const orderDiscount = Math.max(
		toUnits(order.discount_amount, 'discount_amount'),
		toUnits(order.coupon_discount, 'coupon_discount'),
	);
	const residual = orderDiscount - sumUnits(lineDiscounts);
	if (residual <= 0) return { gross, discounts: lineDiscounts, subtotal };
	if (options.unallocatedDiscount === 'error') {
		throw new MappingError(
			'UNALLOCATED_DISCOUNT',
			`BigCommerce order ${order.id} has ${fromUnits(residual)} of discount not allocated to any line`,
			{ orderId: order.id },
		);
	}
	const weights = gross.map((g, i) => Math.max(0, g - lineDiscounts[i]));
	const extra = allocate(residual, weights, 1);
	return { gross, discounts: lineDiscounts.map((d, i) => d + extra[i]), subtotal };
}

/**
 * Shipping, handling and gift wrapping as charge lines; a charge without its own item folds into
 * the next one up (wrapping → handling → shipping). `total` is all three charges.
 */
export function orderCharges(
	order: BcOrder,
	inclusive: boolean,
	charges: ChargeItemOptions,
	shippingMethods: readonly string[],
): { lines: ChargeLine[]; total: number } {
	const shipping = toUnits(
		inclusive ? order.shipping_cost_inc_tax : order.shipping_cost_ex_tax,
		'shipping',
	);
	const handling = toUnits(
		inclusive ? order.handling_cost_inc_tax : order.handling_cost_ex_tax,
		'handling',
	);
	const wrapping = toUnits(
		inclusive ? order.wrapping_cost_inc_tax : order.wrapping_cost_ex_tax,
		'wrapping',
	);
	const lines: ChargeLine[] = [];
	const addCharge = (item: string | undefined, units: number, label: string): boolean => {
		if (!item) return false;
		const existing = lines.find((c) => c.item === item);
		if (existing) {
			existing.units += units;
			existing.label += ` + ${label}`;
		} else lines.push({ item, units, label });
		return true;
	};
	const missingItem = (charge: string, units: number, items: string) =>
		new MappingError(
			'SHIPPING_ITEM_MISSING',
			`BigCommerce order ${order.id} has a ${charge} charge of ${fromUnits(units)} but no ${items} charge item is configured`,
			{ orderId: order.id },
		);
	const shipItem = clean(charges.shippingItemNumber);
	const handlingItem = clean(charges.handlingItemNumber) ?? shipItem;
	const wrappingItem = clean(charges.wrappingItemNumber) ?? handlingItem;
	if (shipping !== 0 || (charges.includeZeroAmount && shipItem)) {
		const label = shippingMethods.length ? `Shipping: ${shippingMethods.join(', ')}` : 'Shipping';
		if (!addCharge(shipItem, shipping, label)) throw missingItem('shipping', shipping, 'shipping');
	}
	if (handling !== 0 && !addCharge(handlingItem, handling, 'Handling'))
		throw missingItem('handling', handling, 'handling or shipping');
	if (wrapping !== 0 && !addCharge(wrappingItem, wrapping, 'Gift wrapping'))
		throw missingItem('gift-wrapping', wrapping, 'wrapping, handling or shipping');
	return { lines, total: shipping + handling + wrapping };
}
