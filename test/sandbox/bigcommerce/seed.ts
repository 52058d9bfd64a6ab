/**
 * Seed data: an outdoor-gear store whose SKUs match the F&O seed (see ../catalog.ts), registered and
 * guest buyers, and orders covering coupons, shipping, tax, two currencies, an incomplete order,
 * captured and voided transactions, and partial, line-level and shipping-only refunds.
 *
 * The catalog records are made by ./seedCatalog.ts and the registered customers by
 * ./seedCustomers.ts; this file seeds them in that order (ids follow it), then the orders.
 */
import { iso } from './format';
import { seedCatalog } from './seedCatalog';
import { seedCustomers } from './seedCustomers';
import type { BigCommerceStore } from './store';

export {
	CATALOG,
	CURRENCIES,
	foDimensions,
	foReleasedProducts,
	foReleasedProductVariants,
	skuIndex,
} from '../catalog';
export type { CatalogProduct, CatalogVariant } from '../catalog';

export const SEED_EPOCH = '2025-03-03T09:00:00Z';

/** Fill a store with the seed data (no webhooks fire: nothing is subscribed yet, and all is silent). */
export function seedStore(store: BigCommerceStore): void {
	const date = iso(new Date('2025-01-06T08:00:00Z'));
	seedCatalog(store, date);
	const { ava, liam, jonas, summit, emma } = seedCustomers(store, date);

	const s = { silent: true };
	const day = (n: number, hour = 10) =>
		new Date(Date.parse(SEED_EPOCH) + n * 86400000 + (hour - 9) * 3600000).toISOString();
	const o = (spec: Parameters<BigCommerceStore['createOrder']>[0]) => store.createOrder(spec, s);
	const pay = (orderId: number, event: string, when: string, extra = {}) =>
		store.addTransaction(orderId, { event, date: when, ...extra }, s);

	// 1. Registered US buyer, multi-line with coupon, captured and shipped.
	const o1 = o({
		customer_id: ava.id,
		lines: [
			{ sku: 'TENT-2P-ALPINE' },
			{ sku: 'SB-DOWN-20-REG' },
			{ sku: 'LAMP-HEAD-400', quantity: 2 },
		],
		coupon: { code: 'TRAIL10', percent: 10 },
		date_created: day(0),
	});
	pay(o1.id, 'authorization', day(0, 10));
	pay(o1.id, 'capture', day(0, 12));
	store.setStatus(o1.id, 2, s);

	// 2. Guest US buyer, variant jacket + socks, captured, awaiting fulfillment.
	const o2 = o({
		guest: {
			first_name: 'Riley',
			last_name: 'Nguyen',
			email: 'riley.nguyen@example.net',
			street_1: '301 Mesa Blvd',
			city: 'Flagstaff',
			state: 'Arizona',
			zip: '86001',
		},
		lines: [{ sku: 'JKT-RAIN-M-BLU' }, { sku: 'SOCK-MERINO-M', quantity: 3 }],
		date_created: day(1),
	});
	pay(o2.id, 'purchase', day(1, 10));

	// 3. German buyer in EUR, multi-line with a fixed-amount coupon, captured, then a partial line-level refund.
	const o3 = o({
		customer_id: jonas.id,
		currency: 'EUR',
		lines: [
			{ sku: 'JKT-DOWN-L-BLK' },
			{ sku: 'BOOT-HIKE-MID-43' },
			{ sku: 'SOCK-MERINO-L', quantity: 2 },
		],
		coupon: { code: 'WINTER15', amount: 15 },
		date_created: day(2),
	});
	pay(o3.id, 'authorization', day(2, 10));
	pay(o3.id, 'capture', day(2, 11));
	store.setStatus(o3.id, 2, s);
	store.addRefund(
		o3.id,
		{
			lines: [{ id: o3.lines[2].id, quantity: 1 }],
			reason: 'Wrong size',
			date: day(6),
		},
		s,
	);

	// 4. Incomplete order (status 0): failed checkout, no payment.
	o({
		customer_id: liam.id,
		status_id: 0,
		lines: [{ sku: 'STOVE-CANISTER' }, { sku: 'BOTTLE-STEEL-1L' }],
		date_created: day(3),
	});

	// 5. Wholesale buyer, large multi-line order with a handling fee, captured, shipping-only refund.
	const o5 = o({
		customer_id: summit.id,
		lines: [
			{ sku: 'TENT-4P-BASECAMP', quantity: 2 },
			{ sku: 'PACK-DAY-28-GRY', quantity: 4 },
			{ sku: 'PACK-DAY-28-ORG', quantity: 4 },
			{ sku: 'PAD-SLEEP-INSUL-WIDE', quantity: 4 },
			{ sku: 'STOVE-CANISTER', quantity: 2 },
		],
		shipping: 45,
		fees: [{ name: 'Package Protection', amount: 12.5 }],
		staff_notes: 'Net 30 approved',
		date_created: day(4),
	});
	pay(o5.id, 'purchase', day(4, 10));
	store.setStatus(o5.id, 10, s);
	store.addRefund(
		o5.id,
		{
			shipping: true,
			reason: 'Late delivery: shipping refunded',
			date: day(9),
		},
		s,
	);

	// 6. Authorization voided, order cancelled.
	const o6 = o({
		customer_id: liam.id,
		lines: [{ sku: 'JKT-RAIN-L-RED' }],
		date_created: day(5),
	});
	pay(o6.id, 'authorization', day(5, 10));
	pay(o6.id, 'void', day(5, 15));
	store.setStatus(o6.id, 5, s);

	// 7. French buyer in EUR with a deliberately unmapped variant and an unmapped product.
	const o7 = o({
		customer_id: emma.id,
		currency: 'EUR',
		lines: [{ sku: 'JKT-DOWN-XL-GRN' }, { sku: 'POLES-TREK-CARBON' }],
		date_created: day(6),
	});
	pay(o7.id, 'purchase', day(6, 10));

	// 8. Guest, fully refunded (an amount refund of the whole order).
	const o8 = o({
		guest: {
			first_name: 'Sam',
			last_name: 'Rivera',
			email: 'sam.rivera@example.org',
		},
		lines: [{ sku: 'BOOT-HIKE-MID-45' }],
		date_created: day(7),
	});
	pay(o8.id, 'purchase', day(7, 10));
	store.addRefund(
		o8.id,
		{
			amount: store.ordersTotal(o8).totalIncTax,
			reason: 'Order cancelled by customer',
			date: day(8),
		},
		s,
	);

	// 9. Registered buyer, awaiting payment (no transactions).
	o({
		customer_id: ava.id,
		status_id: 7,
		lines: [{ sku: 'SB-DOWN-20-LONG' }, { sku: 'PAD-SLEEP-INSUL-REG' }],
		date_created: day(8),
	});

	// 10. Registered, captured, awaiting shipment, with a partial amount refund (goodwill).
	const o10 = o({
		customer_id: liam.id,
		lines: [{ sku: 'JKT-DOWN-M-GRN' }, { sku: 'LAMP-HEAD-400' }],
		coupon: { code: 'TRAIL10', percent: 10 },
		date_created: day(9),
	});
	pay(o10.id, 'purchase', day(9, 10));
	store.setStatus(o10.id, 9, s);
	store.addRefund(o10.id, { amount: 20, reason: 'Goodwill credit', date: day(10) }, s);

	// Silent mutations above stamp "now"; give every order its seeded modification time instead.
	for (const order of store.orders.values()) {
		const times = [order.dateCreated.getTime()];
		for (const t of store.transactions)
			if (t.order_id === String(order.id)) times.push(Date.parse(t.date_created));
		for (const r of store.refunds) if (r.order_id === order.id) times.push(Date.parse(r.created));
		order.dateModified = new Date(Math.max(...times) + 3600000);
		if (order.dateShipped) order.dateShipped = new Date(order.dateCreated.getTime() + 86400000);
	}
}
