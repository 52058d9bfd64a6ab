/**
 * The fields a person has to get right for F&O are explained where they are filled in: every
 * occurrence of the SKU Mapping and its row fields, Site, Warehouse (and their return variants),
 * Reference Prefix and the other F&O ids the node asks for has a description written as a
 * sentence and an example value the person sees (in the description, the placeholder or the
 * By ID hint); a locator's By ID hint names where in F&O the id is found. And the action nodes
 * are usable as AI-agent tools with the operation fixed by whoever builds the workflow (Resource
 * and Operation take no expression, so an agent filling a read tool cannot turn it into a write).
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { BigCommerce } from '../../../nodes/BigCommerce/BigCommerce.node';
import { BigCommercePollTrigger } from '../../../nodes/BigCommerce/BigCommercePollTrigger.node';
import { BigCommerceTrigger } from '../../../nodes/BigCommerce/BigCommerceTrigger.node';
import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';

type Property = INodeProperties & { values?: INodeProperties[] };

/** Every property, nested ones included (collections, fixed-collection rows). */
function allProperties(properties: readonly INodeProperties[]): Property[] {
	const found: Property[] = [];
	const walk = (list: readonly unknown[] | undefined) => {
		for (const entry of list ?? []) {
			const p = entry as Property;
			if (p.type !== undefined && p.name !== undefined) found.push(p);
			walk(p.options as unknown[] | undefined);
			walk(p.values);
		}
	};
	walk(properties);
	return found;
}

const fo = new MicrosoftDynamicsFo().description;
const FO_PROPERTIES = allProperties(fo.properties);

/** The fields the issue names, and the F&O ids a person types or picks. */
const GUIDED = [
	'SKU Mapping',
	'BigCommerce SKU',
	'Item Number',
	'Product Color ID',
	'Product Configuration ID',
	'Product Size ID',
	'Product Style ID',
	'Site',
	'Warehouse',
	'Return Site',
	'Return Warehouse',
	'Reference Prefix',
	'Order Number Prefix',
	'Customer Account',
	'Shared Guest Account',
	'Journal Name',
	'Shipping Charge Item Name or ID',
	'Customer Group Name or ID',
];

const example = (text: string | undefined) => /\be\.g\.|\bmakes\b/.test(text ?? '');

describe('F&O fields explained where they are filled in', () => {
	// Reconciliation's SKU Mapping is a copy of the Sales Order node's table (its description says
	// so); its rows are the same fields, checked here like the others.
	const isCopy = (p: Property) =>
		p.name === 'skuMapping' &&
		(p.displayOptions?.show?.resource as string[] | undefined)?.includes('reconciliation');
	const occurrences = FO_PROPERTIES.filter((p) => GUIDED.includes(p.displayName) && !isCopy(p));

	it('every guided field is in the node, each one at least once', () => {
		expect([...new Set(occurrences.map((p) => p.displayName))].sort()).toEqual([...GUIDED].sort());
	});

	it.each(occurrences.map((p) => [`${p.displayName} (${p.name})`, p]))(
		'%s: a description in sentences and an example the person sees',
		(_label, p) => {
			const description = String(p.description ?? '');
			expect({ field: p.displayName, long: description.length >= 40 }).toEqual({
				field: p.displayName,
				long: true,
			});
			const modes = (p.modes ?? []) as Array<{ hint?: string; placeholder?: string }>;
			// A collection's placeholder is its button ("Add SKU"), not an example.
			const collection = p.type === 'fixedCollection' || p.type === 'collection';
			const shown =
				example(description) ||
				(!collection && !!p.placeholder) ||
				modes.some((m) => example(m.hint) || !!m.placeholder);
			expect({ field: p.displayName, example: shown }).toEqual({
				field: p.displayName,
				example: true,
			});
		},
	);

	it.each(
		FO_PROPERTIES.filter((p) => p.type === 'resourceLocator').map((p) => [
			`${p.displayName} (${p.name})`,
			p,
		]),
	)('%s: searchable From List, and a By ID hint naming where the id is found', (_label, p) => {
		const modes = p.modes ?? [];
		expect(modes.map((m) => m.name)).toEqual(['list', 'id']);
		expect(modes[0].typeOptions).toMatchObject({ searchable: true });
		expect(modes[1].hint).toMatch(/ > |\$json/);
	});
});

describe('usable as an AI-agent tool', () => {
	const nodes: Array<[string, INodeTypeDescription]> = [
		['Dynamics 365 F&O', fo],
		['BigCommerce', new BigCommerce().description],
	];

	it.each(nodes)(
		'%s: usable as a tool; Resource and Operation are fixed by the workflow, never by the agent',
		(_name, description) => {
			expect(description.usableAsTool).toBe(true);
			const selectors = description.properties.filter(
				(p) => p.name === 'resource' || p.name === 'operation',
			);
			expect(selectors.length).toBeGreaterThan(2);
			for (const selector of selectors) expect(selector.noDataExpression).toBe(true);
		},
	);

	it('the read operations an agent answers "why did order 123 not post?" with are there', () => {
		const offered = fo.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) =>
				(p.displayOptions!.show!.resource as string[]).flatMap((r) =>
					(p.options as Array<{ value: string }>).map((o) => `${r}.${o.value}`),
				),
			);
		expect(offered).toEqual(
			expect.arrayContaining([
				'salesOrder.findByBigCommerceId',
				'payment.find',
				'creditNote.find',
				'releasedProduct.resolveSkus',
				'customer.findByEmail',
			]),
		);
	});

	it('the triggers are not tools', () => {
		expect(new BigCommerceTrigger().description.usableAsTool).toBeUndefined();
		expect(new BigCommercePollTrigger().description.usableAsTool).toBeUndefined();
	});
});
