/**
 * A BigCommerce order → the SalesOrderHeadersV2 body and its SalesOrderLines bodies, checked
 * before anything is written. The amounts come from salesOrderAmounts.ts; the customer account is
 * the one thing left out, filled in by withCustomerAccount once the customer is known.
 */
import { orderLines, shippingConsignments } from '../../BigCommerce/model';

import { requireBigCommerceDate, toFoDate } from './dates';
import { optionalDimensions } from './dimensions';
import { MappingError } from './errors';
import { clean, dropUndefined, lookupItem } from './fields';
import type {
	SalesOrderDraft,
	SalesOrderHeaderDraft,
	SalesOrderMappingOptions,
	SalesOrderPayload,
} from './salesOrderTypes';
import { isGiftCertificateLine, orderCharges, productAmounts, sumUnits } from './salesOrderAmounts';
import { settleOrderTotals } from './orderTotals';
import { fromUnits, roundToTotal, roundUnits, toUnits } from './money';
import {
	deterministicSalesOrderNumber,
	FIELD_MAX_LENGTHS,
	orderReference,
	orderShortReference,
} from './references';
import { countryRegionId, stateId } from './regions';
import type {
	BcOrder,
	BcOrderProduct,
	BcShippingAddress,
	FoDeliveryAddress,
	FoItemFields,
	FoSalesOrderHeader,
	FoSalesOrderLine,
	ResolvedItem,
} from './types';

// ---- line collection ------------------------------------------------------------------------

/**
 * The order's product lines (`orderLines` of the BigCommerce model: explicit `products` first,
 * bundle children dropped, by line id), or a MappingError when it has none: a sales order needs
 * at least one line.
 */
export function requireOrderLines(
	order: BcOrder,
	products?: readonly BcOrderProduct[],
): BcOrderProduct[] {
	const lines = orderLines(products ? { ...order, products: [...products] } : order);
	if (lines.length === 0) {
		throw new MappingError(
			'NO_ORDER_LINES',
			`BigCommerce order ${order.id} has no product lines: fetch /v2/orders/${order.id}/products or use include=consignments.line_items`,
			{ orderId: order.id },
		);
	}
	// BigCommerce sells whole, positive quantities; anything else is bad data, not an order to post.
	const badQuantity = lines.filter((p) => !(Number.isInteger(p.quantity) && p.quantity > 0));
	if (badQuantity.length) {
		throw new MappingError(
			'INVALID_QUANTITY',
			`BigCommerce order ${order.id} has lines without a positive whole quantity: ${badQuantity
				.map((p) => `line ${p.id} "${p.name ?? ''}" (${String(p.quantity)})`)
				.join(', ')}`,
			{ orderId: order.id, lineIds: badQuantity.map((p) => p.id) },
		);
	}
	return lines;
}

/**
 * Unique SKUs of an order's lines, in line order, for one SKU lookup per order. Gift-certificate
 * lines are not products: they go on the gift-certificate item (see chargeItemsOf).
 */
export function collectSkus(order: BcOrder, products?: BcOrderProduct[]): string[] {
	const seen = new Set<string>();
	for (const line of requireOrderLines(order, products)) {
		if (isGiftCertificateLine(line)) continue;
		const sku = (line.sku ?? '').trim();
		if (sku !== '') seen.add(sku);
	}
	return [...seen];
}

// ---- helpers --------------------------------------------------------------------------------

function shippingAddressesOf(order: BcOrder, explicit?: BcShippingAddress[]): BcShippingAddress[] {
	if (explicit) return explicit;
	if (Array.isArray(order.shipping_addresses)) return order.shipping_addresses;
	return shippingConsignments(order.consignments);
}

function deliveryAddress(
	a: BcShippingAddress | undefined,
	overrides: Readonly<Record<string, string>> | undefined,
): FoDeliveryAddress {
	if (!a) return {};
	const name =
		clean(a.company) ?? clean([clean(a.first_name), clean(a.last_name)].filter(Boolean).join(' '));
	const street = [clean(a.street_1), clean(a.street_2)].filter(Boolean).join('\n');
	return {
		DeliveryAddressName: name,
		DeliveryAddressStreet: street || undefined,
		DeliveryAddressCity: clean(a.city),
		DeliveryAddressZipCode: clean(a.zip),
		DeliveryAddressStateId: stateId(a.state, a.country_iso2),
		DeliveryAddressCountryRegionId: countryRegionId(a.country_iso2, overrides),
		IsDeliveryAddressOrderSpecific: 'Yes',
	};
}

