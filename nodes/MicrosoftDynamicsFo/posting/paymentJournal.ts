/**
 * The customer payment journal header (CustomerPaymentJournalHeaders) payment lines go to: one
 * per run (the first item that needs it creates it, later items of the execution reuse it) or one
 * per day (today's open header of the journal name, found by its description, else created; under
 * the posting lock, since every execution of the day shares it). A header whose creation answer
 * was lost is found again by its description, which is unique per run or day.
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { HttpContext } from '../../common/http';
import { withProcessLock } from '../../common/processLock';
import { settle } from '../../common/settle';
import { createEntity, deleteEntity, eqFilter, queryEntities } from '../odata';
import { createHeaderOnce, writeRoundsOf, type RequestCounter } from './changesetRounds';
import type { RecordLocker } from './lock';
import { writeTimingOf, type WriteSettings } from './writeTiming';

export const JOURNAL_HEADERS = 'CustomerPaymentJournalHeaders';

export type JournalPer = 'run' | 'day';

export interface JournalSettings extends WriteSettings {
	dataAreaId: string;
	journalName: string;
	journalPer: JournalPer;
	/** Header Description prefix; the day or the run is appended. */
	journalDescription?: string;
	/** The workflow's time zone: what "today" means for daily journals. */
	timeZone?: string;
	itemIndex?: number;
	lock?: RecordLocker;
}

export interface JournalHeader {
	journalBatchNumber: string;
	description: string;
	/** This item created it (so it may remove it again when nothing went into it). */
	created: boolean;
}

const DEFAULT_DESCRIPTION = 'BigCommerce payments';

/** `2024-05-01` in the given time zone (UTC when it is unknown). */
export function dayIn(timeZone: string | undefined, now = new Date()): string {
	const format = (zone: string) =>
		new Intl.DateTimeFormat('en-CA', {
			timeZone: zone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		}).format(now);
	try {
		return format(timeZone || 'UTC');
	} catch {
		return format('UTC');
	}
}

/** The header Description that identifies a journal of this run or this day. */
export function journalDescriptionFor(
	per: JournalPer,
	prefix: string,
	timeZone?: string,
	now = new Date(),
): string {
	if (per === 'day') return `${prefix} ${dayIn(timeZone, now)}`;
	// Unique per run, so a header whose creation timed out can be found again by it.
	const run = Math.random().toString(36).slice(2, 8);
	return `${prefix} ${now.toISOString().slice(0, 19)}Z ${run}`;
}

const descriptionOf = (settings: JournalSettings, per: JournalPer = settings.journalPer) =>
	journalDescriptionFor(per, settings.journalDescription || DEFAULT_DESCRIPTION, settings.timeZone);

async function findOpenJournal(
	context: HttpContext,
	settings: JournalSettings,
	description: string,
): Promise<string | undefined> {
	const { dataAreaId, journalName } = settings;
	const records = await queryEntities(context, JOURNAL_HEADERS, {
		filter: eqFilter({ dataAreaId, JournalName: journalName, Description: description }),
		select: ['dataAreaId', 'JournalBatchNumber', 'JournalName', 'Description', 'IsPosted'],
		orderby: 'JournalBatchNumber',
		itemIndex: settings.itemIndex,
	});
	const open = records.find(
		(r) =>
			r.Description === description &&
			String(r.JournalName).toLowerCase() === journalName.toLowerCase() &&
			r.IsPosted !== 'Yes',
	);
	return open ? String(open.JournalBatchNumber) : undefined;
}

/** `shared`: another item of the run took this header too, so no item may drop it as empty. */
type RunJournal = Omit<JournalHeader, 'created'> & { shared?: boolean };

/** Headers of one node execution: n8n gives every execution its own context object. */
const journalsOfRun = new WeakMap<object, Map<string, RunJournal>>();

const runIds = new WeakMap<object, string>();

/** A name for one node execution, for its in-process lock. */
function runIdOf(context: object): string {
	let id = runIds.get(context);
	if (!id) runIds.set(context, (id = randomBytes(8).toString('hex')));
	return id;
}

function runJournals(context: object): Map<string, RunJournal> {
	let journals = journalsOfRun.get(context);
	if (!journals) {
		journals = new Map();
		journalsOfRun.set(context, journals);
	}
	return journals;
}

const runKey = (settings: JournalSettings) =>
	`${settings.dataAreaId}|${settings.journalName.toLowerCase()}|${settings.journalPer}|${settings.journalDescription ?? ''}`;

