/**
 * Captured BigCommerce payments → customer payment journal lines (CustomerPaymentJournalLines),
 * each transaction posted exactly once.
 *
 * Exactly once, per transaction: workflow static data (fast path), then the line found by its
 * PaymentReference (`BC-<order>-T<transaction>`) in the company, filtered and re-checked for an
 * exact match. A changeset whose outcome is unknown is resolved by that same lookup, never by a
 * blind re-send (paymentLines.ts).
 *
 * All new lines of one order go in one changeset (atomic), into a journal header per run or per
 * day (paymentJournal.ts). Calls per order do not grow with its transactions: one line lookup,
 * maybe the customer, maybe the header, one changeset.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { AuditTrail } from '../../common/audit';
import { findPosted, postedKey, rememberPosted } from './postedRecords';
import {
	mapPayment,
	withPaymentCustomer,
	type BcTransaction,
	type PaymentLineDraft,
	type PaymentMappingOptions,
} from '../mapping';
import { settle } from '../../common/settle';
import { postingLock, type RecordLocker } from './lock';
import type { StaticDataContext } from './customer';
import {
	documentCustomer,
	SalesOrderNotFoundError,
	type DocumentCustomer,
} from './documentCustomer';
import type { JournalSettings } from './paymentJournal';
import {
	findPaymentLines,
	lineKeys,
	plannedPaymentRequests,
	writePaymentLines,
	PAYMENT_LINES,
	type PlannedPayment,
} from './paymentLines';

export type { DocumentCustomer } from './documentCustomer';
export type { JournalPer } from './paymentJournal';
export { findPaymentLines } from './paymentLines';

export type PaymentInput = 'order' | 'transaction';

export interface PaymentSettings extends JournalSettings {
	environmentUrl: string;
	storeHash: string;
	/** Reference prefix (default `BC`), also used to find the order's sales order. */
	referencePrefix?: string;
	customer: DocumentCustomer;
	mapping: Omit<
		PaymentMappingOptions,
		'dataAreaId' | 'journalBatchNumber' | 'storeHash' | 'referencePrefix'
	>;
	dryRun?: boolean;
	/** Holds check-and-post of an order's payments, and find-or-create of a daily journal. */
	lock?: RecordLocker;
}

interface Planned extends PlannedPayment {
	entry: PaymentEntry;
	/** The line as mapped, before the customer is known. */
	draft: PaymentLineDraft;
}

/**
 * One candidate journal line of an order, mapped: a transaction (money received) or a refund's
 * payment (money paid back). `source` names it in the output (transactionId, event, status /
 * refundId, payment position, provider), `auditKey` in the audit record.
 */
export interface PaymentEntry {
	source: IDataObject;
	auditKey: string;
	mapped:
		| { action: 'post'; reference: string; line: PaymentLineDraft }
		| { action: 'skip'; reference: string; code: string; reason: string };
	/** The source's amount and currency, for outputs of lines not written now. */
	amount: number;
	currency?: string;
}

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

/** Post the captured transactions of one order (or one transaction event); one output per transaction. */
export async function postPayments(
	context: StaticDataContext,
	record: IDataObject,
	input: PaymentInput,
	settings: PaymentSettings,
): Promise<IDataObject[]> {
	const source = transactionsOf(record, input);
	if ('error' in source)
		throw new NodeOperationError(context.getNode(), source.error, {
			itemIndex: settings.itemIndex,
		});
	const mappingBase = {
		...settings.mapping,
		dataAreaId: settings.dataAreaId,
		storeHash: settings.storeHash,
		referencePrefix: settings.referencePrefix,
	};
	// Mapped once, all before anything is written: an unmapped method fails the whole order.
	const entries = source.transactions.map((t): PaymentEntry => ({
		source: { transactionId: t.id, event: t.event, status: t.status },
		auditKey: `transaction:${t.id}`,
		mapped: mapPayment(t, mappingBase),
		amount: t.amount,
		currency: t.currency,
	}));
	return await postPaymentEntries(
		context,
		source.orderId,
		entries,
		settings,
		'the order has no transactions',
	);
}

/**
 * Post the mapped journal lines of one order exactly once: under the order's posting lock (when
 * set), static data, then one lookup by reference, then the customer and one changeset for all
 * new lines. Captures and refund payouts of an order share the lock, the journal and this path.
 */
export async function postPaymentEntries(
	context: StaticDataContext,
	orderId: string,
	entries: PaymentEntry[],
	settings: PaymentSettings,
	nothingToPost: string,
): Promise<IDataObject[]> {
	const locked = async (customer: DocumentCustomer, customerRequests = 0) =>
		await postingLock(settings)(
			`${PAYMENT_LINES}:${settings.dataAreaId.toLowerCase()}:order:${orderId}`,
			async () =>
				await postUnlocked(
					context,
					orderId,
					entries,
					{ ...settings, customer },
					nothingToPost,
					customerRequests,
				),
		);
	const source = settings.customer;
	if (source.mode !== 'salesOrder' || source.waitMs === 0) return await locked(source);
	// A capture's webhook can arrive while the order's own execution is still writing its sales
	// order. Under the lock the sales order is looked for once; when it is not there yet, the wait
	// for it (Wait for Sales Order) happens outside the lock, so it never holds up the order's own
	// Payments step, which needs the same lock. Then the lines are checked and posted as always.
	const first = await settle(locked({ ...source, waitMs: 0 }));
	if (first.ok) return first.value;
	if (!(first.error instanceof SalesOrderNotFoundError)) throw first.error;
	// Counts the sales order lookup made under the lock; that attempt's payment-line lookup is not
	// counted (the attempt below makes and counts its own).
	let requests = 1;
	const account = await documentCustomer(context, source, { ...settings, orderId }, (n = 1) => {
		requests += n;
	});
	return await locked({ mode: 'account', account }, requests);
}

