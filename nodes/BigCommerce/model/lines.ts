/**
 * `orderLines`: the one rule for which product lines a BigCommerce order has, whatever shape it
 * arrived in (the node's `products`, a workflow's `line_items`, or raw consignments). The sales
 * order and credit note mappers, the posting code and the SKU lookup all ask this function.
 */
import { consignmentLineItems } from './consignments';
import { isOrderLine, type BcOrder, type BcOrderProduct } from './order';

export interface OrderLineOptions {
	/**
	 * Keep bundle children (`parent_order_product_id` set). A sales order drops them, the parent
	 * line carries the price; a refund may name any line, so pricing it needs them all.
	 */
	withBundleChildren?: boolean;
}

/**
 * Pure: the order's product lines. `products` when it is a list, else `line_items`, else the
 * `line_items` of every consignment (shipping, pickups, downloads, gift certificates). Bundle
 * children are dropped unless asked for; each line id counts once; sorted by line id so the
 * result does not depend on consignment order. An order without lines gives an empty list.
 */
export function orderLines(
	order: Pick<BcOrder, 'products' | 'line_items' | 'consignments'>,
	options: OrderLineOptions = {},
): BcOrderProduct[] {
	const raw: unknown[] = Array.isArray(order.products)
		? order.products
		: Array.isArray(order.line_items)
			? order.line_items
			: consignmentLineItems(order.consignments);
	const byId = new Map<number, BcOrderProduct>();
	for (const item of raw) {
		if (!isOrderLine(item)) continue;
		const isChild =
			item.parent_order_product_id !== null && item.parent_order_product_id !== undefined;
		if (isChild && !options.withBundleChildren) continue;
		if (!byId.has(item.id)) byId.set(item.id, item);
	}
	return [...byId.values()].sort((a, b) => a.id - b.id);
}
