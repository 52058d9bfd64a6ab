/**
 * A refund of an order posted with BigCommerce's tax as posted (taxMode.ts `asPosted`) → one
 * free-text credit note that gives back exactly what BigCommerce paid back, its tax included.
 *
 * Why not a return order: ReturnOrderLines carry no sales tax group fields (neither
 * SalesTaxGroupCode nor SalesTaxItemGroupCode in F&O's metadata), so F&O taxes a return line from
 * the customer's and the item's own groups when the return order is invoiced. The credit would
 * carry F&O's tax, not the tax BigCommerce charged and paid back, and the customer's balance
 * would not close. A free-text line has both groups: every line goes under the zero-rate groups
 * the order's lines went under, so F&O adds nothing. (No stock comes back either way: the return
 * order's disposition is Credit Only.)
 *
 * Lines: each returned product (what its order line charged excluding tax for the quantity
 * refunded) on the Returns Main Account (default: the Credit Main Account), every other part
 * (shipping, handling, wrapping, fee, order amount) on its account as the return-order mapping
 * puts it, and BigCommerce's `total_tax` on the Tax Main Account.
 *
 * The refund's `total_amount` includes its tax (the spec's example: 50 with `total_tax` 5), so the
 * lines excluding tax must make `total_amount − total_tax`. Product items carry no amount; the
 * other parts carry theirs, and whether BigCommerce's shipping, handling or wrapping amount
 * includes its tax is not documented [unverified]. So: when the parts as given exceed that by no
 * more than the tax and the charge parts, the excess is the charges' own tax and is taken out of
 * them in proportion; a difference of up to a cent per returned line (BigCommerce rounding a
 * partial quantity its own way) goes to the product lines; anything else is a TOTALS_MISMATCH
 * and nothing is written.
 */
import { MappingError } from './errors';
import { allocate, fromUnits, roundUnits, toUnits } from './money';
import {
	freeTextCreditDraft,
	otherParts,
	PART_LABELS,
	refundedLines,
	type FreeTextCreditLine,
	type NonItemRefundType,
	type RefundPart,
} from './refundParts';
import { clean } from './fields';
import {
	refundIdentity,
	requireFreeText,
	type RefundDraft,
	type RefundMappingOptions,
} from './creditNote';
import type { BcRefund } from './types';

export interface TaxAsPostedCreditOptions {
	/** Zero-rate item sales tax group put on every line (required), as on the order's lines. */
	itemSalesTaxGroupCode?: string;
	/** Zero-rate sales tax group for header and lines; default none (the customer's). */
	salesTaxGroupCode?: string;
	/** Main account of the returned products (sales returns); default the Credit Main Account. */
	productMainAccount?: readonly string[];
}

/** Parts that may carry their own tax inside their amount. */
const CHARGES: ReadonlySet<NonItemRefundType> = new Set([
	'SHIPPING',
	'HANDLING',
	'GIFT_WRAPPING',
	'FEE',
]);

function missing(refund: BcRefund, option: string, what: string): MappingError {
	return new MappingError(
		'MISSING_OPTION',
		`Refund ${refund.id} is credited with BigCommerce's tax as posted, which needs the ${what}; nothing was written`,
		{ option, refundId: refund.id },
	);
}

