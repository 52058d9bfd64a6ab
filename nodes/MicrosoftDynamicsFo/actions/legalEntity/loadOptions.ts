/** The Legal Entity list of the node: every company the app can see, by name. */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { queryEntities } from '../../odata';

export async function getLegalEntities(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const entities = await queryEntities(this, 'LegalEntities', {
		select: ['LegalEntityId', 'Name'],
	});
	return entities
		.map((e) => ({
			name: `${String(e.Name || e.LegalEntityId)} (${String(e.LegalEntityId)})`,
			value: String(e.LegalEntityId),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
