/**
 * The Legal Entity list of the node. First the empty value, "the credential's default": the
 * shipped workflows hold it, and a value missing from the list is flagged by the editor as "not
 * supported", so it must be an entry of its own. Then every company the app can see, by name.
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { queryEntities } from '../../odata';
import { FO_CREDENTIAL } from '../../transport';

/** The credential's default legal entity, as the router reads it (trimmed, lower case). */
export async function credentialLegalEntity(fn: ILoadOptionsFunctions): Promise<string> {
	const credentials = await fn.getCredentials(FO_CREDENTIAL);
	return String(credentials.dataAreaId ?? '')
		.trim()
		.toLowerCase();
}

export async function getLegalEntities(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const fallback = await credentialLegalEntity(this);
	const entities = await queryEntities(this, 'LegalEntities', {
		select: ['LegalEntityId', 'Name'],
	});
	const companies = entities
		.map((e) => ({
			name: `${String(e.Name || e.LegalEntityId)} (${String(e.LegalEntityId)})`,
			value: String(e.LegalEntityId),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	const credentialDefault: INodePropertyOptions = fallback
		? {
				name: `Credential's Default (${fallback})`,
				value: '',
				description: `The Default Legal Entity of the F&O credential, now ${fallback}`,
			}
		: {
				name: "Credential's Default (None Set)",
				value: '',
				description:
					'The credential has no Default Legal Entity: choose a company here, or set one in the credential',
			};
	return [credentialDefault, ...companies];
}
