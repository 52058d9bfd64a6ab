/**
 * What the node actually sent to F&O, read back from the sandbox's request log: every record
 * body (single requests and `$batch` parts) with its entity set, and every keyed URL with its keys.
 * Tests hold both to the real entity metadata.
 */
import type { LoggedRequest } from '../sandbox/common/requestLog';
import { entities, entityProblems } from './entityCatalogue';

export interface WrittenRecord {
	method: string;
	entitySet: string;
	body: Record<string, unknown>;
}

export interface KeyedAccess {
	method: string;
	entitySet: string;
	keys: string[];
}

const REQUEST_LINE = /^(GET|POST|PATCH|PUT|DELETE) (\S+) HTTP\/1\.1$/;

function entityOf(path: string): { entitySet: string; keys?: string[] } | undefined {
	const m = /\/data\/([A-Za-z0-9]+)(\(([^)]*)\))?/.exec(decodeURIComponent(path));
	if (!m || m[1] === '$batch') return undefined;
	const keys =
		m[3] === undefined ? undefined : m[3].split(',').map((part) => part.split('=')[0].trim());
	return { entitySet: m[1], keys };
}

/** Split the log into records written and keyed accesses, batch parts included. */
export function readWrites(log: LoggedRequest[]): {
	records: WrittenRecord[];
	keyed: KeyedAccess[];
} {
	const records: WrittenRecord[] = [];
	const keyed: KeyedAccess[] = [];
	const take = (method: string, path: string, body: string | undefined) => {
		const target = entityOf(path);
		if (!target) return;
		if (target.keys) keyed.push({ method, entitySet: target.entitySet, keys: target.keys });
		if (body && (method === 'POST' || method === 'PATCH')) {
			records.push({
				method,
				entitySet: target.entitySet,
				body: JSON.parse(body) as Record<string, unknown>,
			});
		}
	};
	for (const entry of log) {
		if (entry.route === 'odata.batch' && entry.body) {
			const lines = entry.body.split(/\r?\n/);
			for (let i = 0; i < lines.length; i++) {
				const m = REQUEST_LINE.exec(lines[i]);
				if (!m) continue;
				let j = i + 1;
				while (j < lines.length && lines[j].trim() !== '') j++;
				const next = lines[j + 1];
				take(m[1], new URL(m[2]).pathname, next && next.trim().startsWith('{') ? next : undefined);
			}
		} else {
			take(entry.method, entry.path, entry.body);
		}
	}
	return { records, keyed };
}

/** Everything wrong with what was sent, against entities-derived.json; [] when it all conforms. */
export function writeProblems(log: LoggedRequest[]): string[] {
	const { records, keyed } = readWrites(log);
	const problems = records.flatMap((r) => entityProblems(r.body, r.entitySet));
	for (const access of keyed) {
		const expected = entities().entities[access.entitySet]?.keys ?? [];
		if ([...access.keys].sort().join(',') !== [...expected].sort().join(',')) {
			problems.push(
				`${access.method} ${access.entitySet}(${access.keys.join(',')}) lacks the full key ${expected.join(',')}`,
			);
		}
	}
	return problems;
}
