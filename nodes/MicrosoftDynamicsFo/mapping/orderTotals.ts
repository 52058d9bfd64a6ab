/**
 * The check that a sales order reproduces what BigCommerce charged, to the cent, before anything
 * is written. BigCommerce's own figures are the truth: in the order's tax basis the product lines
 * less their discounts plus the charges must equal `total_ex_tax` (tax-exclusive) or
 * `total_inc_tax` (tax-inclusive), and the other total must be that one with `total_tax` added or
 * taken away. The order-level discounts `discount_amount` (manual and automatic) and
 * `coupon_discount` add up; the lines' `applied_discounts` carry BigCommerce's allocation of them.
 * When the totals show that part of the order discounts was not allocated to lines, that part is
 * prorated over the product lines (never over a gift certificate bought: it is a liability at face
 * value, and BigCommerce discounts none), or refused, by option; any other remainder is unexplained and the
 * order is refused with a TOTALS_MISMATCH naming the order and every figure: a silently different
 * order is never written.
 */
import { MappingError } from './errors';
import { allocate, fromUnits, roundUnits, toUnits } from './money';
import type { BcMoney, BcOrder } from './types';

/** An order fee (`include=fees` on v2 orders, or `/v2/orders/{id}/fees`). */
export interface BcOrderFee {
	id?: number;
	type?: string;
	display_name_customer?: string;
	display_name_merchant?: string;
	cost_ex_tax?: BcMoney;
	cost_inc_tax?: BcMoney;
	cost_tax?: BcMoney;
}

/** The fees the order carries (an array only when they were included), else none. */
export function orderFees(order: BcOrder): BcOrderFee[] {
	const fees = (order as { fees?: unknown }).fees;
	return Array.isArray(fees) ? (fees as BcOrderFee[]) : [];
}

export interface DiscountSettlement {
	/** Each product line's discount: its applied_discounts plus its share of any unallocated part. */
	discounts: number[];
	/** The order discount the lines did not carry and that was prorated over them. */
	unallocated: number;
	/** BigCommerce's total in the basis the lines are written in. */
	basisTotal: number;
}

interface SettleInput {
	order: BcOrder;
	inclusive: boolean;
	/** Each product line's total in the basis, before discounts (1/10,000 units). */
	gross: readonly number[];
	/** Each product line's applied_discounts (1/10,000 units). */
	lineDiscounts: readonly number[];
	/** Lines that take no share of an unallocated order discount (gift-certificate purchases). */
	undiscountable?: readonly boolean[];
	/** Shipping + handling + wrapping + fees in the basis (1/10,000 units). */
	charges: number;
	decimals: number;
	/** `prorate` (default) an order discount BigCommerce did not allocate to lines, or `error`. */
	unallocatedDiscount?: 'prorate' | 'error';
}

function sum(values: readonly number[]): number {
	return values.reduce((a, b) => a + b, 0);
}

/**
 * The product lines' discounts that make the order reproduce BigCommerce's totals, or a
 * MappingError: TOTALS_MISMATCH for a remainder the discounts cannot explain, UNALLOCATED_DISCOUNT
 * for an unallocated one when the option says `error`.
 */
export function settleOrderTotals(input: SettleInput): DiscountSettlement {
	const { order, inclusive, gross, lineDiscounts, charges, decimals } = input;
	const cents = (units: number) => roundUnits(units, decimals);
	const money = (units: number) => fromUnits(cents(units)).toFixed(decimals);
	const totalField = inclusive ? 'total_inc_tax' : 'total_ex_tax';
	const basisTotal = toUnits(inclusive ? order.total_inc_tax : order.total_ex_tax, totalField);
	const discountAmount = toUnits(order.discount_amount, 'discount_amount');
	const couponDiscount = toUnits(order.coupon_discount, 'coupon_discount');
	const allocated = sum(lineDiscounts);
	const products = sum(gross);
	const beforeOrderDiscount = products - allocated + charges;
	const remainder = beforeOrderDiscount - basisTotal;
	const notAllocated = discountAmount + couponDiscount - allocated;

	let unallocated = 0;
	if (cents(remainder) !== 0) {
		if (notAllocated <= 0 || cents(remainder) !== cents(notAllocated)) {
			const basis = inclusive ? 'including' : 'excluding';
			throw new MappingError(
				'TOTALS_MISMATCH',
				`BigCommerce order ${order.id} does not add up ${basis} tax: products ${money(products)} − line discounts ${money(allocated)} + charges ${money(charges)} = ${money(beforeOrderDiscount)}, but ${totalField} is ${money(basisTotal)}; the ${money(remainder)} difference is not the order discounts left unallocated (discount_amount ${money(discountAmount)} + coupon_discount ${money(couponDiscount)} − line discounts ${money(allocated)} = ${money(notAllocated)}); nothing was written`,
				{
					orderId: order.id,
					field: totalField,
					expected: fromUnits(basisTotal),
					computed: fromUnits(beforeOrderDiscount),
					afterOrderDiscounts: fromUnits(beforeOrderDiscount - Math.max(0, notAllocated)),
					difference: fromUnits(remainder),
					products: fromUnits(products),
					lineDiscounts: fromUnits(allocated),
					discountAmount: fromUnits(discountAmount),
					couponDiscount: fromUnits(couponDiscount),
					charges: fromUnits(charges),
				},
			);
		}
		if (input.unallocatedDiscount === 'error') {
			throw new MappingError(
				'UNALLOCATED_DISCOUNT',
				`BigCommerce order ${order.id} has ${money(notAllocated)} of discount not allocated to any line`,
				{ orderId: order.id, unallocated: fromUnits(notAllocated) },
			);
		}
		unallocated = notAllocated;
	}
	checkOtherTotal(order, inclusive, basisTotal, money);
	if (unallocated === 0) return { discounts: [...lineDiscounts], unallocated, basisTotal };
	const weights = gross.map((g, i) =>
		input.undiscountable?.[i] ? 0 : Math.max(0, g - lineDiscounts[i]),
	);
	const extra = allocate(unallocated, weights, 1);
	return { discounts: lineDiscounts.map((d, i) => d + extra[i]), unallocated, basisTotal };
}

/** The total in the other basis is the written one with BigCommerce's `total_tax` added or taken away. */
function checkOtherTotal(
	order: BcOrder,
	inclusive: boolean,
	basisTotal: number,
	money: (units: number) => string,
): void {
	if (order.total_tax === undefined || order.total_tax === null || order.total_tax === '') return;
	const tax = toUnits(order.total_tax, 'total_tax');
	const otherField = inclusive ? 'total_ex_tax' : 'total_inc_tax';
	const other = toUnits(inclusive ? order.total_ex_tax : order.total_inc_tax, otherField);
	const expected = inclusive ? basisTotal - tax : basisTotal + tax;
	if (money(other) === money(expected)) return;
	throw new MappingError(
		'TOTALS_MISMATCH',
		`BigCommerce order ${order.id} contradicts itself: ${otherField} is ${money(other)} but ${inclusive ? 'total_inc_tax' : 'total_ex_tax'} ${money(basisTotal)} ${inclusive ? '−' : '+'} total_tax ${money(tax)} = ${money(expected)}; nothing was written`,
		{
			orderId: order.id,
			field: otherField,
			expected: fromUnits(other),
			computed: fromUnits(expected),
			difference: fromUnits(expected - other),
		},
	);
}
