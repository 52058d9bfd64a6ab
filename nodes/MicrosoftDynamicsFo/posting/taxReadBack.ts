/**
 * After a sales order is written, what F&O made of its tax, against what BigCommerce charged.
 *
 * F&O computes sales tax from its own groups when the lines arrive, so the pack can only know its
 * figure afterwards: one read of the header's totals as SalesOrderHeadersV2 has them
 * (`OrderTotalAmount`, `OrderTotalTaxAmount`, `AreTotalsCalculated`; the entity has no per-line
 * tax). The comparison goes on the output and the audit record:
 *
 * - F&O calculates: F&O's `OrderTotalTaxAmount` against BigCommerce's `total_tax`, and
 *   `OrderTotalAmount` against `total_inc_tax` (what the customer paid);
 * - BigCommerce's tax as posted: F&O must add no tax of its own (`OrderTotalTaxAmount` 0, the tax is
 *   the liability line) and its total must be `total_inc_tax`; a difference means the zero-rate
 *   groups are not zero-rate.
 *
 * With a Tax Difference Limit, a difference above it fails the item with a TaxDifferenceError. By
 * default ("When the Check Fails: Remove the Sales Order") the order is then deleted again, header
 * and lines, so nothing is written that disagrees with the store: the same rule as lines F&O
 * rejects (documentWrite.ts compensates), and running the item again posts and checks it anew. A
 * sales order just created by OData is open (nothing delivered or invoiced), which F&O lets delete.
 * "Keep the Sales Order" leaves it as a valid F&O order with F&O's tax, for a clerk to correct:
 * running the item again finds it and posts nothing twice (nor checks it again). Unverified:
 * whether F&O has its totals calculated when the order is read right after an OData write
 * (`AreTotalsCalculated` suggests totals may lag); when it answers No, the check reports
 * `not-calculated`, or fails when the option says so.
 */
import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import type { Settled } from '../../common/settle';
import { fromUnits, roundUnits, toUnits } from '../mapping/money';
import type { TaxCalculation } from '../mapping/taxMode';
import type { BcOrder } from '../mapping/types';
import { getEntity } from '../odata';

export interface TaxCheckSettings {
	/** Largest difference (order currency) that still passes; undefined: report only, never fail. */
	differenceLimit?: number;
	/** When F&O has not calculated the totals: report it (default) or fail the item. */
	uncalculatedTotals?: 'report' | 'fail';
	amountDecimals?: number;
	/** Above the limit: delete the written order again (default) or leave it for a clerk. */
	onFailure?: 'remove' | 'keep';
}

export type TaxCheckStatus = 'agrees' | 'differs' | 'not-calculated';

export interface TaxCheck extends IDataObject {
	taxCalculation: TaxCalculation;
	status: TaxCheckStatus;
	salesOrderNumber: string;
	currencyCode: string;
	/** What BigCommerce charged: total_inc_tax and the tax F&O should show (total_tax, or 0 as posted). */
	bigcommerce: { totalIncTax: number; totalTax: number; expectedFoTax: number };
	/** What F&O answered, under the entity's names. */
	fo: { AreTotalsCalculated: string; OrderTotalAmount: number; OrderTotalTaxAmount: number };
	/** F&O − BigCommerce; absent when F&O has not calculated its totals. */
	difference?: { total: number; tax: number };
	differenceLimit?: number;
}

/**
 * What became of the written order when its check failed: kept, removed again, or still there
 * because the delete itself failed (its message then says so).
 */
export type FailedCheckOutcome =
	{ order: 'kept' } | { order: 'removed' } | { order: 'not-removed'; reason: string };

/** A difference above the Tax Difference Limit: the item fails, naming what became of the order. */
export class TaxDifferenceError extends NodeOperationError {
	constructor(
		node: INode,
		readonly check: TaxCheck,
		itemIndex?: number,
		readonly outcome: FailedCheckOutcome = { order: 'kept' },
	) {
		super(node, taxDifferenceMessage(check, outcome), {
			itemIndex,
			description: taxDifferenceAdvice(check, outcome),
		});
		this.name = 'TaxDifferenceError';
		this.context.taxCheck = check;
		this.context.salesOrder = outcome.order;
	}
}

/** What became of a refused order once "Remove the Sales Order" tried to delete it. */
export function removalOutcome(removed: Settled<unknown>): FailedCheckOutcome {
	return removed.ok
		? { order: 'removed' }
		: { order: 'not-removed', reason: (removed.error as Error).message };
}

const READ_FIELDS = [
	'SalesOrderNumber',
	'CurrencyCode',
	'AreTotalsCalculated',
	'OrderTotalAmount',
	'OrderTotalTaxAmount',
];

/** Read the written order's totals back and compare them with BigCommerce's; throws above the limit. */
export async function checkTaxAfterWrite(
	context: HttpContext & { getNode(): INode },
	written: { dataAreaId: string; salesOrderNumber: string; currencyCode: string },
	order: BcOrder,
	taxCalculation: TaxCalculation,
	settings: TaxCheckSettings,
	itemIndex?: number,
): Promise<TaxCheck> {
	const header =
		(await getEntity(
			context,
			'SalesOrderHeadersV2',
			{ dataAreaId: written.dataAreaId, SalesOrderNumber: written.salesOrderNumber },
			{ select: READ_FIELDS, itemIndex },
		)) ?? {};
	const check = compareTax(header, written, order, taxCalculation, settings);
	const limit = settings.differenceLimit;
	const notCalculated = check.status === 'not-calculated';
	if (notCalculated && settings.uncalculatedTotals === 'fail')
		throw new TaxDifferenceError(context.getNode(), check, itemIndex);
	if (!notCalculated && limit !== undefined && check.difference) {
		const worst = Math.max(Math.abs(check.difference.total), Math.abs(check.difference.tax));
		if (worst > limit + 1e-9) throw new TaxDifferenceError(context.getNode(), check, itemIndex);
	}
	return check;
}

