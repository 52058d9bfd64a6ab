/**
 * Any entity set, for what the other resources do not cover: get by full key, get many, create,
 * update (PATCH), delete. Company-specific sets get `dataAreaId` from the node's legal entity: as
 * the first key part, as a filter on reads (with cross-company=true, without which F&O reads only
 * the service user's default company), and in create bodies.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { AuditTrail } from '../../common/audit';
import {
	createEntity,
	deleteEntity,
	entityPath,
	eqFilter,
	getEntity,
	queryEntities,
	updateEntity,
	type EntityKeys,
} from '../odata';
import type { OperationContext, OperationHandler } from './context';

interface KeyEntry {
	name?: string;
	value?: string;
	type?: 'string' | 'number';
}

/** Entity-set names are case-sensitive identifiers; anything else would change the URL's meaning. */
export function entitySetName(op: OperationContext): string {
	const name = String(op.fn.getNodeParameter('entitySet', op.itemIndex, '')).trim();
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
		throw new NodeOperationError(op.fn.getNode(), `"${name}" is not an entity set name`, {
			itemIndex: op.itemIndex,
			description:
				'Use the public collection name, e.g. CustomersV3 or SalesOrderHeadersV2 (case-sensitive).',
		});
	}
	return name;
}

const companySpecific = (op: OperationContext) =>
	op.fn.getNodeParameter('companySpecific', op.itemIndex, true) as boolean;

/** Every key field, dataAreaId first for company-specific sets. */
export function entityKeys(entries: KeyEntry[], dataAreaId: string | undefined): EntityKeys {
	const keys: EntityKeys = {};
	if (dataAreaId && !entries.some((e) => e.name?.trim() === 'dataAreaId'))
		keys.dataAreaId = dataAreaId;
	for (const entry of entries) {
		const name = (entry.name ?? '').trim();
		if (!name) continue;
		const raw = entry.value ?? '';
		if (entry.type === 'number') {
			const value = Number(raw);
			if (raw.trim() === '' || !Number.isFinite(value))
				throw new Error(`Key ${name}: "${raw}" is not a number`);
			keys[name] = value;
		} else keys[name] = name === 'dataAreaId' ? raw.toLowerCase() : raw;
	}
	return keys;
}

function keysParameter(op: OperationContext): EntityKeys {
	const entries = ((op.fn.getNodeParameter('keys', op.itemIndex, {}) as { key?: KeyEntry[] }).key ??
		[]) as KeyEntry[];
	let keys: EntityKeys;
	try {
		keys = entityKeys(entries, companySpecific(op) ? op.dataAreaId : undefined);
	} catch (error) {
		throw new NodeOperationError(op.fn.getNode(), (error as Error).message, {
			itemIndex: op.itemIndex,
		});
	}
	if (Object.keys(keys).length === 0) {
		throw new NodeOperationError(op.fn.getNode(), 'No key fields given', {
			itemIndex: op.itemIndex,
			description: 'F&O needs every key field of the entity for key access.',
		});
	}
	return keys;
}

function bodyParameter(op: OperationContext): IDataObject {
	const raw = op.fn.getNodeParameter('fields', op.itemIndex, {}) as unknown;
	let body: unknown = raw;
	if (typeof raw === 'string') {
		try {
			body = raw.trim() ? JSON.parse(raw) : {};
		} catch {
			throw new NodeOperationError(op.fn.getNode(), 'Fields must be a JSON object', {
				itemIndex: op.itemIndex,
			});
		}
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw new NodeOperationError(op.fn.getNode(), 'Fields must be a JSON object', {
			itemIndex: op.itemIndex,
		});
	}
	return body as IDataObject;
}

const options = (op: OperationContext) =>
	op.fn.getNodeParameter('options', op.itemIndex, {}) as IDataObject;

const selectOf = (value: unknown): string[] | undefined => {
	const fields = String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return fields.length ? fields : undefined;
};

const keyText = (keys: EntityKeys) => entityPath('', keys).slice(1);

export const entity: Record<string, OperationHandler> = {
	async get(op) {
		const set = entitySetName(op);
		const keys = keysParameter(op);
		const record = await getEntity(op.fn, set, keys, {
			select: selectOf(options(op).select),
			itemIndex: op.itemIndex,
		});
		return record ?? { found: false, entitySet: set, keys: keys as IDataObject };
	},

	async getAll(op) {
		const set = entitySetName(op);
		const opts = options(op);
		const returnAll = op.fn.getNodeParameter('returnAll', op.itemIndex, false) as boolean;
		const limit = returnAll
			? undefined
			: (op.fn.getNodeParameter('limit', op.itemIndex, 50) as number);
		const own = String(opts.filter ?? '').trim();
		const conditions: string[] = [];
		// All companies: cross-company without a company filter; otherwise the node's legal entity.
		if (companySpecific(op) && !opts.allCompanies)
			conditions.push(eqFilter({ dataAreaId: op.dataAreaId }));
		if (own) conditions.push(conditions.length ? `(${own})` : own);
		return await queryEntities(op.fn, set, {
			filter: conditions.join(' and ') || undefined,
			select: selectOf(opts.select),
			orderby: String(opts.orderBy ?? '').trim() || undefined,
			limit,
			itemIndex: op.itemIndex,
		});
	},

	async create(op) {
		const set = entitySetName(op);
		const body = bodyParameter(op);
		// Writes switch company by the body's dataAreaId (d365-odata.md §2.2), so always send it.
		if (companySpecific(op) && body.dataAreaId === undefined) body.dataAreaId = op.dataAreaId;
		const audit = new AuditTrail(set, op.dataAreaId, '');
		if (options(op).dryRun) {
			return {
				entitySet: set,
				plannedRequests: [{ method: 'POST', path: `/data/${set}`, body }],
				audit: audit.record('dry-run', {}),
			};
		}
		audit.count();
		const created = await createEntity(op.fn, set, body, op.itemIndex);
		return { ...created, audit: audit.record('created', {}) };
	},

	async update(op) {
		const set = entitySetName(op);
		const keys = keysParameter(op);
		const body = bodyParameter(op);
		const audit = new AuditTrail(set, op.dataAreaId, '');
		if (options(op).dryRun) {
			return {
				entitySet: set,
				keys: keys as IDataObject,
				plannedRequests: [{ method: 'PATCH', path: `/data/${set}${keyText(keys)}`, body }],
				audit: audit.record('dry-run', keys as IDataObject),
			};
		}
		audit.count();
		await updateEntity(op.fn, set, keys, body, op.itemIndex);
		return {
			entitySet: set,
			keys: keys as IDataObject,
			updated: true,
			audit: audit.record('updated', keys as IDataObject),
		};
	},

	async delete(op) {
		const set = entitySetName(op);
		const keys = keysParameter(op);
		const audit = new AuditTrail(set, op.dataAreaId, '');
		if (options(op).dryRun) {
			return {
				entitySet: set,
				keys: keys as IDataObject,
				plannedRequests: [{ method: 'DELETE', path: `/data/${set}${keyText(keys)}` }],
				audit: audit.record('dry-run', keys as IDataObject),
			};
		}
		audit.count();
		const existed = await deleteEntity(op.fn, set, keys, op.itemIndex);
		return {
			entitySet: set,
			keys: keys as IDataObject,
			deleted: existed,
			audit: audit.record(
				existed ? 'updated' : 'skipped',
				keys as IDataObject,
				existed ? 'deleted' : 'already gone',
			),
		};
	},
};
