/**
 * The posting engine for a header-with-lines document (sales order, return order, free-text credit
 * note), written once:
 *
 * - already posted? workflow static data first, then the header found by its BigCommerce
 *   reference (filtered and re-checked for an exact match: `eq` ignores case in F&O);
 * - a generated key: the header first (a lost answer resolved by finding it by reference), then all
 *   lines in one changeset; lines F&O rejects make the header be deleted again, and a delete that
 *   fails says which header to remove by hand;
 * - a known key: header and lines in one atomic changeset, F&O's key rejecting a concurrent twin,
 *   which is then read to tell "already posted" from "number taken by another document".
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { settle, type Settled } from '../../common/settle';
import type { HttpContext } from '../../common/http';
import {
	createEntity,
	deleteEntity,
	entityPath,
	eqFilter,
	getEntity,
	queryEntities,
	type EntityKeys,
} from '../odata';
import {
	createHeaderOnce,
	postOperations,
	sendChangesetRounds,
	type RequestCounter,
} from './changesetRounds';
import { keyText, type DocumentDescriptor } from './documents';
import { findPosted, postedKey, rememberPosted } from './postedRecords';
import type { StaticDataContext } from './customer';
import type { WriteTiming } from './writeTiming';

/** What one write needs besides the document's descriptor. */
export interface DocumentWrite<Key extends EntityKeys> {
	dataAreaId: string;
	environmentUrl: string;
	reference: string;
	header: object;
	/** The lines, given the header's key. */
	linesFor: (keys: Key) => readonly object[];
	rounds: number;
	/** The write timeout and the settle window a lost answer is looked for through. */
	timing: WriteTiming;
	count: RequestCounter;
	itemIndex?: number;
}

export interface Written<Key> {
	keys: Key;
	action: 'created' | 'skipped-duplicate';
	reason?: string;
}

const RESOLVED = 'outcome-unknown-resolved-by-lookup';

/** What every changeset of a document write takes from it: where, how often, how long. */
const changesetOf = <Key extends EntityKeys>(write: DocumentWrite<Key>) => ({
	environmentUrl: write.environmentUrl,
	rounds: write.rounds,
	timing: write.timing,
	count: write.count,
	itemIndex: write.itemIndex,
});

/** Headers carrying exactly this reference in the company. */
export async function findByReference(
	context: HttpContext,
	doc: Pick<DocumentDescriptor, 'headerSet' | 'referenceField' | 'select'>,
	dataAreaId: string,
	reference: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const records = await queryEntities(context, doc.headerSet, {
		filter: eqFilter({ dataAreaId, [doc.referenceField]: reference }),
		select: [...doc.select],
		itemIndex,
	});
	return records.filter((r) => r[doc.referenceField] === reference);
}

/**
 * The document, if this workflow or F&O already has it: its keys plus what `memo` keeps of the
 * found header, and where it was found. Remembers an F&O hit in static data.
 */
export async function findPostedDocument<Key extends EntityKeys>(
	context: StaticDataContext,
	doc: DocumentDescriptor<Key>,
	lookup: {
		dataAreaId: string;
		reference: string;
		count: RequestCounter;
		itemIndex?: number;
		memo?: (header: IDataObject) => IDataObject;
	},
): Promise<{ keys: IDataObject; reason: 'static-data' | 'f&o' } | undefined> {
	const staticData = context.getWorkflowStaticData('global');
	const cacheKey = postedKey(doc.headerSet, lookup.dataAreaId, lookup.reference);
	const remembered = findPosted(staticData, cacheKey);
	if (remembered) return { keys: remembered.keys, reason: 'static-data' };
	lookup.count();
	const [existing] = await findByReference(
		context,
		doc,
		lookup.dataAreaId,
		lookup.reference,
		lookup.itemIndex,
	);
	if (!existing) return undefined;
	const keys = { ...doc.keyOf(lookup.dataAreaId, existing), ...lookup.memo?.(existing) };
	rememberPosted(staticData, cacheKey, keys);
	return { keys, reason: 'f&o' };
}

/** Record a document F&O confirmed, so the next run skips it without a lookup. */
export function rememberDocument(
	context: StaticDataContext,
	doc: Pick<DocumentDescriptor, 'headerSet'>,
	dataAreaId: string,
	reference: string,
	keys: IDataObject,
): void {
	rememberPosted(
		context.getWorkflowStaticData('global'),
		postedKey(doc.headerSet, dataAreaId, reference),
		keys,
	);
}

async function countLines<Key extends EntityKeys>(
	context: HttpContext,
	doc: DocumentDescriptor<Key>,
	keys: Key,
	itemIndex?: number,
): Promise<number> {
	const lines = await queryEntities(context, doc.lineSet, {
		filter: eqFilter(doc.lineFilter(keys)),
		select: [...doc.lineSelect],
		itemIndex,
	});
	return lines.length;
}

