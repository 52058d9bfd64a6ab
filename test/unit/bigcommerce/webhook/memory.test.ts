import type { IDataObject } from 'n8n-workflow';

import {
	ensureMemoryId,
	flushWindows,
	MEMORY_ID_KEY,
	openWindow,
	saveWindow,
} from '../../../../nodes/BigCommerce/webhook/memory';
import { NOW } from './helpers';

const KEY = 'deliveryDedupe';
const copy = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data));
const keys = (data: IDataObject) =>
	(data[KEY] as { seen: Array<[string, number]> }).seen.map(([key]) => key).sort();

function record(staticData: IDataObject, identity: string): void {
	const window = openWindow(staticData, KEY, {}, NOW);
	window.record(identity, NOW);
	saveWindow(staticData, KEY, window);
}

describe('delivery memory', () => {
	it('two copies of one saved state, each recording, both end up with both entries', () => {
		const saved: IDataObject = {};
		ensureMemoryId(saved);
		const first = copy(saved);
		const second = copy(saved);
		record(first, 'bc:one');
		record(second, 'bc:two');
		expect(keys(second)).toEqual(['bc:one', 'bc:two']);
		flushWindows(first, NOW); // the first execution returns after the second recorded
		expect(keys(first)).toEqual(['bc:one', 'bc:two']);
	});

	it('keeps the memory id once set, and without one each copy keeps only its own', () => {
		const saved: IDataObject = {};
		ensureMemoryId(saved);
		const id = saved[MEMORY_ID_KEY];
		ensureMemoryId(saved);
		expect(saved[MEMORY_ID_KEY]).toBe(id);

		const first: IDataObject = {};
		const second: IDataObject = {};
		record(first, 'bc:a');
		record(second, 'bc:b');
		flushWindows(first, NOW);
		expect(keys(first)).toEqual(['bc:a']);
		expect(keys(second)).toEqual(['bc:b']);
	});

	it('another trigger (another memory id) never sees these entries', () => {
		const mine: IDataObject = {};
		const theirs: IDataObject = {};
		ensureMemoryId(mine);
		ensureMemoryId(theirs);
		record(mine, 'bc:mine');
		expect(openWindow(theirs, KEY, {}, NOW).isDuplicate('bc:mine', NOW)).toBe(false);
		expect(openWindow(copy(mine), KEY, {}, NOW).isDuplicate('bc:mine', NOW)).toBe(true);
	});
});
