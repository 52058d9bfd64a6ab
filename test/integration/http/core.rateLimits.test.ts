/**
 * The shared HTTP core and rate limits, against loopback servers: a 429 waits as each service says
 * (BigCommerce's X-Rate-Limit-Time-Reset-Ms, F&O's Retry-After, back-off when no header says),
 * gives up after the attempt bound, and requests are paced against BigCommerce's shared quota.
 */
import type { ServerResponse } from 'node:http';

import { serviceRequest } from '../../../nodes/common/http';
import { bigCommerceAdapter, bigCommerceRequest } from '../../../nodes/BigCommerce/transport';
import { foAdapter, foRequest } from '../../../nodes/MicrosoftDynamicsFo/transport';
import { json, type Script } from '../../support/scriptedServer';
import {
	type Seen,
	ACCESS_TOKEN,
	bcContext,
	fast,
	FO_BEARER,
	foContext,
	resetBigCommercePacingBeforeEach,
	withServer,
} from './coreSupport';

resetBigCommercePacingBeforeEach();

/** Answers the first request 429 with this body and these headers, every later one with `then`. */
const throttledOnce =
	(body: unknown, headers: Record<string, string>, then: (res: ServerResponse) => void): Script =>
	(_req, res, i) =>
		i === 0 ? json(res, 429, body, headers) : then(res);

describe('429 handling', () => {
	it('BigCommerce: waits X-Rate-Limit-Time-Reset-Ms, then succeeds', async () => {
		await withServer(
			throttledOnce(
				{},
				{
					'X-Rate-Limit-Time-Reset-Ms': '400',
					'X-Rate-Limit-Time-Window-Ms': '30000',
					'X-Rate-Limit-Requests-Quota': '150',
					'X-Rate-Limit-Requests-Left': '0',
				},
				(res) => json(res, 200, { id: 1 }),
			),
			async (url, seen) => {
				const response = await bigCommerceRequest(bcContext(url), {
					method: 'GET',
					version: 'v2',
					path: '/store',
				});
				expect(response.body).toEqual({ id: 1 });
				expect(response.attempts).toBe(2);
				expect(seen).toHaveLength(2);
				expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(380);
				expect(seen[0].headers['x-auth-token']).toBe(ACCESS_TOKEN);
				expect(seen[0].url).toBe('/stores/store1/v2/store');
			},
		);
	});

	it('BigCommerce: a 429 without rate-limit headers (platform load) is backed off and retried', async () => {
		await withServer(
			(_req, res, i) => (i < 2 ? json(res, 429, {}) : json(res, 200, { ok: true })),
			async (url, seen) => {
				const ctx = bcContext(url);
				const response = await serviceRequest(
					ctx,
					{ ...bigCommerceAdapter, backoff: fast },
					{
						method: 'GET',
						url: `${url}/stores/store1/v3/hooks`,
					},
				);
				expect(response.statusCode).toBe(200);
				expect(seen).toHaveLength(3);
			},
		);
	});

	it('F&O: waits Retry-After seconds, and re-sends a throttled write (it was not processed)', async () => {
		await withServer(
			throttledOnce(
				{ error: { message: 'This request could not be processed at this time' } },
				{ 'Retry-After': '1' },
				(res) => json(res, 201, { SalesOrderNumber: 'SO-1' }),
			),
			async (url, seen) => {
				const response = await foRequest(foContext(url), {
					method: 'POST',
					path: '/SalesOrderHeadersV2',
					body: { a: 1 },
				});
				expect(response.statusCode).toBe(201);
				expect(seen).toHaveLength(2);
				expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(950);
				expect(seen[0].headers.authorization).toBe(`Bearer ${FO_BEARER}`);
				expect(seen[0].url).toBe('/data/SalesOrderHeadersV2');
			},
		);
	});

	it('gives up after the attempt bound with the rate limit named', async () => {
		await withServer(
			(_req, res) => json(res, 429, {}, { 'Retry-After': '0' }),
			async (url, seen) => {
				const ctx = foContext(url);
				await expect(
					serviceRequest(
						ctx,
						{ ...foAdapter, backoff: fast, maxAttempts: 3 },
						{ method: 'GET', url: `${url}/data/Currencies` },
					),
				).rejects.toThrow(/rate limited after 3 attempts/);
				expect(seen).toHaveLength(3);
			},
		);
	});
});

/** Two BigCommerce order reads in a row from a server whose every answer carries these headers. */
async function readOrdersTwice(rateLimitHeaders: Record<string, string>): Promise<Seen> {
	let requests: Seen = [];
	await withServer(
		(_req, res) => json(res, 200, [], rateLimitHeaders),
		async (url, seen) => {
			const ctx = bcContext(url);
			await bigCommerceRequest(ctx, { method: 'GET', version: 'v2', path: '/orders' });
			await bigCommerceRequest(ctx, { method: 'GET', version: 'v2', path: '/orders' });
			requests = seen;
		},
	);
	return requests;
}

describe('pacing against the shared BigCommerce quota', () => {
	it('spreads requests over the rest of the window when few are left', async () => {
		const seen = await readOrdersTwice({
			'X-Rate-Limit-Time-Reset-Ms': '900',
			'X-Rate-Limit-Time-Window-Ms': '30000',
			'X-Rate-Limit-Requests-Quota': '150',
			'X-Rate-Limit-Requests-Left': '2',
		});
		// 2 left of 150 with ~900 ms to go: the second request waits about a third of it.
		expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(200);
	});

	it('does not slow a store with quota to spare', async () => {
		const seen = await readOrdersTwice({
			'X-Rate-Limit-Time-Reset-Ms': '20000',
			'X-Rate-Limit-Requests-Quota': '150',
			'X-Rate-Limit-Requests-Left': '120',
		});
		expect(seen).toHaveLength(2);
		expect(seen[1].at - seen[0].at).toBeLessThan(5000); // no wait until the reset
	});
});