/**
 * What stops F&O from re-pricing an order BigCommerce already priced: no automatic charges on the
 * header, and no trade-agreement discount percentages (total on the header; line and multiline
 * on each line), so F&O's totals stay BigCommerce's.
 */
export const NO_REPRICING_HEADER = {
	SkipCreateAutoCharges: 'Yes',
	TotalDiscountPercentage: 0,
} as const;
export const NO_REPRICING_LINE = {
	LineDiscountPercentage: 0,
	MultilineDiscountPercentage: 0,
} as const;

// ---- the mapper -----------------------------------------------------------------------------

/**
 * BigCommerce v2 order → SalesOrderHeadersV2 body + SalesOrderLines bodies.
 *
 * Prices: `SalesPrice` is BigCommerce's unit price in the tax basis, `LineAmount` exactly what
 * BigCommerce charged for the line after its discounts (the line's `applied_discounts`, which
 * include coupons and order-level discounts BigCommerce spread over the lines, plus any prorated
 * remainder), rounded to the currency so the lines add up to the order's total to the cent.
 * `LineDiscountAmount` is F&O's per-unit discount, (price × qty − LineAmount) / qty to 4 decimals,
 * for display; `CalculateLineAmount=No` and `IsPriceLocked=Yes` keep F&O from re-pricing the line
 * with its own trade agreements (the entity's names for "take LineAmount as given" and "price
 * fixed"; no Microsoft document states more than that), and NO_REPRICING_HEADER / NO_REPRICING_LINE
 * keep its automatic charges and trade-agreement percentages off.
 * Shipping/handling/wrapping/fees become lines for configurable non-stock charge items. The lines
 * reproduce BigCommerce's `total_ex_tax` / `total_inc_tax` to the cent (orderTotals.ts).
 *
 * Throws MappingError, before anything is written, for an unmapped SKU (naming every one), a line
 * without SKU, a missing charge item, totals that do not add up (TOTALS_MISMATCH), or an over-long
 * order number.
 */
