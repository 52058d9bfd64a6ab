/**
 * CustomersV3: find by account or email, and create-or-update, posted once. A registered
 * BigCommerce buyer is keyed by a deterministic account (`<prefix><id>`) when a prefix is set,
 * which F&O's own key keeps unique; otherwise by primary email. Per-email guests are keyed by email.
 * An order's buyer is resolved in one place, upsertOrderCustomer, for the sales order and the
 * customer upsert alike.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { AuditTrail, type AuditRecord } from '../../common/audit';
import type { HttpContext } from '../../common/http';
import { settle } from '../../common/settle';
import { findPosted, postedKey, rememberPosted } from './postedRecords';
import { postingLock, type RecordLocker } from './lock';
import {
	orderCustomer,
	type BcOrder,
	type CustomerIdentity,
	type FoCustomerCreate,
	type FoCustomerUpdate,
	type GuestCustomerOptions,
} from '../mapping';
import { createEntity, eqFilter, getEntity, queryEntities, updateEntity } from '../odata';
import { createHeaderOnce, writeRoundsOf } from './changesetRounds';
import { writeTimingOf, type WriteSettings } from './writeTiming';

export const CUSTOMER_SELECT = [
	'dataAreaId',
	'CustomerAccount',
	'PartyType',
	'OrganizationName',
	'PersonFirstName',
	'PersonLastName',
	'PrimaryContactEmail',
	'PrimaryContactPhone',
	'CustomerGroupId',
	'SalesCurrencyCode',
];

export interface StaticDataContext extends HttpContext {
	getWorkflowStaticData(type: 'global' | 'node'): IDataObject;
}

const sameEmail = (a: unknown, b: string) =>
	typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

export async function getCustomer(
	context: HttpContext,
	dataAreaId: string,
	customerAccount: string,
	itemIndex?: number,
	select: string[] = CUSTOMER_SELECT,
): Promise<IDataObject | undefined> {
	return await getEntity(
		context,
		'CustomersV3',
		{ dataAreaId, CustomerAccount: customerAccount },
		{ select, itemIndex },
	);
}

/** Customers whose primary email equals `email` (case-insensitive; a `*` in it is no wildcard here). */
export async function findCustomersByEmail(
	context: HttpContext,
	dataAreaId: string,
	email: string,
	itemIndex?: number,
	select: string[] = CUSTOMER_SELECT,
): Promise<IDataObject[]> {
	const records = await queryEntities(context, 'CustomersV3', {
		filter: eqFilter({ dataAreaId, PrimaryContactEmail: email }),
		select,
		itemIndex,
	});
	return records.filter((r) => sameEmail(r.PrimaryContactEmail, email));
}

export interface CustomerUpsertInput extends WriteSettings {
	dataAreaId: string;
	/** What identifies the customer: a deterministic account, or an email. */
	identity: CustomerIdentity;
	/** BigCommerce id for the audit record (`customer:42`, `guest:a@b.c`). */
	bigcommerceId: string;
	create: FoCustomerCreate;
	/** Fields to refresh on an existing customer; undefined = find or create only. */
	update?: FoCustomerUpdate;
	dryRun?: boolean;
	itemIndex?: number;
	/** Holds find-then-create for this customer against concurrent executions. */
	lock?: RecordLocker;
}

export interface CustomerUpsertResult {
	customerAccount: string;
	record?: IDataObject;
	audit: AuditRecord;
	/** The exact OData requests a dry run would send. */
	plannedRequests?: IDataObject[];
}

/** Duplicate-key rejection from F&O when a concurrent execution created the same account. */
const isDuplicateKey = (error: unknown) =>
	/already exists/i.test(String((error as Error)?.message ?? ''));

/**
 * Customers this node run already found, created or updated, as F&O holds them now (by cache key):
 * a buyer of several orders in one run is looked up once. Only a no-change answer is taken from
 * here; a customer whose fields differ is looked up again before it is written.
 */
const customersOfRun = new WeakMap<object, Map<string, IDataObject>>();

