/**
 * A BigCommerce refund → F&O credit documents, each posted exactly once and never half:
 * refunded order lines → a return order (ReturnOrderHeaders + ReturnOrderLines); shipping, other
 * charges or an amount not tied to items → a free-text credit note with negative amounts
 * (FreeTextInvoiceHeaders + FreeTextInvoiceLines). A refund with both parts yields both.
 *
 * Exactly once, per document: workflow static data (fast path), then the header found by the
 * refund reference (`BC-<store>-<order>-R<refund>`: CustomersOrderReference on the return order,
 * CustomerReference on the free-text invoice), filtered and re-checked for an exact match. A header
 * POST whose outcome is unknown is resolved by that lookup.
 *
 * Never half: both headers get generated keys (ReturnOrderNumber, the InvoiceIdentifier RecId),
 * so the header goes first, then all lines in one changeset; the header is deleted again when the
 * lines are rejected. Calls per refund do not grow with its lines.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { AuditTrail, type AuditAction } from '../../common/audit';
import { orderLines, type FullOrder } from '../../BigCommerce/model';
import {
	mapRefund,
	refundReference,
	withParentRecId,
	withReturnOrderNumber,
	type BcRefund,
	withFreeTextCustomer,
	withReturnItems,
	withReturnOrderCustomer,
	type FoReturnOrderLine,
	type RefundDraft,
	type RefundMappingOptions,
} from '../mapping';
import { resolveSkus, type SkuCache, type SkuMappingTable } from '../skuResolution';
import { plannedRequests, writeRoundsOf } from './changesetRounds';
import { writeTimingOf, type WriteSettings } from './writeTiming';
import type { StaticDataContext } from './customer';
import { documentCustomer, type DocumentCustomer } from './documentCustomer';
import {
	findByReference,
	findPostedDocument,
	rememberDocument,
	writeWithGeneratedKey,
} from './documentWrite';
import { CREDIT_DOCUMENTS, type CreditKind } from './documents';
import type { EntityKeys } from '../odata';
import { postingLock, type RecordLocker } from './lock';
import { linkReturnLines, type ReturnLineLink, type ReturnLineLinks } from './returnLineLinks';
import { creditedOtherWay } from './creditedOtherWay';

export type RefundInput = 'refund' | 'order';

export interface CreditNoteSettings extends WriteSettings {
	dataAreaId: string;
	environmentUrl: string;
	storeHash: string;
	referencePrefix?: string;
	customer: DocumentCustomer;
	mapping: Omit<
		RefundMappingOptions,
		'dataAreaId' | 'storeHash' | 'currencyCode' | 'orderProducts' | 'referencePrefix'
	>;
	skuTable?: SkuMappingTable;
	skuCache?: SkuCache;
	/** Return lines linked to the original sales lines on this field (default), or not at all. */
	returnLineLink?: ReturnLineLink;
	dryRun?: boolean;
	itemIndex?: number;
	/** Holds check-and-post of each refund against concurrent executions. */
	lock?: RecordLocker;
}

/** The refunds of an input item, each with its order. */
export function refundsOf(
	record: IDataObject,
	input: RefundInput,
	order: IDataObject | undefined,
): { refunds: BcRefund[]; order: FullOrder } | { error: string } {
	if (!record || typeof record !== 'object')
		return { error: 'The input is not a BigCommerce record' };
	if (input === 'order') {
		if (typeof record.id !== 'number')
			return { error: 'The input is not a BigCommerce order (no numeric "id")' };
		if (!Array.isArray(record.refunds))
			return { error: `Order ${record.id} carries no "refunds": add the order's refunds to it` };
		return {
			refunds: record.refunds as unknown as BcRefund[],
			order: record as unknown as FullOrder,
		};
	}
	if (
		typeof record.id !== 'number' ||
		record.order_id === undefined ||
		!Array.isArray(record.items)
	) {
		return { error: 'The input is not a BigCommerce refund (needs "id", "order_id" and "items")' };
	}
	if (!order || typeof order !== 'object' || typeof order.id !== 'number') {
		return {
			error: `Refund ${String(record.id)} comes without its order: the order's lines price the refunded items`,
		};
	}
	if (Number(order.id) !== Number(record.order_id)) {
		return {
			error: `Refund ${String(record.id)} is for order ${String(record.order_id)}, but order ${order.id} was given`,
		};
	}
	return { refunds: [record as unknown as BcRefund], order: order as unknown as FullOrder };
}

/** Headers of a document kind carrying exactly this refund reference in the company. */
export async function findCreditDocuments(
	context: StaticDataContext,
	kind: CreditKind,
	dataAreaId: string,
	reference: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await findByReference(context, CREDIT_DOCUMENTS[kind], dataAreaId, reference, itemIndex);
}