export function mapSalesOrder(order: BcOrder, options: SalesOrderMappingOptions): SalesOrderDraft {
	for (const key of ['dataAreaId', 'storeHash'] as const) {
		if (!clean(options[key])) {
			throw new MappingError('MISSING_OPTION', `Sales order mapping needs the "${key}" option`, {
				option: key,
			});
		}
	}
	const decimals = options.amountDecimals ?? 2;
	const amountStep = 10 ** (4 - decimals);
	const inclusive =
		options.taxMode === 'inclusive' ||
		(options.taxMode === 'auto' && order.is_tax_inclusive_pricing === true);
	const currency =
		clean(options.currencyCode) ?? clean(order.default_currency_code) ?? clean(order.currency_code);
	if (!currency) {
		throw new MappingError('MISSING_OPTION', `BigCommerce order ${order.id} has no currency code`, {
			orderId: order.id,
		});
	}

	const products = requireOrderLines(order, options.products);

	// Gift-certificate purchases go on their own (liability) item, never on a SKU.
	const giftLines = products.filter(isGiftCertificateLine);
	const giftItem = clean(options.charges?.giftCertificateItemNumber);
	if (giftLines.length && !giftItem) {
		throw new MappingError(
			'MISSING_OPTION',
			`BigCommerce order ${order.id} sells ${giftLines.length > 1 ? 'gift certificates' : 'a gift certificate'} (${giftLines
				.map((p) => `line ${p.id} "${p.name ?? ''}"`)
				.join(
					', ',
				)}) but no Gift Certificate Item is configured: a gift certificate is a liability, not revenue, and is posted on that item`,
			{
				orderId: order.id,
				option: 'giftCertificateItemNumber',
				lineIds: giftLines.map((p) => p.id),
			},
		);
	}
	const productLines = products.filter((p) => !isGiftCertificateLine(p));

	// Resolve every SKU first; report all problems at once.
	const missingSku = productLines.filter((p) => !clean(p.sku));
	if (missingSku.length) {
		throw new MappingError(
			'MISSING_SKU',
			`BigCommerce order ${order.id} has lines without a SKU: ${missingSku
				.map((p) => `line ${p.id} "${p.name ?? ''}"`)
				.join(', ')}`,
			{ orderId: order.id, lineIds: missingSku.map((p) => p.id) },
		);
	}
	const unmapped = [
		...new Set(
			productLines
				.map((p) => clean(p.sku) as string)
				.filter((sku) => !lookupItem(options.resolvedItems, sku)),
		),
	];
	if (unmapped.length) {
		throw new MappingError(
			'UNMAPPED_SKU',
			`SKU${unmapped.length > 1 ? 's' : ''} ${unmapped.map((s) => `"${s}"`).join(', ')} of BigCommerce order ${order.id} ${
				unmapped.length > 1 ? 'are' : 'is'
			} not mapped to an F&O item; nothing was written`,
			{ orderId: order.id, skus: unmapped },
		);
	}

	// Amounts in 1/10,000 units: the products and their own discounts, then the charges, then the
	// order discounts settled against BigCommerce's totals (a remainder they cannot explain throws).
	const { gross, lineDiscounts, subtotal } = productAmounts(order, products, inclusive, options);
	const addresses = shippingAddressesOf(order, options.shippingAddresses);
	const methods = [
		...new Set(addresses.map((a) => clean(a.shipping_method)).filter(Boolean)),
	] as string[];
	const charges = options.charges ?? {};
	const { lines: chargeLines, total: chargeTotal } = orderCharges(
		order,
		inclusive,
		charges,
		methods,
	);
	const { discounts, basisTotal } = settleOrderTotals({
		order,
		inclusive,
		gross,
		lineDiscounts,
		undiscountable: products.map(isGiftCertificateLine),
		charges: chargeTotal,
		decimals,
		unallocatedDiscount: options.unallocatedDiscount,
	});
	const exactNets = gross.map((g, i) => g - discounts[i]);

	// Round every line to the currency so that the lines sum exactly to BigCommerce's total.
	const exactAll = [...exactNets, ...chargeLines.map((c) => c.units)];
	const expectedTotal = roundUnits(basisTotal, decimals);
	const rounded = roundToTotal(exactAll, amountStep, expectedTotal);

	// Dates and header.
	const created = requireBigCommerceDate(order.date_created, 'date_created');
	const shipDays = options.requestedShipDaysAfterOrder ?? 0;
	const requestedShippingDate = toFoDate(created, {
		utcOffsetMinutes: options.utcOffsetMinutes,
		addDays: shipDays,
	});
	const requestedReceiptDate = toFoDate(created, {
		utcOffsetMinutes: options.utcOffsetMinutes,
		addDays: shipDays + (options.requestedReceiptDaysAfterShip ?? 0),
	});
	const refOptions = { prefix: options.referencePrefix };
	const reference = orderReference(options.storeHash, order.id, refOptions);
	const salesOrderNumber =
		options.salesOrderNumberPrefix !== undefined
			? deterministicSalesOrderNumber(
					options.salesOrderNumberPrefix,
					order.id,
					options.salesOrderNumberMaxLength ?? FIELD_MAX_LENGTHS.SalesOrderNumber,
				)
			: undefined;
	const dimensionValue = optionalDimensions(options.dimensions, options.dimensionFormat);
	const headerAddress = addresses[0];
	const header = dropUndefined<SalesOrderHeaderDraft>({
		dataAreaId: options.dataAreaId,
		SalesOrderNumber: salesOrderNumber,
		InvoiceCustomerAccountNumber: clean(options.invoiceAccount),
		CurrencyCode: currency,
		LanguageId: options.languageId,
		CustomersOrderReference: reference,
		CustomerRequisitionNumber:
			options.requisitionNumber === 'none' ? undefined : orderShortReference(order.id, refOptions),
		RequestedShippingDate: requestedShippingDate,
		RequestedReceiptDate: requestedReceiptDate,
		...deliveryAddress(headerAddress, options.countryOverrides),
		Email: clean(order.billing_address?.email),
		DeliveryModeCode: methods.length ? options.deliveryModeMap?.[methods[0]] : undefined,
		PaymentTermsName: options.paymentTermsName,
		CustomerPaymentMethodName: order.payment_method
			? options.paymentMethodMap?.[order.payment_method]
			: undefined,
		SalesTaxGroupCode: options.salesTaxGroupCode,
		ArePricesIncludingSalesTax: inclusive ? 'Yes' : 'No',
		DefaultShippingSiteId: options.defaultSiteId,
		DefaultShippingWarehouseId: options.defaultWarehouseId,
		DefaultLedgerDimensionDisplayValue: dimensionValue,
		...NO_REPRICING_HEADER,
	});

	const base = {
		dataAreaId: options.dataAreaId,
		SalesOrderNumber: salesOrderNumber,
		CurrencyCode: currency,
		RequestedShippingDate: requestedShippingDate,
		ShippingSiteId: options.defaultSiteId,
		ShippingWarehouseId: options.defaultWarehouseId,
		DefaultLedgerDimensionDisplayValue: dimensionValue,
		CalculateLineAmount: 'No' as const,
		IsPriceLocked: 'Yes' as const,
		...NO_REPRICING_LINE,
	};
	const lines: FoSalesOrderLine[] = products.map((p, i) => {
		const gift = isGiftCertificateLine(p);
		const item = gift
			? ({ ItemNumber: giftItem } as ResolvedItem)
			: (lookupItem(options.resolvedItems, clean(p.sku) as string) as ResolvedItem);
		const qty = p.quantity;
		const price = toUnits(inclusive ? p.price_inc_tax : p.price_ex_tax, `line ${p.id} price`);
		const lineAmount = rounded[i];
		const perUnitDiscount = qty > 0 ? Math.round((price * qty - lineAmount) / qty) : 0;
		const ownAddress =
			addresses.length > 1 &&
			p.order_address_id !== undefined &&
			p.order_address_id !== headerAddress?.id
				? addresses.find((a) => a.id === p.order_address_id)
				: undefined;
		// Object.assign, not `{ ...base, … }`: V8 builds a literal that starts with a spread and goes
		// on with properties some 20 times slower (~10 µs a line, most of a 50-line order's mapping).
		return dropUndefined<FoSalesOrderLine>(
			Object.assign(
				{},
				base,
				itemFields(item),
				{
					SalesUnitSymbol: item.SalesUnitSymbol,
					OrderedSalesQuantity: qty,
					SalesPrice: fromUnits(price),
					LineDiscountAmount: fromUnits(perUnitDiscount),
					LineAmount: fromUnits(lineAmount),
					LineDescription: clean(p.name),
					CustomersLineNumber: i + 1,
					OrderLineReference: String(p.id),
					ExternalItemNumber: clean(p.sku),
					// A gift certificate takes its item's own (untaxed) item tax group.
					SalesTaxItemGroupCode: gift ? undefined : options.salesTaxItemGroupCode,
				},
				deliveryAddress(ownAddress, options.countryOverrides),
			),
		);
	});
	chargeLines.forEach((c, k) => {
		const amount = rounded[products.length + k];
		lines.push(
			dropUndefined<FoSalesOrderLine>(
				Object.assign({}, base, {
					ItemNumber: c.item,
					OrderedSalesQuantity: 1,
					SalesPrice: fromUnits(amount),
					LineDiscountAmount: 0,
					LineAmount: fromUnits(amount),
					LineDescription: c.label,
					CustomersLineNumber: products.length + k + 1,
					SalesTaxItemGroupCode: charges.salesTaxItemGroupCode,
				}),
			),
		);
	});

	const couponList = options.coupons ?? (Array.isArray(order.coupons) ? order.coupons : []);
	return {
		reference,
		header,
		lines,
		couponCodes: [...new Set(couponList.map((c) => c.code).filter(Boolean))],
		totals: {
			currencyCode: currency,
			taxBasis: inclusive ? 'inclusive' : 'exclusive',
			subtotal: fromUnits(subtotal),
			discount: fromUnits(sumUnits(discounts)),
			charges: fromUnits(chargeTotal),
			expectedTotal: fromUnits(expectedTotal),
			linesTotal: fromUnits(sumUnits(rounded)),
		},
	};
}

