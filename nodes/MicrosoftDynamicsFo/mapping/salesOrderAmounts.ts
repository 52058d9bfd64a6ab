/**
 * What a sales order's lines charge, in 1/10,000 currency units: each product line's total in the
 * tax basis and its own discounts, and the shipping, handling, gift-wrapping and fee charges as
 * lines for non-stock charge items. Every refusal names the order and the amount.
 */
import { MappingError } from './errors';
import { clean } from './fields';
import { fromUnits, toUnits } from './money';
import { orderFees, type BcOrderFee } from './orderTotals';
import type { BcOrder, BcOrderProduct } from './types';

export interface ChargeItemOptions {
	/** Non-stock item for shipping (required when the order has a shipping charge). */
	shippingItemNumber?: string;
	/** Non-stock item for handling; default: folded into the shipping line. */
	handlingItemNumber?: string;
	/** Non-stock item for gift wrapping; default: folded into the handling (or shipping) line. */
	wrappingItemNumber?: string;
	/**
	 * Non-stock item for order fees (`fees[]`). Required when the order has a fee: a fee is never
	 * folded into shipping, so an order with fees and no fee item is refused before anything is written.
	 */
	feeItemNumber?: string;
	/**
	 * Item that carries gift-certificate purchases (order lines of type `giftcertificate`): a
	 * liability, not revenue, so its sales account should be the gift-certificate liability
	 * account. Required when the order sells one.
	 */
	giftCertificateItemNumber?: string;
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

/**
 * Each product line's gross and its own `applied_discounts`, and the order subtotal, all in the tax
 * basis; how much order discount the lines do not carry is settled against the order's totals
 * (orderTotals.ts).
 */
export function productAmounts(
	order: BcOrder,
	products: readonly BcOrderProduct[],
	inclusive: boolean,
	options: AmountOptions,
): { gross: number[]; lineDiscounts: number[]; subtotal: number } {
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
	return { gross, lineDiscounts, subtotal };
}

/** A fee's cost in the basis; a fee without it is refused, never taken as free. */
function feeCost(order: BcOrder, fee: BcOrderFee, inclusive: boolean, index: number): number {
	const field = inclusive ? 'cost_inc_tax' : 'cost_ex_tax';
	const value = fee[field];
	if (value === undefined || value === null || value === '') {
		throw new MappingError(
			'INVALID_MONEY',
			`Fee ${fee.id ?? index + 1} of BigCommerce order ${order.id} has no ${field}`,
			{ orderId: order.id, field },
		);
	}
	return toUnits(value, `fee ${fee.id ?? index + 1} ${field}`);
}

/**
 * Shipping, handling, gift wrapping and the order's fees as charge lines; a charge without its own
 * item folds into the next one up (wrapping or fee → handling → shipping). `total` is every charge.
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
	const fees = orderFees(order).map((f, i) => ({
		units: feeCost(order, f, inclusive, i),
		label: `Fee: ${clean(f.display_name_merchant) ?? clean(f.display_name_customer) ?? f.id ?? i + 1}`,
	}));
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
	const feeItem = clean(charges.feeItemNumber);
	for (const fee of fees) {
		if (fee.units !== 0 && !addCharge(feeItem, fee.units, fee.label)) {
			throw new MappingError(
				'MISSING_OPTION',
				`BigCommerce order ${order.id} has a fee (${fee.label.slice('Fee: '.length)}, ${fromUnits(fee.units)}) but no Fee Charge Item is configured`,
				{ orderId: order.id, option: 'feeItemNumber' },
			);
		}
	}
	return { lines, total: shipping + handling + wrapping + sumUnits(fees.map((f) => f.units)) };
}

/** Whether a BigCommerce order line sells a gift certificate (posted on the gift-certificate item). */
export function isGiftCertificateLine(line: BcOrderProduct): boolean {
	return String(line.type ?? '').toLowerCase() === 'giftcertificate';
}

/**
 * The F&O items an order's charges and gift-certificate lines are written on, so they are looked
 * up with its SKUs (skuResolution.ts) before anything is written. Throws what the mapping would
 * throw for a charge without its item.
 */
export function chargeItemsOf(
	order: BcOrder,
	products: readonly BcOrderProduct[],
	charges: ChargeItemOptions,
	inclusive: boolean,
): string[] {
	const items = orderCharges(order, inclusive, charges, []).lines.map((c) => c.item);
	if (products.some(isGiftCertificateLine)) {
		const giftItem = clean(charges.giftCertificateItemNumber);
		if (giftItem) items.push(giftItem);
	}
	return [...new Set(items)];
}
