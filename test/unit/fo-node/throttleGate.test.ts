/**
 * F&O's 429 holds every request to the environment, not only the refused one: after a throttled
 * answer the adapter's pacing makes the other requests to that environment (the items posted at
 * once) wait out the same Retry-After, other environments are not held, and a shorter later
 * Retry-After does not cut the wait short. Checks the computed waits, never elapsed time.
 */
import type { ServiceRequest, ServiceResponse } from '../../../nodes/common/http';
import { foAdapter } from '../../../nodes/MicrosoftDynamicsFo/transport';

const request = (url: string): ServiceRequest => ({ method: 'GET', url });
const answer = (statusCode: number, retryAfter?: string): ServiceResponse => ({
	statusCode,
	headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
	body: {},
	attempts: 1,
});
const waitFor = (url: string) => foAdapter.pacingDelayMs?.(request(url)) ?? 0;

describe('F&O throttling is shared per environment', () => {
	it('a 429 with Retry-After holds the other requests to the same environment only', () => {
		const env = 'https://held.operations.example/data/SalesOrderHeadersV2';
		expect(waitFor(env)).toBe(0);
		foAdapter.observe?.(request(env), answer(429, '30'));
		const held = waitFor('https://held.operations.example/data/CustomersV3?$top=1');
		expect(held).toBeGreaterThan(25_000);
		expect(held).toBeLessThanOrEqual(30_000);
		expect(waitFor('https://other.operations.example/data/CustomersV3')).toBe(0);

		// A later, shorter Retry-After does not shorten the hold.
		foAdapter.observe?.(request(env), answer(429, '1'));
		expect(waitFor(env)).toBeGreaterThan(25_000);
	});

	it('answers other than 429, and a 429 without Retry-After (the request backs off alone), hold nothing', () => {
		const env = 'https://free.operations.example/data/SalesOrderHeadersV2';
		foAdapter.observe?.(request(env), answer(200, '30'));
		foAdapter.observe?.(request(env), answer(503, '30'));
		foAdapter.observe?.(request(env), answer(429));
		expect(waitFor(env)).toBe(0);
	});

	it('a Retry-After of 0 is only a short pause', () => {
		const env = 'https://zero.operations.example/data/SalesOrderHeadersV2';
		foAdapter.observe?.(request(env), answer(429, '0'));
		expect(waitFor(env)).toBeLessThanOrEqual(50);
	});
});
