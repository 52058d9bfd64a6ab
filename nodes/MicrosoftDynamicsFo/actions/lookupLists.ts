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

/**
 * The records as options (`id: name`, sorted by id), with the saved values kept: n8n does not say
 * which field asks for a list, so a list several fields share keeps each one's saved value.
 */
function listOf(
	records: IDataObject[],
	idOf: (r: IDataObject) => unknown,
	nameOf: (r: IDataObject) => unknown,
	saved: string[],
	company: string,
): INodePropertyOptions[] {
	const options = records
		.map((r) => ({ id: String(idOf(r)), name: String(nameOf(r) ?? '') }))
		.sort((a, b) => a.id.localeCompare(b.id))
		.map(({ id, name }) => ({ name: name && name !== id ? `${id}: ${name}` : id, value: id }));
	const missing = [...new Set(saved.filter((v) => v && !options.some((o) => o.value === v)))];
	options.unshift(
		...missing.map((value) => ({ name: `${value} (Not Found in ${company})`, value })),
	);
	return options;
}

/** Every field the charge-item list serves (sales order create, its Options, the tax item). */
const CHARGE_ITEM_FIELDS = [
	'shippingItemNumber',
	'taxItemNumber',
	'options.feeItemNumber',
	'options.giftCertificateItemNumber',
	'options.wrappingItemNumber',
	'options.handlingItemNumber',
];

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
		[savedValue(this, 'options.customerGroupId')],
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
		CHARGE_ITEM_FIELDS.map((field) => savedValue(this, field)),
		company,
	);
}
