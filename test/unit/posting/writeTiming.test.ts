/** Write timeout, settle window and the settling lookup of an unknown outcome. */
import type { INode } from 'n8n-workflow';

import { OutcomeUnknownError, serviceError } from '../../../nodes/common/errors';
import {
	DEFAULT_WRITE_TIMEOUT_MS,
	settledLookup,
	settlePolicy,
	writeTimingOf,
} from '../../../nodes/MicrosoftDynamicsFo/posting/writeTiming';

describe('write timing', () => {
	it('defaults to minutes, the window to the timeout', () => {
		expect(DEFAULT_WRITE_TIMEOUT_MS).toBeGreaterThanOrEqual(10 * 60_000);
		expect(writeTimingOf({})).toEqual({
			timeoutMs: DEFAULT_WRITE_TIMEOUT_MS,
			settleWindowMs: DEFAULT_WRITE_TIMEOUT_MS,
		});
		expect(writeTimingOf({ writeTimeoutMs: 300 })).toEqual({ timeoutMs: 300, settleWindowMs: 300 });
		expect(writeTimingOf({ writeTimeoutMs: 300, settleWindowMs: 0 }).settleWindowMs).toBe(0);
		expect(writeTimingOf({ writeTimeoutMs: 0 }).timeoutMs).toBe(DEFAULT_WRITE_TIMEOUT_MS);
	});

	it('polls a real window every few seconds at first, at most once a minute', () => {
		expect(settlePolicy(DEFAULT_WRITE_TIMEOUT_MS)).toEqual({
			baseDelayMs: 2000,
			maxDelayMs: 60_000,
		});
		const scaled = settlePolicy(300);
		expect(scaled.baseDelayMs).toBeLessThanOrEqual(scaled.maxDelayMs);
		expect(scaled.maxDelayMs).toBeLessThanOrEqual(300);
	});
});

describe('settledLookup', () => {
	it('keeps looking until the record appears', async () => {
		let looks = 0;
		const found = await settledLookup(async () => (++looks >= 4 ? 'SO-1' : undefined), {
			timeoutMs: 1,
			settleWindowMs: 5_000,
		});
		expect(found).toBe('SO-1');
		expect(looks).toBe(4);
	});

	it('concludes absent only after the window, with a last look', async () => {
		let looks = 0;
		const found = await settledLookup(
			async () => {
				looks++;
				return undefined;
			},
			{ timeoutMs: 1, settleWindowMs: 60 },
		);
		expect(found).toBeUndefined();
		expect(looks).toBeGreaterThan(2);
	});

	it('a zero window looks once', async () => {
		let looks = 0;
		await settledLookup(
			async () => {
				looks++;
				return undefined;
			},
			{ timeoutMs: 1, settleWindowMs: 0 },
		);
		expect(looks).toBe(1);
	});

	const node = {
		name: 'F&O',
		type: 't',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as INode;
	const unreachable = () =>
		serviceError(node, { service: 'F&O', message: 'could not reach the service', attempts: 5 });

	it('a look that fails for want of F&O is tried again within the window', async () => {
		let looks = 0;
		const found = await settledLookup(
			async () => {
				looks++;
				if (looks < 3) throw unreachable();
				return 'SO-1';
			},
			{ timeoutMs: 1, settleWindowMs: 5_000 },
		);
		expect(found).toBe('SO-1');
	});

	it('F&O unavailable to the end of the window: its error, never "absent"', async () => {
		await expect(
			settledLookup(
				async () => {
					throw unreachable();
				},
				{ timeoutMs: 1, settleWindowMs: 40 },
			),
		).rejects.toThrow('could not reach the service');
	});

	it('a refused look (4xx) or an unknown outcome is not waited out', async () => {
		let looks = 0;
		const refused = serviceError(node, {
			service: 'F&O',
			message: 'denied',
			httpCode: 403,
			attempts: 1,
		});
		await expect(
			settledLookup(
				async () => {
					looks++;
					throw refused;
				},
				{ timeoutMs: 1, settleWindowMs: 5_000 },
			),
		).rejects.toBe(refused);
		const unknown = new OutcomeUnknownError(node, { service: 'F&O', message: 'x', attempts: 1 });
		await expect(
			settledLookup(
				async () => {
					throw unknown;
				},
				{ timeoutMs: 1, settleWindowMs: 5_000 },
			),
		).rejects.toBe(unknown);
		expect(looks).toBe(1);
	});

	it('a lookup that throws (a part found) ends the wait', async () => {
		await expect(
			settledLookup(
				async () => {
					throw new Error('2 of 3 lines');
				},
				{ timeoutMs: 1, settleWindowMs: 1000 },
			),
		).rejects.toThrow('2 of 3 lines');
	});
});
