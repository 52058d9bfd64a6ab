/**
 * Who owns the sales tax of an order BigCommerce already taxed. Two honest answers:
 *
 * - `fo` (F&O calculates): the lines go as mapped (salesOrder.ts) and F&O computes its own tax from
 *   its sales tax groups. The pack cannot know F&O's figure before the write; posting/taxReadBack.ts
 *   reads the order's totals back and reports the difference from BigCommerce.
 * - `asPosted` (BigCommerce's tax as posted): BigCommerce's `total_tax` becomes a line of its own
 *   on a configured non-stock tax-liability item, every line (that one included) goes under a
 *   zero-rate item sales tax group (and, when configured, a zero-rate sales tax group), and the
 *   lines are written excluding tax. F&O then adds no tax, and its order total is BigCommerce's
 *   `total_inc_tax` to the cent, with the tax on the liability item's account.
 *
 * In `asPosted` mode a tax-inclusive order (lines mapped including tax) has BigCommerce's tax taken
 * out of its lines in proportion to their amounts (gift certificates bought excepted: untaxed, they
 * stay at face value), so each line is written excluding tax and the
 * lines plus the tax line are exactly `total_inc_tax`. Where one rate applies that is each line's
 * own tax; where several rates apply the split between lines is approximate and the totals exact.
 * Everything is checked before anything is written: a missing option or a tax that does not make
 * BigCommerce's totals is a MappingError.
 */
import { MappingError } from './errors';
import { clean, dropUndefined } from './fields';
import { allocate, fromUnits, roundUnits, toUnits } from './money';
import { isGiftCertificateLine } from './salesOrderAmounts';
import type { SalesOrderDraft } from './salesOrderTypes';
import type { BcOrder, BcOrderProduct, FoSalesOrderLine } from './types';

export type TaxCalculation = 'fo' | 'asPosted';

export interface TaxAsPostedOptions {
	/** Non-stock item whose line carries BigCommerce's tax (its sales posting: the tax liability). */
	taxItemNumber?: string;
	/** Zero-rate item sales tax group put on every line (required). */
	itemSalesTaxGroupCode?: string;
	/** Zero-rate sales tax group for header and lines; default the order's own (customer's). */
	salesTaxGroupCode?: string;
}

export interface TaxModeOptions {
	taxCalculation?: TaxCalculation;
	asPosted?: TaxAsPostedOptions;
	/** Decimals of the currency's amounts; default 2. */
	amountDecimals?: number;
}

/** The line fields a tax line shares with the order's other lines (company, dates, site, …). */
const SHARED_LINE_FIELDS = [
	'dataAreaId',
	'SalesOrderNumber',
	'CurrencyCode',
	'RequestedShippingDate',
	'ShippingSiteId',
	'ShippingWarehouseId',
	'DefaultLedgerDimensionDisplayValue',
	'CalculateLineAmount',
	'IsPriceLocked',
	'LineDiscountPercentage',
	'MultilineDiscountPercentage',
] as const;

/** The draft as the tax mode wants it: unchanged when F&O calculates, else BigCommerce's tax posted. */
export function withTaxMode(
	order: BcOrder,
	products: readonly BcOrderProduct[],
	draft: SalesOrderDraft,
	options: TaxModeOptions,
): SalesOrderDraft {
	if (options.taxCalculation !== 'asPosted') {
		return { ...draft, totals: { ...draft.totals, taxCalculation: 'fo' } };
	}
	return withTaxAsPosted(order, products, draft, options.asPosted ?? {}, options.amountDecimals);
}

function missingOption(order: BcOrder, option: string, what: string): MappingError {
	return new MappingError(
		'MISSING_OPTION',
		`BigCommerce order ${order.id} is posted with BigCommerce's tax as posted, which needs the ${what}; nothing was written`,
		{ orderId: order.id, option },
	);
}

