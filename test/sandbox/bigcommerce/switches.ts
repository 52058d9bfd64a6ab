/**
 * Behaviour switches: where BigCommerce's behaviour is not documented or not verified, the sandbox can
 * do either, with the documented or likeliest behaviour as default. Flip with `PUT /bigcommerce/switches`.
 */
export interface BigCommerceSwitches {
	/**
	 * Whether `GET /v2/orders` without `status_id` returns status 0 ("Incomplete") orders. Unverified
	 * (undocumented); default false: integrators report incomplete orders only with `status_id=0`.
	 */
	listIncludesIncomplete: boolean;
	/** Whether `GET /v2/orders` returns archived (`is_deleted`) orders. Unverified; default false. */
	listIncludesArchived: boolean;
	/**
	 * `include=consignments.line_items` caps line items at 50 and adds a `__warning__` object
	 * (bigcommerce/docs issue #960). The cap is documented; null turns it off.
	 */
	consignmentLineItemCap: number | null;
	/** Add the `__warning__` object when the cap cuts line items. Its shape is a guess (see v2.ts). */
	consignmentCapWarning: boolean;
	/**
	 * `limit` over 250 on v2 lists: 413 per the status-code table, or silently capped at 250.
	 * Unverified for orders; default 413.
	 */
	v2LimitOverMax: 'error413' | 'cap';
	/** Sign deliveries per Standard Webhooks (documented on the HTTPS-webhooks page; not confirmed live). */
	signWebhooks: boolean;
	/**
	 * Standard Webhooks says `webhook-id` stays the same across retries; BigCommerce does not confirm
	 * it. true gives every attempt a fresh id.
	 */
	webhookIdPerAttempt: boolean;
	/**
	 * Real BigCommerce only delivers to https on port 443; on (default) the sandbox also accepts and
	 * delivers to plain http on loopback hosts, so tests can receive deliveries.
	 */
	allowLoopbackHttp: boolean;
	/** Deliver every event this many extra times (same body and hash; BigCommerce admits duplicates). */
	duplicateDeliveries: number;
	/** Hold new events' first attempts until `POST /bigcommerce/deliveries/release` (out-of-order on demand). */
	holdDeliveries: boolean;
	/** A status change also fires `store/order/updated` ("any change … fires this webhook"). */
	statusChangeFiresUpdated: boolean;
	/** Receiver timeout per attempt; BigCommerce documents none. */
	deliveryTimeoutMs: number;
	/**
	 * `GET /v3/hooks` ignores its `destination`, `scope` and `is_active` filters and lists every hook
	 * of the API account, as a store or proxy that drops the query would. Default false: documented.
	 */
	hookListIgnoresFilters: boolean;
	/**
	 * Several partial captures of one authorisation, adding up to at most the authorised amount.
	 * Unverified: BigCommerce's own capture action takes no amount and captures the order's payment
	 * once; whether a gateway's partial captures reach the store as several capture transactions is
	 * not documented. Default true (the payment tests post two partial captures); false refuses any
	 * capture after the first. A capture beyond the authorised amount is refused either way.
	 */
	partialCaptures: boolean;
	/**
	 * A shipment sets the order to Shipped (2) when every product is shipped, else Partially Shipped
	 * (3). Unverified: long-standing platform behaviour, not stated in the spec (shipments.ts).
	 */
	shipmentSetsStatus: boolean;
	/** A shipment of more than is left to ship of an order product is refused (400) [inferred]. */
	refuseOverShipment: boolean;
	/** Milliseconds each inventory adjustment takes before its answer (overlaps answer 409). */
	inventoryWriteLatencyMs: number;
}

export const DEFAULT_SWITCHES: BigCommerceSwitches = {
	listIncludesIncomplete: false,
	listIncludesArchived: false,
	consignmentLineItemCap: 50,
	consignmentCapWarning: true,
	v2LimitOverMax: 'error413',
	signWebhooks: true,
	webhookIdPerAttempt: false,
	allowLoopbackHttp: true,
	duplicateDeliveries: 0,
	holdDeliveries: false,
	statusChangeFiresUpdated: true,
	deliveryTimeoutMs: 10000,
	hookListIgnoresFilters: false,
	partialCaptures: true,
	shipmentSetsStatus: true,
	refuseOverShipment: true,
	inventoryWriteLatencyMs: 0,
};

/** Apply a partial update, rejecting unknown keys and wrong types. Returns an error text or undefined. */
export function applySwitches(target: BigCommerceSwitches, patch: unknown): string | undefined {
	if (!patch || typeof patch !== 'object' || Array.isArray(patch))
		return 'switches must be an object';
	for (const [key, value] of Object.entries(patch)) {
		if (!(key in DEFAULT_SWITCHES)) return `unknown switch ${key}`;
		const current = (DEFAULT_SWITCHES as unknown as Record<string, unknown>)[key];
		const ok =
			key === 'consignmentLineItemCap'
				? value === null || typeof value === 'number'
				: key === 'v2LimitOverMax'
					? value === 'error413' || value === 'cap'
					: typeof value === typeof current;
		if (!ok) return `switch ${key} has the wrong type`;
	}
	Object.assign(target, patch);
	return undefined;
}
