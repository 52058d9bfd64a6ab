/**
 * Customer payment journal lines (CustomerPaymentJournalLines): found by their PaymentReference,
 * and written for one order all in one changeset into its journal header. A changeset whose answer
 * is lost is resolved by looking the references up; lines F&O rejects leave nothing, and a header
 * this item created for them is removed again.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { AuditTrail } from '../../common/audit';
import type { HttpContext } from '../../common/http';
import type { FoCustomerPaymentJournalLine } from '../mapping';
import { entityPath, eqFilter, odataString, queryEntities, type BatchPartResult } from '../odata';
import {
	plannedRequests,
	postOperations,
	sendChangesetRounds,
	writeRoundsOf,
	type RequestCounter,
} from './changesetRounds';
import {
	dropEmptyHeader,
	journalHeader,
	plannedJournal,
	JOURNAL_HEADERS,
	type JournalSettings,
} from './paymentJournal';
import { writeTimingOf } from './writeTiming';

export const PAYMENT_LINES = 'CustomerPaymentJournalLines';

const LINE_SELECT = [
	'dataAreaId',
	'JournalBatchNumber',
	'LineNumber',
	'PaymentReference',
	'CreditAmount',
	'CurrencyCode',
];
/** References per lookup request: keeps the `$filter` URL well under IIS's default limits. */
const REFERENCES_PER_QUERY = 40;

/** One transaction on its way to a journal line. */
export interface PlannedPayment {
	reference: string;
	audit: AuditTrail;
	line?: FoCustomerPaymentJournalLine;
	/** Set once the line is known to be in F&O. */
	keys?: IDataObject;
	action?: 'created' | 'skipped-duplicate' | 'dry-run';
	reason?: string;
	customerAccount?: string;
	plannedRequests?: IDataObject[];
}

export interface LineWriteSettings extends JournalSettings {
	environmentUrl: string;
}

/** Journal lines carrying exactly these payment references in the company (one request per 40). */
export async function findPaymentLines(
	context: HttpContext,
	dataAreaId: string,
	references: string[],
	itemIndex?: number,
): Promise<{ byReference: Map<string, IDataObject>; requests: number }> {
	const byReference = new Map<string, IDataObject>();
	let requests = 0;
	const wanted = [...new Set(references)];
	for (let i = 0; i < wanted.length; i += REFERENCES_PER_QUERY) {
		const group = wanted.slice(i, i + REFERENCES_PER_QUERY);
		const anyOf = group.map((r) => `PaymentReference eq ${odataString(r)}`).join(' or ');
		requests++;
		const records = await queryEntities(context, PAYMENT_LINES, {
			filter: `${eqFilter({ dataAreaId })} and (${anyOf})`,
			select: LINE_SELECT,
			itemIndex,
		});
		// `eq` is case-insensitive in F&O and `*` would be a wildcard: only an exact match counts.
		for (const record of records) {
			const reference = String(record.PaymentReference ?? '');
			if (group.includes(reference) && !byReference.has(reference))
				byReference.set(reference, record);
		}
	}
	return { byReference, requests };
}

export const lineKeys = (record: IDataObject, dataAreaId: string): IDataObject => ({
	dataAreaId,
	JournalBatchNumber: String(record.JournalBatchNumber ?? ''),
	LineNumber: record.LineNumber as number,
});

const inJournal = (payments: PlannedPayment[], journalBatchNumber: string) =>
	payments.map((p) => ({
		...(p.line as FoCustomerPaymentJournalLine),
		JournalBatchNumber: journalBatchNumber,
	}));

/** The requests a dry run would send: maybe the header, then the lines' changeset. */
export async function plannedPaymentRequests(
	context: HttpContext,
	settings: JournalSettings,
	toPost: PlannedPayment[],
	count: RequestCounter,
): Promise<IDataObject[]> {
	const journal = await plannedJournal(context, settings, count);
	const known = 'journalBatchNumber' in journal;
	return plannedRequests({
		headerSet: JOURNAL_HEADERS,
		header: known ? undefined : journal.create,
		lineSet: PAYMENT_LINES,
		lines: inJournal(toPost, known ? journal.journalBatchNumber : '(assigned by F&O)'),
		note: known ? undefined : 'JournalBatchNumber is the number F&O assigns to the header',
	});
}

/** All lines of the order in one changeset; the outcome of an unknown send is looked up. */
export async function writePaymentLines(
	context: HttpContext,
	settings: LineWriteSettings,
	toPost: PlannedPayment[],
	count: RequestCounter,
): Promise<void> {
	const { dataAreaId, itemIndex } = settings;
	const node = context.getNode();
	const header = await journalHeader(context, settings, count);
	const lines = inJournal(toPost, header.journalBatchNumber);
	toPost.forEach((p, i) => (p.line = lines[i]));
	const references = toPost.map((p) => p.reference);
	const rounds = writeRoundsOf(settings);

	const sent = await sendChangesetRounds(context, {
		environmentUrl: settings.environmentUrl,
		operations: postOperations(entityPath(PAYMENT_LINES), lines),
		rounds,
		timing: writeTimingOf(settings),
		count,
		itemIndex,
		// Atomic changeset: all of it landed or none. Look, don't guess.
		lookUp: async () => {
			const found = await findPaymentLines(context, dataAreaId, references, itemIndex);
			count(found.requests);
			if (found.byReference.size === toPost.length) return found.byReference;
			if (found.byReference.size === 0) return undefined;
			throw new NodeOperationError(
				node,
				`Only ${found.byReference.size} of ${toPost.length} payment lines of this order are in F&O`,
				{
					itemIndex,
					description:
						'A changeset is atomic, so another process wrote them; nothing more was posted.',
				},
			);
		},
	});
	if (sent.kind === 'sent') {
		assignCreatedKeys(toPost, sent.parts, dataAreaId, header.journalBatchNumber);
		return;
	}
	if (sent.kind === 'found') {
		for (const p of toPost) {
			Object.assign(p, {
				keys: lineKeys(sent.found.get(p.reference) as IDataObject, dataAreaId),
				action: 'created',
				reason: 'outcome-unknown-resolved-by-lookup',
			});
		}
		return;
	}
	await dropEmptyHeader(context, settings, header, count);
	if (sent.kind === 'failed') throw sent.error;
	throw new NodeOperationError(
		node,
		sent.kind === 'rejected'
			? `Payments not posted: ${sent.error.message}`
			: `Payments not posted after ${rounds} attempts (F&O kept throttling or timing out)`,
		{
			itemIndex,
			description:
				sent.kind === 'rejected'
					? "F&O rejected the changeset, so none of the order's payment lines was written."
					: 'Lookups through the settle window found none of the lines, so nothing was written; the next run tries again.',
		},
	);
}

function assignCreatedKeys(
	toPost: PlannedPayment[],
	parts: BatchPartResult[],
	dataAreaId: string,
	journalBatchNumber: string,
): void {
	const bodies = parts
		.map((part) => part.body)
		.filter((b): b is IDataObject => typeof b === 'object' && b !== null);
	for (const p of toPost) {
		const body = bodies.find((b) => b.PaymentReference === p.reference);
		p.keys = body
			? lineKeys(body, dataAreaId)
			: { dataAreaId, JournalBatchNumber: journalBatchNumber };
		p.action = 'created';
	}
}
