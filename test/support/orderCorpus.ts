/**
 * A corpus of BigCommerce v2 orders for the money tests: every order example of the spec's
 * `orders.v2.oas2.yml` (read at run time, never copied), and orders generated the way BigCommerce
 * computes them — prices in the store's tax basis, a coupon spread over the product lines, line
 * promotions, a manual discount on the order only, tax at one rate on the discounted amounts and
 * the charges, fees, gift wrapping, gift-certificate purchases (untaxed, never discounted), a
 * display currency other than the default one, guests. The mapping's unit tests and the
 * integration corpus against the sandbox's F&O share this one generator, so a case means the same
 * figures in both.
 */
import * as fs from 'fs';
import * as yaml from 'js-yaml';

import type { BcOrder, BcOrderProduct } from '../../nodes/MicrosoftDynamicsFo/mapping';
import { BIGCOMMERCE_SPECS } from './bigcommerceSpecs';
import { sharedPath } from './specs';

/** Money as BigCommerce v2 writes it: 4-decimal strings. */
const m = (n: number) => n.toFixed(4);
const r2 = (n: number) => Math.round(n * 100) / 100;

export interface CorpusCase {
	id: number;
	inclusive?: boolean;
	rate?: number;
	lines: Array<{ sku: string; qty: number; price: number; promotion?: number }>;
	/** Coupon, allocated by BigCommerce over the product lines pro rata (`coupon_discount`). */
	coupon?: number;
	/** Manual discount, not allocated to lines (`discount_amount`). */
	manual?: number;
	shipping?: number;
	handling?: number;
	wrapping?: number;
	fees?: number[];
	/** Gift certificates bought (order lines of type `giftcertificate`, no SKU, untaxed). */
	giftCertificates?: number[];
	currency?: string;
	defaultCurrency?: string;
	guest?: boolean;
}

function billingAddress(id: number) {
	return {
		first_name: 'Jane',
		last_name: 'Doe',
		company: '',
		street_1: '555 East Street',
		street_2: '',
		city: 'Austin',
		state: 'Texas',
		zip: '78108',
		country: 'United States',
		country_iso2: 'US',
		phone: '1234567890',
		email: `corpus-${id}@example.com`,
	};
}