function runCustomers(context: object): Map<string, IDataObject> {
	let customers = customersOfRun.get(context);
	if (!customers) customersOfRun.set(context, (customers = new Map()));
	return customers;
}

const identityText = (identity: CustomerIdentity) =>
	'account' in identity ? `account:${identity.account}` : `email:${identity.email.toLowerCase()}`;

export async function upsertCustomer(
	context: StaticDataContext,
	input: CustomerUpsertInput,
): Promise<CustomerUpsertResult> {
	return await postingLock(input)(
		`CustomersV3:${input.dataAreaId.toLowerCase()}:${identityText(input.identity)}`,
		async () => await upsertUnlocked(context, input),
	);
}

async function upsertUnlocked(
	context: StaticDataContext,
	input: CustomerUpsertInput,
): Promise<CustomerUpsertResult> {
	const { dataAreaId, itemIndex } = input;
	const audit = new AuditTrail('CustomersV3', dataAreaId, input.bigcommerceId);
	const staticData = context.getWorkflowStaticData('global');
	const cacheKey = postedKey('CustomersV3', dataAreaId, identityText(input.identity));

	// Read back every field an update would set, so an unchanged customer costs no write.
	const select = [...new Set([...CUSTOMER_SELECT, ...Object.keys(input.update ?? {})])];
	const findExisting = async (counted = true): Promise<IDataObject | undefined> => {
		if (counted) audit.count();
		if ('account' in input.identity)
			return await getCustomer(context, dataAreaId, input.identity.account, itemIndex, select);
		const matches = await findCustomersByEmail(
			context,
			dataAreaId,
			input.identity.email,
			itemIndex,
			select,
		);
		// Several customers with one email: the oldest account is the one orders go to.
		return matches.sort((a, b) =>
			String(a.CustomerAccount).localeCompare(String(b.CustomerAccount)),
		)[0];
	};

	// Find-only callers (a sales order needs an account) may trust what this workflow already posted.
	const remembered = findPosted(staticData, cacheKey);
	if (remembered && !input.update) {
		return {
			customerAccount: String(remembered.keys.CustomerAccount),
			audit: audit.record('skipped-duplicate', remembered.keys, 'static-data'),
		};
	}

	const seen = runCustomers(context);
	const known = seen.get(cacheKey);
	if (known && input.update && !Object.keys(changedFields(known, input.update)).length) {
		const keys = { dataAreaId, CustomerAccount: String(known.CustomerAccount) };
		return {
			customerAccount: keys.CustomerAccount,
			record: known,
			audit: audit.record('skipped', keys, 'unchanged'),
		};
	}

	let existing = await findExisting();
	if (!existing) {
		const body: IDataObject = { ...(input.create as unknown as IDataObject) };
		if ('account' in input.identity) body.CustomerAccount = input.identity.account;
		if (input.dryRun) {
			return {
				customerAccount: String(body.CustomerAccount ?? '(assigned by F&O)'),
				audit: audit.record('dry-run', {
					dataAreaId,
					CustomerAccount: String(body.CustomerAccount ?? ''),
				}),
				plannedRequests: [{ method: 'POST', path: '/data/CustomersV3', body }],
			};
		}
		// A lost answer is resolved by finding the customer again, through the settle window.
		const rounds = writeRoundsOf(input);
		const created = await settle(
			createHeaderOnce(context, {
				rounds,
				timing: writeTimingOf(input),
				count: (requests?: number) => audit.count(requests),
				itemIndex,
				create: async (timeoutMs) =>
					await createEntity(context, 'CustomersV3', body, itemIndex, { timeoutMs }),
				keyOf: (record) => record,
				findAgain: async () => await findExisting(false),
				failure: { message: `Customer not created after ${rounds} attempts` },
			}),
		);
		if (created.ok) {
			const record = created.value.key;
			const keys = { dataAreaId, CustomerAccount: String(record.CustomerAccount) };
			rememberPosted(staticData, cacheKey, keys);
			seen.set(cacheKey, record);
			return {
				customerAccount: keys.CustomerAccount,
				record,
				audit: audit.record(
					'created',
					keys,
					created.value.recovered ? 'outcome-unknown-resolved-by-lookup' : undefined,
				),
			};
		}
		// Lost a race for a deterministic account: the other execution created it; use theirs.
		if (!('account' in input.identity) || !isDuplicateKey(created.error)) throw created.error;
		existing = await findExisting();
		if (!existing) throw created.error;
	}

	const keys = { dataAreaId, CustomerAccount: String(existing.CustomerAccount) };
	rememberPosted(staticData, cacheKey, keys);
	seen.set(cacheKey, existing);
	if (!input.update) {
		return {
			customerAccount: keys.CustomerAccount,
			record: existing,
			audit: audit.record('skipped-duplicate', keys, 'f&o'),
		};
	}
	const changes = changedFields(existing, input.update as unknown as IDataObject);
	if (Object.keys(changes).length === 0) {
		return {
			customerAccount: keys.CustomerAccount,
			record: existing,
			audit: audit.record('skipped', keys, 'unchanged'),
		};
	}
	if (input.dryRun) {
		return {
			customerAccount: keys.CustomerAccount,
			audit: audit.record('dry-run', keys),
			plannedRequests: [
				{
					method: 'PATCH',
					path: `/data/CustomersV3(dataAreaId='${dataAreaId}',CustomerAccount='${keys.CustomerAccount}')`,
					body: changes,
				},
			],
		};
	}
	audit.count();
	// Not known until F&O confirms the update: a failed PATCH leaves the next item to look up again.
	seen.delete(cacheKey);
	await updateEntity(context, 'CustomersV3', keys, changes, itemIndex, {
		timeoutMs: writeTimingOf(input).timeoutMs,
	});
	seen.set(cacheKey, { ...existing, ...changes });
	return {
		customerAccount: keys.CustomerAccount,
		record: { ...existing, ...changes },
		audit: audit.record('updated', keys),
	};
}

