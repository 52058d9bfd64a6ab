/**
 * Captured BigCommerce payments → customer payment journal lines (CustomerPaymentJournalLines),
 * each transaction posted exactly once.
 *
 * Exactly once, per transaction: workflow static data (fast path), then the line found by its
 * PaymentReference (`BC-<order>-T<transaction>`) in the company, filtered and re-checked for an
 * exact match. A changeset whose outcome is unknown is resolved by that same lookup, never by a
 * blind re-send.
 *
 * All new lines of one order go in one changeset (atomic). The journal header is created once per
 * run (the first line that needs it creates it, later items of the execution reuse it) or once per
 * day (today's open header of the journal name is found by its description, else created).
 * Calls per order do not grow with its transactions: one line lookup, maybe the customer, maybe the
 * header, one changeset.
 */
import { NodeOperationError, sleep, type IDataObject } from 'n8n-workflow';

import { AuditTrail } from '../../common/audit';
import type { HttpContext } from '../../common/http';
import { isOutcomeUnknown } from '../../common/errors';
import { settle } from '../../common/settle';
import { findPosted, postedKey, rememberPosted } from './postedRecords';
import {
	mapPayment,
	orderReference,
	type BcTransaction,
	type FoCustomerPaymentJournalLine,
	type PaymentMappingOptions,
} from '../mapping';
import {
	createEntity,
	deleteEntity,
	entityPath,
	eqFilter,
	odataString,
	queryEntities,
	sendChangeset,
	type BatchOperation,
	type BatchPartResult,
} from '../odata';
import { withoutLock, type RecordLocker } from './lock';
import type { StaticDataContext } from './customer';
import { findSalesOrdersByReference } from './salesOrder';

const LINES = 'CustomerPaymentJournalLines';
const HEADERS = 'CustomerPaymentJournalHeaders';
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

/** Who a payment or credit document is for. */
export type DocumentCustomer =
	| { mode: 'account'; account: string }
	/** The ordering customer of the sales order this pack posted for the BigCommerce order. */
	| { mode: 'salesOrder' };

export type PaymentInput = 'order' | 'transaction';
export type JournalPer = 'run' | 'day';

export interface PaymentSettings {
	dataAreaId: string;
	environmentUrl: string;
	storeHash: string;
	/** Reference prefix (default `BC`), also used to find the order's sales order. */
	referencePrefix?: string;
	customer: DocumentCustomer;
	journalName: string;
	journalPer: JournalPer;
	/** Header Description prefix; the day or the run is appended. */
	journalDescription?: string;
	/** The workflow's time zone: what "today" means for daily journals. */
	timeZone?: string;
	mapping: Omit<
		PaymentMappingOptions,
		'dataAreaId' | 'customerAccount' | 'journalBatchNumber' | 'storeHash' | 'referencePrefix'
	>;
	dryRun?: boolean;
	itemIndex?: number;
	/** Changeset re-sends after throttling or an unknown outcome found nothing. */
	maxWriteRounds?: number;
	/** Holds check-and-post of an order's payments, and find-or-create of a daily journal. */
	lock?: RecordLocker;
}

// ---- input ------------------------------------------------------------------------------------

/** The order id and transactions of an input item: an order with `transactions`, or one transaction. */
export function transactionsOf(
	record: IDataObject,
	input: PaymentInput,
): { orderId: string; transactions: BcTransaction[] } | { error: string } {
	if (!record || typeof record !== 'object')
		return { error: 'The input is not a BigCommerce record' };
	if (input === 'transaction') {
		if (
			typeof record.id !== 'number' ||
			record.order_id === undefined ||
			record.event === undefined
		) {
			return {
				error: 'The input is not a BigCommerce transaction (needs "id", "order_id" and "event")',
			};
		}
		return { orderId: String(record.order_id), transactions: [record as unknown as BcTransaction] };
	}
	if (typeof record.id !== 'number')
		return { error: 'The input is not a BigCommerce order (no numeric "id")' };
	if (!Array.isArray(record.transactions)) {
		return {
			error: `Order ${record.id} carries no "transactions": fetch the order with its transactions`,
		};
	}
	return {
		orderId: String(record.id),
		transactions: record.transactions as unknown as BcTransaction[],
	};
}

