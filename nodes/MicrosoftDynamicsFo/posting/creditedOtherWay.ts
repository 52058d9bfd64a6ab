/**
 * Never a second credit when the credit note's Sales Tax option changed between a refund's first
 * posting and a replay of it. The option decides which documents a refund makes (F&O calculates: a
 * return order for its products, a free-text note for the rest; as posted: one free-text note of
 * everything), and each posting looks up the documents it would make. Switched, a replay would
 * look for the other kinds and credit the refund again. So, when a document is still missing:
 *
 * - as posted: a return order carrying the refund's reference means it was credited by F&O
 *   calculating;
 * - F&O calculating, a return order missing: a free-text note carrying the reference means it was
 *   credited as posted, since F&O calculating always writes the return order before the free-text
 *   note of the same refund (a free-text note without its return order is not left behind).
 *
 * One lookup by the refund reference, only when something would be written.
 */
import type { StaticDataContext } from './customer';
import { findPostedDocument } from './documentWrite';
import { CREDIT_DOCUMENTS, type CreditKind } from './documents';

export interface CreditLookup {
	dataAreaId: string;
	reference: string;
	itemIndex?: number;
	/** Count one request against the documents still missing. */
	count: (requests?: number) => void;
}

/** The kind the refund was credited by under the other choice, when it was. */
export async function creditedOtherWay(
	context: StaticDataContext,
	asPosted: boolean,
	documents: ReadonlyArray<{ kind: CreditKind; action?: unknown }>,
	lookup: CreditLookup,
): Promise<CreditKind | undefined> {
	const missing = documents.filter((d) => !d.action);
	if (!missing.length) return undefined;
	const find = async (kind: CreditKind) =>
		await findPostedDocument(context, CREDIT_DOCUMENTS[kind], lookup);
	if (asPosted) return (await find('returnOrder')) ? 'returnOrder' : undefined;
	if (!missing.some((d) => d.kind === 'returnOrder')) return undefined;
	const freeText = documents.find((d) => d.kind === 'freeTextCredit');
	if (freeText) return freeText.action ? 'freeTextCredit' : undefined;
	return (await find('freeTextCredit')) ? 'freeTextCredit' : undefined;
}
