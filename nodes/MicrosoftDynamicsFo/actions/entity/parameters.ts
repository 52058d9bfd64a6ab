/**
 * The entity resource's parameters as OData takes them: a checked entity-set name, the full key
 * (dataAreaId first for company-specific sets, from the node's legal entity unless given), the
 * JSON body, the options. Company-specific sets get `dataAreaId` as the first key part, as a
 * filter on reads (with cross-company=true, without which F&O reads only the service user's
 * default company), and in create bodies.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { AuditTrail } from '../../../common/audit';
import { entityPath, type EntityKeys } from '../../odata';
import type { OperationContext } from '../context';

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

export const companySpecific = (op: OperationContext) =>
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

export function keysParameter(op: OperationContext): EntityKeys {
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

export function bodyParameter(op: OperationContext): IDataObject {
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

export const optionsOf = (op: OperationContext) =>
	op.fn.getNodeParameter('options', op.itemIndex, {}) as IDataObject;

export const selectOf = (value: unknown): string[] | undefined => {
	const fields = String(value ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return fields.length ? fields : undefined;
};

/** The key as it stands in a record's URL: `(dataAreaId='usmf',CustomerGroupId='WEB')`. */
export const keyText = (keys: EntityKeys) => entityPath('', keys).slice(1);

/** What a dry run outputs instead of writing: the one request it would send, and its audit. */
export function plannedWrite(
	audit: AuditTrail,
	set: string,
	request: IDataObject,
	keys?: EntityKeys,
): IDataObject {
	return {
		entitySet: set,
		...(keys ? { keys: keys as IDataObject } : {}),
		plannedRequests: [request],
		audit: audit.record('dry-run', (keys ?? {}) as IDataObject),
	};
}
