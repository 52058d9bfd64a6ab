/**
 * A refund of an order posted with BigCommerce's tax as posted: one free-text credit whose lines,
 * all under the zero-rate groups, make exactly what BigCommerce paid back (total_amount), its
 * total_tax on the tax account; or a typed error and nothing to write.
 */
import {
	mapRefund,
	type RefundMappingOptions,
} from '../../../nodes/MicrosoftDynamicsFo/mapping/creditNote';
import { withParentRecId } from '../../../nodes/MicrosoftDynamicsFo/mapping';
import type { BcRefund } from '../../../nodes/MicrosoftDynamicsFo/mapping/types';
import { BIGCOMMERCE_SPECS } from '../../support/bigcommerceSpecs';
import { ENTITY_CATALOGUE } from '../../support/entityCatalogue';
import { itWithShared } from '../../support/specs';
import {
	bcSpec,
	expectConforms,
	order,
	refundMappingBase,
	resolvedFor,
	thrownMappingError,
	type LineSpec,
} from './helpers';
import { completedRefund } from './completed';

// 8.25 % on the lines: a tee line 3 × 20 with a 6 discount (54 ex tax), two mugs at 7.50.
const LINES: LineSpec[] = [
	{ sku: 'TEE', qty: 3, price: 20, discount: 6, taxRate: 0.0825 },
	{ sku: 'MUG', qty: 2, price: 7.5, taxRate: 0.0825 },
];
const bcOrder = order({ id: 180, lines: LINES, shipping: 9.95 });
const products = (bcOrder.consignments as any).shipping[0].line_items;

const options: RefundMappingOptions = {
	...refundMappingBase(products),
	taxCalculation: 'asPosted',
	asPosted: { itemSalesTaxGroupCode: 'ZERO', salesTaxGroupCode: 'ZERO' },
	freeText: {
		mainAccount: ['401100'],
		mainAccountByType: { SHIPPING: ['403300'], TAX: ['222200'] },
	},
};

function refund(over: Partial<BcRefund>): BcRefund {
	return {
		id: 12,
		order_id: 180,
		created: '2022-06-16T16:44:15+00:00',
		total_amount: 0,
		total_tax: 0,
		items: [],
		...over,
	};
}

/** A refund of `quantity` of order line `itemId`, as BigCommerce totals it. */
const returning = (itemId: number, quantity: number, total: number, tax: number) =>
	refund({
		total_amount: total,
		total_tax: tax,
		items: [{ item_type: 'PRODUCT', item_id: itemId, quantity }],
	});

const credit = (r: BcRefund, o: RefundMappingOptions = options) =>
	completedRefund(r, o, 'US-001', resolvedFor(LINES));
const amounts = (r: ReturnType<typeof credit>) =>
	r.freeTextCredit?.lines.map((l) => [
		String(l.Description).split(' - ')[0],
		l.MainAccountDisplayValue,
		l.TransactionCurrencyAmount,
	]);
const cents = (values: number[]) => Math.round(values.reduce((s, v) => s + v, 0) * 100);

