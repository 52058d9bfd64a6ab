/**
 * An order's consignments (`include=consignments.line_items&consignment_structure=object`): one
 * call brings the order, its lines and its shipping addresses. This file is the one reading of
 * that structure: which lines it carries, whether they may be incomplete (BigCommerce caps a
 * consignment at 50 lines), and the structure without its lines for output.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	isOrderLine,
	type BcOrderProduct,
	type BcResourceLink,
	type BcShippingAddress,
} from './order';

export interface BcShippingConsignment extends BcShippingAddress {
	line_items?: Array<BcOrderProduct | BcResourceLink>;
}

export interface BcLineItemConsignment {
	line_items?: Array<BcOrderProduct | BcResourceLink> | BcResourceLink;
}

/** `consignments` with `consignment_structure=object`. */
export interface BcConsignments {
	shipping?: BcShippingConsignment[];
	pickups?: BcLineItemConsignment[];
	downloads?: BcLineItemConsignment[];
	email?: { gift_certificates?: BcLineItemConsignment[] };
}

const CONSIGNMENT_GROUPS = ['shipping', 'pickups', 'downloads'] as const;

/**
 * Lines a consignment carries at most with `include=consignments.line_items`: BigCommerce cuts the
 * list there (adding a `__warning__`), and the rest must be paged from `/v2/orders/{id}/products`.
 */
export const CONSIGNMENT_LINE_CAP = 50;

/** The object-structured `consignments` of an order (one structure, or an array of them). */
function consignmentStructures(consignments: unknown): IDataObject[] {
	const list = Array.isArray(consignments) ? consignments : [consignments];
	return list.filter((s): s is IDataObject => !!s && typeof s === 'object');
}

/** Every consignment of every kind in the structures. */
function consignmentList(structures: IDataObject[]): IDataObject[] {
	const out: IDataObject[] = [];
	for (const structure of structures) {
		for (const group of CONSIGNMENT_GROUPS) {
			const list = structure[group];
			if (Array.isArray(list)) out.push(...(list as IDataObject[]));
		}
		const email = structure.email as IDataObject | undefined;
		if (email && Array.isArray(email.gift_certificates))
			out.push(...(email.gift_certificates as IDataObject[]));
	}
	return out;
}

/** Pure: the shipping consignments (each a shipping address with its lines), in order. */
export function shippingConsignments(consignments: unknown): BcShippingConsignment[] {
	return consignmentStructures(consignments).flatMap((structure) =>
		Array.isArray(structure.shipping) ? (structure.shipping as BcShippingConsignment[]) : [],
	);
}

/** A consignment's `line_items` as a list (one entry, a link, is a list of one). */
function lineItemsOf(consignment: IDataObject): unknown[] {
	const lines = consignment.line_items;
	if (lines === undefined) return [];
	return Array.isArray(lines) ? lines : [lines];
}

/** Pure: every `line_items` entry of every consignment, as found (lines or links). */
export function consignmentLineItems(consignments: unknown): unknown[] {
	return consignmentList(consignmentStructures(consignments)).flatMap(lineItemsOf);
}

/** What an order answered with `include=consignments...` says about its lines. */
export interface ConsignmentReading {
	/** The lines the consignments carry, by line id. */
	products: BcOrderProduct[];
	shippingAddresses: IDataObject[];
	/** The answer had object-structured consignments at all. */
	hasConsignments: boolean;
	/**
	 * Lines may be missing: a `__warning__` (on a consignment, the structure or the order), a
	 * consignment at the 50-line cap, or links instead of lines. The warning's place and shape are
	 * undocumented, so a full consignment counts as capped too: it costs one call, never a line.
	 */
	linesIncomplete: boolean;
}

/** Pure: read lines and shipping addresses out of an order's consignments. */
export function readConsignments(order: IDataObject): ConsignmentReading {
	const raw = order.consignments;
	const hasConsignments =
		!!raw && typeof raw === 'object' && !(typeof (raw as IDataObject).resource === 'string');
	const structures = hasConsignments ? consignmentStructures(raw) : [];
	const byId = new Map<number, BcOrderProduct>();
	let linesIncomplete = !hasConsignments;
	if (order.__warning__ !== undefined) linesIncomplete = true;
	for (const consignment of consignmentList(structures)) {
		if (consignment.__warning__ !== undefined) linesIncomplete = true;
		const list = lineItemsOf(consignment);
		if (list.length >= CONSIGNMENT_LINE_CAP) linesIncomplete = true;
		for (const line of list) {
			if (isOrderLine(line)) {
				if (!byId.has(line.id)) byId.set(line.id, line);
			} else {
				linesIncomplete = true; // a resource link: the include did not expand the lines
			}
		}
	}
	if (structures.some((structure) => structure.__warning__ !== undefined)) linesIncomplete = true;
	const shippingAddresses = (shippingConsignments(structures) as IDataObject[]).map(withoutLines);
	return {
		products: [...byId.values()].sort((a, b) => a.id - b.id),
		shippingAddresses,
		hasConsignments,
		linesIncomplete,
	};
}

function withoutLines(consignment: IDataObject): IDataObject {
	const { line_items: _lines, __warning__: _warning, ...rest } = consignment;
	return rest;
}

/** Pure: the consignments structure without lines or warnings (those live in `products`). */
export function consignmentsWithoutLines(consignments: unknown): unknown {
	if (!consignments || typeof consignments !== 'object') return consignments;
	if (Array.isArray(consignments)) return consignments.map(consignmentsWithoutLines);
	const structure = consignments as IDataObject;
	const out: IDataObject = { ...structure };
	delete out.__warning__;
	for (const group of CONSIGNMENT_GROUPS) {
		if (Array.isArray(structure[group]))
			out[group] = (structure[group] as IDataObject[]).map(withoutLines);
	}
	const email = structure.email as IDataObject | undefined;
	if (email && Array.isArray(email.gift_certificates)) {
		out.email = {
			...email,
			gift_certificates: (email.gift_certificates as IDataObject[]).map(withoutLines),
		};
	}
	return out;
}
