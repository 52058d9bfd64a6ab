/**
 * What the documentation tests need to know about Markdown as GitHub renders it: the anchors its
 * headings get, the links it holds, and the repository's own URL (package.json), so a link or a
 * codex URL can be checked against the files and headings that exist in this repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..', '..');

/** The text outside fenced code blocks (headings and links inside code are not Markdown). */
function prose(markdown: string): string {
	return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
		const slug = heading
			.replace(/`/g, '')
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count ? `${slug}-${count}` : slug);
	}
	return anchors;
}

/** Every inline link target of the Markdown prose. */
export function linksOf(markdown: string): string[] {
	return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

/** The repository's web address, from package.json's homepage (without its #readme). */
export function repositoryUrl(): string {
	const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		homepage: string;
	};
	return pkg.homepage.replace(/#.*$/, '');
}

/**
 * Why a link (relative to `fromFile`, a repository path) does not resolve, or undefined when it
 * names a file of the repository and, with `#anchor`, a heading of that file.
 */
export function brokenLink(fromFile: string, link: string): string | undefined {
	if (/^[a-z]+:/i.test(link)) return undefined; // other sites are not this test's business
	const [target, anchor] = link.split('#');
	const file = target ? path.normalize(path.join(path.dirname(fromFile), target)) : fromFile;
	if (!existsSync(path.join(ROOT, file))) return `${link}: no file ${file}`;
	if (anchor === undefined) return undefined;
	if (!file.endsWith('.md')) return `${link}: an anchor into a file that is not Markdown`;
	const anchors = anchorsOf(readFileSync(path.join(ROOT, file), 'utf8'));
	return anchors.has(anchor) ? undefined : `${link}: ${file} has no heading #${anchor}`;
}
