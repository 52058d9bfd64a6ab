/**
 * The reference material beside the repository (`../shared`: the BigCommerce OpenAPI specs, F&O's
 * entity metadata, research notes) is not part of this repository and is never copied into it. A
 * clone of this repository alone has no `../shared`, so every test that reads it goes through
 * this file: present, the test runs; absent, it is skipped and its name says why; absent under
 * CI (`process.env.CI` set), it fails, because CI must always check against the references.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** `../shared` relative to the repository root. */
export const SHARED_DIR = path.resolve(__dirname, '../../../shared');

/** A path inside `../shared`, e.g. `sharedPath('specs/d365/entities-derived.json')`. */
export function sharedPath(relative: string): string {
	return path.join(SHARED_DIR, relative);
}

/** The references among `relatives` that are absent beside this clone. */
export function missingShared(...relatives: string[]): string[] {
	return relatives.filter((relative) => !existsSync(sharedPath(relative)));
}

type Block = (name: string, fn: () => void) => void;
type Test = (name: string, fn: jest.ProvidesCallback, timeout?: number) => void;

function absenceText(missing: string[]): string {
	return `needs ${missing.map((m) => `../shared/${m}`).join(', ')}, absent beside this clone`;
}

function failUnderCi(missing: string[]): () => void {
	return () => {
		throw new Error(
			`${absenceText(missing)}: under CI (process.env.CI) the reference specs must be present`,
		);
	};
}

/**
 * `describe` for blocks that read `../shared/<relatives>`: a plain describe when they are
 * present, a skipped one named with the reason when absent, a failing test under CI.
 */
export function describeWithShared(...relatives: string[]): Block {
	const missing = missingShared(...relatives);
	if (!missing.length) return describe;
	if (process.env.CI)
		return (name) => describe(name, () => it(absenceText(missing), failUnderCi(missing)));
	return (name, fn) => describe.skip(`${name} [skipped: ${absenceText(missing)}]`, fn);
}

/** `it` for single tests that read `../shared/<relatives>`, with the same rules as describeWithShared. */
export function itWithShared(...relatives: string[]): Test {
	const missing = missingShared(...relatives);
	if (!missing.length) return it;
	if (process.env.CI)
		return (name) => it(`${name} (${absenceText(missing)})`, failUnderCi(missing));
	return (name, fn, timeout) => it.skip(`${name} [skipped: ${absenceText(missing)}]`, fn, timeout);
}
