import { orderLines, shippingConsignments } from '../../BigCommerce/model';

import { requireBigCommerceDate, toFoDate } from './dates';
import { optionalDimensions, type DimensionFormatOptions } from './dimensions';
import { MappingError } from './errors';
import { allocate, fromUnits, roundToTotal, roundUnits, toUnits } from './money';
import {
	deterministicSalesOrderNumber,
	FIELD_MAX_LENGTHS,
	orderReference,
	orderShortReference,
} from './references';
import { countryRegionId, stateId } from './regions';
import type {
	BcOrder,
	BcOrderCoupon,
	BcOrderProduct,
	BcShippingAddress,
	DimensionsInput,
	FoDeliveryAddress,
	FoItemFields,
	FoSalesOrderHeader,
	FoSalesOrderLine,
	ResolvedItem,
	ResolvedItemMap,
} from './types';

/**
 * Tax handling. F&O computes its own sales tax from tax groups, so we send BigCommerce's prices
 * either without tax (`exclusive`, ArePricesIncludingSalesTax=No: F&O adds its tax on top) or with
 * tax (`inclusive`, ArePricesIncludingSalesTax=Yes: F&O backs its tax out of the gross). `auto`
 * follows the order's `is_tax_inclusive_pricing`. Either way F&O's tax can differ from
 * BigCommerce's by its own rules; the amounts we send are exactly what BigCommerce charged in the
 * chosen basis.
 */
export type TaxMode = 'exclusive' | 'inclusive' | 'auto';

export interface ChargeItemOptions {
	/** Non-stock item for shipping (required when the order has a shipping charge). */
	shippingItemNumber?: string;
	/** Non-stock item for handling; default: folded into the shipping line. */
	handlingItemNumber?: string;
	/** Non-stock item for gift wrapping; default: folded into the handling (or shipping) line. */
	wrappingItemNumber?: string;
	/** Item sales tax group for charge lines. */
	salesTaxItemGroupCode?: string;
	/** Send a zero-amount shipping line for free shipping; default false. */
	includeZeroAmount?: boolean;
}

export interface SalesOrderMappingOptions {
	/** F&O company, e.g. `usmf`. */
	dataAreaId: string;
	/** BigCommerce store hash, part of CustomersOrderReference. */
	storeHash: string;
	/** Invoice account; default the customer account (see withCustomerAccount). */
	invoiceAccount?: string;
	/** SKU → F&O item, from the one-per-order SKU lookup (see collectSkus). */
	resolvedItems: ResolvedItemMap;
	/** Order lines from `/v2/orders/{id}/products`; default: the order's products or consignments. */
	products?: BcOrderProduct[];
	/** Shipping addresses from `/v2/orders/{id}/shipping_addresses`; default: from the order. */
	shippingAddresses?: BcShippingAddress[];
	/** Coupons from `/v2/orders/{id}/coupons` (reported back; their amounts are in the discounts). */
	coupons?: BcOrderCoupon[];
	/** Reference prefix (default `BC`), see references.ts. */
	referencePrefix?: string;
	/** CustomerRequisitionNumber: `orderShortReference` (`BC-<orderId>`, default) or `none`. */
	requisitionNumber?: 'orderShortReference' | 'none';
	/** Deterministic SalesOrderNumber `<prefix><orderId>` when set (needs a manual number sequence). */
	salesOrderNumberPrefix?: string;
	/** SalesOrderNumber length limit; default 20. */
	salesOrderNumberMaxLength?: number;
	/** Currency; default the order's `default_currency_code` (the transactional currency). */
	currencyCode?: string;
	taxMode?: TaxMode;
	/** Header SalesTaxGroupCode (e.g. the customer's tax group override). */
	salesTaxGroupCode?: string;
	/** Line SalesTaxItemGroupCode for product lines. */
	salesTaxItemGroupCode?: string;
	charges?: ChargeItemOptions;
	defaultSiteId?: string;
	defaultWarehouseId?: string;
	/** BigCommerce shipping method name → DeliveryModeCode. */
	deliveryModeMap?: Readonly<Record<string, string>>;
	/** BigCommerce `payment_method` → CustomerPaymentMethodName. */
	paymentMethodMap?: Readonly<Record<string, string>>;
	paymentTermsName?: string;
	languageId?: string;
	/** Default dimensions → DefaultLedgerDimensionDisplayValue on header and lines. */
	dimensions?: DimensionsInput;
	dimensionFormat?: DimensionFormatOptions;
	/** Requested shipping date = order date + this many days (default 0). */
	requestedShipDaysAfterOrder?: number;
	/** Requested receipt date = shipping date + this many days (default 0). */
	requestedReceiptDaysAfterShip?: number;
	/** Business time zone offset in minutes, to take the order's calendar day; default UTC. */
	utcOffsetMinutes?: number;
	/** Decimals of the currency's amounts; default 2. */
	amountDecimals?: number;
	/**
	 * Order discount not allocated to lines by BigCommerce (`discount_amount` above the sum of the
	 * lines' `applied_discounts`): `prorate` over the product lines by amount (default) or `error`.
	 */
	unallocatedDiscount?: 'prorate' | 'error';
	/** Fail when the lines' totals do not add up to the order subtotal (default true). */
	verifySubtotal?: boolean;
	countryOverrides?: Readonly<Record<string, string>>;
}

