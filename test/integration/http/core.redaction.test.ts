/**
 * The shared HTTP core keeps secrets out of errors, against loopback servers: an access token,
 * client secret or bearer token a service echoes back is redacted, and a transport failure carries
 * no request headers.
 */
import { bigCommerceRequest } from '../../../nodes/BigCommerce/transport';
import { json } from '../../support/scriptedServer';
import {
	ACCESS_TOKEN,
	bcContext,
	CLIENT_SECRET,
	FO_BEARER,
	resetBigCommercePacingBeforeEach,
	withServer,
} from './coreSupport';

resetBigCommercePacingBeforeEach();

/** What a BigCommerce `POST /v3/hooks` against `url` fails with. */
const postHookError = (url: string) =>
	bigCommerceRequest(bcContext(url), {
		method: 'POST',
		version: 'v3',
		path: '/hooks',
		body: {},
	}).catch((e: unknown) => e);

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
				const error = await postHookError(url);
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
				const error = await postHookError(url);
				const everything = JSON.stringify(error, Object.getOwnPropertyNames(error));
				expect(everything).not.toContain(ACCESS_TOKEN);
			},
		);
	});
});
