/** Legal Entity → Get Many: the companies (LegalEntityId, Name) the app can see. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { queryEntities } from '../../odata';
import type { OperationContext } from '../context';

export const description: INodeProperties[] = [];

export async function execute({ fn }: OperationContext): Promise<IDataObject[]> {
	return await queryEntities(fn, 'LegalEntities', { select: ['LegalEntityId', 'Name'] });
}
