/**
 * The BigCommerce records this pack reads (orders, their lines and consignments, transactions,
 * refunds, customers), typed once, and the pure rules that read them. The BigCommerce API code,
 * the triggers and the F&O mapping and posting code all import from here.
 */
export * from './order';
export * from './consignments';
export * from './lines';
export * from './transaction';
export * from './refund';
export * from './customer';
