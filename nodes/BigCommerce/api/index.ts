/**
 * The BigCommerce store operations the action node, the trigger and the polling trigger share,
 * one file per topic: paging, dates, orders, transactions and refunds, customers, catalog, hooks.
 * Functions take an `HttpContext`, so any n8n context can call them. Import from here.
 */
export * from './paging';
export * from './dates';
export * from './orders';
export * from './transactions';
export * from './customers';
export * from './catalog';
export * from './hooks';

/** The order model's types and its consignment reading, where the API's callers look for them. */
export {
	CONSIGNMENT_LINE_CAP,
	readConsignments,
	type BcOrderProduct,
	type ConsignmentReading,
	type FullOrder,
} from '../model';
