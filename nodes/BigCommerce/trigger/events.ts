/**
 * What the BigCommerce triggers listen to: the webhook scopes they register (and which order an
 * event is about), the order statuses a user can select, and the status rule both triggers apply.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

export const ORDER_CREATED = 'store/order/created';
export const ORDER_UPDATED = 'store/order/updated';
export const ORDER_STATUS_UPDATED = 'store/order/statusUpdated';
export const TRANSACTION_CREATED = 'store/order/transaction/created';
export const REFUND_CREATED = 'store/order/refund/created';
export const CUSTOMER_CREATED = 'store/customer/created';
export const CUSTOMER_UPDATED = 'store/customer/updated';

export type EventKind = 'order' | 'transaction' | 'refund' | 'customer';

/** Every scope the trigger can register, with what its payload is about. */
export const EVENT_KINDS: Record<string, EventKind> = {
	[ORDER_CREATED]: 'order',
	[ORDER_UPDATED]: 'order',
	[ORDER_STATUS_UPDATED]: 'order',
	[TRANSACTION_CREATED]: 'transaction',
	[REFUND_CREATED]: 'refund',
	[CUSTOMER_CREATED]: 'customer',
	[CUSTOMER_UPDATED]: 'customer',
};

/** A record id from a payload field: a number, or a string of digits. */
export const idOf = (value: unknown): string | undefined => {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return value.trim();
	return undefined;
};

/** The order id an event is about, when it is about one. */
export function orderIdOf(scope: string, data: Record<string, unknown>): string | undefined {
	const kind = EVENT_KINDS[scope];
	if (kind === 'transaction') return idOf(data.order_id);
	if (kind === 'order' || kind === 'refund') return idOf(data.id ?? data.order_id);
	return undefined;
}

export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Customer Created',
		value: CUSTOMER_CREATED,
		description: 'A customer account was created',
	},
	{
		name: 'Customer Updated',
		value: CUSTOMER_UPDATED,
		description: "A customer's attributes changed (not their addresses)",
	},
	{
		name: 'Order Created',
		value: ORDER_CREATED,
		description: 'A new order in one of the selected statuses',
	},
	{
		name: 'Order Status Updated',
		value: ORDER_STATUS_UPDATED,
		description: 'An order entered one of the selected statuses (emitted once per order)',
	},
	{
		name: 'Order Transaction Created',
		value: TRANSACTION_CREATED,
		description: 'A payment transaction, e.g. a capture after the order',
	},
	{
		name: 'Order Updated',
		value: ORDER_UPDATED,
		description: 'Any change to an order in one of the selected statuses',
	},
	{ name: 'Refund Created', value: REFUND_CREATED, description: 'A refund of an order' },
];

export const DEFAULT_EVENTS = [ORDER_CREATED, ORDER_STATUS_UPDATED];

/** Status 0, "Incomplete": an abandoned checkout. Never emitted, whatever is selected. */
export const INCOMPLETE_STATUS = 0;

/** BigCommerce's order statuses a user can select (0 is not offered). */
export const ORDER_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Awaiting Fulfillment (11)', value: 11 },
	{ name: 'Awaiting Payment (7)', value: 7 },
	{ name: 'Awaiting Pickup (8)', value: 8 },
	{ name: 'Awaiting Shipment (9)', value: 9 },
	{ name: 'Cancelled (5)', value: 5 },
	{ name: 'Completed (10)', value: 10 },
	{ name: 'Declined (6)', value: 6 },
	{ name: 'Disputed (13)', value: 13 },
	{ name: 'Manual Verification Required (12)', value: 12 },
	{ name: 'Partially Refunded (14)', value: 14 },
	{ name: 'Partially Shipped (3)', value: 3 },
	{ name: 'Pending (1)', value: 1 },
	{ name: 'Refunded (4)', value: 4 },
	{ name: 'Shipped (2)', value: 2 },
];

/**
 * The paid family: payment taken, awaiting or past fulfilment. An order that moves within the
 * family (11 → 9 → 2) has entered it once.
 */
export const DEFAULT_ORDER_STATUSES = [11, 9, 8, 3, 2, 10];

/** The selected statuses as numbers, never containing 0. */
export function selectedStatuses(value: unknown): Set<number> {
	const list = Array.isArray(value) ? value : [];
	const out = new Set<number>();
	for (const entry of list) {
		const n = Number(entry);
		if (Number.isInteger(n) && n !== INCOMPLETE_STATUS) out.add(n);
	}
	return out;
}

/** Whether an order in this status may be emitted. */
export function statusSelected(statuses: ReadonlySet<number>, statusId: unknown): boolean {
	const n = Number(statusId);
	return Number.isInteger(n) && n !== INCOMPLETE_STATUS && statuses.has(n);
}

/**
 * `store/order/statusUpdated` carries `data.status.{previous_status_id,new_status_id}`: the order
 * is emitted when it enters the selection (new selected, previous not). Undefined when the payload
 * does not say (the fetched order decides then).
 */
export function entersSelection(
	statuses: ReadonlySet<number>,
	data: Record<string, unknown>,
): boolean | undefined {
	const status = data.status as Record<string, unknown> | undefined;
	if (!status || typeof status !== 'object' || status.new_status_id === undefined) return undefined;
	return (
		statusSelected(statuses, status.new_status_id) &&
		!statusSelected(statuses, status.previous_status_id)
	);
}
