/**
 * The sandbox's entity model (model/) against F&O's published entity metadata, the reference copy
 * in ../shared/specs/d365/entities-derived.json, plus fulfilment-entities.json for the sets that file
 * lacks (packing slips, tracking, on hand): every served entity set exists there with the same keys
 * in the same order, every property of the model exists there with the same type, and every
 * enum carries F&O's members in F&O's order (its first member is the default). A property the pack
 * names that belongs to a served entity but is missing from the model is reported too, so the
 * sandbox cannot drift behind the pack. Skipped where ../shared is absent; under CI a failure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

import { describeWithShared, sharedPath } from '../../support/specs';
import { entityModel } from './metadata';
import { ENTITY_TABLES, F_AND_O_ENUMS, F_AND_O_NAMESPACE, OUTSIDE_REFERENCE_COPY } from './model';

const ENTITY_METADATA = 'specs/d365/entities-derived.json';
/** Packing slips, tracking and on-hand (issue 18): the same metadata source, extracted separately. */
const FULFILMENT_METADATA = 'specs/d365/fulfilment-entities.json';
const REPO = path.resolve(__dirname, '../../..');

interface PublishedMetadata {
	entities: Record<string, { keys: string[]; properties: { name: string; type: string }[] }>;
	enums: Record<string, string[]>;
}

const tables = ENTITY_TABLES.map((table) => [table.set, table] as const);
/** Sets and enums whose facts the model takes from the reference copy's own source (model/companySetup.ts). */
const outside = (published: PublishedMetadata, set: string) =>
	OUTSIDE_REFERENCE_COPY.sets.includes(set) && !(set in published.entities);

/** Comments name F&O properties in prose ("a Bundle"); only code counts as using one. */
const withoutComments = (source: string) =>
	source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** Every identifier in the pack's code (comments left out) and shipped workflows. */
function identifiersOfThePack(): Set<string> {
	const found = new Set<string>();
	const visit = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) visit(full);
			else if (/\.(ts|json)$/.test(entry.name))
				for (const word of withoutComments(readFileSync(full, 'utf8')).match(/[A-Za-z_]\w*/g) ?? [])
					found.add(word);
		}
	};
	for (const dir of ['nodes', 'credentials', 'workflows']) visit(path.join(REPO, dir));
	return found;
}

describeWithShared(ENTITY_METADATA, FULFILMENT_METADATA)(
	'the sandbox entity model against F&O entity metadata',
	() => {
		let published: PublishedMetadata;
		const model = entityModel();
		beforeAll(() => {
			published = JSON.parse(readFileSync(sharedPath(ENTITY_METADATA), 'utf8'));
			const fulfilment = JSON.parse(
				readFileSync(sharedPath(FULFILMENT_METADATA), 'utf8'),
			) as PublishedMetadata;
			for (const [set, entity] of Object.entries(fulfilment.entities))
				published.entities[set] ??= entity;
		});

		it.each(tables)(
			'%s: the entity set exists, with the same keys in the same order',
			(set, table) => {
				if (outside(published, set)) return;
				expect(Object.keys(published.entities)).toContain(set);
				expect(table.keys).toEqual(published.entities[set].keys);
				for (const key of table.keys) expect(Object.keys(table.properties)).toContain(key);
			},
		);

		it.each(tables)('%s: every property exists with the same type', (set, table) => {
			if (outside(published, set)) return;
			const types = new Map(published.entities[set].properties.map((p) => [p.name, p.type]));
			for (const property of model.get(set).properties) {
				expect({ property: property.name, type: property.type }).toEqual({
					property: property.name,
					type: types.get(property.name),
				});
			}
			expect(model.get(set).properties.map((p) => p.name)).toEqual(Object.keys(table.properties));
		});

		it("every enum has F&O's members in F&O's order, and each is used by a served property", () => {
			const used = new Set(
				[...model.sets.values()].flatMap((def) =>
					def.properties
						.filter((p) => p.type.startsWith(F_AND_O_NAMESPACE))
						.map((p) => p.type.slice(F_AND_O_NAMESPACE.length)),
				),
			);
			expect([...used].sort()).toEqual(Object.keys(F_AND_O_ENUMS).sort());
			for (const [name, members] of Object.entries(F_AND_O_ENUMS)) {
				if (OUTSIDE_REFERENCE_COPY.enums.includes(name) && !(name in published.enums)) continue;
				expect({ name, members }).toEqual({ name, members: published.enums[name] });
			}
		});

		it('only the sets and enums model/companySetup.ts names are missing from the reference copy', () => {
			const missingSets = tables.map(([set]) => set).filter((set) => !(set in published.entities));
			const missingEnums = Object.keys(F_AND_O_ENUMS).filter((name) => !(name in published.enums));
			expect({ sets: missingSets, enums: missingEnums }).toEqual({
				sets: OUTSIDE_REFERENCE_COPY.sets.filter((set) => !(set in published.entities)),
				enums: OUTSIDE_REFERENCE_COPY.enums.filter((name) => !(name in published.enums)),
			});
		});

		it('every property of a served entity that the pack names is in the model', () => {
			const named = identifiersOfThePack();
			const missing = tables.flatMap(([set, table]) =>
				(published.entities[set]?.properties ?? [])
					.filter((p) => named.has(p.name) && !(p.name in table.properties))
					.map((p) => `${set}.${p.name}`),
			);
			expect(missing).toEqual([]);
		});
	},
);
