/**
 * Test helpers: the shared spec material (read at run time, never copied; tests that use it gate
 * themselves with test/support/specs.ts) and fixtures.
 */
import * as fs from 'fs';
import * as yaml from 'js-yaml';
import {
	MappingError,
	type BcOrder,
	type BcOrderProduct,
	type ResolvedItem,
} from '../../../nodes/MicrosoftDynamicsFo/mapping';

import { BIGCOMMERCE_SPECS } from '../../support/bigcommerceSpecs';
import { sharedPath } from '../../support/specs';

export { entities, entityProblems, expectConforms } from '../../support/entityCatalogue';

const yamlCache = new Map<string, any>();
export function bcSpec(file: string): any {
	if (!yamlCache.has(file)) {
		yamlCache.set(
			file,
			yaml.load(fs.readFileSync(sharedPath(`${BIGCOMMERCE_SPECS}/${file}`), 'utf8')),
		);
	}
	return yamlCache.get(file);
}

/** An example value from a spec's components.responses.<name>.content.application/json.examples. */
export function specResponseExample(file: string, response: string, example: string): any {
	const value =
		bcSpec(file).components.responses[response].content['application/json'].examples[example].value;
	return JSON.parse(JSON.stringify(value));
}

/** Money as BigCommerce v2 writes it: 4-decimal strings. */
export function m(n: number): string {
	return n.toFixed(4);
}

export interface LineSpec {
	sku: string;
	qty: number;
	price: number;
	discount?: number;
	taxRate?: number;
	name?: string;
	addressId?: number;
}

/** A v2 product line as BigCommerce computes it (totals = price × qty, tax per line). */
export function product(id: number, orderId: number, s: LineSpec): BcOrderProduct {
	const rate = s.taxRate ?? 0;
	const total = s.price * s.qty;
	const discount = s.discount ?? 0;
	return {
		id,
		order_id: orderId,
		product_id: 100 + id,
		variant_id: 200 + id,
		order_address_id: s.addressId ?? 1,
		name: s.name ?? `Product ${s.sku}`,
		sku: s.sku,
		type: 'physical',
		base_price: m(s.price),
		price_ex_tax: m(s.price),
		price_inc_tax: m(s.price * (1 + rate)),
		total_ex_tax: m(total),
		total_inc_tax: m(total * (1 + rate)),
		quantity: s.qty,
		parent_order_product_id: null,
		is_bundled_product: false,
		applied_discounts: discount
			? [{ id: 'coupon', amount: m(discount), name: 'Coupon', code: 'SAVE', target: 'order' }]
			: [],
	};
}

export interface OrderSpec {
	id: number;
	lines: LineSpec[];
	customerId?: number;
	currency?: string;
	shipping?: number;
	handling?: number;
	taxRate?: number;
	email?: string | null;
	company?: string;
	date?: string;
	consignments?: boolean;
}

/** A v2 order whose totals are consistent the way BigCommerce computes them. */
export function order(spec: OrderSpec): BcOrder {
	const rate = spec.taxRate ?? 0;
	const products = spec.lines.map((l, i) => product(i + 1, spec.id, { ...l, taxRate: rate }));
	const subEx = spec.lines.reduce((s, l) => s + l.price * l.qty, 0);
	const discount = spec.lines.reduce((s, l) => s + (l.discount ?? 0), 0);
	const ship = spec.shipping ?? 0;
	const handling = spec.handling ?? 0;
	const totalEx = subEx - discount + ship + handling;
	const billing = {
		first_name: 'Jane',
		last_name: 'Doe',
		company: spec.company ?? '',
		street_1: '555 East Street',
		street_2: 'Suite 4',
		city: 'Austin',
		state: 'Texas',
		zip: '78108',
		country: 'United States',
		country_iso2: 'US',
		phone: '1234567890',
		email: spec.email === null ? '' : (spec.email ?? 'janedoe@example.com'),
	};
	const shippingAddress = {
		id: 1,
		order_id: spec.id,
		...billing,
		shipping_method: 'Flat Rate',
		cost_ex_tax: m(ship),
		cost_inc_tax: m(ship * (1 + rate)),
	};
	const o: BcOrder = {
		id: spec.id,
		customer_id: spec.customerId ?? 11,
		date_created: spec.date ?? 'Tue, 05 Mar 2019 21:40:11 +0000',
		status_id: 11,
		subtotal_ex_tax: m(subEx),
		subtotal_inc_tax: m(subEx * (1 + rate)),
		shipping_cost_ex_tax: m(ship),
		shipping_cost_inc_tax: m(ship * (1 + rate)),
		handling_cost_ex_tax: m(handling),
		handling_cost_inc_tax: m(handling * (1 + rate)),
		wrapping_cost_ex_tax: m(0),
		wrapping_cost_inc_tax: m(0),
		total_ex_tax: m(totalEx),
		total_inc_tax: m(subEx * (1 + rate) - discount + (ship + handling) * (1 + rate)),
		total_tax: m((subEx + ship + handling) * rate),
		is_tax_inclusive_pricing: false,
		payment_method: 'Credit Card',
		currency_code: spec.currency ?? 'USD',
		default_currency_code: spec.currency ?? 'USD',
		discount_amount: m(discount),
		coupon_discount: m(discount),
		billing_address: billing,
	};
	if (spec.consignments === false) {
		o.products = products;
		o.shipping_addresses = [shippingAddress];
	} else {
		o.consignments = {
			shipping: [{ ...shippingAddress, line_items: products }],
			pickups: [],
			downloads: [],
		};
	}
	return o;
}

/** Resolved items for every SKU of the given line specs. */
export function resolvedFor(lines: Array<{ sku: string }>): Record<string, ResolvedItem> {
	const out: Record<string, ResolvedItem> = {};
	for (const l of lines) out[l.sku] = { ItemNumber: `I-${l.sku}` };
	return out;
}

/** Sum numbers as cents, exactly. */
export function sumCents(values: number[]): number {
	return values.reduce((s, v) => s + Math.round(v * 100), 0);
}

/** The MappingError `fn` throws; the test fails when it throws nothing or something else. */
export function thrownMappingError(fn: () => unknown): MappingError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(MappingError);
		return e as MappingError;
	}
	throw new Error('expected a MappingError');
}

/** The refund mapping's store, company and currency (abc123xyz, usmf, USD) for an order's lines. */
export function refundMappingBase(orderProducts: BcOrderProduct[]) {
	return { dataAreaId: 'usmf', storeHash: 'abc123xyz', currencyCode: 'USD', orderProducts };
}
