/**
 * F&O's own pricing, so the sandbox can disagree with what the pack sends: on a sales order it
 * creates, F&O adds automatic charges unless the header says `SkipCreateAutoCharges = Yes`, and
 * trade agreements put their discount percentages on the lines (`LineDiscountPercentage`,
 * `MultilineDiscountPercentage`) and the header (`TotalDiscountPercentage`) unless those are sent.
 * The amounts and percentages come from the switches (0 = none, the default). A sales order
 * header read back carries its totals under the entity's names (`OrderTotalAmount`,
 * `OrderTotalChargesAmount`, `OrderTotalDiscountAmount`, `TotalDiscountAmount`,
 * `OrderTotalTaxAmount`, `OrderHeaderTaxAmount`, `AreTotalsCalculated`), computed from its lines as
 * they stand, with the sales tax tax.ts calculates: `OrderTotalAmount` is what the customer owes,
 * the tax added on top when prices exclude it and already inside the lines when they include it.
 *
 * Unverified: whether F&O has the totals calculated when an order is read back right after it was
 * written through OData (`AreTotalsCalculated` exists, which suggests totals can be stale). The
 * switch `totalsCalculated: false` answers `AreTotalsCalculated = No` with the totals at 0.
 */
import type { RuleContext } from './rules';
import type { D365Store } from './store';
import type { D365Switches } from './switches';
import { applyTaxDefaults, orderSalesTax } from './tax';

const round2 = (n: number) => Math.round(n * 100) / 100;
const sentAt = (sent: Record<string, unknown>, field: string) =>
	sent[field] !== undefined && sent[field] !== null && sent[field] !== '';

/**
 * A header or line F&O creates gets its automatic charge and trade-agreement percentages, and the
 * tax groups it defaults (tax.ts).
 */
export function applyPricing(set: string, data: Record<string, unknown>, rc: RuleContext): void {
	const { sent, switches } = rc;
	applyTaxDefaults(set, data, rc);
	if (set === 'SalesOrderHeadersV2') {
		data.OrderTotalChargesAmount =
			sent.SkipCreateAutoCharges === 'Yes' ? 0 : switches.autoChargeAmount;
		if (!sentAt(sent, 'TotalDiscountPercentage'))
			data.TotalDiscountPercentage = switches.tradeAgreementTotalDiscountPercentage;
	}
	if (set === 'SalesOrderLines') {
		if (!sentAt(sent, 'LineDiscountPercentage'))
			data.LineDiscountPercentage = switches.tradeAgreementLineDiscountPercentage;
		if (!sentAt(sent, 'MultilineDiscountPercentage'))
			data.MultilineDiscountPercentage = switches.tradeAgreementMultilineDiscountPercentage;
		const line = Number(data.LineDiscountPercentage) || 0;
		const multiline = Number(data.MultilineDiscountPercentage) || 0;
		if (line || multiline)
			data.LineAmount = round2(Number(data.LineAmount) * (1 - line / 100) * (1 - multiline / 100));
	}
}

/** A sales order header with its totals computed from its lines as they stand now. */
export function withOrderTotals(
	store: D365Store,
	header: Record<string, unknown>,
	switches: Pick<D365Switches, 'salesTaxCalculation' | 'totalsCalculated'> = {
		salesTaxCalculation: 'line',
		totalsCalculated: true,
	},
): Record<string, unknown> {
	if (!switches.totalsCalculated) {
		return {
			...header,
			AreTotalsCalculated: 'No',
			TotalDiscountAmount: 0,
			OrderTotalDiscountAmount: 0,
			OrderTotalTaxAmount: 0,
			OrderHeaderTaxAmount: 0,
			OrderTotalAmount: 0,
		};
	}
	const lines = store
		.list('SalesOrderLines', String(header.dataAreaId))
		.filter((l) => l.SalesOrderNumber === header.SalesOrderNumber);
	const linesTotal = round2(lines.reduce((s, l) => s + (Number(l.LineAmount) || 0), 0));
	const lineDiscounts = round2(
		lines.reduce(
			(s, l) =>
				s + Number(l.OrderedSalesQuantity) * Number(l.SalesPrice) - (Number(l.LineAmount) || 0),
			0,
		),
	);
	const totalDiscount = round2((linesTotal * (Number(header.TotalDiscountPercentage) || 0)) / 100);
	const charges = Number(header.OrderTotalChargesAmount) || 0;
	const tax = orderSalesTax(store, header, lines, switches).total;
	const inclusive = header.ArePricesIncludingSalesTax === 'Yes';
	return {
		...header,
		AreTotalsCalculated: 'Yes',
		TotalDiscountAmount: totalDiscount,
		OrderTotalDiscountAmount: round2(lineDiscounts + totalDiscount),
		OrderTotalTaxAmount: tax,
		OrderHeaderTaxAmount: 0,
		OrderTotalAmount: round2(linesTotal - totalDiscount + charges + (inclusive ? 0 : tax)),
	};
}