/** The journal this item's lines go to, found or created; `created` when this item created it. */
export async function journalHeader(
	context: HttpContext,
	settings: JournalSettings,
	count: RequestCounter,
): Promise<JournalHeader> {
	// Items of one run posted in parallel share the run's header: one of them finds or creates it.
	if (settings.journalPer !== 'day' || !settings.lock)
		return await withProcessLock(
			`${JOURNAL_HEADERS}:run:${runIdOf(context)}:${runKey(settings)}`,
			async () => await journalHeaderUnlocked(context, settings, count),
		);
	const name = `${JOURNAL_HEADERS}:${settings.dataAreaId.toLowerCase()}:${settings.journalName}:${descriptionOf(settings, 'day')}`;
	return await settings.lock(
		name,
		async () => await journalHeaderUnlocked(context, settings, count),
	);
}

async function journalHeaderUnlocked(
	context: HttpContext,
	settings: JournalSettings,
	count: RequestCounter,
): Promise<JournalHeader> {
	const journals = runJournals(context);
	const key = runKey(settings);
	const known = journals.get(key);
	if (
		known &&
		(settings.journalPer === 'run' || known.description === descriptionOf(settings, 'day'))
	) {
		known.shared = true;
		return {
			journalBatchNumber: known.journalBatchNumber,
			description: known.description,
			created: false,
		};
	}
	const description = descriptionOf(settings);
	if (settings.journalPer === 'day') {
		count();
		const open = await findOpenJournal(context, settings, description);
		if (open) {
			journals.set(key, { journalBatchNumber: open, description });
			return { journalBatchNumber: open, description, created: false };
		}
	}
	const rounds = writeRoundsOf(settings);
	const { dataAreaId, journalName, itemIndex } = settings;
	const created = await createHeaderOnce(context, {
		rounds,
		timing: writeTimingOf(settings),
		count,
		itemIndex,
		create: async (timeoutMs) =>
			await createEntity(
				context,
				JOURNAL_HEADERS,
				{ dataAreaId, JournalName: journalName, Description: description },
				itemIndex,
				{ timeoutMs },
			),
		keyOf: (header) => String(header.JournalBatchNumber),
		findAgain: async () => await findOpenJournal(context, settings, description),
		failure: {
			message: `Payment journal header not created after ${rounds} attempts`,
			description:
				'Lookups by its description through the settle window found no header, so nothing was written; the next run tries again.',
		},
	});
	journals.set(key, { journalBatchNumber: created.key, description });
	return { journalBatchNumber: created.key, description, created: true };
}

/** A header this item created and nothing went into: remove it again (best effort). */
export async function dropEmptyHeader(
	context: HttpContext,
	settings: JournalSettings,
	header: JournalHeader,
	count: RequestCounter,
): Promise<void> {
	const journals = runJournals(context);
	const known = journals.get(runKey(settings));
	const mine = known?.journalBatchNumber === header.journalBatchNumber ? known : undefined;
	if (!header.created || mine?.shared) return;
	// Forgotten before the delete is sent, so no other item of the run takes it meanwhile.
	if (mine) journals.delete(runKey(settings));
	count();
	const deleted = await settle(
		deleteEntity(
			context,
			JOURNAL_HEADERS,
			{ dataAreaId: settings.dataAreaId, JournalBatchNumber: header.journalBatchNumber },
			settings.itemIndex,
		),
	);
	if (!deleted.ok && mine) journals.set(runKey(settings), mine);
}

/**
 * For a dry run: the journal the lines would go to if it exists (this run's, or today's open one),
 * else the header body that would be created.
 */
export async function plannedJournal(
	context: HttpContext,
	settings: JournalSettings,
	count: RequestCounter,
): Promise<{ journalBatchNumber: string } | { create: IDataObject }> {
	const known = runJournals(context).get(runKey(settings));
	let journalBatchNumber = known?.journalBatchNumber;
	if (!journalBatchNumber && settings.journalPer === 'day') {
		count();
		journalBatchNumber = await findOpenJournal(context, settings, descriptionOf(settings, 'day'));
	}
	if (journalBatchNumber) return { journalBatchNumber };
	return {
		create: {
			dataAreaId: settings.dataAreaId,
			JournalName: settings.journalName,
			Description: descriptionOf(settings),
		},
	};
}
