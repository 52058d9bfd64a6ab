/**
 * The advice the F&O node gives beside a failure is written for the person who fixes it: every
 * mapping problem says that nothing was written and what to do, and the node fields it sends the
 * person to exist under those names in the node as built (a renamed field fails here, not in front
 * of a user); F&O's unknown company points at the Legal Entity list and the credential's default;
 * the failed item names its BigCommerce record. (Through the router, a mapping error of a real
 * operation reaching the item's error with its advice: test/unit/fo-node/node.test.ts.)
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	mappingAdvice,
	taggedWithRecord,
	unknownLegalEntityAdvice,
} from '../../../nodes/MicrosoftDynamicsFo/actions/errorAdvice';
import type { MappingErrorCode } from '../../../nodes/MicrosoftDynamicsFo/mapping';
import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import { MicrosoftDynamicsFoApi } from '../../../credentials/MicrosoftDynamicsFoApi.credentials';

/** Every display name in a property tree (collections and fixed collections included). */
function displayNames(properties: readonly unknown[]): Set<string> {
	const names = new Set<string>();
	const walk = (list: readonly unknown[] | undefined) => {
		for (const entry of list ?? []) {
			const p = entry as Partial<INodeProperties> & { values?: INodeProperties[] };
			if (p.displayName) names.add(p.displayName);
			walk(p.options as unknown[] | undefined);
			walk(p.values);
		}
	};
	walk(properties);
	return names;
}

const NODE_FIELDS = displayNames(new MicrosoftDynamicsFo().description.properties);
const CREDENTIAL_FIELDS = displayNames(new MicrosoftDynamicsFoApi().properties);

/** n8n's lint names an options field fed by a list "<Field> Name or ID"; a person reads <Field>. */
const isNodeField = (name: string) =>
	NODE_FIELDS.has(name) || NODE_FIELDS.has(`${name} Name or ID`);

/**
 * The node fields each code's advice sends the person to; [] where the fix is in BigCommerce or in
 * the input. A Record over the union: a new code fails the type check until its advice is decided.
 */
const FIELDS_NAMED: Record<MappingErrorCode, string[]> = {
	INVALID_DATE: [],
	INVALID_MONEY: [],
	INVALID_COUNTRY: [],
	UNKNOWN_DIMENSION: ['Financial Dimensions', 'Financial Dimension Format'],
	INVALID_DIMENSION_VALUE: ['Dimension Delimiter'],
	INVALID_REFERENCE_PART: [],
	REFERENCE_TOO_LONG: ['Reference Prefix', 'Customer Account Prefix'],
	ORDER_NUMBER_TOO_LONG: ['Order Number Prefix'],
	GUEST_EMAIL_MISSING: ['Guest Orders'],
	MISSING_OPTION: [],
	MISSING_NAME: [],
	NO_ORDER_LINES: [],
	MISSING_SKU: [],
	INVALID_QUANTITY: [],
	UNMAPPED_SKU: ['SKU Mapping'],
	SHIPPING_ITEM_MISSING: ['Shipping Charge Item'],
	UNALLOCATED_DISCOUNT: [],
	TOTALS_MISMATCH: [],
	UNKNOWN_ORDER_PRODUCT: ['BigCommerce Order'],
	CURRENCY_MISMATCH: ['Currency'],
	INVALID_REFUND: [],
	UNMAPPED_PAYMENT_METHOD: ['Payment Methods'],
};

const CODES = Object.keys(FIELDS_NAMED) as MappingErrorCode[];

describe('mapping advice', () => {
	it.each(CODES)('%s: nothing was written, and a fix follows', (code) => {
		const advice = mappingAdvice(code);
		expect(advice.startsWith(`Nothing was written (${code}). `)).toBe(true);
		// A sentence of its own that tells the person what to do, not the code alone.
		expect(advice.length - `Nothing was written (${code}). `.length).toBeGreaterThan(40);
	});

	it.each(CODES.filter((code) => FIELDS_NAMED[code].length > 0))(
		'%s: the fields it names are fields of the node',
		(code) => {
			const advice = mappingAdvice(code);
			for (const field of FIELDS_NAMED[code]) {
				expect({ code, field, inAdvice: advice.includes(field) }).toEqual({
					code,
					field,
					inAdvice: true,
				});
				expect({ code, field, isNodeField: isNodeField(field) }).toEqual({
					code,
					field,
					isNodeField: true,
				});
			}
		},
	);

	it('a fix that can be made and retried says to run the item again; one that cannot does not', () => {
		expect(mappingAdvice('UNMAPPED_SKU')).toMatch(/run the item again\.$/);
		// An order whose amounts contradict each other is never posted: no retry is promised.
		expect(mappingAdvice('TOTALS_MISMATCH')).not.toMatch(/run the item again/);
		expect(mappingAdvice('TOTALS_MISMATCH')).toMatch(/never posted/);
	});
});