async function postUnlocked(
	context: StaticDataContext,
	orderId: string,
	entries: PaymentEntry[],
	settings: PaymentSettings,
	nothingToPost: string,
	customerRequests = 0,
): Promise<IDataObject[]> {
	const { dataAreaId, itemIndex } = settings;
	const staticData = context.getWorkflowStaticData('global');
	const cacheKey = (p: Planned) => postedKey(PAYMENT_LINES, dataAreaId, p.reference);
	const output = (e: PaymentEntry, audit: IDataObject, extra?: IDataObject) =>
		paymentOutput(e, orderId, dataAreaId, audit, extra);

	if (entries.length === 0) {
		const audit = new AuditTrail(PAYMENT_LINES, dataAreaId, `order:${orderId}`);
		return [
			{
				bigcommerceOrderId: orderId,
				dataAreaId,
				audit: audit.record('skipped', {}, nothingToPost),
			},
		];
	}

	// 1. What is to be posted? (Mapped once; only the customer is filled in later.)
	const outputs = new Map<PaymentEntry, IDataObject>();
	const planned: Planned[] = [];
	for (const entry of entries) {
		const audit = new AuditTrail(PAYMENT_LINES, dataAreaId, entry.auditKey);
		const mapped = entry.mapped;
		if (mapped.action === 'skip') {
			const skipped = audit.record('skipped', {}, `${mapped.code}: ${mapped.reason}`);
			outputs.set(entry, output(entry, skipped));
			continue;
		}
		planned.push({ entry, reference: mapped.reference, audit, draft: mapped.line });
	}
	const countAll = (requests = 1) => planned.forEach((p) => p.audit.count(requests));
	if (customerRequests) countAll(customerRequests);

	// 2. Already posted? Static data first, then one lookup for the rest.
	const unknown: Planned[] = [];
	for (const p of planned) {
		const remembered = findPosted(staticData, cacheKey(p));
		if (remembered)
			Object.assign(p, {
				keys: remembered.keys,
				action: 'skipped-duplicate',
				reason: 'static-data',
			});
		else unknown.push(p);
	}
	if (unknown.length) {
		const references = unknown.map((p) => p.reference);
		const found = await findPaymentLines(context, dataAreaId, references, itemIndex);
		countAll(found.requests);
		for (const p of unknown) {
			const existing = found.byReference.get(p.reference);
			if (!existing) continue;
			const keys = lineKeys(existing, dataAreaId);
			Object.assign(p, { keys, action: 'skipped-duplicate', reason: 'f&o' });
			rememberPosted(staticData, cacheKey(p), keys);
		}
	}
	const toPost = planned.filter((p) => !p.action);

	if (toPost.length) {
		// 3. Customer, then the real lines.
		const customerAccount = await documentCustomer(
			context,
			settings.customer,
			{ ...settings, orderId },
			countAll,
		);
		for (const p of toPost) {
			p.line = withPaymentCustomer(p.draft, customerAccount, settings.mapping.dimensionFormat);
			p.customerAccount = customerAccount;
		}
		// 4. Write (or only say what would be written).
		if (settings.dryRun) {
			const plannedRequests = await plannedPaymentRequests(context, settings, toPost, countAll);
			for (const p of toPost) Object.assign(p, { action: 'dry-run', plannedRequests });
		} else {
			await writePaymentLines(context, settings, toPost, countAll);
			for (const p of toPost) rememberPosted(staticData, cacheKey(p), p.keys as IDataObject);
		}
	}

	for (const p of planned) {
		const audit = p.audit.record(p.action ?? 'created', p.keys ?? {}, p.reason);
		outputs.set(
			p.entry,
			output(p.entry, audit, {
				customerAccount: p.customerAccount,
				journalBatchNumber: p.keys?.JournalBatchNumber,
				lineNumber: p.keys?.LineNumber,
				amount: p.line ? p.line.CreditAmount || p.line.DebitAmount : p.entry.amount,
				currencyCode: p.line?.CurrencyCode ?? p.entry.currency,
				plannedRequests: p.plannedRequests,
			}),
		);
	}
	// Outputs in the order of the input entries.
	return entries.map((e) => outputs.get(e) as IDataObject);
}

function paymentOutput(
	entry: PaymentEntry,
	orderId: string,
	dataAreaId: string,
	audit: IDataObject,
	extra: IDataObject = {},
): IDataObject {
	const out: IDataObject = {
		bigcommerceOrderId: orderId,
		...entry.source,
		reference: entry.mapped.reference,
		dataAreaId,
	};
	for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
	out.audit = audit;
	return out;
}