/** Post every refund of an input item; one output per credit document. */
export async function postCreditNotes(
	context: StaticDataContext,
	record: IDataObject,
	input: RefundInput,
	order: IDataObject | undefined,
	settings: CreditNoteSettings,
): Promise<IDataObject[]> {
	const source = refundsOf(record, input, order);
	if ('error' in source)
		throw new NodeOperationError(context.getNode(), source.error, {
			itemIndex: settings.itemIndex,
		});
	const out: IDataObject[] = [];
	const lock = postingLock(settings);
	for (const refund of source.refunds) {
		// Under the posting lock (when set), one execution at a time checks and posts this refund.
		const name = `refund:${settings.dataAreaId.toLowerCase()}:${settings.storeHash}:${refund.order_id}:${refund.id}`;
		out.push(
			...(await lock(name, async () => await postRefund(context, refund, source.order, settings))),
		);
	}
	return out;
}

interface DocumentState {
	kind: CreditKind;
	audit: AuditTrail;
	keys?: IDataObject;
	action?: AuditAction;
	reason?: string;
	plannedRequests?: IDataObject[];
}

export async function postRefund(
	context: StaticDataContext,
	refund: BcRefund,
	order: FullOrder,
	settings: CreditNoteSettings,
): Promise<IDataObject[]> {
	const { dataAreaId, itemIndex } = settings;
	const reference = refundReference(settings.storeHash, refund.order_id, refund.id, {
		prefix: settings.referencePrefix,
	});
	const products = orderLines(order, { withBundleChildren: true });
	const mappingBase = {
		...settings.mapping,
		dataAreaId,
		storeHash: settings.storeHash,
		referencePrefix: settings.referencePrefix,
		// The order's own currency as its sales order was posted in, not the shopper's display currency.
		currencyCode: String(order.default_currency_code ?? order.currency_code ?? ''),
		// Unset: the order's tax basis, as for its sales order.
		taxMode:
			settings.mapping.taxMode ??
			(order.is_tax_inclusive_pricing === true ? ('inclusive' as const) : ('exclusive' as const)),
		orderProducts: products,
	};

	// 1. Which documents does this refund make? Mapped and checked once, from the refund and its
	// order alone; the customer and the return lines' items are filled in once they are known.
	const draft = mapRefund(refund, mappingBase);
	const docs: DocumentState[] = (['returnOrder', 'freeTextCredit'] as const)
		.filter((kind) => draft[kind])
		.map((kind) => ({
			kind,
			audit: new AuditTrail(CREDIT_DOCUMENTS[kind].headerSet, dataAreaId, `refund:${refund.id}`),
		}));

	// 2. Already posted? Static data, then F&O by the refund reference.
	for (const doc of docs) {
		const posted = await findPostedDocument(context, CREDIT_DOCUMENTS[doc.kind], {
			dataAreaId,
			reference,
			count: (requests) => doc.audit.count(requests),
			itemIndex,
		});
		if (posted) Object.assign(doc, { ...posted, action: 'skipped-duplicate' });
	}
	// 2b. Credited under the other Sales Tax choice (./creditedOtherWay.ts)? Then nothing more.
	const unposted = () => docs.filter((d) => !d.action);
	const asPosted = settings.mapping.taxCalculation === 'asPosted';
	const count = (requests = 1) => unposted().forEach((d) => d.audit.count(requests));
	const otherWay = await creditedOtherWay(context, asPosted, docs, {
		dataAreaId,
		reference,
		itemIndex,
		count,
	});
	for (const doc of otherWay ? unposted() : [])
		Object.assign(doc, {
			keys: {},
			action: 'skipped-duplicate',
			reason: `credited-by-${otherWay}`,
		});
	const missing = unposted();
	const countMissing = (requests = 1) => missing.forEach((d) => d.audit.count(requests));
	let customerAccount: string | undefined;
	let salesLineLinks: ReturnLineLinks | undefined;

	if (missing.length) {
		// 3. Customer and items, all before anything is written.
		const account = await documentCustomer(
			context,
			settings.customer,
			{
				dataAreaId,
				storeHash: settings.storeHash,
				orderId: refund.order_id,
				referencePrefix: settings.referencePrefix,
				itemIndex,
			},
			countMissing,
		);
		customerAccount = account;
		let returnLines: FoReturnOrderLine[] = [];
		if (draft.returnOrder && missing.some((d) => d.kind === 'returnOrder')) {
			const refunded = new Set(
				refund.items.filter((i) => i.item_type === 'PRODUCT').map((i) => i.item_id),
			);
			const skus = products
				.filter((p) => refunded.has(p.id))
				.map((p) => String(p.sku ?? '').trim())
				.filter(Boolean);
			const resolution = await resolveSkus(context, settings.environmentUrl, dataAreaId, skus, {
				table: settings.skuTable,
				cache: settings.skuCache,
				itemIndex,
			});
			countMissing(resolution.requests);
			if (resolution.unmapped.length) {
				throw new NodeOperationError(
					context.getNode(),
					`Refund ${refund.id}: SKU(s) ${resolution.unmapped.join(', ')} not a released product in ${dataAreaId}`,
					{
						itemIndex,
						description:
							'Nothing was written for this refund. Release the product in F&O, or map the SKU on the node.',
					},
				);
			}
			returnLines = withReturnItems(draft.returnOrder, resolution.items, refund);
			const link = settings.returnLineLink ?? 'ReturningInventoryLotId';
			if (link !== 'none') {
				const linked = await linkReturnLines(context, returnLines, draft.returnOrder.orderLineIds, {
					field: link,
					dataAreaId,
					storeHash: settings.storeHash,
					orderId: refund.order_id,
					referencePrefix: settings.referencePrefix,
					itemIndex,
					count: countMissing,
				});
				returnLines = linked.lines;
				salesLineLinks = linked.links;
			}
		}

		// 4. Write each missing document (or only say what would be written), all complete first.
		const complete = missing.map((doc) => ({
			doc,
			parts: documentParts(doc.kind, draft, account, returnLines),
		}));
		for (const { doc, parts } of complete) {
			if (settings.dryRun) {
				Object.assign(doc, {
					action: 'dry-run',
					keys: {},
					plannedRequests: plannedDocument(doc.kind, parts),
				});
				continue;
			}
			const written = await writeDocument(context, doc.kind, parts, reference, settings, doc.audit);
			rememberDocument(context, CREDIT_DOCUMENTS[doc.kind], dataAreaId, reference, written.keys);
			Object.assign(doc, written);
		}
	}

	return docs.map((doc) => {
		const lines = missing.length ? draft[doc.kind]?.lines : undefined;
		const result: IDataObject = {
			bigcommerceOrderId: refund.order_id,
			refundId: refund.id,
			reference,
			dataAreaId,
			document: doc.kind,
		};
		if (doc.kind === 'returnOrder' && doc.keys?.ReturnOrderNumber)
			result.returnOrderNumber = doc.keys.ReturnOrderNumber;
		if (doc.kind === 'freeTextCredit' && doc.keys?.InvoiceIdentifier)
			result.invoiceIdentifier = doc.keys.InvoiceIdentifier;
		if (customerAccount) result.customerAccount = customerAccount;
		if (lines) result.lineCount = lines.length;
		if (doc.kind === 'returnOrder' && salesLineLinks) result.salesLineLinks = { ...salesLineLinks };
		if (missing.length)
			result.amount =
				doc.kind === 'returnOrder' ? draft.totals.returnOrderAmount : draft.totals.freeTextAmount;
		result.refundTotal = refund.total_amount;
		if (doc.plannedRequests) result.plannedRequests = doc.plannedRequests;
		result.audit = doc.audit.record(doc.action ?? 'created', doc.keys ?? {}, doc.reason);
		return result;
	});
}

