/** Webhook → Delete: remove one hook by ID (its field, Webhook ID, is shared with Update). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deleteHook } from '../../api';
import { httpContext, requiredId } from '../parameters';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const webhookId = requiredId(this, 'webhookId', 'Webhook ID', i);
	return [await deleteHook(httpContext(this), webhookId, i)];
}
