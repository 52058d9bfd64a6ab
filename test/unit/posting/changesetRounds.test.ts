/** The posting engine's pure parts: dry-run plans, key text, the lock rule. */
import {
	DEFAULT_WRITE_ROUNDS,
	plannedRequests,
	writeRoundsOf,
} from '../../../nodes/MicrosoftDynamicsFo/posting/changesetRounds';
import { keyText } from '../../../nodes/MicrosoftDynamicsFo/posting/documents';
import { postingLock, withoutLock } from '../../../nodes/MicrosoftDynamicsFo/posting/lock';

describe('dry-run plans', () => {
	const plan = { headerSet: 'H', header: { a: 1 }, lineSet: 'L', lines: [{ b: 1 }, { b: 2 }] };

	it('a generated key: the header POST, then the lines in one changeset with a note', () => {
		expect(plannedRequests({ ...plan, note: 'key from the header' })).toEqual([
			{ method: 'POST', path: '/data/H', body: { a: 1 } },
			{
				method: 'POST',
				path: '/data/$batch',
				changeset: [
					{ method: 'POST', path: '/data/L', body: { b: 1 } },
					{ method: 'POST', path: '/data/L', body: { b: 2 } },
				],
				note: 'key from the header',
			},
		]);
	});

	it('a known key: header and lines in one changeset; an existing header: lines only', () => {
		const [atomic] = plannedRequests({ ...plan, atomic: true, note: 'unused' });
		expect(atomic).toEqual({
			method: 'POST',
			path: '/data/$batch',
			changeset: [
				{ method: 'POST', path: '/data/H', body: { a: 1 } },
				{ method: 'POST', path: '/data/L', body: { b: 1 } },
				{ method: 'POST', path: '/data/L', body: { b: 2 } },
			],
		});
		const linesOnly = plannedRequests({ ...plan, header: undefined });
		expect(linesOnly).toHaveLength(1);
		expect(linesOnly[0]).not.toHaveProperty('note');
	});
});

describe('engine settings', () => {
	it('write rounds default to one named constant', () => {
		expect(writeRoundsOf({})).toBe(DEFAULT_WRITE_ROUNDS);
		expect(writeRoundsOf({ maxWriteRounds: 2 })).toBe(2);
	});

	it('keys read without the company', () => {
		expect(keyText({ dataAreaId: 'usmf', SalesOrderNumber: 'SO-1' })).toBe('SO-1');
		expect(keyText({ dataAreaId: 'usmf', JournalBatchNumber: 'J1', LineNumber: 2 })).toBe('J1/2');
	});

	it('a dry run takes no lock; otherwise the configured one', () => {
		const lock = async <T>(_name: string, work: () => Promise<T>) => await work();
		expect(postingLock({ dryRun: true, lock })).toBe(withoutLock);
		expect(postingLock({ lock })).toBe(lock);
		expect(postingLock({})).toBe(withoutLock);
	});
});
