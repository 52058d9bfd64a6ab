/**
 * A return line linked to the sales line it returns, so F&O can credit it at the original price
 * and tax and trace the return to the order. The link is the original line's lot id
 * (SalesOrderLines.InventoryLotId) on the return line; the pack finds the original lines by the
 * order's reference (the sales order it posted) and each line's OrderLineReference (the
 * BigCommerce order line id the sales order carries).
 *
 * UNVERIFIED: which ReturnOrderLines property F&O reads as that link. Both exist on the entity
 * (../shared/specs/d365/entities-derived.json: ReturningInventoryLotId and ReferenceInventoryLotId,
 * String, nullable); the research note calls ReferenceInventoryLotId "link to original sales line"
 * without a source, the issue names ReturningInventoryLotId. So the field is an option ("Link
 * Return Lines By", default ReturningInventoryLotId, or none), and the sandbox has the matching
 * switch (returnLineLinkField) deciding which field it checks against its sales lines.
 *
 * A refund of an order the pack never posted (or a line F&O does not have) is still credited:
 * its return lines go without the link and the output says which were linked.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import type { FoReturnOrderLine } from '../mapping/types';
import { orderReference } from '../mapping';
import { eqFilter, queryEntities } from '../odata';
import { findByReference } from './documentWrite';
import { SALES_ORDER } from './documents';

export type ReturnLineLinkField = 'ReturningInventoryLotId' | 'ReferenceInventoryLotId';
export type ReturnLineLink = ReturnLineLinkField | 'none';

export interface ReturnLineLinks {
	field: ReturnLineLinkField;
	/** The sales order the lines were looked up on; undefined when F&O has none for the order. */
	salesOrderNumber?: string;
	linked: number;
	unlinked: number;
}

/** The return lines with the original sales lines' lot ids on `field`, and how many were found. */
export async function linkReturnLines(
	context: HttpContext,
	lines: FoReturnOrderLine[],
	orderLineIds: readonly number[],
	lookup: {
		field: ReturnLineLinkField;
		dataAreaId: string;
		storeHash: string;
		orderId: number | string;
		referencePrefix?: string;
		itemIndex?: number;
		/** Counts the requests made, for the audit record. */
		count: (requests?: number) => void;
	},
): Promise<{ lines: FoReturnOrderLine[]; links: ReturnLineLinks }> {
	const { field, dataAreaId, itemIndex } = lookup;
	const reference = orderReference(lookup.storeHash, lookup.orderId, {
		prefix: lookup.referencePrefix,
	});
	lookup.count();
	const [salesOrder] = await findByReference(
		context,
		SALES_ORDER,
		dataAreaId,
		reference,
		itemIndex,
	);
	const links: ReturnLineLinks = { field, linked: 0, unlinked: lines.length };
	if (!salesOrder) return { lines, links };
	const salesOrderNumber = String(salesOrder.SalesOrderNumber);
	lookup.count();
	const salesLines: IDataObject[] = await queryEntities(context, 'SalesOrderLines', {
		filter: eqFilter({ dataAreaId, SalesOrderNumber: salesOrderNumber }),
		select: ['OrderLineReference', 'InventoryLotId', 'ItemNumber'],
		itemIndex,
	});
	const lotOf = new Map(
		salesLines
			.filter((l) => l.OrderLineReference && l.InventoryLotId)
			.map((l) => [String(l.OrderLineReference), l]),
	);
	let linked = 0;
	const out = lines.map((line, i) => {
		const original = lotOf.get(String(orderLineIds[i]));
		if (!original || original.ItemNumber !== line.ItemNumber) return line;
		linked += 1;
		return { ...line, [field]: String(original.InventoryLotId) };
	});
	return {
		lines: out,
		links: { field, salesOrderNumber, linked, unlinked: lines.length - linked },
	};
}
