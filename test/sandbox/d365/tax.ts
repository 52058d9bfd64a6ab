/**
 * F&O's sales tax, so the sandbox can disagree with BigCommerce about tax the way a real F&O does.
 * F&O applies to a line the sales tax codes that are in BOTH the line's sales tax group
 * (`SalesTaxGroupCode`, defaulted from the header, which defaults from the customer's
 * `SalesTaxGroup`, which a new customer takes from its customer group's `TaxGroupId`) and its item
 * sales tax group (`SalesTaxItemGroupCode`, defaulted from the released product's
 * `SalesSalesTaxItemGroupCode`). A line with no common code carries no tax.
 *
 * Each code's tax is computed on the line's `LineAmount`: added on top when the header says
 * `ArePricesIncludingSalesTax = No`, backed out of it with the codes' combined rate when `Yes`.
 * Assumed (no source in the research): tax is calculated per line and per code and rounded half
 * away from zero to the currency's `GeneralRoundingRule` (0.01 for the seeded currencies), F&O's
 * "Line" calculation method; the switch `salesTaxCalculation: 'total'` rounds each code once over
 * the order's summed base instead (the "Total" method). Charges F&O adds on the header (automatic
 * charges) carry no tax here (`OrderHeaderTaxAmount` stays 0) [inferred].
 *
 * The setup (codes, groups, item groups) is seeded per company below; F&O serves it through no
 * entity the pack uses, so it is plain data here. A sales tax group or item sales tax group that
 * does not exist is refused on write, as F&O refuses a referenced code that does not exist (the
 * header's sales tax group: Microsoft's entity reference; the line's item group: [inferred]).
 */
import type { InfologLine } from './errors';
import { notFoundLines, type RuleContext } from './rules';
import type { D365Store } from './store';
import type { D365Switches } from './switches';

export interface SalesTaxSetup {
	/** Sales tax code → rate in percent. */
	codes: Readonly<Record<string, number>>;
	/** Sales tax group → its codes. */
	groups: Readonly<Record<string, readonly string[]>>;
	/** Item sales tax group → its codes. */
	itemGroups: Readonly<Record<string, readonly string[]>>;
}

/**
 * usmf: a US jurisdiction group for Austin, Texas at 8.25 % (state 6.25 + city 1 + transit 1),
 * each code rounded on its own; demf: German VAT, 19 % standard and 7 % reduced. Both have the
 * zero-rate code, group and item group that "BigCommerce's tax as posted" writes lines under.
 */
export const SALES_TAX_SETUP: Readonly<Record<string, SalesTaxSetup>> = {
	usmf: {
		codes: { 'TX-STATE': 6.25, 'AUSTIN-CITY': 1, 'AUSTIN-MTA': 1, ZERO: 0 },
		groups: { 'TX-AUSTIN': ['TX-STATE', 'AUSTIN-CITY', 'AUSTIN-MTA', 'ZERO'], ZERO: ['ZERO'] },
		itemGroups: { ALL: ['TX-STATE', 'AUSTIN-CITY', 'AUSTIN-MTA'], ZERO: ['ZERO'] },
	},
	demf: {
		codes: { VAT19: 19, VAT7: 7, ZERO: 0 },
		groups: { DE: ['VAT19', 'VAT7', 'ZERO'], ZERO: ['ZERO'] },
		itemGroups: { FULL: ['VAT19'], REDUCED: ['VAT7'], ZERO: ['ZERO'] },
	},
};

/** What the seed gives each company's released products and its web-guest customer. */
export const SEED_TAX_DEFAULTS: Readonly<
	Record<string, { itemGroup: string; guestGroup: string }>
> = {
	usmf: { itemGroup: 'ALL', guestGroup: 'TX-AUSTIN' },
	demf: { itemGroup: 'FULL', guestGroup: 'DE' },
};

const blank = (v: unknown) => v === undefined || v === null || v === '';
const upper = (v: unknown) => String(v ?? '').toUpperCase();

function setupOf(company: string): SalesTaxSetup {
	return SALES_TAX_SETUP[company] ?? { codes: {}, groups: {}, itemGroups: {} };
}