// ---- customer -----------------------------------------------------------------------------------

/** The customer account for an order's payment or refund; counts the requests it sent. */
export async function documentCustomer(
	context: StaticDataContext,
	source: DocumentCustomer,
	order: {
		dataAreaId: string;
		storeHash: string;
		orderId: string | number;
		referencePrefix?: string;
		itemIndex?: number;
	},
	count: (requests?: number) => void,
): Promise<string> {
	const node = context.getNode();
	if (source.mode === 'account') {
		if (!source.account)
			throw new NodeOperationError(node, 'No customer account given', {
				itemIndex: order.itemIndex,
			});
		return source.account;
	}
	const reference = orderReference(order.storeHash, order.orderId, {
		prefix: order.referencePrefix,
	});
	count();
	const found = await findSalesOrdersByReference(
		context,
		order.dataAreaId,
		reference,
		order.itemIndex,
	);
	const account = found.map((o) => String(o.OrderingCustomerAccountNumber ?? '')).find(Boolean);
	if (!account) {
		throw new NodeOperationError(
			node,
			`No sales order with reference ${reference} in ${order.dataAreaId} to take the customer from`,
			{
				itemIndex: order.itemIndex,
				description:
					'Nothing was written. Post the order first (Sales Order → Create), or give the customer account.',
			},
		);
	}
	return account;
}

