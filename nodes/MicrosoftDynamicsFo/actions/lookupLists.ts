/**
 * Lists for fields that name a small F&O setup table by id: the customer group of new customers
 * and the charge item that carries shipping. Each reads the records of the node's legal entity
 * (the node's choice, else the credential's default) through the OData layer.
 *
 * The field's saved value always stays in its list, marked when this company has no such record:
 * the editor flags a value missing from a list as "not supported", and a saved workflow must not
 * turn red because F&O's setup differs or is unreachable from the editor. An expression still
 * gives any id.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { eqFilter, queryEntities } from '../odata';
import { credentialLegalEntity } from './legalEntity/loadOptions';

/** The company a list reads: the node's Legal Entity, else the credential's default. */
export async function listCompany(fn: ILoadOptionsFunctions): Promise<string> {
	const chosen = fn.getCurrentNodeParameter('dataAreaId');
	const company = typeof chosen === 'string' && !chosen.startsWith('=') ? chosen : '';
	return company.trim().toLowerCase() || (await credentialLegalEntity(fn));
}

/** The saved value of `parameterPath` (a fixed id, not an expression), or ''. */
function savedValue(fn: ILoadOptionsFunctions, parameterPath: string): string {
	const value = fn.getCurrentNodeParameter(parameterPath);
	return typeof value === 'string' && !value.startsWith('=') ? value : '';
}

/** The records as options (`id: name`, sorted by id), with the saved value kept. */
function listOf(
	records: IDataObject[],
	idOf: (r: IDataObject) => unknown,
	nameOf: (r: IDataObject) => unknown,
	saved: string,
	company: string,
): INodePropertyOptions[] {
	const options = records
		.map((r) => ({ id: String(idOf(r)), name: String(nameOf(r) ?? '') }))
		.sort((a, b) => a.id.localeCompare(b.id))
		.map(({ id, name }) => ({ name: name && name !== id ? `${id}: ${name}` : id, value: id }));
	if (saved && !options.some((o) => o.value === saved)) {
		options.unshift({ name: `${saved} (Not Found in ${company})`, value: saved });
	}
	return options;
}

/** Customer groups (CustomerGroups) of the node's legal entity. */
export async function getCustomerGroups(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const company = await listCompany(this);
	const groups = await queryEntities(this, 'CustomerGroups', {
		filter: eqFilter({ dataAreaId: company }),
		select: ['CustomerGroupId', 'Description'],
	});
	return listOf(
		groups,
		(g) => g.CustomerGroupId,
		(g) => g.Description,
		savedValue(this, 'options.customerGroupId'),
		company,
	);
}

/** Service items (released products of type Service) of the node's legal entity: charge items. */
export async function getChargeItems(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const company = await listCompany(this);
	const items = await queryEntities(this, 'ReleasedProductsV2', {
		filter: `${eqFilter({ dataAreaId: company })} and ProductType eq Microsoft.Dynamics.DataEntities.EcoResProductType'Service'`,
		select: ['ItemNumber', 'SearchName'],
	});
	return listOf(
		items,
		(i) => i.ItemNumber,
		(i) => i.SearchName,
		savedValue(this, 'shippingItemNumber'),
		company,
	);
}