interface DocumentParts {
	header: IDataObject;
	lines: IDataObject[];
	/** The lines once F&O assigned the header's key. */
	linesFor: (keys: EntityKeys) => IDataObject[];
}

const asBodies = (records: readonly object[]) => records as IDataObject[];
const asBody = (record: object) => record as IDataObject;

/** One document of the refund, complete: its header for the customer, its lines. */
function documentParts(
	kind: CreditKind,
	draft: RefundDraft,
	customerAccount: string,
	returnLines: FoReturnOrderLine[],
): DocumentParts {
	if (kind === 'returnOrder' && draft.returnOrder) {
		return {
			header: asBody(withReturnOrderCustomer(draft.returnOrder.header, customerAccount)),
			lines: asBodies(returnLines),
			linesFor: (keys) =>
				asBodies(withReturnOrderNumber(returnLines, String(keys.ReturnOrderNumber))),
		};
	}
	if (kind === 'freeTextCredit' && draft.freeTextCredit) {
		const { header, lines } = draft.freeTextCredit;
		return {
			header: asBody(withFreeTextCustomer(header, customerAccount)),
			lines: asBodies(lines),
			linesFor: (keys) => asBodies(withParentRecId(lines, Number(keys.InvoiceIdentifier))),
		};
	}
	throw new Error(`no ${kind} in the refund`);
}

function plannedDocument(kind: CreditKind, parts: DocumentParts): IDataObject[] {
	const { headerSet, lineSet } = CREDIT_DOCUMENTS[kind];
	return plannedRequests({
		headerSet,
		lineSet,
		header: parts.header,
		lines: parts.lines,
		note:
			kind === 'returnOrder'
				? 'ReturnOrderNumber is the ReturnOrderNumber F&O assigns to the header'
				: 'ParentRecId is the InvoiceIdentifier F&O assigns to the header',
	});
}

/** Header first (F&O assigns its key), then every line in one changeset; undo the header if they fail. */
async function writeDocument(
	context: StaticDataContext,
	kind: CreditKind,
	parts: DocumentParts,
	reference: string,
	settings: CreditNoteSettings,
	audit: AuditTrail,
) {
	return await writeWithGeneratedKey(context, CREDIT_DOCUMENTS[kind], {
		dataAreaId: settings.dataAreaId,
		environmentUrl: settings.environmentUrl,
		reference,
		header: parts.header,
		linesFor: parts.linesFor,
		rounds: writeRoundsOf(settings),
		timing: writeTimingOf(settings),
		count: (requests?: number) => audit.count(requests),
		itemIndex: settings.itemIndex,
	});
}