describe('mapRefund with the tax as posted', () => {
	itWithShared(ENTITY_CATALOGUE)(
		'credits a returned tee as one free-text credit: the line ex tax, the tax on its own line',
		() => {
			// One tee of three back: 54 / 3 = 18 ex tax, BigCommerce's tax on it 1.49.
			const r = credit(returning(1, 1, 19.49, 1.49));
			expect(r.returnOrder).toBeUndefined();
			expect(amounts(r)).toEqual([
				['Refund 1 x Product TEE', '401100', -18],
				['Refund tax', '222200', -1.49],
			]);
			expect(r.freeTextCredit?.header).toMatchObject({
				CustomerAccount: 'US-001',
				CustomerReference: 'BC-abc123xyz-180-R12',
				InclTax: 'No',
				SalesTaxGroupId: 'ZERO',
			});
			for (const line of r.freeTextCredit?.lines ?? []) {
				expect(line).toMatchObject({ SalesTaxGroupId: 'ZERO', SalesTaxItemGroupId: 'ZERO' });
			}
			expect(r.totals).toEqual({
				refundTotal: 19.49,
				returnOrderAmount: 0,
				freeTextAmount: -19.49,
			});
			expectConforms(r.freeTextCredit!.header, 'FreeTextInvoiceHeaders');
			for (const l of withParentRecId(r.freeTextCredit!.lines, 5637145331))
				expectConforms(l, 'FreeTextInvoiceLines');
		},
	);

	// Two mugs back (15 ex tax, BigCommerce's tax on them 1.24) and shipping of 9.95, given with
	// its 0.76 of tax inside, or without its 0.82 of tax.
	it.each([
		['with its tax', 26.19, 2.0, -9.19],
		['without its tax', 27.01, 2.06, -9.95],
	])('credits shipping given %s excluding the tax', (_, total, tax, shipping) => {
		const r = credit(
			refund({
				total_amount: total,
				total_tax: tax,
				items: [
					{ item_type: 'PRODUCT', item_id: 2, quantity: 2 },
					{ item_type: 'SHIPPING', item_id: 1, requested_amount: 9.95 },
				],
			}),
		);
		expect(amounts(r)).toEqual([
			['Refund 2 x Product MUG', '401100', -15],
			['Refund shipping', '403300', shipping],
			['Refund tax', '222200', -tax],
		]);
		const lines = r.freeTextCredit?.lines ?? [];
		expect(cents(lines.map((l) => l.TransactionCurrencyAmount))).toBe(-Math.round(total * 100));
	});

	it('puts a cent of BigCommerce rounding on the returned lines, and refuses more', () => {
		// Two tees of three: 54 × 2 / 3 = 36.00; BigCommerce says 36.01 ex tax.
		const r = credit(returning(1, 2, 38.98, 2.97));
		expect(amounts(r)).toEqual([
			['Refund 2 x Product TEE', '401100', -36.01],
			['Refund tax', '222200', -2.97],
		]);
		const error = thrownMappingError(() => credit(returning(1, 2, 40, 2.97)));
		expect(error.code).toBe('TOTALS_MISMATCH');
		expect(error.message).toMatch(/total_amount is 40\.00; nothing was written/);
	});

	it('credits a tax-only refund and an amount-only refund', () => {
		expect(amounts(credit(refund({ total_amount: 4.5, total_tax: 4.5 })))).toEqual([
			['Refund tax', '222200', -4.5],
		]);
		expect(amounts(credit(refund({ total_amount: 10.83, total_tax: 0.83 })))).toEqual([
			['Refund amount', '401100', -10],
			['Refund tax', '222200', -0.83],
		]);
		// The sandbox's TAX item (not a BigCommerce item type) is the refund's tax, not a line of its own.
		expect(
			amounts(
				credit(
					refund({
						total_amount: 4.5,
						total_tax: 4.5,
						items: [{ item_type: 'TAX', item_id: 0, amount: 4.5 }],
					}),
				),
			),
		).toEqual([['Refund tax', '222200', -4.5]]);
	});

	it('puts returned products on the returns account when one is given', () => {
		const r = credit(returning(1, 1, 19.49, 1.49), {
			...options,
			asPosted: { ...options.asPosted, productMainAccount: ['401200'] },
		});
		expect(amounts(r)?.[0]).toEqual(['Refund 1 x Product TEE', '401200', -18]);
	});

	it('needs the zero-rate item group, the tax account for a taxed refund, and total_tax', () => {
		const taxed = returning(1, 1, 19.49, 1.49);
		const noGroup = thrownMappingError(() => credit(taxed, { ...options, asPosted: {} }));
		expect([noGroup.code, noGroup.details?.option]).toEqual([
			'MISSING_OPTION',
			'zeroRateItemSalesTaxGroup',
		]);
		const noTaxAccount = thrownMappingError(() =>
			credit(taxed, { ...options, freeText: { mainAccount: ['401100'] } }),
		);
		expect(noTaxAccount.details?.option).toBe('taxMainAccount');
		const noAccount = thrownMappingError(() => credit(taxed, { ...options, freeText: undefined }));
		expect(noAccount.details?.option).toBe('freeText.mainAccount');
		const noTax = thrownMappingError(() => credit({ ...taxed, total_tax: undefined }));
		expect(noTax.code).toBe('INVALID_MONEY');
		// Refused like the return-order mapping: more back than ordered.
		const tooMany = thrownMappingError(() =>
			credit(
				refund({ total_amount: 90, items: [{ item_type: 'PRODUCT', item_id: 1, quantity: 4 }] }),
			),
		);
		expect(tooMany.code).toBe('INVALID_REFUND');
	});

	itWithShared(BIGCOMMERCE_SPECS)('credits the spec example refund (50 with a tax of 5)', () => {
		const ex =
			bcSpec('orders.v3.yml').components.responses.RefundID_Response.content['application/json']
				.examples.Example.value.data;
		// Its line 87 charged 45 ex tax for one.
		const line = {
			...products[1],
			id: 87,
			quantity: 1,
			total_ex_tax: '45.0000',
			applied_discounts: [],
		};
		const r = completedRefund(
			ex,
			{ ...options, orderProducts: [line] },
			'US-001',
			resolvedFor(LINES),
		);
		expect(amounts(r)).toEqual([
			['Refund 1 x Product MUG', '401100', -45],
			['Refund tax', '222200', -5],
		]);
		expect(mapRefund(ex, { ...options, orderProducts: [line] }).returnOrder).toBeUndefined();
	});
});
