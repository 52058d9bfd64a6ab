/**
 * No red field in any shipped workflow, checked without a browser against the pack's node
 * descriptions: for every node of the pack in every file of workflows/, n8n's own parameter check
 * (NodeHelpers.getNodeParametersIssues on the parameters completed with their defaults, as the
 * editor does) finds nothing; every value of a fixed list (options, multi-options, also inside
 * Options collections and table rows) is one of the list's values, since the editor marks any
 * other "The value ... is not supported!"; and every saved parameter is one the node has (a renamed
 * field would be dropped silently). Lists the editor loads from F&O are checked against the sandbox
 * in test/integration/d365/editorLists.test.ts; the screenshot suite looks at the real editor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyCollection,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { BigCommerce } from '../../../nodes/BigCommerce/BigCommerce.node';
import { BigCommercePollTrigger } from '../../../nodes/BigCommerce/BigCommercePollTrigger.node';
import { BigCommerceTrigger } from '../../../nodes/BigCommerce/BigCommerceTrigger.node';
import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';

const PACKAGE = 'n8n-nodes-bigcommerce-d365';
const DESCRIPTIONS: Record<string, INodeTypeDescription> = Object.fromEntries(
	[
		new BigCommerce(),
		new BigCommercePollTrigger(),
		new BigCommerceTrigger(),
		new MicrosoftDynamicsFo(),
	]
		.map((n) => n.description)
		.map((d) => [`${PACKAGE}.${d.name}`, d]),
);

const DIR = join(__dirname, '..', '..', '..', 'workflows');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const packNodes = FILES.flatMap((file) =>
	(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { nodes: INode[] }).nodes
		.filter((node) => node.type.startsWith(`${PACKAGE}.`))
		.map((node) => ({ file, node })),
);

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');
const isCollectionGroup = (o: unknown): o is INodePropertyCollection =>
	typeof o === 'object' && o !== null && 'values' in o;

/** Values the editor would mark as not in a fixed list, with where they are. */
function unsupportedValues(
	properties: INodeProperties[],
	values: INodeParameters,
	where: string,
	visible: (p: INodeProperties) => boolean,
): string[] {
	const found: string[] = [];
	for (const p of properties) {
		if (!(p.name in values) || !visible(p)) continue;
		const value = values[p.name];
		const path = `${where}${p.name}`;
		if (isExpression(value)) continue;
		const fixed =
			p.typeOptions?.loadOptionsMethod === undefined && p.typeOptions?.loadOptions === undefined;
		if ((p.type === 'options' || p.type === 'multiOptions') && fixed) {
			const allowed = (p.options ?? []).map((o) => (o as { value: unknown }).value);
			for (const v of p.type === 'multiOptions' ? (value as unknown[]) : [value])
				if (!allowed.includes(v)) found.push(`${path}: ${JSON.stringify(v)}`);
		}
		if (p.type === 'collection' && value && typeof value === 'object') {
			const children = (p.options ?? []) as INodeProperties[];
			found.push(
				...unsupportedValues(children, value as INodeParameters, `${path}.`, () => true),
				...unknownNames(children, value as INodeParameters, `${path}.`),
			);
		}
		if (p.type === 'fixedCollection' && value && typeof value === 'object') {
			for (const group of (p.options ?? []).filter(isCollectionGroup)) {
				const rows = (value as INodeParameters)[group.name];
				for (const [i, row] of (Array.isArray(rows) ? rows : rows ? [rows] : []).entries()) {
					const at = `${path}.${group.name}[${i}].`;
					found.push(
						...unsupportedValues(group.values, row as INodeParameters, at, () => true),
						...unknownNames(group.values, row as INodeParameters, at),
					);
				}
			}
		}
	}
	return found;
}

/** Saved names the properties do not have (`extra`: names n8n itself adds to the node). */
function unknownNames(
	properties: INodeProperties[],
	values: INodeParameters,
	where: string,
	extra: string[] = [],
) {
	const names = new Set([...properties.map((p) => p.name), ...extra]);
	return Object.keys(values)
		.filter((name) => !names.has(name))
		.map((name) => `${where}${name}: not a parameter of the node`);
}

describe('shipped workflows in the editor', () => {
	it('hold nodes of the pack in every file but the error handler', () => {
		const files = new Set(packNodes.map((n) => n.file));
		expect(FILES.filter((f) => !files.has(f))).toEqual(['error-handler.json']);
	});

	it.each(packNodes.map(({ file, node }) => [`${file} / ${node.name}`, node]))(
		'%s: no parameter issue, no value outside its list, no unknown parameter',
		(_label, node) => {
			const description = DESCRIPTIONS[node.type];
			expect(description).toBeDefined();
			expect(node.typeVersion).toBeLessThanOrEqual(Math.max(...[description.version].flat()));
			const parameters = NodeHelpers.getNodeParameters(
				description.properties,
				node.parameters,
				true,
				false,
				node,
				description,
			) as INodeParameters;
			const completed = { ...node, parameters };
			const problems = [
				...Object.entries(
					NodeHelpers.getNodeParametersIssues(description.properties, completed, description)
						?.parameters ?? {},
				).map(([name, issues]) => `${name}: ${issues.join('; ')}`),
				...unsupportedValues(description.properties, node.parameters, '', (p) =>
					NodeHelpers.displayParameterPath(parameters, p, '', node, description),
				),
				// n8n adds Poll Times to every polling node's parameters (core's special parameters).
				...unknownNames(
					description.properties,
					node.parameters,
					'',
					description.polling ? ['pollTimes'] : [],
				),
			];
			expect(problems).toEqual([]);
		},
	);
});
