/**
 * The documentation links n8n shows for the pack's nodes and credentials lead somewhere: every URL
 * in a codex file (nodes/<Node>/<Node>.node.json: primary and credential documentation) and every
 * credential's documentationUrl points into this repository, at the README (`<repo>#anchor`) or at
 * a file under `<repo>/blob/main/`, and the file and heading it names exist.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { anchorsOf, brokenLink, repositoryUrl, ROOT } from './markdown';

const repo = repositoryUrl();
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Why a documentation URL does not resolve in this repository, or undefined when it does. */
function unresolved(url: string): string | undefined {
	if (!url.startsWith(repo)) return `${url}: not in this repository (${repo})`;
	const rest = url.slice(repo.length);
	if (rest === '' || rest === '#readme') return undefined;
	if (rest.startsWith('#')) {
		return anchorsOf(readme).has(rest.slice(1))
			? undefined
			: `${url}: README has no heading ${rest}`;
	}
	const file = /^\/blob\/main\/(.+)$/.exec(rest);
	if (!file) return `${url}: expected ${repo}#<README heading> or ${repo}/blob/main/<file>`;
	return brokenLink('README.md', file[1]);
}

const codexFiles = readdirSync(path.join(ROOT, 'nodes'), { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.flatMap((dir) =>
		readdirSync(path.join(ROOT, 'nodes', dir.name))
			.filter((name) => name.endsWith('.node.json'))
			.map((name) => path.join('nodes', dir.name, name)),
	);

describe('codex documentation URLs', () => {
	it('there is a codex file beside every node', () => {
		expect(codexFiles.length).toBeGreaterThanOrEqual(4);
	});

	it.each(codexFiles)(
		'%s: primary and credential documentation resolve in this repository',
		(file) => {
			const codex = JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as {
				resources?: Record<string, { url: string }[]>;
			};
			const primary = codex.resources?.primaryDocumentation ?? [];
			const credential = codex.resources?.credentialDocumentation ?? [];
			expect(primary.length).toBeGreaterThan(0);
			expect(credential.length).toBeGreaterThan(0);
			expect([...primary, ...credential].map((r) => unresolved(r.url)).filter(Boolean)).toEqual([]);
		},
	);
});

describe('credential documentation URLs', () => {
	const credentialFiles = readdirSync(path.join(ROOT, 'credentials')).filter((f) =>
		f.endsWith('.credentials.ts'),
	);

	it.each(credentialFiles)('%s: documentationUrl resolves in this repository', (file) => {
		const source = readFileSync(path.join(ROOT, 'credentials', file), 'utf8');
		const url = /documentationUrl\s*=\s*['"]([^'"]+)['"]/.exec(source)?.[1];
		expect(url).toBeDefined();
		expect(unresolved(url!)).toBeUndefined();
	});
});

describe('the checker itself', () => {
	it('refuses a missing heading, a missing file and another site', () => {
		expect(unresolved(`${repo}#no-such-heading`)).toMatch(/no heading/);
		expect(unresolved(`${repo}/blob/main/docs/no-such-guide.md`)).toMatch(/no file/);
		expect(unresolved(`${repo}/blob/main/docs/setup-fo.md#no-such-heading`)).toMatch(/no heading/);
		expect(unresolved('https://example.com/docs')).toMatch(/not in this repository/);
		expect(unresolved(`${repo}#readme`)).toBeUndefined();
	});
});
