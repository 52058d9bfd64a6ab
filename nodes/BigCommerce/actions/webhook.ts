import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { createHook, deleteHook, listHooks, updateHook, type HookFields } from '../api';
import { httpContext, limitOf, requiredId, unknownOperation } from './shared';

/** The Headers fixed collection as BigCommerce's `headers` map. */
function headersOf(fields: IDataObject): Record<string, string> | undefined {
	const entries = ((fields.headers as IDataObject | undefined)?.header ?? []) as Array<{
		name?: string;
		value?: string;
	}>;
	if (!entries.length) return undefined;
	const headers: Record<string, string> = {};
	for (const { name, value } of entries) if (name?.trim()) headers[name.trim()] = value ?? '';
	return headers;
}

export async function webhook(
	this: IExecuteFunctions,
	operation: string,
	i: number,
): Promise<IDataObject[]> {
	const ctx = httpContext(this);

	if (operation === 'getAll') {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		return await listHooks(
			ctx,
			{
				scope: (filters.scope as string) || undefined,
				destination: (filters.destination as string) || undefined,
				isActive: filters.isActive as boolean | undefined,
			},
			{ limit: limitOf(this, i), itemIndex: i },
		);
	}

	if (operation === 'create') {
		const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		const hook = await createHook(
			ctx,
			{
				scope: requiredId(this, 'scope', 'Scope', i),
				destination: requiredId(this, 'destination', 'Destination', i),
				is_active: (extra.isActive as boolean | undefined) ?? true,
				headers: headersOf(extra),
			},
			i,
		);
		return [hook];
	}

	if (operation === 'update') {
		const webhookId = requiredId(this, 'webhookId', 'Webhook ID', i);
		const updates = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const fields: HookFields = {};
		if (updates.isActive !== undefined) fields.is_active = updates.isActive as boolean;
		if (updates.scope) fields.scope = updates.scope as string;
		if (updates.destination) fields.destination = updates.destination as string;
		const headers = headersOf(updates);
		if (headers) fields.headers = headers;
		if (Object.keys(fields).length === 0) {
			// BigCommerce refuses a PUT without fields; say so before spending a request on it.
			throw new NodeOperationError(this.getNode(), 'Add at least one field to update', {
				itemIndex: i,
			});
		}
		return [await updateHook(ctx, webhookId, fields, i)];
	}

	if (operation === 'delete') {
		const webhookId = requiredId(this, 'webhookId', 'Webhook ID', i);
		return [await deleteHook(ctx, webhookId, i)];
	}

	return unknownOperation(this, 'webhook', operation, i);
}
