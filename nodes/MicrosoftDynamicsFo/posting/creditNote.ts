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
import { NodeOperationError, sleep, type IDataObject } from 'n8n-workflow';

import { AuditTrail, type AuditAction } from '../../common/audit';
import { isOutcomeUnknown } from '../../common/errors';
import { settle } from '../../common/settle';
import { orderLines, type FullOrder } from '../../BigCommerce/model';
import { findPosted, postedKey, rememberPosted } from './postedRecords';
import {
	mapRefund,
	refundReference,
	withParentRecId,
	withReturnOrderNumber,
	type BcRefund,
	type RefundMappingOptions,
	type RefundPayload,
	type ResolvedItem,
} from '../mapping';
import {
	createEntity,
	deleteEntity,
	entityPath,
	eqFilter,
	queryEntities,
	sendChangeset,
	type BatchOperation,
	type EntityKeys,
} from '../odata';
import { resolveSkus, type SkuCache, type SkuMappingTable } from '../skuResolution';
import { withoutLock, type RecordLocker } from './lock';
import type { StaticDataContext } from './customer';
import { documentCustomer, type DocumentCustomer } from './payment';

export type RefundInput = 'refund' | 'order';

export interface CreditNoteSettings {
	dataAreaId: string;
	environmentUrl: string;
	storeHash: string;
	referencePrefix?: string;
	customer: DocumentCustomer;
	mapping: Omit<
		RefundMappingOptions,
		| 'dataAreaId'
		| 'storeHash'
		| 'customerAccount'
		| 'currencyCode'
		| 'orderProducts'
		| 'resolvedItems'
		| 'referencePrefix'
	>;
	skuTable?: SkuMappingTable;
	skuCache?: SkuCache;
	dryRun?: boolean;
	itemIndex?: number;
	/** Holds check-and-post of each refund against concurrent executions. */
	lock?: RecordLocker;
	/** Changeset re-sends after throttling or an unknown outcome found nothing. */
	maxWriteRounds?: number;
}

type DocumentKind = 'returnOrder' | 'freeTextCredit';

/** Where each document lives and how it is found again. */
const DOCUMENTS = {
	returnOrder: {
		headerSet: 'ReturnOrderHeaders',
		lineSet: 'ReturnOrderLines',
		referenceField: 'CustomersOrderReference',
		keyField: 'ReturnOrderNumber',
		select: ['dataAreaId', 'ReturnOrderNumber', 'CustomersOrderReference', 'CustomerAccountNumber'],
		lineSelect: ['ReturnInventoryLotId'],
	},
	freeTextCredit: {
		headerSet: 'FreeTextInvoiceHeaders',
		lineSet: 'FreeTextInvoiceLines',
		referenceField: 'CustomerReference',
		keyField: 'InvoiceIdentifier',
		select: [
			'dataAreaId',
			'InvoiceIdentifier',
			'CustomerReference',
			'CustomerAccount',
			'FreeTextNumber',
		],
		lineSelect: ['LineNumber'],
	},
} as const;

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
	kind: DocumentKind,
	dataAreaId: string,
	reference: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const doc = DOCUMENTS[kind];
	const records = await queryEntities(context, doc.headerSet, {
		filter: eqFilter({ dataAreaId, [doc.referenceField]: reference }),
		select: [...doc.select],
		itemIndex,
	});
	return records.filter((r) => r[doc.referenceField] === reference);
}

