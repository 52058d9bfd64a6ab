/**
 * The shared HTTP core against real loopback servers: 429 waits per service, pacing, retries of
 * reads, bounded attempts, outcome-unknown writes that are never re-sent, F&O write failures
 * classified by body, and redaction.
 */
import type { ICredentialType } from 'n8n-workflow';

import { BigCommerceApi } from '../../../credentials/BigCommerceApi.credentials';
import { isOutcomeUnknown } from '../../../nodes/common/errors';
import { serviceRequest } from '../../../nodes/common/http';
import {
	bigCommerceAdapter,
	bigCommerceRequest,
	resetBigCommercePacing,
} from '../../../nodes/BigCommerce/transport';
import { foAdapter, foRequest } from '../../../nodes/MicrosoftDynamicsFo/transport';
import { createContext } from '../../support/n8n/context';
import { json, startScriptedServer, type Script } from '../../support/scriptedServer';

const ACCESS_TOKEN = 'bc-token-7f3a9c2e51d84b06a1e2';
const CLIENT_SECRET = 'bc-client-secret-90d1c7e4aa';
const FO_BEARER = 'fo-static-bearer-4b1d2c3e4f5a6b7c';

/** Stands in for the F&O credential where the core, not token acquisition, is under test. */
const staticBearerFo: ICredentialType = {
	name: 'microsoftDynamicsFoApi',
	displayName: 'F&O (static bearer, test only)',
	properties: [],
	authenticate: {
		type: 'generic',
		properties: { headers: { Authorization: `=Bearer {{$credentials.bearer}}` } },
	},
};

const fast = { baseDelayMs: 20, maxDelayMs: 200 };

async function withServer(
	script: Script,
	run: (
		url: string,
		seen: Awaited<ReturnType<typeof startScriptedServer>>['seen'],
	) => Promise<void>,
) {
	const server = await startScriptedServer(script);
	try {
		await run(server.url, server.seen);
	} finally {
		await server.close();
	}
}

function bcContext(baseUrl: string) {
	return createContext({
		credentials: {
			bigCommerceApi: {
				type: new BigCommerceApi(),
				data: {
					storeHash: 'store1',
					accessToken: ACCESS_TOKEN,
					clientSecret: CLIENT_SECRET,
					baseUrl,
				},
			},
		},
	});
}

function foContext(environmentUrl: string) {
	return createContext({
		credentials: {
			microsoftDynamicsFoApi: { type: staticBearerFo, data: { environmentUrl, bearer: FO_BEARER } },
		},
	});
}

beforeEach(() => resetBigCommercePacing());