/** An order as BigCommerce computes it (see the opening comment). */
export function storeOrder(c: CorpusCase): BcOrder {
	const rate = c.rate ?? 0;
	const inc = (ex: number) => r2(ex * (1 + rate));
	const ex = (gross: number) => r2(gross / (1 + rate));
	const basis = c.lines.map((l) => r2(l.price * l.qty));
	const sub = basis.reduce((a, b) => a + b, 0);
	let couponLeft = c.coupon ?? 0;
	const products: BcOrderProduct[] = c.lines.map((l, i) => {
		const share = i === c.lines.length - 1 ? couponLeft : r2(((c.coupon ?? 0) * basis[i]) / sub);
		couponLeft = r2(couponLeft - share);
		const applied = [
			...(share
				? [{ id: 'coupon', amount: m(share), name: 'Coupon', code: 'SAVE', target: 'order' }]
				: []),
			...(l.promotion
				? [{ id: '7', amount: m(l.promotion), name: 'Promotion', code: null, target: 'product' }]
				: []),
		];
		const [totalEx, totalInc] = c.inclusive ? [ex(basis[i]), basis[i]] : [basis[i], inc(basis[i])];
		return {
			id: i + 1,
			order_id: c.id,
			product_id: 100 + i,
			type: 'physical',
			name: l.sku,
			sku: l.sku,
			quantity: l.qty,
			price_ex_tax: m(c.inclusive ? ex(l.price) : l.price),
			price_inc_tax: m(c.inclusive ? l.price : inc(l.price)),
			total_ex_tax: m(totalEx),
			total_inc_tax: m(totalInc),
			applied_discounts: applied,
		} as BcOrderProduct;
	});
	const gifts = c.giftCertificates ?? [];
	gifts.forEach((amount, k) => {
		products.push({
			id: c.lines.length + k + 1,
			order_id: c.id,
			product_id: 0,
			type: 'giftcertificate',
			name: `$${amount.toFixed(2)} Gift Certificate`,
			sku: '',
			quantity: 1,
			price_ex_tax: m(amount),
			price_inc_tax: m(amount),
			total_ex_tax: m(amount),
			total_inc_tax: m(amount),
			applied_discounts: [],
			gift_certificate_id: 50 + k,
		} as BcOrderProduct);
	});
	const giftTotal = gifts.reduce((a, b) => a + b, 0);
	const promotions = c.lines.reduce((s, l) => s + (l.promotion ?? 0), 0);
	const discounts = (c.coupon ?? 0) + (c.manual ?? 0) + promotions;
	const charges = [c.shipping ?? 0, c.handling ?? 0, c.wrapping ?? 0, ...(c.fees ?? [])];
	const taxable = r2(sub - discounts + charges.reduce((a, b) => a + b, 0));
	const tax = c.inclusive ? r2(taxable - taxable / (1 + rate)) : r2(taxable * rate);
	const [totalEx, totalInc] = c.inclusive
		? [r2(taxable - tax + giftTotal), r2(taxable + giftTotal)]
		: [r2(taxable + giftTotal), r2(taxable + tax + giftTotal)];
	const pair = (amount: number) =>
		c.inclusive ? [m(ex(amount)), m(amount)] : [m(amount), m(inc(amount))];
	const [shipEx, shipInc] = pair(c.shipping ?? 0);
	const [handEx, handInc] = pair(c.handling ?? 0);
	const [wrapEx, wrapInc] = pair(c.wrapping ?? 0);
	const billing = billingAddress(c.id);
	return {
		id: c.id,
		customer_id: c.guest ? 0 : 11,
		date_created: 'Tue, 05 Mar 2019 21:40:11 +0000',
		status_id: 11,
		subtotal_ex_tax: m(products.reduce((s, p) => s + Number(p.total_ex_tax), 0)),
		subtotal_inc_tax: m(products.reduce((s, p) => s + Number(p.total_inc_tax), 0)),
		shipping_cost_ex_tax: shipEx,
		shipping_cost_inc_tax: shipInc,
		handling_cost_ex_tax: handEx,
		handling_cost_inc_tax: handInc,
		wrapping_cost_ex_tax: wrapEx,
		wrapping_cost_inc_tax: wrapInc,
		total_ex_tax: m(totalEx),
		total_inc_tax: m(totalInc),
		total_tax: m(tax),
		is_tax_inclusive_pricing: c.inclusive === true,
		payment_method: 'Credit Card',
		discount_amount: m((c.manual ?? 0) + promotions),
		coupon_discount: m(c.coupon ?? 0),
		currency_code: c.currency ?? 'USD',
		default_currency_code: c.defaultCurrency ?? c.currency ?? 'USD',
		billing_address: billing,
		products,
		shipping_addresses: [
			{ id: 1, order_id: c.id, ...billing, shipping_method: 'Flat Rate', cost_ex_tax: shipEx },
		],
		fees: (c.fees ?? []).map((f, i) => {
			const [feeEx, feeInc] = pair(f);
			return {
				id: i + 1,
				type: 'custom_fee',
				display_name_merchant: `Fee ${i + 1}`,
				cost_ex_tax: feeEx,
				cost_inc_tax: feeInc,
			};
		}),
	} as BcOrder;
}

// ---- the spec's order examples ------------------------------------------------------------------

export interface SpecOrderExample {
	/** Where in the spec the example sits. */
	path: string;
	order: any;
}

/** Every object in the v2 spec's components that is an order (an id and order totals). */
export function specOrderExamples(): SpecOrderExample[] {
	const spec = yaml.load(
		fs.readFileSync(sharedPath(`${BIGCOMMERCE_SPECS}/orders.v2.oas2.yml`), 'utf8'),
	) as { components: unknown };
	const found: SpecOrderExample[] = [];
	const walk = (node: unknown, path: string) => {
		if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}/${i}`));
		else if (node && typeof node === 'object') {
			const o = node as Record<string, unknown>;
			if (typeof o.id === 'number' && 'total_inc_tax' in o && 'subtotal_ex_tax' in o)
				found.push({ path, order: JSON.parse(JSON.stringify(o)) });
			for (const [k, v] of Object.entries(o)) walk(v, `${path}/${k}`);
		}
	};
	walk(spec.components, 'components');
	return found;
}

/** The header examples have no lines (a link): one line carrying the order's subtotal stands in. */
export function withSubtotalLine(o: any, sku = 'EXAMPLE'): BcOrder {
	const line: BcOrderProduct = {
		id: 1,
		order_id: o.id,
		product_id: 1,
		name: 'Subtotal of the example',
		sku,
		quantity: 1,
		price_ex_tax: o.subtotal_ex_tax,
		price_inc_tax: o.subtotal_inc_tax,
		total_ex_tax: o.subtotal_ex_tax,
		total_inc_tax: o.subtotal_inc_tax,
		applied_discounts: [],
	} as BcOrderProduct;
	return { ...o, products: [line], shipping_addresses: [], coupons: [] };
}