export interface OrderCustomerInput extends WriteSettings {
	dataAreaId: string;
	order: BcOrder;
	options: Omit<GuestCustomerOptions, 'dataAreaId'>;
	/** Update an existing customer from the billing address; false = find or create only. */
	refresh: boolean;
	dryRun?: boolean;
	itemIndex?: number;
	lock?: RecordLocker;
}

/**
 * The F&O customer of a BigCommerce order, found or created (the sales order and the customer
 * upsert both ask this): `upsert` is absent for the shared web-guest account, which needs no call.
 */
export async function upsertOrderCustomer(
	context: StaticDataContext,
	input: OrderCustomerInput,
): Promise<{ customerAccount: string; upsert?: CustomerUpsertResult }> {
	const { dataAreaId, order, itemIndex } = input;
	const customer = orderCustomer(order, { ...input.options, dataAreaId });
	if (customer.kind === 'sharedGuest') return { customerAccount: customer.customerAccount };
	if (!customer.identity) {
		throw new NodeOperationError(
			context.getNode(),
			`Order ${order.id}: the buyer has no billing email to find the F&O customer by`,
			{
				itemIndex,
				description:
					'Set a customer account prefix for registered buyers, or give the customer account explicitly.',
			},
		);
	}
	const upsert = await upsertCustomer(context, {
		dataAreaId,
		identity: customer.identity,
		bigcommerceId: customer.bigcommerceId,
		create: customer.create,
		update: input.refresh ? customer.update : undefined,
		dryRun: input.dryRun,
		itemIndex,
		lock: input.lock,
		maxWriteRounds: input.maxWriteRounds,
		writeTimeoutMs: input.writeTimeoutMs,
		settleWindowMs: input.settleWindowMs,
	});
	return { customerAccount: upsert.customerAccount, upsert };
}

/** Only what differs, so an unchanged customer costs no write (and no needless F&O record version). */
export function changedFields(existing: IDataObject, update: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [field, value] of Object.entries(update)) {
		if (value === undefined) continue;
		if (existing[field] !== value) out[field] = value;
	}
	return out;
}