/** Header first (F&O assigns its key), then every line in one changeset; undo the header if they fail. */
export async function writeWithGeneratedKey<Key extends EntityKeys>(
	context: HttpContext,
	doc: DocumentDescriptor<Key>,
	write: DocumentWrite<Key>,
): Promise<Written<Key>> {
	const { dataAreaId, itemIndex, count } = write;
	const header = await createHeaderOnce(context, {
		rounds: write.rounds,
		timing: write.timing,
		count,
		itemIndex,
		create: async (timeoutMs) =>
			await createEntity(context, doc.headerSet, write.header as IDataObject, itemIndex, {
				timeoutMs,
			}),
		keyOf: (created) => doc.keyOf(dataAreaId, created),
		findAgain: async () => {
			const [found] = await findByReference(context, doc, dataAreaId, write.reference, itemIndex);
			return found ? doc.keyOf(dataAreaId, found) : undefined;
		},
		failure: { message: `${doc.names.headerNotPosted} not posted after ${write.rounds} attempts` },
	});
	const keys = header.key;
	const lines = write.linesFor(keys);
	const sent = await sendChangesetRounds(context, {
		...changesetOf(write),
		operations: postOperations(entityPath(doc.lineSet), lines),
		lookUp: async () => {
			count();
			const found = await countLines(context, doc, keys, itemIndex);
			if (found === lines.length) return true;
			if (found === 0) return undefined;
			// A changeset is atomic, so this is someone else's doing; do not add to it.
			throw new NodeOperationError(
				context.getNode(),
				`${capitalised(doc.names.header)} ${keyText(keys)} has ${found} of ${lines.length} lines`,
				{ itemIndex },
			);
		},
	});
	if (sent.kind === 'sent')
		return { keys, action: 'created', reason: header.recovered ? RESOLVED : undefined };
	if (sent.kind === 'found') return { keys, action: 'created', reason: RESOLVED };
	const reason =
		sent.kind === 'exhausted' ? 'F&O kept throttling the lines' : (sent.error as Error).message;
	return await compensate(context, doc, keys, reason, write);
}

/**
 * Delete a document's header again (F&O deletes its lines with it): the outcome as a value, for the
 * caller to say what became of the document. Used when F&O rejects the lines and when the written
 * order's tax check refuses it.
 */
export async function removeHeaderAgain<Key extends EntityKeys>(
	context: HttpContext,
	doc: DocumentDescriptor<Key>,
	keys: Key,
	write: Pick<DocumentWrite<Key>, 'itemIndex' | 'timing' | 'count'>,
): Promise<Settled<boolean>> {
	write.count();
	return await settle(
		deleteEntity(context, doc.headerSet, keys, write.itemIndex, {
			timeoutMs: write.timing.timeoutMs,
		}),
	);
}

/** Lines rejected: delete the header so no half document survives, then fail the item. */
async function compensate<Key extends EntityKeys>(
	context: HttpContext,
	doc: DocumentDescriptor<Key>,
	keys: Key,
	reason: string,
	write: DocumentWrite<Key>,
): Promise<never> {
	const { label, header, source, whole } = doc.names;
	const key = keyText(keys);
	const deleted = await removeHeaderAgain(context, doc, keys, write);
	if (!deleted.ok) {
		throw new NodeOperationError(
			context.getNode(),
			`${label} lines rejected (${reason}) and header ${key} could not be removed`,
			{
				itemIndex: write.itemIndex,
				description: `Delete ${header} ${key} in ${write.dataAreaId} by hand before the ${source} is posted again: ${(deleted.error as Error).message}`,
			},
		);
	}
	throw new NodeOperationError(context.getNode(), `${label} not posted: ${reason}`, {
		itemIndex: write.itemIndex,
		description: `F&O rejected the lines; header ${key} was deleted again, so nothing of ${whole} remains.`,
	});
}

/** Header + lines in one atomic changeset; F&O's key on the header rejects a concurrent twin. */
export async function writeWithKnownKey<Key extends EntityKeys>(
	context: HttpContext,
	doc: DocumentDescriptor<Key>,
	keys: Key,
	write: DocumentWrite<Key>,
): Promise<Written<Key>> {
	const { itemIndex, count } = write;
	const node = context.getNode();
	const { label, header, source } = doc.names;
	const key = keyText(keys);
	const sent = await sendChangesetRounds(context, {
		...changesetOf(write),
		operations: [
			...postOperations(entityPath(doc.headerSet), [write.header]),
			...postOperations(entityPath(doc.lineSet), write.linesFor(keys)),
		],
		// Atomic changeset: either all of it landed or none. Look, don't guess.
		lookUp: async () => {
			count();
			const select = Object.keys(keys).filter((name) => name !== 'dataAreaId');
			return (await getEntity(context, doc.headerSet, keys, { select, itemIndex }))
				? true
				: undefined;
		},
	});
	if (sent.kind === 'sent') return { keys, action: 'created' };
	if (sent.kind === 'found') return { keys, action: 'created', reason: RESOLVED };
	if (sent.kind === 'failed') throw sent.error;
	if (sent.kind === 'exhausted') {
		throw new NodeOperationError(
			node,
			`${label} not posted after ${write.rounds} attempts (F&O kept throttling or timing out)`,
			{
				itemIndex,
				description: `Lookups through the settle window found no ${source}, so nothing was written; the next run tries again.`,
			},
		);
	}
	if (/already exists/i.test(sent.error.message)) {
		// Another execution posted this document first: F&O's key made sure there is one.
		count();
		const twin = await getEntity(context, doc.headerSet, keys, {
			select: [...doc.select],
			itemIndex,
		});
		const twinReference = twin?.[doc.referenceField];
		if (twinReference === write.reference)
			return { keys, action: 'skipped-duplicate', reason: 'key-conflict' };
		throw new NodeOperationError(
			node,
			`${capitalised(header)} number ${key} is already used by another ${source} in ${write.dataAreaId}`,
			{
				itemIndex,
				description: `It carries reference "${String(twinReference ?? '')}", not ${write.reference}. Choose another ${source} number prefix.`,
			},
		);
	}
	throw new NodeOperationError(node, `${label} not posted: ${sent.error.message}`, {
		itemIndex,
		description: 'F&O rejected the changeset, so neither the header nor any line was written.',
	});
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
