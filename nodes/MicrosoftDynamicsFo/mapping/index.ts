/** The pure mapping layer: BigCommerce records → Dynamics 365 F&O OData payloads. No HTTP. */
export * from './types';
export { MappingError, type MappingErrorCode } from './errors';
export { toUnits, fromUnits, roundUnits, allocate, roundToTotal } from './money';
export {
	FO_EMPTY_DATE,
	parseBigCommerceDate,
	requireBigCommerceDate,
	toFoDateTime,
	toFoDate,
	isFoEmptyDate,
	type FoDateOptions,
} from './dates';
export {
	DEFAULT_DIMENSION_DELIMITER,
	escapeDimensionValue,
	formatDisplayValue,
	parseDisplayValue,
	formatDimensions,
	parseDimensions,
	optionalDimensions,
	type DimensionFormatOptions,
} from './dimensions';
export { ISO2_TO_ISO3, countryRegionId, stateId } from './regions';
export {
	FIELD_MAX_LENGTHS,
	DEFAULT_REFERENCE_PREFIX,
	orderReference,
	parseOrderReference,
	orderShortReference,
	parseOrderShortReference,
	transactionReference,
	parseTransactionReference,
	refundPaymentReference,
	parseRefundPaymentReference,
	refundReference,
	parseRefundReference,
	refundShortReference,
	parseRefundShortReference,
	deterministicSalesOrderNumber,
	truncate,
	type ReferenceOptions,
} from './references';
export {
	mapCustomerCreate,
	mapBillingAddressCustomerCreate,
	mapCustomerUpdate,
	mapBillingAddressCustomerUpdate,
	type CustomerMappingOptions,
	type CustomerUpdateOptions,
} from './customer';
export {
	orderCustomer,
	resolveOrderCustomer,
	type CustomerIdentity,
	type CustomerResolution,
	type GuestCustomerOptions,
	type GuestMode,
	type OrderCustomer,
} from './orderCustomer';
export {
	mapSalesOrder,
	requireOrderLines,
	collectSkus,
	withSalesOrderNumber,
	withCustomerAccount,
} from './salesOrder';
export type {
	TaxMode,
	SalesOrderMappingOptions,
	SalesOrderPayload,
	SalesOrderDraft,
	SalesOrderHeaderDraft,
	SalesOrderTotals,
} from './salesOrderTypes';
export { type ChargeItemOptions } from './salesOrderAmounts';
export { orderFees, settleOrderTotals, type BcOrderFee } from './orderTotals';
export {
	mapPayment,
	offsetFields,
	paymentRoute,
	withPaymentCustomer,
	type OffsetAccountOption,
	type PaymentLineDraft,
	type PaymentMappingOptions,
	type PaymentMappingResult,
	type PaymentSkipCode,
} from './payment';
export {
	refundPaymentIdentity,
	routePayment,
	transactionIdentity,
	type PaymentIdentity,
	type PaymentKind,
	type PaymentMethodRoute,
	type PaymentMethodTable,
	type PaymentRoute,
	type PaymentRouteOptions,
} from './paymentMethods';
export {
	mapRefundPayouts,
	type RefundPayoutMappingOptions,
	type RefundPayoutResult,
	type RefundPayoutSkipCode,
} from './refundPayout';
export {
	mapRefund,
	refundHasItems,
	withFreeTextCustomer,
	withParentRecId,
	withReturnItems,
	withReturnOrderCustomer,
	withReturnOrderNumber,
	type FreeTextHeaderDraft,
	type NonItemRefundType,
	type FreeTextCreditOptions,
	type RefundDraft,
	type RefundMappingOptions,
	type ReturnOrderHeaderDraft,
	type ReturnOrderLineDraft,
} from './creditNote';
