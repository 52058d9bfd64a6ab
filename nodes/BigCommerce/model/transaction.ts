/**
 * The BigCommerce v3 payment transaction (`GET /v3/orders/{order_id}/transactions` item), as the
 * node lists it, the triggers attach it to an order and the F&O payment mapping reads it.
 */
import type { IDataObject } from 'n8n-workflow';

export type BcTransactionEvent =
	'purchase' | 'authorization' | 'capture' | 'refund' | 'void' | 'pending' | 'settled';

/** A v3 transaction. `order_id` is a string there. */
export interface BcTransaction extends IDataObject {
	id: number;
	order_id: string | number;
	event: BcTransactionEvent | string;
	method?: string;
	amount: number;
	currency: string;
	gateway?: string;
	gateway_transaction_id?: string;
	status: 'ok' | 'error' | string;
	test?: boolean;
	date_created: string;
	payment_method_id?: string;
}