// ---- lookups ------------------------------------------------------------------------------------

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
		const records = await queryEntities(context, LINES, {
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

async function findOpenJournal(
	context: HttpContext,
	dataAreaId: string,
	journalName: string,
	description: string,
	itemIndex?: number,
): Promise<string | undefined> {
	const records = await queryEntities(context, HEADERS, {
		filter: eqFilter({ dataAreaId, JournalName: journalName, Description: description }),
		select: ['dataAreaId', 'JournalBatchNumber', 'JournalName', 'Description', 'IsPosted'],
		orderby: 'JournalBatchNumber',
		itemIndex,
	});
	const open = records.find(
		(r) =>
			r.Description === description &&
			String(r.JournalName).toLowerCase() === journalName.toLowerCase() &&
			r.IsPosted !== 'Yes',
	);
	return open ? String(open.JournalBatchNumber) : undefined;
}

// ---- journal header per run / per day ----------------------------------------------------------

interface RunJournal {
	journalBatchNumber: string;
	description: string;
}

/** Headers of one node execution: n8n gives every execution its own context object. */
const journalsOfRun = new WeakMap<object, Map<string, RunJournal>>();

function runJournals(context: object): Map<string, RunJournal> {
	let journals = journalsOfRun.get(context);
	if (!journals) {
		journals = new Map();
		journalsOfRun.set(context, journals);
	}
	return journals;
}

const runKey = (settings: PaymentSettings) =>
	`${settings.dataAreaId}|${settings.journalName.toLowerCase()}|${settings.journalPer}|${settings.journalDescription ?? ''}`;

/** The journal this item's lines go to, found or created; `created` when this item created it. */
/** A daily journal is shared by every execution that day: find-or-create it under the lock. */
async function journalHeader(
	context: StaticDataContext,
	settings: PaymentSettings,
	count: (requests?: number) => void,
): Promise<{ journalBatchNumber: string; description: string; created: boolean }> {
	if (settings.journalPer !== 'day' || !settings.lock)
		return await journalHeaderUnlocked(context, settings, count);
	const description = journalDescriptionFor(
		'day',
		settings.journalDescription || 'BigCommerce payments',
		settings.timeZone,
	);
	const name = `${HEADERS}:${settings.dataAreaId.toLowerCase()}:${settings.journalName}:${description}`;
	return await settings.lock(
		name,
		async () => await journalHeaderUnlocked(context, settings, count),
	);
}

async function journalHeaderUnlocked(
	context: StaticDataContext,
	settings: PaymentSettings,
	count: (requests?: number) => void,
): Promise<{ journalBatchNumber: string; description: string; created: boolean }> {
	const { dataAreaId, itemIndex } = settings;
	const journals = runJournals(context);
	const key = runKey(settings);
	const prefix = settings.journalDescription || 'BigCommerce payments';
	const known = journals.get(key);
	if (
		known &&
		(settings.journalPer === 'run' ||
			known.description === journalDescriptionFor('day', prefix, settings.timeZone))
	) {
		return { ...known, created: false };
	}
	const description = journalDescriptionFor(settings.journalPer, prefix, settings.timeZone);
	if (settings.journalPer === 'day') {
		count();
		const open = await findOpenJournal(
			context,
			dataAreaId,
			settings.journalName,
			description,
			itemIndex,
		);
		if (open) {
			journals.set(key, { journalBatchNumber: open, description });
			return { journalBatchNumber: open, description, created: false };
		}
	}
	const rounds = settings.maxWriteRounds ?? 4;
	for (let round = 1; round <= rounds; round++) {
		count();
		const created = await settle(
			createEntity(
				context,
				HEADERS,
				{ dataAreaId, JournalName: settings.journalName, Description: description },
				itemIndex,
			),
		);
		let number: string | undefined;
		if (created.ok) number = String(created.value.JournalBatchNumber);
		else {
			if (!isOutcomeUnknown(created.error)) throw created.error;
			count();
			number = await findOpenJournal(
				context,
				dataAreaId,
				settings.journalName,
				description,
				itemIndex,
			);
		}
		if (number) {
			journals.set(key, { journalBatchNumber: number, description });
			return { journalBatchNumber: number, description, created: true };
		}
	}
	throw new NodeOperationError(
		context.getNode(),
		`Payment journal header not created after ${rounds} attempts`,
		{
			itemIndex,
			description:
				'A lookup by its description found no header, so nothing was written; the next run tries again.',
		},
	);
}

// ---- posting ------------------------------------------------------------------------------------

interface Planned {
	transaction: BcTransaction;
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

const lineOps = (lines: FoCustomerPaymentJournalLine[]): BatchOperation[] =>
	lines.map((line) => ({
		method: 'POST',
		path: entityPath(LINES),
		body: line as unknown as IDataObject,
	}));

const lineKeys = (record: IDataObject, dataAreaId: string): IDataObject => ({
	dataAreaId,
	JournalBatchNumber: String(record.JournalBatchNumber ?? ''),
	LineNumber: record.LineNumber as number,
});

/** Post the captured transactions of one order (or one transaction event); one output per transaction. */
export async function postPayments(
	context: StaticDataContext,
	record: IDataObject,
	input: PaymentInput,
	settings: PaymentSettings,
): Promise<IDataObject[]> {
	const { dataAreaId, itemIndex } = settings;
	const node = context.getNode();
	const source = transactionsOf(record, input);
	if ('error' in source) throw new NodeOperationError(node, source.error, { itemIndex });
	const { orderId, transactions } = source;
	// Under the posting lock (when set), one execution at a time checks and posts this order's payments.
	const lock = settings.dryRun ? withoutLock : (settings.lock ?? withoutLock);
	return await lock(`${LINES}:${dataAreaId.toLowerCase()}:order:${orderId}`, async () => {
		const staticData = context.getWorkflowStaticData('global');
		const mappingBase = {
			...settings.mapping,
			dataAreaId,
			storeHash: settings.storeHash,
			referencePrefix: settings.referencePrefix,
		};

		if (transactions.length === 0) {
			const audit = new AuditTrail(LINES, dataAreaId, `order:${orderId}`);
			return [
				{
					bigcommerceOrderId: orderId,
					dataAreaId,
					audit: audit.record('skipped', {}, 'the order has no transactions'),
				},
			];
		}

		// 1. What is money received? (The customer account changes nothing about that.)
		const outputs: IDataObject[] = [];
		const planned: Planned[] = [];
		for (const t of transactions) {
			const audit = new AuditTrail(LINES, dataAreaId, `transaction:${t.id}`);
			const probe = mapPayment(t, { ...mappingBase, customerAccount: '?' });
			if (probe.action === 'skip') {
				outputs.push(
					output(
						t,
						orderId,
						probe.reference,
						dataAreaId,
						audit.record('skipped', {}, `${probe.code}: ${probe.reason}`),
					),
				);
				continue;
			}
			planned.push({ transaction: t, reference: probe.reference, audit });
		}
		const countAll = (requests = 1) => planned.forEach((p) => p.audit.count(requests));

		// 2. Already posted? Static data first, then one lookup for the rest.
		const unknown: Planned[] = [];
		for (const p of planned) {
			const remembered = findPosted(staticData, postedKey(LINES, dataAreaId, p.reference));
			if (remembered)
				Object.assign(p, {
					keys: remembered.keys,
					action: 'skipped-duplicate',
					reason: 'static-data',
				});
			else unknown.push(p);
		}
		if (unknown.length) {
			const found = await findPaymentLines(
				context,
				dataAreaId,
				unknown.map((p) => p.reference),
				itemIndex,
			);
			countAll(found.requests);
			for (const p of unknown) {
				const existing = found.byReference.get(p.reference);
				if (!existing) continue;
				Object.assign(p, {
					keys: lineKeys(existing, dataAreaId),
					action: 'skipped-duplicate',
					reason: 'f&o',
				});
				rememberPosted(
					staticData,
					postedKey(LINES, dataAreaId, p.reference),
					p.keys as IDataObject,
				);
			}
		}
		const toPost = planned.filter((p) => !p.action);

		if (toPost.length) {
			// 3. Customer, then the real lines.
			const customerAccount = await documentCustomer(
				context,
				settings.customer,
				{
					dataAreaId,
					storeHash: settings.storeHash,
					orderId,
					referencePrefix: settings.referencePrefix,
					itemIndex,
				},
				countAll,
			);
			for (const p of toPost) {
				const mapped = mapPayment(p.transaction, { ...mappingBase, customerAccount });
				if (mapped.action === 'post') p.line = mapped.line;
				p.customerAccount = customerAccount;
			}
			// 4. Write (or only say what would be written).
			if (settings.dryRun) {
				const plannedRequests = await dryRunRequests(context, settings, toPost, countAll);
				for (const p of toPost) Object.assign(p, { action: 'dry-run', plannedRequests });
			} else {
				await writeLines(context, settings, toPost, countAll);
				for (const p of toPost)
					rememberPosted(
						staticData,
						postedKey(LINES, dataAreaId, p.reference),
						p.keys as IDataObject,
					);
			}
		}

		for (const p of planned) {
			outputs.push(
				output(
					p.transaction,
					orderId,
					p.reference,
					dataAreaId,
					p.audit.record(p.action ?? 'created', p.keys ?? {}, p.reason),
					{
						customerAccount: p.customerAccount,
						journalBatchNumber: p.keys?.JournalBatchNumber,
						lineNumber: p.keys?.LineNumber,
						amount: p.line?.CreditAmount ?? p.transaction.amount,
						currencyCode: p.line?.CurrencyCode ?? p.transaction.currency,
						plannedRequests: p.plannedRequests,
					},
				),
			);
		}
		// Outputs in the order of the input transactions.
		const position = new Map(transactions.map((t, i) => [t.id, i]));
		return outputs.sort(
			(a, b) =>
				(position.get(a.transactionId as number) ?? 0) -
				(position.get(b.transactionId as number) ?? 0),
		);
	});
}

function output(
	t: BcTransaction,
	orderId: string,
	reference: string,
	dataAreaId: string,
	audit: IDataObject,
	extra: IDataObject = {},
): IDataObject {
	const out: IDataObject = {
		bigcommerceOrderId: orderId,
		transactionId: t.id,
		event: t.event,
		status: t.status,
		reference,
		dataAreaId,
	};
	for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
	out.audit = audit;
	return out;
}

async function dryRunRequests(
	context: StaticDataContext,
	settings: PaymentSettings,
	toPost: Planned[],
	count: (requests?: number) => void,
): Promise<IDataObject[]> {
	const requests: IDataObject[] = [];
	const prefix = settings.journalDescription || 'BigCommerce payments';
	const known = runJournals(context).get(runKey(settings));
	let journalBatchNumber = known?.journalBatchNumber;
	if (!journalBatchNumber && settings.journalPer === 'day') {
		count();
		const description = journalDescriptionFor('day', prefix, settings.timeZone);
		journalBatchNumber = await findOpenJournal(
			context,
			settings.dataAreaId,
			settings.journalName,
			description,
			settings.itemIndex,
		);
	}
	if (!journalBatchNumber) {
		requests.push({
			method: 'POST',
			path: `/data/${HEADERS}`,
			body: {
				dataAreaId: settings.dataAreaId,
				JournalName: settings.journalName,
				Description: journalDescriptionFor(settings.journalPer, prefix, settings.timeZone),
			},
		});
	}
	const lines = toPost.map((p) => ({
		...(p.line as FoCustomerPaymentJournalLine),
		JournalBatchNumber: journalBatchNumber ?? '(assigned by F&O)',
	}));
	requests.push({
		method: 'POST',
		path: '/data/$batch',
		changeset: lineOps(lines).map((op) => ({
			method: op.method,
			path: `/data${op.path}`,
			body: op.body,
		})),
		...(journalBatchNumber
			? {}
			: { note: 'JournalBatchNumber is the number F&O assigns to the header' }),
	});
	return requests;
}

/** All lines of the order in one changeset; the outcome of an unknown send is looked up. */
async function writeLines(
	context: StaticDataContext,
	settings: PaymentSettings,
	toPost: Planned[],
	count: (requests?: number) => void,
): Promise<void> {
	const { dataAreaId, itemIndex } = settings;
	const node = context.getNode();
	const header = await journalHeader(context, settings, count);
	const lines = toPost.map((p) => ({
		...(p.line as FoCustomerPaymentJournalLine),
		JournalBatchNumber: header.journalBatchNumber,
	}));
	toPost.forEach((p, i) => (p.line = lines[i]));
	const references = toPost.map((p) => p.reference);

	/** A header this item created and nothing went into: remove it again. */
	const dropEmptyHeader = async () => {
		if (!header.created) return;
		count();
		const deleted = await settle(
			deleteEntity(
				context,
				HEADERS,
				{ dataAreaId, JournalBatchNumber: header.journalBatchNumber },
				itemIndex,
			),
		);
		if (deleted.ok) runJournals(context).delete(runKey(settings));
	};
	const fail = async (message: string, description: string): Promise<never> => {
		await dropEmptyHeader();
		throw new NodeOperationError(node, message, { itemIndex, description });
	};

	const rounds = settings.maxWriteRounds ?? 4;
	for (let round = 1; round <= rounds; round++) {
		count();
		const sent = await settle(
			sendChangeset(context, settings.environmentUrl, lineOps(lines), { itemIndex }),
		);
		if (!sent.ok) {
			if (!isOutcomeUnknown(sent.error)) {
				await dropEmptyHeader();
				throw sent.error;
			}
			// Atomic changeset: all of it landed or none. Look, don't guess.
			const found = await findPaymentLines(context, dataAreaId, references, itemIndex);
			count(found.requests);
			if (found.byReference.size === toPost.length) {
				for (const p of toPost) {
					Object.assign(p, {
						keys: lineKeys(found.byReference.get(p.reference) as IDataObject, dataAreaId),
						action: 'created',
						reason: 'outcome-unknown-resolved-by-lookup',
					});
				}
				return;
			}
			if (found.byReference.size !== 0) {
				throw new NodeOperationError(
					node,
					`Only ${found.byReference.size} of ${toPost.length} payment lines of this order are in F&O`,
					{
						itemIndex,
						description:
							'A changeset is atomic, so another process wrote them; nothing more was posted.',
					},
				);
			}
			continue;
		}
		const outcome = sent.value;
		if (outcome.ok) {
			assignCreatedKeys(toPost, outcome.parts, dataAreaId, header.journalBatchNumber);
			return;
		}
		if (outcome.throttled) {
			await sleep(Math.min(outcome.retryAfterMs, 60_000));
			continue;
		}
		return await fail(
			`Payments not posted: ${outcome.error.message}`,
			"F&O rejected the changeset, so none of the order's payment lines was written.",
		);
	}
	return await fail(
		`Payments not posted after ${rounds} attempts (F&O kept throttling or timing out)`,
		'A lookup found none of the lines, so nothing was written; the next run tries again.',
	);
}

function assignCreatedKeys(
	toPost: Planned[],
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