export interface SalesOrderTotals {
	currencyCode: string;
	taxBasis: 'exclusive' | 'inclusive';
	/** BigCommerce subtotal in the tax basis (before discounts). */
	subtotal: number;
	/** Discount BigCommerce applied to the products (allocated + prorated). */
	discount: number;
	/** Shipping + handling + wrapping in the tax basis. */
	charges: number;
	/** subtotal − discount + charges, rounded to the currency: what BigCommerce charged. */
	expectedTotal: number;
	/** Sum of the lines' LineAmount. */
	linesTotal: number;
}

export interface SalesOrderPayload<Header = FoSalesOrderHeader> {
	/** CustomersOrderReference, the lookup key for the exactly-once check. */
	reference: string;
	header: Header;
	/** Product lines first (by BigCommerce line id), then charge lines. */
	lines: FoSalesOrderLine[];
	couponCodes: string[];
	totals: SalesOrderTotals;
}

/** The header before the customer is known: the invoice account only when one was given. */
export type SalesOrderHeaderDraft = Omit<
	FoSalesOrderHeader,
	'OrderingCustomerAccountNumber' | 'InvoiceCustomerAccountNumber'
> & { InvoiceCustomerAccountNumber?: string };

/** A mapped and checked order that only lacks its customer account (see withCustomerAccount). */
export type SalesOrderDraft = SalesOrderPayload<SalesOrderHeaderDraft>;

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
	return lines;
}

/** Unique SKUs of an order's lines, in line order, for one SKU lookup per order. */
export function collectSkus(order: BcOrder, products?: BcOrderProduct[]): string[] {
	const seen = new Set<string>();
	for (const line of requireOrderLines(order, products)) {
		const sku = (line.sku ?? '').trim();
		if (sku !== '') seen.add(sku);
	}
	return [...seen];
}

function lookupItem(map: ResolvedItemMap, sku: string): ResolvedItem | undefined {
	if (map instanceof Map) return map.get(sku);
	return Object.prototype.hasOwnProperty.call(map, sku)
		? (map as Record<string, ResolvedItem>)[sku]
		: undefined;
}

// ---- helpers --------------------------------------------------------------------------------

function clean(value: string | undefined | null): string | undefined {
	const v = (value ?? '').trim();
	return v === '' ? undefined : v;
}

function dropUndefined<T extends object>(obj: T): T {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
	return out as T;
}

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