const keysOf = (kind: DocumentKind, dataAreaId: string, record: IDataObject): EntityKeys =>
	kind === 'returnOrder'
		? { dataAreaId, ReturnOrderNumber: String(record.ReturnOrderNumber) }
		: { dataAreaId, InvoiceIdentifier: Number(record.InvoiceIdentifier) };

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
	const lock = settings.dryRun ? withoutLock : (settings.lock ?? withoutLock);
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
	kind: DocumentKind;
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
	const staticData = context.getWorkflowStaticData('global');
	const reference = refundReference(settings.storeHash, refund.order_id, refund.id, {
		prefix: settings.referencePrefix,
	});
	const products = orderLines(order, { withBundleChildren: true });
	const mappingBase = {
		...settings.mapping,
		dataAreaId,
		storeHash: settings.storeHash,
		referencePrefix: settings.referencePrefix,
		currencyCode: String(order.currency_code ?? ''),
		orderProducts: products,
	};

	// 1. Which documents does this refund make? The customer and the item numbers change nothing about that.
	const anyItem = new Map<string, ResolvedItem>(
		products.map((p) => [String(p.sku ?? '').trim(), { ItemNumber: '?' }]),
	);
	const probe = mapRefund(refund, { ...mappingBase, customerAccount: '?', resolvedItems: anyItem });
	const docs: DocumentState[] = (['returnOrder', 'freeTextCredit'] as const)
		.filter((kind) => probe[kind])
		.map((kind) => ({
			kind,
			audit: new AuditTrail(DOCUMENTS[kind].headerSet, dataAreaId, `refund:${refund.id}`),
		}));
	const cacheKey = (kind: DocumentKind) =>
		postedKey(DOCUMENTS[kind].headerSet, dataAreaId, reference);

	// 2. Already posted? Static data, then F&O by the refund reference.
	for (const doc of docs) {
		const remembered = findPosted(staticData, cacheKey(doc.kind));
		if (remembered) {
			Object.assign(doc, {
				keys: remembered.keys,
				action: 'skipped-duplicate',
				reason: 'static-data',
			});
			continue;
		}
		doc.audit.count();
		const existing = await findCreditDocuments(context, doc.kind, dataAreaId, reference, itemIndex);
		if (existing.length) {
			const keys = keysOf(doc.kind, dataAreaId, existing[0]);
			rememberPosted(staticData, cacheKey(doc.kind), keys);
			Object.assign(doc, { keys, action: 'skipped-duplicate', reason: 'f&o' });
		}
	}
	const missing = docs.filter((d) => !d.action);
	const countMissing = (requests = 1) => missing.forEach((d) => d.audit.count(requests));
	let payload: RefundPayload | undefined;
	let customerAccount: string | undefined;

	if (missing.length) {
		// 3. Customer and items, all before anything is written.
		customerAccount = await documentCustomer(
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
		let resolvedItems: ReadonlyMap<string, ResolvedItem> = anyItem;
		if (missing.some((d) => d.kind === 'returnOrder')) {
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
			resolvedItems = resolution.items;
		}
		payload = mapRefund(refund, { ...mappingBase, customerAccount, resolvedItems });

		// 4. Write each missing document (or only say what would be written).
		for (const doc of missing) {
			if (settings.dryRun) {
				Object.assign(doc, {
					action: 'dry-run',
					keys: {},
					plannedRequests: plannedRequests(doc.kind, payload),
				});
				continue;
			}
			const written = await writeDocument(context, doc.kind, payload, settings, doc.audit);
			rememberPosted(staticData, cacheKey(doc.kind), written.keys);
			Object.assign(doc, written);
		}
	}

	return docs.map((doc) => {
		const lines = payload?.[doc.kind]?.lines;
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
		if (payload)
			result.amount =
				doc.kind === 'returnOrder'
					? payload.totals.returnOrderAmount
					: payload.totals.freeTextAmount;
		result.refundTotal = refund.total_amount;
		if (doc.plannedRequests) result.plannedRequests = doc.plannedRequests;
		result.audit = doc.audit.record(doc.action ?? 'created', doc.keys ?? {}, doc.reason);
		return result;
	});
}

function documentParts(
	kind: DocumentKind,
	payload: RefundPayload,
): { header: IDataObject; lines: IDataObject[] } {
	const doc = payload[kind];
	if (!doc) throw new Error(`no ${kind} in the refund payload`);
	return {
		header: doc.header as unknown as IDataObject,
		lines: doc.lines as unknown as IDataObject[],
	};
}

function plannedRequests(kind: DocumentKind, payload: RefundPayload): IDataObject[] {
	const { headerSet, lineSet, keyField } = DOCUMENTS[kind];
	const { header, lines } = documentParts(kind, payload);
	return [
		{ method: 'POST', path: `/data/${headerSet}`, body: header },
		{
			method: 'POST',
			path: '/data/$batch',
			changeset: lines.map((body) => ({ method: 'POST', path: `/data/${lineSet}`, body })),
			note: `${kind === 'returnOrder' ? 'ReturnOrderNumber' : 'ParentRecId'} is the ${keyField} F&O assigns to the header`,
		},
	];
}

const linesWithKey = (
	kind: DocumentKind,
	payload: RefundPayload,
	keys: EntityKeys,
): IDataObject[] =>
	(kind === 'returnOrder'
		? withReturnOrderNumber(payload.returnOrder?.lines ?? [], String(keys.ReturnOrderNumber))
		: withParentRecId(
				payload.freeTextCredit?.lines ?? [],
				Number(keys.InvoiceIdentifier),
			)) as unknown as IDataObject[];

async function countLines(
	context: StaticDataContext,
	kind: DocumentKind,
	keys: EntityKeys,
	itemIndex?: number,
): Promise<number> {
	const doc = DOCUMENTS[kind];
	const filter =
		kind === 'returnOrder'
			? eqFilter({
					dataAreaId: String(keys.dataAreaId),
					ReturnOrderNumber: String(keys.ReturnOrderNumber),
				})
			: eqFilter({
					dataAreaId: String(keys.dataAreaId),
					ParentRecId: Number(keys.InvoiceIdentifier),
				});
	const lines = await queryEntities(context, doc.lineSet, {
		filter,
		select: [...doc.lineSelect],
		itemIndex,
	});
	return lines.length;
}