describe('429 handling', () => {
	it('BigCommerce: waits X-Rate-Limit-Time-Reset-Ms, then succeeds', async () => {
		await withServer(
			(_req, res, i) =>
				i === 0
					? json(
							res,
							429,
							{},
							{
								'X-Rate-Limit-Time-Reset-Ms': '400',
								'X-Rate-Limit-Time-Window-Ms': '30000',
								'X-Rate-Limit-Requests-Quota': '150',
								'X-Rate-Limit-Requests-Left': '0',
							},
						)
					: json(res, 200, { id: 1 }),
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
			(_req, res, i) =>
				i === 0
					? json(
							res,
							429,
							{ error: { message: 'This request could not be processed at this time' } },
							{ 'Retry-After': '1' },
						)
					: json(res, 201, { SalesOrderNumber: 'SO-1' }),
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

describe('pacing against the shared BigCommerce quota', () => {
	it('spreads requests over the rest of the window when few are left', async () => {
		await withServer(
			(_req, res) =>
				json(res, 200, [], {
					'X-Rate-Limit-Time-Reset-Ms': '900',
					'X-Rate-Limit-Time-Window-Ms': '30000',
					'X-Rate-Limit-Requests-Quota': '150',
					'X-Rate-Limit-Requests-Left': '2',
				}),
			async (url, seen) => {
				const ctx = bcContext(url);
				await bigCommerceRequest(ctx, { method: 'GET', version: 'v2', path: '/orders' });
				await bigCommerceRequest(ctx, { method: 'GET', version: 'v2', path: '/orders' });
				// 2 left of 150 with ~900 ms to go: the second request waits about a third of it.
				expect(seen[1].at - seen[0].at).toBeGreaterThanOrEqual(200);
			},
		);
	});

	it('does not slow a store with quota to spare', async () => {
		await withServer(
			(_req, res) =>
				json(res, 200, [], {
					'X-Rate-Limit-Time-Reset-Ms': '20000',
					'X-Rate-Limit-Requests-Quota': '150',
					'X-Rate-Limit-Requests-Left': '120',
				}),
			async (url, seen) => {
				const ctx = bcContext(url);
				await bigCommerceRequest(ctx, { method: 'GET', version: 'v2', path: '/orders' });
				await bigCommerceRequest(ctx, { method: 'GET', version: 'v2', path: '/orders' });
				expect(seen).toHaveLength(2);
				expect(seen[1].at - seen[0].at).toBeLessThan(5000); // no wait until the reset
			},
		);
	});
});

describe('retries of reads, bounded attempts', () => {
	it('retries a 5xx read and succeeds', async () => {
		await withServer(
			(_req, res, i) =>
				i < 2 ? json(res, 503, { error: { message: 'busy' } }) : json(res, 200, { value: [] }),
			async (url, seen) => {
				const response = await serviceRequest(
					foContext(url),
					{ ...foAdapter, backoff: fast },
					{
						method: 'GET',
						url: `${url}/data/Currencies`,
					},
				);
				expect(response.body).toEqual({ value: [] });
				expect(response.attempts).toBe(3);
				expect(seen).toHaveLength(3);
			},
		);
	});

	it('stops after maxAttempts and surfaces the service message', async () => {
		await withServer(
			(_req, res) => json(res, 500, [{ status: 500, message: 'Internal server error' }]),
			async (url, seen) => {
				const ctx = bcContext(url);
				const error = await serviceRequest(
					ctx,
					{ ...bigCommerceAdapter, backoff: fast, maxAttempts: 4 },
					{
						method: 'GET',
						url: `${url}/stores/store1/v2/orders/1`,
					},
				).catch((e: Error) => e);
				expect(seen).toHaveLength(4);
				expect((error as Error).message).toBe('BigCommerce: Internal server error');
				expect((error as { httpCode?: string }).httpCode).toBe('500');
			},
		);
	});

	it('retries a dropped connection on a read', async () => {
		await withServer(
			(req, res, i) => {
				if (i === 0) return void res.socket?.destroy();
				json(res, 200, { id: 5 });
			},
			async (url, seen) => {
				const response = await serviceRequest(
					bcContext(url),
					{ ...bigCommerceAdapter, backoff: fast },
					{
						method: 'GET',
						url: `${url}/stores/store1/v2/orders/5`,
					},
				);
				expect(response.body).toEqual({ id: 5 });
				expect(seen).toHaveLength(2);
			},
		);
	});

	it('does not retry a 4xx', async () => {
		await withServer(
			(_req, res) =>
				json(res, 404, [{ status: 404, message: 'The requested resource was not found.' }]),
			async (url, seen) => {
				await expect(
					bigCommerceRequest(bcContext(url), { method: 'GET', version: 'v2', path: '/orders/999' }),
				).rejects.toThrow('BigCommerce: The requested resource was not found.');
				expect(seen).toHaveLength(1);
			},
		);
	});

	it('hands accepted statuses back instead of throwing', async () => {
		await withServer(
			(_req, res) => json(res, 404, { status: 404, title: 'Not found', type: '/x' }),
			async (url) => {
				const response = await bigCommerceRequest(bcContext(url), {
					method: 'GET',
					version: 'v3',
					path: '/customers/9',
					acceptStatuses: [404],
				});
				expect(response.statusCode).toBe(404);
			},
		);
	});
});

describe('writes whose outcome is unknown are never re-sent', () => {
	it('a POST that times out is reported as outcome-unknown and sent once', async () => {
		await withServer(
			() => undefined, // never answers
			async (url, seen) => {
				const error = await serviceRequest(
					foContext(url),
					{ ...foAdapter, backoff: fast, timeoutMs: 300 },
					{
						method: 'POST',
						url: `${url}/data/SalesOrderHeadersV2`,
						body: { CustomersOrderReference: 'BC-1' },
					},
				).catch((e: unknown) => e);
				expect(isOutcomeUnknown(error)).toBe(true);
				expect((error as Error).message).toMatch(/outcome of the write is unknown \(timed out\)/);
				await new Promise((r) => setTimeout(r, 400));
				expect(seen.filter((r) => r.method === 'POST')).toHaveLength(1);
			},
		);
	});

	it('a POST whose connection drops is outcome-unknown and sent once', async () => {
		await withServer(
			(_req, res) => void res.socket?.destroy(),
			async (url, seen) => {
				const error = await foRequest(foContext(url), {
					method: 'POST',
					path: '/SalesOrderLines',
					body: { x: 1 },
				}).catch((e: unknown) => e);
				expect(isOutcomeUnknown(error)).toBe(true);
				expect(seen).toHaveLength(1);
			},
		);
	});

	it('a 502 on a POST is outcome-unknown, not retried', async () => {
		await withServer(
			(_req, res) => {
				res.writeHead(502, { 'content-type': 'text/html' });
				res.end('<html><body>Bad gateway</body></html>');
			},
			async (url, seen) => {
				const error = await foRequest(foContext(url), {
					method: 'POST',
					path: '/CustomersV3',
					body: { a: 1 },
				}).catch((e: unknown) => e);
				expect(isOutcomeUnknown(error)).toBe(true);
				expect((error as Error).message).toContain('gateway error 502');
				expect(seen).toHaveLength(1);
			},
		);
	});

	it('a POST to a closed port is retried (nothing was sent) and fails as unreachable', async () => {
		const server = await startScriptedServer(() => undefined);
		const url = server.url;
		await server.close();
		const error = await serviceRequest(
			foContext(url),
			{ ...foAdapter, backoff: fast, maxAttempts: 3 },
			{
				method: 'POST',
				url: `${url}/data/CustomersV3`,
				body: { a: 1 },
			},
		).catch((e: unknown) => e);
		expect(isOutcomeUnknown(error)).toBe(false);
		expect((error as Error).message).toMatch(
			/could not reach the service after 3 attempts \(connection refused\)/,
		);
	});
});

describe('F&O write failures are permanent, classified by body', () => {
	const writeFailure = {
		error: {
			code: '',
			message: 'An error has occurred.',
			innererror: {
				message:
					"Write failed for table row of type 'SalesOrderLineV2Entity'. Infolog: Warning: Inventory dimension Site is mandatory and must consequently be specified.; Error: Update has been canceled..",
				type: 'Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException',
				stacktrace: '   at Microsoft.Dynamics...',
			},
		},
	};

	it.each([400, 500])(
		'status %i with AxODataWriteException: permanent, Infolog text surfaced, not retried',
		async (status) => {
			await withServer(
				(_req, res) => json(res, status, writeFailure),
				async (url, seen) => {
					const error = await foRequest(foContext(url), {
						method: 'POST',
						path: '/SalesOrderLines',
						body: { a: 1 },
					}).catch((e: unknown) => e);
					expect(isOutcomeUnknown(error)).toBe(false);
					expect((error as Error).message).toBe(
						'Dynamics 365 F&O: F&O rejected the write: Warning: Inventory dimension Site is mandatory and must consequently be specified.; Error: Update has been canceled.',
					);
					expect(seen).toHaveLength(1);
				},
			);
		},
	);
});

describe('secrets never reach an error', () => {
	it('redacts the access token, client secret and bearer tokens echoed by a service', async () => {
		await withServer(
			(req, res) =>
				json(res, 400, {
					status: 400,
					title: `Bad token ${String(req.headers['x-auth-token'])} (secret ${CLIENT_SECRET})`,
					type: '/x',
					errors: { auth: `Bearer ${FO_BEARER}` },
				}),
			async (url) => {
				const error = await bigCommerceRequest(bcContext(url), {
					method: 'POST',
					version: 'v3',
					path: '/hooks',
					body: {},
				}).catch((e: unknown) => e);
				const everything =
					JSON.stringify(error, Object.getOwnPropertyNames(error)) + String((error as Error).stack);
				expect(everything).not.toContain(ACCESS_TOKEN);
				expect(everything).not.toContain(CLIENT_SECRET);
				expect(everything).not.toContain(FO_BEARER);
				expect((error as Error).message).toContain('[redacted]');
			},
		);
	});

	it('a transport failure carries no request headers', async () => {
		await withServer(
			(_req, res) => void res.socket?.destroy(),
			async (url) => {
				const error = await bigCommerceRequest(bcContext(url), {
					method: 'POST',
					version: 'v3',
					path: '/hooks',
					body: {},
				}).catch((e: unknown) => e);
				const everything = JSON.stringify(error, Object.getOwnPropertyNames(error));
				expect(everything).not.toContain(ACCESS_TOKEN);
			},
		);
	});
});