function withTaxAsPosted(
	order: BcOrder,
	products: readonly BcOrderProduct[],
	draft: SalesOrderDraft,
	options: TaxAsPostedOptions,
	amountDecimals = 2,
): SalesOrderDraft {
	const taxItem = clean(options.taxItemNumber);
	const itemGroup = clean(options.itemSalesTaxGroupCode);
	const group = clean(options.salesTaxGroupCode);
	if (!taxItem) throw missingOption(order, 'taxItemNumber', 'Tax Liability Item');
	if (!itemGroup)
		throw missingOption(order, 'zeroRateItemSalesTaxGroup', 'Zero-Rate Item Sales Tax Group');
	if (order.total_tax === undefined || order.total_tax === null || order.total_tax === '') {
		throw new MappingError(
			'INVALID_MONEY',
			`BigCommerce order ${order.id} has no total_tax to post; nothing was written`,
			{ orderId: order.id, field: 'total_tax' },
		);
	}
	const step = 10 ** (4 - amountDecimals);
	const money = (units: number) => fromUnits(units).toFixed(amountDecimals);
	const tax = roundUnits(toUnits(order.total_tax, 'total_tax'), amountDecimals);
	const totalIncTax = roundUnits(toUnits(order.total_inc_tax, 'total_inc_tax'), amountDecimals);
	const inclusive = draft.header.ArePricesIncludingSalesTax === 'Yes';
	const amounts = draft.lines.map((l) => toUnits(l.LineAmount ?? 0, 'LineAmount'));
	const byId = new Map(products.map((p) => [String(p.id), p]));
	const productOf = (line: FoSalesOrderLine) =>
		line.OrderLineReference ? byId.get(line.OrderLineReference) : undefined;
	// Tax-inclusive lines give up BigCommerce's tax in proportion to their amounts; a gift
	// certificate bought carries no tax and keeps its face value.
	const shares = inclusive
		? allocate(
				tax,
				draft.lines.map((line, i) => {
					const product = productOf(line);
					return product && isGiftCertificateLine(product) ? 0 : Math.max(0, amounts[i]);
				}),
				step,
			)
		: [];

	const lines: FoSalesOrderLine[] = draft.lines.map((line, i) => {
		const zeroRated = dropUndefined<FoSalesOrderLine>({
			...line,
			SalesTaxItemGroupCode: itemGroup,
			SalesTaxGroupCode: group ?? line.SalesTaxGroupCode,
		});
		if (!inclusive) return zeroRated;
		const exTax = amounts[i] - shares[i];
		const product = productOf(line);
		const qty = Number(line.OrderedSalesQuantity ?? 1);
		const price = product
			? toUnits(product.price_ex_tax, `line ${product.id} price_ex_tax`)
			: exTax / (qty || 1);
		return {
			...zeroRated,
			SalesPrice: fromUnits(Math.round(price)),
			LineDiscountAmount:
				product && qty > 0 ? fromUnits(Math.round((price * qty - exTax) / qty)) : 0,
			LineAmount: fromUnits(exTax),
		};
	});
	if (tax !== 0) {
		const shared: Record<string, unknown> = {};
		for (const field of SHARED_LINE_FIELDS) shared[field] = draft.lines[0]?.[field];
		lines.push(
			dropUndefined<FoSalesOrderLine>({
				...(shared as unknown as FoSalesOrderLine),
				ItemNumber: taxItem,
				OrderedSalesQuantity: 1,
				SalesPrice: fromUnits(tax),
				LineDiscountAmount: 0,
				LineAmount: fromUnits(tax),
				LineDescription: 'Sales tax (as BigCommerce charged it)',
				CustomersLineNumber: draft.lines.length + 1,
				SalesTaxItemGroupCode: itemGroup,
				SalesTaxGroupCode: group,
			}),
		);
	}

	const linesTotal = lines.reduce((s, l) => s + toUnits(l.LineAmount ?? 0, 'LineAmount'), 0);
	if (linesTotal !== totalIncTax) {
		throw new MappingError(
			'TOTALS_MISMATCH',
			`BigCommerce order ${order.id} with its tax as posted does not make total_inc_tax: lines excluding tax ${money(linesTotal - tax)} + total_tax ${money(tax)} = ${money(linesTotal)}, but total_inc_tax is ${money(totalIncTax)}; nothing was written`,
			{
				orderId: order.id,
				field: 'total_inc_tax',
				expected: fromUnits(totalIncTax),
				computed: fromUnits(linesTotal),
				difference: fromUnits(linesTotal - totalIncTax),
			},
		);
	}
	return {
		...draft,
		header: dropUndefined({
			...draft.header,
			ArePricesIncludingSalesTax: 'No',
			SalesTaxGroupCode: group ?? draft.header.SalesTaxGroupCode,
		}),
		lines,
		totals: {
			...draft.totals,
			taxCalculation: 'asPosted',
			tax: fromUnits(tax),
			expectedTotal: fromUnits(totalIncTax),
			linesTotal: fromUnits(linesTotal),
		},
	};
}
