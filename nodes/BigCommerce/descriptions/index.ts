export * from './CustomerDescription';
export * from './OrderDescription';
export * from './ProductDescription';
export * from './RefundDescription';
export * from './TransactionDescription';
export * from './WebhookDescription';
