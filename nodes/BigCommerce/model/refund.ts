/**
 * The BigCommerce v3 refund (`GET /v3/orders/payment_actions/refunds/{refund_id}` `data`), as the
 * node and the triggers read it and the F&O credit-note mapping turns it into credit documents.
 */
import type { IDataObject } from 'n8n-workflow';

export type BcRefundItemType =
	'PRODUCT' | 'GIFT_WRAPPING' | 'SHIPPING' | 'HANDLING' | 'ORDER' | 'FEE' | 'TAX';

export interface BcRefundItemAdjustment {
	amount: number;
	description?: string;
}

export interface BcRefundItem {
	item_type: BcRefundItemType | string;
	item_id: number;
	quantity?: number;
	reason?: string;
	requested_amount?: number | null;
	/** Present on request-shaped items (AmountBoundItem); read defensively. */
	amount?: number | null;
	adjustments?: BcRefundItemAdjustment[];
}

export interface BcRefundPayment {
	id?: number;
	provider_id?: string;
	amount: number;
	offline?: boolean;
	is_declined?: boolean;
	transaction_id?: string;
}

/** A v3 refund. `order_id` is an integer there. */
export interface BcRefund extends IDataObject {
	id: number;
	order_id: number;
	created: string;
	reason?: string;
	total_amount: number;
	total_tax?: number;
	items: BcRefundItem[];
	payments?: BcRefundPayment[];
}