/** Tax groups default down the chain: customer group → customer → header → line; item → line. */
export function applyTaxDefaults(
	set: string,
	data: Record<string, unknown>,
	rc: RuleContext,
): void {
	const { store, company, sent } = rc;
	if (set === 'CustomersV3' && blank(sent.SalesTaxGroup)) {
		const group = store.find('CustomerGroups', {
			dataAreaId: company,
			CustomerGroupId: data.CustomerGroupId,
		})?.data;
		if (group && !blank(group.TaxGroupId)) data.SalesTaxGroup = group.TaxGroupId;
	}
	if (set === 'SalesOrderHeadersV2' && blank(sent.SalesTaxGroupCode)) {
		const customer = store.find('CustomersV3', {
			dataAreaId: company,
			CustomerAccount: data.OrderingCustomerAccountNumber,
		})?.data;
		if (customer && !blank(customer.SalesTaxGroup)) data.SalesTaxGroupCode = customer.SalesTaxGroup;
	}
	if (set === 'SalesOrderLines') {
		const header = store.find('SalesOrderHeadersV2', {
			dataAreaId: company,
			SalesOrderNumber: data.SalesOrderNumber,
		})?.data;
		if (header && blank(sent.SalesTaxGroupCode)) data.SalesTaxGroupCode = header.SalesTaxGroupCode;
		const item = store.find('ReleasedProductsV2', {
			dataAreaId: company,
			ItemNumber: data.ItemNumber,
		})?.data;
		if (item && blank(sent.SalesTaxItemGroupCode))
			data.SalesTaxItemGroupCode = item.SalesSalesTaxItemGroupCode;
	}
}

/** A sales tax group or item sales tax group that does not exist in the company, as F&O refuses it. */
export function taxGroupProblems(
	set: string,
	data: Record<string, unknown>,
	rc: RuleContext,
): InfologLine[] | undefined {
	const setup = setupOf(rc.company);
	const known = (table: Readonly<Record<string, unknown>>, value: unknown) =>
		blank(value) || Object.keys(table).some((k) => k.toUpperCase() === upper(value));
	const group = (field: string) =>
		known(setup.groups, data[field])
			? undefined
			: notFoundLines(set, field, 'Sales tax group', data[field], 'TaxGroupHeading');
	const itemGroup = (field: string) =>
		known(setup.itemGroups, data[field])
			? undefined
			: notFoundLines(set, field, 'Item sales tax group', data[field], 'TaxItemGroupHeading');
	if (set === 'SalesOrderHeadersV2') return group('SalesTaxGroupCode');
	if (set === 'SalesOrderLines')
		return group('SalesTaxGroupCode') ?? itemGroup('SalesTaxItemGroupCode');
	return undefined;
}

/** The codes that apply to a line: in both its sales tax group and its item sales tax group. */
export function lineTaxCodes(company: string, line: Record<string, unknown>): string[] {
	const setup = setupOf(company);
	const find = (table: Readonly<Record<string, readonly string[]>>, key: unknown) =>
		Object.entries(table).find(([k]) => k.toUpperCase() === upper(key))?.[1] ?? [];
	const itemCodes = new Set(find(setup.itemGroups, line.SalesTaxItemGroupCode));
	return find(setup.groups, line.SalesTaxGroupCode).filter((c) => itemCodes.has(c));
}

/** Half away from zero to a multiple of `step` (F&O's "Normal" rounding). */
export function roundTo(amount: number, step: number): number {
	const n = Math.round((Math.abs(amount) + 1e-9) / step);
	const rounded = Number((n * step).toFixed(6));
	return amount < 0 ? -rounded : rounded;
}

/** The order's currency rounding unit (GeneralRoundingRule), 0.01 when unknown. */
function roundingStep(store: D365Store, currencyCode: unknown): number {
	const currency = store.find('Currencies', { CurrencyCode: currencyCode })?.data;
	const rule = Number(currency?.GeneralRoundingRule);
	return rule > 0 ? rule : 0.01;
}

/**
 * The sales tax F&O calculates for an order's lines, with each line's amount of it: per line and
 * code, rounded (method "line"), or per code over the summed base (method "total", where the
 * per-line figures are unrounded shares).
 */
export function orderSalesTax(
	store: D365Store,
	header: Record<string, unknown>,
	lines: readonly Record<string, unknown>[],
	switches: Pick<D365Switches, 'salesTaxCalculation'>,
): { total: number; perLine: number[] } {
	const company = String(header.dataAreaId);
	const setup = setupOf(company);
	const step = roundingStep(store, header.CurrencyCode);
	const inclusive = header.ArePricesIncludingSalesTax === 'Yes';
	const perCode = new Map<string, number>();
	const perLine = lines.map((line) => {
		const codes = lineTaxCodes(company, line);
		const combined = codes.reduce((s, c) => s + setup.codes[c], 0);
		const amount = Number(line.LineAmount) || 0;
		let lineTax = 0;
		for (const code of codes) {
			const rate = setup.codes[code];
			const exact = inclusive ? (amount * rate) / (100 + combined) : (amount * rate) / 100;
			const tax = switches.salesTaxCalculation === 'total' ? exact : roundTo(exact, step);
			perCode.set(code, (perCode.get(code) ?? 0) + tax);
			lineTax += tax;
		}
		return lineTax;
	});
	const total = [...perCode.values()].reduce((s, t) => s + roundTo(t, step), 0);
	return { total: roundTo(total, step), perLine };
}