/**
 * The order for its F&O customer: OrderingCustomerAccountNumber, and the invoice account unless
 * the mapping was given one.
 */
export function withCustomerAccount(
	draft: SalesOrderDraft,
	customerAccount: string,
): SalesOrderPayload {
	const account = clean(customerAccount);
	if (!account) {
		throw new MappingError(
			'MISSING_OPTION',
			'Sales order mapping needs the "customerAccount" option',
			{
				option: 'customerAccount',
			},
		);
	}
	const { dataAreaId, SalesOrderNumber, InvoiceCustomerAccountNumber, ...rest } = draft.header;
	const header = dropUndefined<FoSalesOrderHeader>({
		dataAreaId,
		SalesOrderNumber,
		OrderingCustomerAccountNumber: account,
		InvoiceCustomerAccountNumber: InvoiceCustomerAccountNumber ?? account,
		...rest,
	});
	return { ...draft, header };
}

/** Set SalesOrderNumber on lines once the header was created with a generated number. */
export function withSalesOrderNumber(
	lines: readonly FoSalesOrderLine[],
	salesOrderNumber: string,
): FoSalesOrderLine[] {
	return lines.map((l) => ({ ...l, SalesOrderNumber: salesOrderNumber }));
}

/** The item fields of a resolved SKU, for a sales or return order line. */
export function itemFields(item: FoItemFields): FoItemFields {
	return {
		ItemNumber: item.ItemNumber,
		ProductSizeId: item.ProductSizeId,
		ProductColorId: item.ProductColorId,
		ProductStyleId: item.ProductStyleId,
		ProductConfigurationId: item.ProductConfigurationId,
	};
}
