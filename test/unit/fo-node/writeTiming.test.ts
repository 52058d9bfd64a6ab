/** The posting operations' write timing options: offered on every write, read in minutes. */
import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import {
	writeTimingFrom,
	writeTimingOptions,
} from '../../../nodes/MicrosoftDynamicsFo/actions/writeTiming';
import { DEFAULT_WRITE_TIMEOUT_MS } from '../../../nodes/MicrosoftDynamicsFo/posting/writeTiming';

describe('write timing options', () => {
	it('the timeout default is the engine default, in minutes', () => {
		const timeout = writeTimingOptions.find((o) => o.name === 'writeTimeoutMinutes');
		expect(timeout?.default).toBe(DEFAULT_WRITE_TIMEOUT_MS / 60_000);
	});

	it('every posting operation offers them in its Options', () => {
		const properties = new MicrosoftDynamicsFo().description.properties;
		const withTiming = properties
			.filter((p) => p.name === 'options')
			.filter((p) => (p.options ?? []).some((o) => 'name' in o && o.name === 'writeTimeoutMinutes'))
			.map((p) => p.displayOptions?.show);
		expect(withTiming).toEqual(
			expect.arrayContaining([
				{ resource: ['customer'], operation: ['upsert'] },
				{ resource: ['salesOrder'], operation: ['create'] },
				{ resource: ['payment'], operation: ['post'] },
				{ resource: ['creditNote'], operation: ['create'] },
			]),
		);
	});

	it('minutes become milliseconds; unset or 0 leaves the defaults', () => {
		expect(writeTimingFrom({ writeTimeoutMinutes: 20, settleWindowMinutes: 0.5 })).toEqual({
			writeTimeoutMs: 1_200_000,
			settleWindowMs: 30_000,
		});
		expect(writeTimingFrom({ writeTimeoutMinutes: 0 })).toEqual({
			writeTimeoutMs: undefined,
			settleWindowMs: undefined,
		});
	});
});
