/**
 * The setup guides in docs/ stay true to the code: the README links each of them, every link in
 * them and in the README names a file and heading that exist, and every name they set in bold is
 * a name the n8n editor shows for this pack (a node, credential, field or option name as its
 * description spells it). Bold is kept for those names; other emphasis in the guides is italic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';

import { brokenLink, linksOf, ROOT } from './markdown';

const GUIDES = ['setup-entra.md', 'setup-bigcommerce.md', 'setup-fo.md', 'troubleshooting.md'];
/** Bold names of n8n's own editor, not of this pack. */
const N8N_NAMES = new Set(['Test']);

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

function sourcesUnder(dir: string): string[] {
	return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourcesUnder(file);
		return entry.name.endsWith('.ts') ? [file] : [];
	});
}

/** displayName values and option names (capitalised `name:` values) in nodes/ and credentials/. */
function editorNames(): Set<string> {
	const names = new Set<string>();
	for (const file of [...sourcesUnder('nodes'), ...sourcesUnder('credentials')]) {
		const source = read(file);
		for (const m of source.matchAll(/displayName\s*[:=]\s*(['"])((?:(?!\1).)+)\1/g))
			names.add(m[2]);
		for (const m of source.matchAll(/\bname:\s*(['"])([A-Z](?:(?!\1).)*)\1/g)) names.add(m[2]);
	}
	// Fields built by helpers (e.g. siteLocator('Site', …)) carry their names only at run time.
	const walk = (value: unknown): void => {
		if (Array.isArray(value)) return value.forEach(walk);
		if (!value || typeof value !== 'object') return;
		const displayName = (value as { displayName?: unknown }).displayName;
		if (typeof displayName === 'string') names.add(displayName);
		Object.values(value).forEach(walk);
	};
	walk(new MicrosoftDynamicsFo().description.properties);
	return names;
}

describe('setup guides', () => {
	const readme = read('README.md');

	it('the README links every guide from its Setup guides section', () => {
		const section = /^## Setup guides\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
		expect(GUIDES.filter((guide) => !linksOf(section).includes(`docs/${guide}`))).toEqual([]);
	});

	it.each(['README.md', ...GUIDES.map((g) => `docs/${g}`)])('%s: every link resolves', (file) => {
		expect(
			linksOf(read(file))
				.map((link) => brokenLink(file, link))
				.filter(Boolean),
		).toEqual([]);
	});

	it.each(GUIDES)('docs/%s: every bold name is one the editor shows', (guide) => {
		const known = editorNames();
		const bold = [...read(`docs/${guide}`).matchAll(/\*\*([^*]+?)\*\*/g)].map((m) =>
			m[1].replace(/\s+/g, ' ').trim(),
		);
		expect(bold.length).toBeGreaterThan(0);
		expect([...new Set(bold)].filter((name) => !known.has(name) && !N8N_NAMES.has(name))).toEqual(
			[],
		);
	});
});