/** The comparison itself, pure: F&O's header totals against the BigCommerce order. */
export function compareTax(
	header: IDataObject,
	written: { salesOrderNumber: string; currencyCode: string },
	order: BcOrder,
	taxCalculation: TaxCalculation,
	settings: Pick<TaxCheckSettings, 'amountDecimals' | 'differenceLimit'> = {},
): TaxCheck {
	const decimals = settings.amountDecimals ?? 2;
	const cents = (value: unknown, field: string) =>
		roundUnits(toUnits(typeof value === 'number' ? value : String(value ?? ''), field), decimals);
	const totalIncTax = cents(order.total_inc_tax, 'total_inc_tax');
	const totalTax = cents(order.total_tax, 'total_tax');
	const expectedFoTax = taxCalculation === 'asPosted' ? 0 : totalTax;
	const foTotal = cents(header.OrderTotalAmount, 'OrderTotalAmount');
	const foTax = cents(header.OrderTotalTaxAmount, 'OrderTotalTaxAmount');
	const calculated = String(header.AreTotalsCalculated ?? 'Yes');
	const check: TaxCheck = {
		taxCalculation,
		status: 'agrees',
		salesOrderNumber: written.salesOrderNumber,
		currencyCode: String(header.CurrencyCode ?? written.currencyCode),
		bigcommerce: {
			totalIncTax: fromUnits(totalIncTax),
			totalTax: fromUnits(totalTax),
			expectedFoTax: fromUnits(expectedFoTax),
		},
		fo: {
			AreTotalsCalculated: calculated,
			OrderTotalAmount: fromUnits(foTotal),
			OrderTotalTaxAmount: fromUnits(foTax),
		},
	};
	if (settings.differenceLimit !== undefined) check.differenceLimit = settings.differenceLimit;
	if (calculated === 'No') return { ...check, status: 'not-calculated' };
	const difference = {
		total: fromUnits(foTotal - totalIncTax),
		tax: fromUnits(foTax - expectedFoTax),
	};
	const status = difference.total === 0 && difference.tax === 0 ? 'agrees' : 'differs';
	return { ...check, status, difference };
}

function taxDifferenceMessage(check: TaxCheck, outcome: FailedCheckOutcome): string {
	const c = check.currencyCode;
	const written =
		outcome.order === 'removed'
			? `Sales order ${check.salesOrderNumber} was written and removed again, because`
			: `Sales order ${check.salesOrderNumber} was written, but`;
	if (check.status === 'not-calculated')
		return `${written} F&O has not calculated its totals (AreTotalsCalculated = No), so its tax could not be compared with BigCommerce's`;
	const d = check.difference ?? { total: 0, tax: 0 };
	const what =
		check.taxCalculation === 'asPosted'
			? `F&O added tax of ${check.fo.OrderTotalTaxAmount.toFixed(2)} ${c} to BigCommerce's tax as posted (it should add none)`
			: `F&O calculated tax of ${check.fo.OrderTotalTaxAmount.toFixed(2)} ${c}, BigCommerce charged ${check.bigcommerce.totalTax.toFixed(2)} ${c} (difference ${d.tax.toFixed(2)})`;
	return `${written} ${what}; its total ${check.fo.OrderTotalAmount.toFixed(2)} ${c} differs from BigCommerce's total_inc_tax ${check.bigcommerce.totalIncTax.toFixed(2)} by ${d.total.toFixed(2)}, more than the Tax Difference Limit of ${(check.differenceLimit ?? 0).toFixed(2)}`;
}

function taxDifferenceAdvice(check: TaxCheck, outcome: FailedCheckOutcome): string {
	if (outcome.order === 'removed') {
		const retry =
			'Nothing of the order stays in F&O; run the item again (replay) once the cause is fixed.';
		if (check.status === 'not-calculated')
			return `${retry} Check why F&O left its totals uncalculated, or set "When F&O Has Not Calculated Totals" to Report.`;
		if (check.taxCalculation === 'asPosted')
			return `${retry} Make the zero-rate groups zero: the item sales tax group (and sales tax group) set on the node must contain only a 0 % sales tax code.`;
		return `${retry} Align F&O's tax setup with the store's (the customer's sales tax group, the items' item sales tax groups), post BigCommerce's tax as posted, or raise the Tax Difference Limit.`;
	}
	const stays =
		outcome.order === 'not-removed'
			? `The sales order could not be removed again (${outcome.reason}) and stays in F&O: delete it by hand before the order is posted again, or correct it.`
			: 'The sales order stays in F&O as written (running the item again finds it and posts nothing twice, and does not check it again).';
	if (check.status === 'not-calculated')
		return `${stays} Open the order in F&O and check its totals, or set "When F&O Has Not Calculated Totals" to Report.`;
	if (check.taxCalculation === 'asPosted')
		return `${stays} Make the zero-rate groups zero: the item sales tax group (and sales tax group) set on the node must contain only a 0 % sales tax code. Then correct this order's tax in F&O before invoicing it.`;
	return `${stays} Before invoicing it, correct its tax in F&O (the customer's or the order's sales tax group, the items' item sales tax groups), or credit the difference; to stop it for later orders align F&O's tax setup with the store's, post BigCommerce's tax as posted, or raise the Tax Difference Limit.`;
}