function sumUnits(values: readonly number[]): number {
	return values.reduce((a, b) => a + b, 0);
}

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
 * with its own trade agreements [CalculateLineAmount semantics inferred from the entity].
 * Shipping/handling/wrapping become lines for configurable non-stock charge items.
 *
 * Throws MappingError, before anything is written, for an unmapped SKU (naming every one), a line
 * without SKU, a missing charge item, totals that do not add up, or an over-long order number.
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

	// Resolve every SKU first; report all problems at once.
	const missingSku = products.filter((p) => !clean(p.sku));
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
			products
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

	// Amounts in 1/10,000 units.
	const gross = products.map((p) =>
		toUnits(inclusive ? p.total_inc_tax : p.total_ex_tax, `line ${p.id} total`),
	);
	const lineDiscounts = products.map((p) =>
		sumUnits((p.applied_discounts ?? []).map((d) => toUnits(d.amount, `line ${p.id} discount`))),
	);
	const subtotal = toUnits(inclusive ? order.subtotal_inc_tax : order.subtotal_ex_tax, 'subtotal');
	if (options.verifySubtotal !== false && Math.abs(sumUnits(gross) - subtotal) > amountStep) {
		throw new MappingError(
			'INVALID_MONEY',
			`The lines of BigCommerce order ${order.id} add up to ${fromUnits(sumUnits(gross))} but its subtotal is ${fromUnits(subtotal)}; some lines are missing`,
			{ orderId: order.id },
		);
	}
	const orderDiscount = Math.max(
		toUnits(order.discount_amount, 'discount_amount'),
		toUnits(order.coupon_discount, 'coupon_discount'),
	);
	const allocated = sumUnits(lineDiscounts);
	const residual = orderDiscount - allocated;
	let discounts = lineDiscounts;
	if (residual > 0) {
		if (options.unallocatedDiscount === 'error') {
			throw new MappingError(
				'UNALLOCATED_DISCOUNT',
				`BigCommerce order ${order.id} has ${fromUnits(residual)} of discount not allocated to any line`,
				{ orderId: order.id },
			);
		}
		const weights = gross.map((g, i) => Math.max(0, g - lineDiscounts[i]));
		const extra = allocate(residual, weights, 1);
		discounts = lineDiscounts.map((d, i) => d + extra[i]);
	}
	const exactNets = gross.map((g, i) => g - discounts[i]);

	// Charges.
	const shipping = toUnits(
		inclusive ? order.shipping_cost_inc_tax : order.shipping_cost_ex_tax,
		'shipping',
	);
	const handling = toUnits(
		inclusive ? order.handling_cost_inc_tax : order.handling_cost_ex_tax,
		'handling',
	);
	const wrapping = toUnits(
		inclusive ? order.wrapping_cost_inc_tax : order.wrapping_cost_ex_tax,
		'wrapping',
	);
	const charges = options.charges ?? {};
	const chargeLines: Array<{ item: string; units: number; label: string }> = [];
	const addCharge = (item: string | undefined, units: number, label: string): boolean => {
		if (!item) return false;
		const existing = chargeLines.find((c) => c.item === item);
		if (existing) {
			existing.units += units;
			existing.label += ` + ${label}`;
		} else chargeLines.push({ item, units, label });
		return true;
	};
	const shipItem = clean(charges.shippingItemNumber);
	const handlingItem = clean(charges.handlingItemNumber) ?? shipItem;
	const wrappingItem = clean(charges.wrappingItemNumber) ?? handlingItem;
	const addresses = shippingAddressesOf(order, options.shippingAddresses);
	const methods = [
		...new Set(addresses.map((a) => clean(a.shipping_method)).filter(Boolean)),
	] as string[];
	if (shipping !== 0 || (charges.includeZeroAmount && shipItem)) {
		const label = methods.length ? `Shipping: ${methods.join(', ')}` : 'Shipping';
		if (!addCharge(shipItem, shipping, label)) {
			throw new MappingError(
				'SHIPPING_ITEM_MISSING',
				`BigCommerce order ${order.id} has a shipping charge of ${fromUnits(shipping)} but no shipping charge item is configured`,
				{ orderId: order.id },
			);
		}
	}
	if (handling !== 0 && !addCharge(handlingItem, handling, 'Handling')) {
		throw new MappingError(
			'SHIPPING_ITEM_MISSING',
			`BigCommerce order ${order.id} has a handling charge of ${fromUnits(handling)} but no handling or shipping charge item is configured`,
			{ orderId: order.id },
		);
	}
	if (wrapping !== 0 && !addCharge(wrappingItem, wrapping, 'Gift wrapping')) {
		throw new MappingError(
			'SHIPPING_ITEM_MISSING',
			`BigCommerce order ${order.id} has a gift-wrapping charge of ${fromUnits(wrapping)} but no wrapping, handling or shipping charge item is configured`,
			{ orderId: order.id },
		);
	}

	// Round every line to the currency so that the lines sum exactly to the rounded total.
	const exactAll = [...exactNets, ...chargeLines.map((c) => c.units)];
	const expectedTotal = roundUnits(sumUnits(exactAll), decimals);
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
	};
	const lines: FoSalesOrderLine[] = products.map((p, i) => {
		const item = lookupItem(options.resolvedItems, clean(p.sku) as string) as ResolvedItem;
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
		return dropUndefined<FoSalesOrderLine>({
			...base,
			...itemFields(item),
			SalesUnitSymbol: item.SalesUnitSymbol,
			OrderedSalesQuantity: qty,
			SalesPrice: fromUnits(price),
			LineDiscountAmount: fromUnits(perUnitDiscount),
			LineAmount: fromUnits(lineAmount),
			LineDescription: clean(p.name),
			CustomersLineNumber: i + 1,
			OrderLineReference: String(p.id),
			ExternalItemNumber: clean(p.sku),
			SalesTaxItemGroupCode: options.salesTaxItemGroupCode,
			...deliveryAddress(ownAddress, options.countryOverrides),
		});
	});
	chargeLines.forEach((c, k) => {
		const amount = rounded[products.length + k];
		lines.push(
			dropUndefined<FoSalesOrderLine>({
				...base,
				ItemNumber: c.item,
				OrderedSalesQuantity: 1,
				SalesPrice: fromUnits(amount),
				LineDiscountAmount: 0,
				LineAmount: fromUnits(amount),
				LineDescription: c.label,
				CustomersLineNumber: products.length + k + 1,
				SalesTaxItemGroupCode: charges.salesTaxItemGroupCode,
			}),
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
			charges: fromUnits(shipping + handling + wrapping),
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
