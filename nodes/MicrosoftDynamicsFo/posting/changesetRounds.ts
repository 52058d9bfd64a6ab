/**
 * The two write loops every F&O posting shares, written once: a single-record POST (a document
 * header, a customer) whose lost answer is resolved by finding the record again, and a changeset
 * sent in rounds (throttled answers waited out, a lost answer resolved by a lookup, never by a
 * blind re-send). Sales orders, return orders, free-text credit notes, payment journals and
 * customers all post through these. Each write waits the write timeout, and a lost answer is
 * looked for through the settle window (writeTiming.ts) before the write may be sent again.
 */
import { NodeOperationError, sleep, type IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { isOutcomeUnknown } from '../../common/errors';
import { settle } from '../../common/settle';
import {
	sendChangeset,
	type BatchOperation,
	type BatchPartResult,
	type BatchRejectedError,
} from '../odata';
import { settledLookup, type WriteSettings, type WriteTiming } from './writeTiming';

/** Rounds per write (header POST or changeset) unless the settings say otherwise. */
export const DEFAULT_WRITE_ROUNDS = 4;

/** The longest F&O's Retry-After is followed before a changeset is sent again. */
export const MAX_THROTTLE_WAIT_MS = 60_000;

/** Counts the requests a write sent, for the audit record. */
export type RequestCounter = (requests?: number) => void;

export const writeRoundsOf = (settings: WriteSettings): number =>
	settings.maxWriteRounds ?? DEFAULT_WRITE_ROUNDS;

export interface HeaderCreation<Key> {
	rounds: number;
	timing: WriteTiming;
	count: RequestCounter;
	/** POSTs the record, waiting up to `timeoutMs`; resolves to the created record. */
	create: (timeoutMs: number) => Promise<IDataObject>;
	keyOf: (created: IDataObject) => Key;
	/** After a lost answer: the record found again (by reference, description, key), or undefined. */
	findAgain: () => Promise<Key | undefined>;
	/** The item's error when no round created or found the header. */
	failure: { message: string; description?: string };
	itemIndex?: number;
}

/**
 * Create a record exactly once: `recovered` when a lost answer was resolved by finding it; a POST
 * is sent again only when the record is still absent after the settle window.
 */
export async function createHeaderOnce<Key>(
	context: HttpContext,
	creation: HeaderCreation<Key>,
): Promise<{ key: Key; recovered: boolean }> {
	for (let round = 1; round <= creation.rounds; round++) {
		creation.count();
		const created = await settle(creation.create(creation.timing.timeoutMs));
		if (created.ok) return { key: creation.keyOf(created.value), recovered: false };
		if (!isOutcomeUnknown(created.error)) throw created.error;
		const found = await settledLookup(async () => {
			creation.count();
			return await creation.findAgain();
		}, creation.timing);
		if (found !== undefined) return { key: found, recovered: true };
	}
	throw new NodeOperationError(context.getNode(), creation.failure.message, {
		itemIndex: creation.itemIndex,
		description: creation.failure.description,
	});
}

export type ChangesetResult<Found> =
	/** F&O wrote every operation. */
	| { kind: 'sent'; parts: BatchPartResult[] }
	/** The answer was lost and the lookup found the changeset's records. */
	| { kind: 'found'; found: Found }
	/** F&O rejected the changeset: nothing of it was written. */
	| { kind: 'rejected'; error: BatchRejectedError }
	/** The request failed in a way that says it was not processed. */
	| { kind: 'failed'; error: unknown }
	/** Every round was throttled, or lost with nothing found. */
	| { kind: 'exhausted' };

export interface ChangesetRounds<Found> {
	environmentUrl: string;
	operations: BatchOperation[];
	rounds: number;
	timing: WriteTiming;
	count: RequestCounter;
	/**
	 * After a lost answer: what landed (the changeset is atomic, so all or nothing), undefined for
	 * nothing. Counts its own requests; throws when it finds a part, which only another process
	 * can have written.
	 */
	lookUp: () => Promise<Found | undefined>;
	itemIndex?: number;
}

/**
 * Send one atomic changeset in rounds until F&O answers it, and say how it ended. A lost answer
 * is looked up through the settle window; only a changeset still absent after it is sent again.
 */
export async function sendChangesetRounds<Found>(
	context: HttpContext,
	send: ChangesetRounds<Found>,
): Promise<ChangesetResult<Found>> {
	for (let round = 1; round <= send.rounds; round++) {
		send.count();
		const sent = await settle(
			sendChangeset(context, send.environmentUrl, send.operations, {
				itemIndex: send.itemIndex,
				timeoutMs: send.timing.timeoutMs,
			}),
		);
		if (!sent.ok) {
			if (!isOutcomeUnknown(sent.error)) return { kind: 'failed', error: sent.error };
			const found = await settledLookup(send.lookUp, send.timing);
			if (found !== undefined) return { kind: 'found', found };
			continue;
		}
		const outcome = sent.value;
		if (outcome.ok) return { kind: 'sent', parts: outcome.parts };
		if (outcome.throttled) {
			await sleep(Math.min(outcome.retryAfterMs, MAX_THROTTLE_WAIT_MS));
			continue;
		}
		return { kind: 'rejected', error: outcome.error };
	}
	return { kind: 'exhausted' };
}

/** `POST <set>` for each body, as changeset operations. */
export const postOperations = (entityPath: string, bodies: readonly object[]): BatchOperation[] =>
	bodies.map((body) => ({ method: 'POST', path: entityPath, body: body as IDataObject }));

/** What a dry run outputs instead of writing: the header POST and the lines' changeset. */
export function plannedRequests(plan: {
	headerSet: string;
	/** Omitted when the header exists already. */
	header?: object;
	lineSet: string;
	lines: readonly object[];
	/** Header and lines in one changeset (a known key). */
	atomic?: boolean;
	/** How the lines get the key F&O assigns to the header. */
	note?: string;
}): IDataObject[] {
	const post = (set: string, body: object): IDataObject => ({
		method: 'POST',
		path: `/data/${set}`,
		body: body as IDataObject,
	});
	const lines = plan.lines.map((line) => post(plan.lineSet, line));
	const header = plan.header ? post(plan.headerSet, plan.header) : undefined;
	if (plan.atomic && header)
		return [{ method: 'POST', path: '/data/$batch', changeset: [header, ...lines] }];
	const batch: IDataObject = { method: 'POST', path: '/data/$batch', changeset: lines };
	if (plan.note) batch.note = plan.note;
	return header ? [header, batch] : [batch];
}