/** The refund as one free-text credit with BigCommerce's tax on its own line; checked first. */
export function mapRefundAsPosted(refund: BcRefund, options: RefundMappingOptions): RefundDraft {
	const decimals = options.amountDecimals ?? 2;
	const step = 10 ** (4 - decimals);
	const money = (units: number) => fromUnits(units).toFixed(decimals);
	const settings = options.asPosted ?? {};
	const itemGroup = clean(settings.itemSalesTaxGroupCode);
	const group = clean(settings.salesTaxGroupCode);
	if (!itemGroup) {
		throw missing(refund, 'zeroRateItemSalesTaxGroup', 'Zero-Rate Item Sales Tax Group');
	}
	if (refund.total_tax === undefined || refund.total_tax === null) {
		throw new MappingError(
			'INVALID_MONEY',
			`Refund ${refund.id} has no total_tax to credit as posted; nothing was written`,
			{ refundId: refund.id, field: 'total_tax' },
		);
	}
	const identity = refundIdentity(refund, options);
	const total = roundUnits(toUnits(refund.total_amount, 'total_amount'), decimals);
	// A TAX item (not among BigCommerce's documented item types; a refund request may name one) is
	// tax: counted in total_tax or, where total_tax leaves it out, the tax credited all the same.
	const given = otherParts(refund, decimals);
	const taxItems = given.filter((p) => p.type === 'TAX').reduce((s, p) => s + p.units, 0);
	const tax = Math.max(roundUnits(toUnits(refund.total_tax, 'total_tax'), decimals), taxItems);
	const exTaxTarget = total - tax;

	const products = refundedLines(refund, options.orderProducts, false, decimals);
	// A refund without items is one amount: what it paid back less its tax.
	const parts: RefundPart[] = refund.items.length
		? given.filter((p) => p.type !== 'TAX')
		: exTaxTarget
			? [{ type: 'AMOUNT', units: exTaxTarget, reason: refund.reason }]
			: [];
	if (products.length === 0 && parts.length === 0 && tax === 0) {
		throw new MappingError('INVALID_REFUND', `Refund ${refund.id} has nothing to credit`, {
			refundId: refund.id,
		});
	}
	const productUnits = products.map((p) => p.creditUnits);
	const partUnits = parts.map((p) => p.units);
	const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
	const excess = sum(productUnits) + sum(partUnits) - exTaxTarget;
	const chargeIdx = parts.flatMap((p, i) => (CHARGES.has(p.type) ? [i] : []));
	const charges = sum(chargeIdx.map((i) => partUnits[i]));
	if (excess > 0 && chargeIdx.length && excess <= Math.min(tax, charges)) {
		// The charges were given including their tax.
		const shares = allocate(
			excess,
			chargeIdx.map((i) => partUnits[i]),
			step,
		);
		chargeIdx.forEach((i, k) => (partUnits[i] -= shares[k]));
	} else if (excess !== 0 && products.length && Math.abs(excess) <= products.length * step) {
		const shares = allocate(
			excess,
			productUnits.map(() => 1),
			step,
		);
		shares.forEach((share, k) => (productUnits[k] -= share));
	} else if (excess !== 0) {
		throw new MappingError(
			'TOTALS_MISMATCH',
			`Refund ${refund.id} with its tax as posted does not make total_amount: returned lines ${money(sum(productUnits))} + other parts ${money(sum(partUnits))} + total_tax ${money(tax)} = ${money(sum(productUnits) + sum(partUnits) + tax)}, but total_amount is ${money(total)}; nothing was written`,
			{
				refundId: refund.id,
				field: 'total_amount',
				expected: fromUnits(total),
				computed: fromUnits(sum(productUnits) + sum(partUnits) + tax),
				difference: fromUnits(excess),
			},
		);
	}

	const taxParts: Array<{ type: NonItemRefundType }> = tax ? [{ type: 'TAX' }] : [];
	const ft = requireFreeText(refund, options, [...parts, ...taxParts]);
	const taxAccount = ft.mainAccountByType?.TAX;
	if (tax !== 0 && !taxAccount?.length) throw missing(refund, 'taxMainAccount', 'Tax Main Account');
	const lines: FreeTextCreditLine[] = [
		...products.map((p, k) => ({
			units: productUnits[k],
			label: `Refund ${p.quantity} x ${p.product.name}`,
			mainAccount: settings.productMainAccount?.length
				? settings.productMainAccount
				: ft.mainAccount,
		})),
		...parts.map((p, k) => ({
			units: partUnits[k],
			label: `Refund ${PART_LABELS[p.type]}`,
			mainAccount: ft.mainAccountByType?.[p.type] ?? ft.mainAccount,
		})),
		...(tax !== 0
			? [{ units: tax, label: 'Refund tax', mainAccount: taxAccount as readonly string[] }]
			: []),
	].filter((l) => l.units !== 0);
	const credited = sum(lines.map((l) => l.units));
	if (credited !== total) {
		// Unreachable by the arithmetic above; kept so a later change cannot post a wrong credit.
		throw new MappingError(
			'TOTALS_MISMATCH',
			`Refund ${refund.id}: the credit's lines make ${money(credited)}, total_amount is ${money(total)}; nothing was written`,
			{ refundId: refund.id, field: 'total_amount', expected: fromUnits(total) },
		);
	}
	const freeTextCredit = freeTextCreditDraft(refund, lines, identity, options, {
		salesTaxGroupId: group,
		salesTaxItemGroupId: itemGroup,
		inclTax: false,
		dimensions: ft.dimensions,
	});
	return {
		reference: identity.reference,
		shortReference: identity.shortReference,
		freeTextCredit,
		totals: {
			refundTotal: refund.total_amount,
			returnOrderAmount: 0,
			freeTextAmount: fromUnits(credited === 0 ? 0 : -credited),
		},
	};
}
