/**
 * The store's refunds (see ./store.ts): a refund of order lines, shipping or an amount, priced from
 * the order as BigCommerce prices it, refused where BigCommerce refuses it (more than the order paid
 * less what was refunded, store credit for a guest), paid back through one refund transaction per
 * provider, and moving the order to Refunded or Partially Refunded. It is the store's largest
 * mutation, so it stands alone.
 */
import { iso, round2 } from './format';
import type { RefundItemRec, RefundRec } from './records';
import type { RefundSpec } from './specs';
import type { BigCommerceStore } from './store';
import { refundRefused } from './storeErrors';
import { orderTotals } from './totals';

export function addRefund(
	store: BigCommerceStore,
	orderId: number,
	spec: RefundSpec,
	options: { silent?: boolean } = {},
): RefundRec {
	const order = store.getOrder(orderId);
	if (order.statusId === 0) throw refundRefused('An incomplete order cannot be refunded.');
	const providers = [spec.provider_id, ...(spec.payments ?? []).map((p) => p.provider_id)];
	if (providers.includes('storecredit') && order.customerId === 0)
		throw refundRefused('Unable to provide store credit for a guest customer.');
	const items: RefundItemRec[] = [];
	let total = 0;
	let tax = 0;
	const reason = spec.reason ?? 'Customer return';
	const lineSpecs = [
		...(spec.lines ?? []).map((l) => ({
			item_type: 'PRODUCT' as const,
			item_id: l.id,
			quantity: l.quantity,
		})),
		...(spec.items ?? []),
	];
	if (spec.shipping) {
		lineSpecs.push({
			item_type: 'SHIPPING',
			item_id: order.shipping[0].id,
			amount: typeof spec.shipping === 'number' ? spec.shipping : undefined,
		} as never);
	}
	if (spec.amount !== undefined)
		lineSpecs.push({
			item_type: 'ORDER',
			item_id: order.id,
			amount: spec.amount,
		} as never);
	if (!lineSpecs.length) throw refundRefused('A refund needs at least one item.');
	const totals = orderTotals(order);
	for (const item of lineSpecs) {
		const amountSpec = (item as { amount?: number }).amount;
		if (item.item_type === 'PRODUCT') {
			const line = order.lines.find((l) => l.id === item.item_id);
			if (!line) throw refundRefused(`Order product ${item.item_id} is not on order ${orderId}.`);
			const qty = item.quantity ?? line.quantity - line.quantityRefunded;
			if (qty <= 0 || line.quantityRefunded + qty > line.quantity) {
				throw refundRefused(`Quantity ${qty} of order product ${line.id} cannot be refunded.`);
			}
			// The refunded share of what the line charged (all of it when every unit comes back).
			const ex = round2(((line.unitPrice * line.quantity - line.discount) * qty) / line.quantity);
			const t = round2(ex * order.taxRate);
			line.quantityRefunded += qty;
			line.refundAmount = round2(line.refundAmount + ex + t);
			total += ex + t;
			tax += t;
			items.push({
				item_type: 'PRODUCT',
				item_id: line.id,
				reason,
				quantity: qty,
				adjustments: [],
				requested_amount: null,
			});
		} else if (item.item_type === 'SHIPPING') {
			const full = round2(totals.shippingIncTax);
			const amount = round2(amountSpec ?? full);
			const t = round2((amount * order.taxRate) / (1 + order.taxRate));
			total += amount;
			tax += t;
			items.push({
				item_type: 'SHIPPING',
				item_id: order.shipping[0].id,
				reason,
				quantity: 1,
				adjustments: [],
				requested_amount: amountSpec ?? full,
			});
		} else {
			const amount = round2(amountSpec ?? 0);
			if (amount <= 0) throw refundRefused('An amount refund needs a positive amount.');
			total += amount;
			items.push({
				item_type: item.item_type,
				item_id: item.item_id ?? order.id,
				reason,
				quantity: 1,
				adjustments: [],
				requested_amount: amount,
			});
		}
	}
	total = round2(total);
	tax = round2(tax);
	// BigCommerce's refund quote reports a negative adjustment when the request exceeds what is
	// refundable, and the refund itself is refused with 422 (orders.v3.yml, refund quotes).
	const refundable = store.refundableAmount(order);
	if (total > refundable + 0.005) {
		throw refundRefused(
			`The refund amount (${total.toFixed(2)}) exceeds the amount available to refund on order ${order.id} (${Math.max(0, refundable).toFixed(2)} ${order.currency.code}: paid ${store.paidAmount(order).toFixed(2)}, refunded ${order.refundedAmount.toFixed(2)}).`,
		);
	}
	const capture = store.transactions.find(
		(t) =>
			t.order_id === String(orderId) &&
			(t.event === 'capture' || t.event === 'purchase') &&
			t.status === 'ok',
	);
	const split = spec.payments?.length
		? spec.payments.map((p) => ({ provider_id: p.provider_id, amount: round2(p.amount) }))
		: [{ provider_id: spec.provider_id ?? capture?.gateway ?? 'storecredit', amount: total }];
	const paid = round2(split.reduce((sum, p) => sum + p.amount, 0));
	if (Math.abs(paid - total) > 0.005 || split.some((p) => p.amount <= 0))
		throw refundRefused(
			`The refund payments (${paid.toFixed(2)}) do not match the refund amount (${total.toFixed(2)}).`,
		);
	// One refund transaction per provider, on its gateway (store credit on BigCommerce's own).
	const payments = split.map((p) => {
		const storeCredit = p.provider_id === 'storecredit';
		const refundTx = store.addTransaction(
			orderId,
			{
				event: 'refund',
				amount: p.amount,
				gateway: storeCredit ? 'storecredit' : (capture?.gateway ?? p.provider_id),
				method: storeCredit ? 'store_credit' : undefined,
				date: spec.date,
				emit: false,
			},
			{ silent: true },
		);
		return {
			id: store.nextId('payment'),
			provider_id: p.provider_id,
			amount: p.amount,
			offline: storeCredit || p.provider_id === 'custom',
			is_declined: false,
			declined_message: '',
			transaction_id: String(refundTx.id),
		};
	});
	const refund: RefundRec = {
		id: store.nextId('refund'),
		order_id: order.id,
		user_id: 0,
		created: iso(spec.date ? new Date(spec.date) : store.now()),
		reason,
		total_amount: total,
		total_tax: tax,
		uses_merchant_override_values: false,
		items,
		payments,
	};
	store.refunds.push(refund);
	order.refundedAmount = round2(order.refundedAmount + total);
	const full = order.refundedAmount >= totals.totalIncTax - 0.005;
	order.paymentStatus = full ? 'refunded' : 'partially refunded';
	order.dateModified = spec.date ? new Date(spec.date) : store.now();
	if (!options.silent)
		store.emit('store/order/refund/created', {
			type: 'order',
			id: order.id,
			refund: { refund_id: refund.id },
		});
	// A refund also moves the status to Refunded / Partially Refunded (as reported from live stores).
	store.setStatus(order.id, full ? 4 : 14, options);
	return refund;
}
