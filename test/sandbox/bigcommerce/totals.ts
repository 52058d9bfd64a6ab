/**
 * An order's money: the coupon discount spread over its lines, and the line and order totals (ex
 * tax, tax, inc tax) that v2 renders, captures are bounded by and refunds are measured against. Kept
 * apart as pure functions of the order record so the store, the routes and the seed compute them
 * one way.
 */
import { round2 } from './format';
import type { OrderLineRec, OrderRec } from './records';

/** Spread the coupon discount over the lines (pro rata to line value). */
export function applyDiscounts(order: OrderRec): void {
	const subtotal = order.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
	for (const line of order.lines) line.discount = 0;
	for (const coupon of order.coupons) {
		const discount = round2(
			coupon.type === 1 ? (subtotal * coupon.value) / 100 : Math.min(coupon.value, subtotal),
		);
		coupon.discount = discount;
		let left = discount;
		order.lines.forEach((line, i) => {
			const share =
				i === order.lines.length - 1
					? left
					: round2((discount * line.unitPrice * line.quantity) / subtotal);
			line.discount = round2(line.discount + share);
			left = round2(left - share);
		});
	}
}

export interface OrderTotals {
	subtotalExTax: number;
	subtotalTax: number;
	discount: number;
	shippingExTax: number;
	shippingTax: number;
	shippingIncTax: number;
	handlingTax: number;
	feesExTax: number;
	feesTax: number;
	totalExTax: number;
	totalTax: number;
	totalIncTax: number;
	itemsTotal: number;
	itemsShipped: number;
}

export function lineTotals(order: OrderRec, line: OrderLineRec) {
	const totalEx = round2(line.unitPrice * line.quantity);
	const discountedEx = round2(totalEx - line.discount);
	const totalTax = round2(discountedEx * order.taxRate);
	return {
		priceTax: round2(line.unitPrice * order.taxRate),
		totalEx,
		totalTax,
		totalInc: round2(totalEx + round2(totalEx * order.taxRate)),
		discountedInc: round2(discountedEx + totalTax),
	};
}

export function orderTotals(order: OrderRec): OrderTotals {
	let subtotalExTax = 0;
	let subtotalTax = 0;
	let discount = 0;
	for (const line of order.lines) {
		const t = lineTotals(order, line);
		subtotalExTax += t.totalEx;
		subtotalTax += t.totalTax;
		discount += line.discount;
	}
	const shippingTax = round2(order.shippingCostExTax * order.taxRate);
	const handlingTax = round2(order.handlingCostExTax * order.taxRate);
	const feesExTax = order.fees.reduce((s, f) => s + f.costExTax, 0);
	const feesTax = order.fees.reduce((s, f) => s + round2(f.costExTax * order.taxRate), 0);
	const totalExTax = round2(
		subtotalExTax - discount + order.shippingCostExTax + order.handlingCostExTax + feesExTax,
	);
	const totalTax = round2(subtotalTax + shippingTax + handlingTax + feesTax);
	return {
		subtotalExTax: round2(subtotalExTax),
		subtotalTax: round2(subtotalTax),
		discount: round2(discount),
		shippingExTax: order.shippingCostExTax,
		shippingTax,
		shippingIncTax: round2(order.shippingCostExTax + shippingTax),
		handlingTax,
		feesExTax: round2(feesExTax),
		feesTax: round2(feesTax),
		totalExTax,
		totalTax,
		totalIncTax: round2(totalExTax + totalTax),
		itemsTotal: order.lines.reduce((s, l) => s + l.quantity, 0),
		itemsShipped: order.lines.reduce((s, l) => s + l.quantityShipped, 0),
	};
}
