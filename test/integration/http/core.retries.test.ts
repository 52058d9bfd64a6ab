/**
 * The shared HTTP core's retries of reads, against loopback servers: a 5xx or a dropped connection
 * is retried up to the attempt bound, the service's own message is surfaced when it gives up, and
 * a 4xx (or an accepted status) is not retried.
 */
import { serviceRequest } from '../../../nodes/common/http';
import { bigCommerceAdapter, bigCommerceRequest } from '../../../nodes/BigCommerce/transport';
import { foAdapter } from '../../../nodes/MicrosoftDynamicsFo/transport';
import { json } from '../../support/scriptedServer';
import {
	bcContext,
	fast,
	foContext,
	resetBigCommercePacingBeforeEach,
	withServer,
} from './coreSupport';

resetBigCommercePacingBeforeEach();

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
