/**
 * The BigCommerce store operations the action node, the trigger and the polling trigger share,
 * one file per topic: paging, dates, orders, transactions and refunds, customers, catalog, hooks.
 * Functions take an `HttpContext`, so any n8n context can call them. Import from here; the
 * records they answer with are typed in ../model.
 */
export * from './paging';
export * from './dates';
export * from './orders';
export * from './transactions';
export * from './customers';
export * from './catalog';
export * from './hooks';