describe("F&O's unknown company", () => {
	const message = "Company 'ZZZZ' does not exist.";

	it('names the company and where it is chosen, on the node and in the credential', () => {
		const advice = unknownLegalEntityAdvice(`Bad request: ${message}`);
		expect(advice).toContain('Legal entity "ZZZZ" does not exist in this F&O environment');
		expect(advice).toContain("node's Legal Entity list");
		expect(advice).toContain('Default Legal Entity of the F&O credential');
		expect(isNodeField('Legal Entity')).toBe(true);
		expect(CREDENTIAL_FIELDS.has('Default Legal Entity')).toBe(true);
	});

	it('is silent for any other F&O error', () => {
		expect(unknownLegalEntityAdvice('Customer account US-999 does not exist.')).toBeUndefined();
		expect(unknownLegalEntityAdvice('')).toBeUndefined();
	});
});

describe('the failed item names its BigCommerce record', () => {
	const fn = (parameters: Record<string, unknown>) =>
		({
			getNodeParameter: (name: string, _i: number, fallback?: unknown) =>
				name in parameters ? parameters[name] : fallback,
		}) as never;

	it('an order, given as the trigger outputs it or as JSON text', () => {
		expect(taggedWithRecord(fn({ bigcommerceRecord: { id: 111 } }), 'salesOrder', 0, 'Bad')).toBe(
			'Bad (BigCommerce order 111)',
		);
		expect(
			taggedWithRecord(fn({ bigcommerceRecord: '{"id":"112"}' }), 'salesOrder', 0, 'Bad'),
		).toBe('Bad (BigCommerce order 112)');
	});

	it('a refund or a transaction with its order; a customer event as a customer', () => {
		const refund = { bigcommerceRecord: { id: 7, order_id: 111 }, input: 'refund' };
		expect(taggedWithRecord(fn(refund), 'creditNote', 0, 'Bad')).toBe(
			'Bad (BigCommerce refund 7 of order 111)',
		);
		const transaction = { bigcommerceRecord: { id: 9, order_id: 111 }, input: 'transaction' };
		expect(taggedWithRecord(fn(transaction), 'payment', 0, 'Bad')).toBe(
			'Bad (BigCommerce transaction 9 of order 111)',
		);
		expect(
			taggedWithRecord(
				fn({ bigcommerceRecord: { id: 5 }, source: 'customer' }),
				'customer',
				0,
				'X',
			),
		).toBe('X (BigCommerce customer 5)');
		expect(
			taggedWithRecord(fn({ bigcommerceRecord: { id: 5 }, source: 'order' }), 'customer', 0, 'X'),
		).toBe('X (BigCommerce order 5)');
	});

	it('leaves the message as it is when it names the record already, or there is none to name', () => {
		const order = { bigcommerceRecord: { id: 111 } };
		expect(taggedWithRecord(fn(order), 'salesOrder', 0, 'Order 111 failed')).toBe(
			'Order 111 failed',
		);
		expect(taggedWithRecord(fn(order), 'entity', 0, 'Bad')).toBe('Bad');
		expect(taggedWithRecord(fn({ bigcommerceRecord: '{not json' }), 'salesOrder', 0, 'Bad')).toBe(
			'Bad',
		);
		expect(taggedWithRecord(fn({}), 'salesOrder', 0, 'Bad')).toBe('Bad');
		expect(taggedWithRecord(fn({ bigcommerceRecord: { id: null } }), 'salesOrder', 0, 'Bad')).toBe(
			'Bad',
		);
	});
});
