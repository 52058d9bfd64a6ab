/**
 * How the shared HTTP core fails a write, against loopback servers: a write that may have been
 * processed (timeout, dropped connection, gateway 502) is reported as outcome-unknown and never
 * re-sent; one that surely was not (connection refused) is retried; F&O's AxODataWriteException is
 * permanent whatever its status, with the Infolog text surfaced.
 */
import { isOutcomeUnknown } from '../../../nodes/common/errors';
import { serviceRequest } from '../../../nodes/common/http';
import { foAdapter, foRequest } from '../../../nodes/MicrosoftDynamicsFo/transport';
import { json, startScriptedServer } from '../../support/scriptedServer';
import { fast, foContext, resetBigCommercePacingBeforeEach, withServer } from './coreSupport';

resetBigCommercePacingBeforeEach();

/** What an F&O OData `POST <path>` against `url` fails with (through foRequest, default adapter). */
const foPostError = (url: string, path: string, body: unknown) =>
	foRequest(foContext(url), { method: 'POST', path, body }).catch((e: unknown) => e);

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
				const error = await foPostError(url, '/SalesOrderLines', { x: 1 });
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
				const error = await foPostError(url, '/CustomersV3', { a: 1 });
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
					const error = await foPostError(url, '/SalesOrderLines', { a: 1 });
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