interface Written {
	keys: IDataObject;
	action: 'created';
	reason?: string;
}

/** Header first (F&O assigns its key), then every line in one changeset; undo the header if they fail. */
async function writeDocument(
	context: StaticDataContext,
	kind: DocumentKind,
	payload: RefundPayload,
	settings: CreditNoteSettings,
	audit: AuditTrail,
): Promise<Written> {
	const { dataAreaId, itemIndex } = settings;
	const node = context.getNode();
	const { headerSet, lineSet } = DOCUMENTS[kind];
	const { header } = documentParts(kind, payload);
	const rounds = settings.maxWriteRounds ?? 4;

	let keys: EntityKeys | undefined;
	let recovered = false;
	for (let round = 1; round <= rounds && !keys; round++) {
		audit.count();
		const created = await settle(createEntity(context, headerSet, header, itemIndex));
		if (created.ok) {
			keys = keysOf(kind, dataAreaId, created.value);
			break;
		}
		if (!isOutcomeUnknown(created.error)) throw created.error;
		audit.count();
		const found = await findCreditDocuments(
			context,
			kind,
			dataAreaId,
			payload.reference,
			itemIndex,
		);
		if (found.length) {
			keys = keysOf(kind, dataAreaId, found[0]);
			recovered = true;
		}
	}
	if (!keys)
		throw new NodeOperationError(node, `${headerSet}: header not posted after ${rounds} attempts`, {
			itemIndex,
		});

	const lines = linesWithKey(kind, payload, keys);
	const ops: BatchOperation[] = lines.map((body) => ({
		method: 'POST',
		path: entityPath(lineSet),
		body,
	}));
	const done = (reason?: string): Written => ({
		keys: keys as IDataObject,
		action: 'created',
		reason,
	});
	for (let round = 1; round <= rounds; round++) {
		audit.count();
		const sent = await settle(sendChangeset(context, settings.environmentUrl, ops, { itemIndex }));
		if (!sent.ok) {
			if (!isOutcomeUnknown(sent.error))
				return await compensate(
					context,
					kind,
					keys,
					(sent.error as Error).message,
					audit,
					itemIndex,
				);
			audit.count();
			const count = await countLines(context, kind, keys, itemIndex);
			if (count === lines.length) return done('outcome-unknown-resolved-by-lookup');
			if (count !== 0) {
				// A changeset is atomic, so this is someone else's doing; do not add to it.
				throw new NodeOperationError(
					node,
					`${headerSet} ${describeKeys(keys)} has ${count} of ${lines.length} lines`,
					{ itemIndex },
				);
			}
			continue;
		}
		const outcome = sent.value;
		if (outcome.ok) return done(recovered ? 'outcome-unknown-resolved-by-lookup' : undefined);
		if (outcome.throttled) {
			await sleep(Math.min(outcome.retryAfterMs, 60_000));
			continue;
		}
		return await compensate(context, kind, keys, outcome.error.message, audit, itemIndex);
	}
	return await compensate(context, kind, keys, 'F&O kept throttling the lines', audit, itemIndex);
}

const describeKeys = (keys: EntityKeys) =>
	Object.entries(keys)
		.filter(([k]) => k !== 'dataAreaId')
		.map(([, v]) => String(v))
		.join('/');

/** Lines rejected: delete the header so no half document survives, then fail the item. */
async function compensate(
	context: StaticDataContext,
	kind: DocumentKind,
	keys: EntityKeys,
	reason: string,
	audit: AuditTrail,
	itemIndex?: number,
): Promise<never> {
	const node = context.getNode();
	const { headerSet } = DOCUMENTS[kind];
	const label = kind === 'returnOrder' ? 'Return order' : 'Free-text credit note';
	audit.count();
	const deleted = await settle(deleteEntity(context, headerSet, keys, itemIndex));
	if (!deleted.ok) {
		throw new NodeOperationError(
			node,
			`${label} lines rejected (${reason}) and header ${describeKeys(keys)} could not be removed`,
			{
				itemIndex,
				description: `Delete ${headerSet} ${describeKeys(keys)} in ${String(keys.dataAreaId)} by hand before the refund is posted again: ${(deleted.error as Error).message}`,
			},
		);
	}
	throw new NodeOperationError(node, `${label} not posted: ${reason}`, {
		itemIndex,
		description: `F&O rejected the lines; header ${describeKeys(keys)} was deleted again, so nothing of this document remains.`,
	});
}
