/**
 * Fixtures for the shared HTTP core's integration tests (core.*.test.ts): the credentials' secrets
 * the redaction tests look for, n8n contexts whose BigCommerce and F&O credentials point at a
 * scripted loopback server, a fast back-off, and withServer() to run a test against such a server.
 * The core (nodes/common/http.ts) is tested through the real adapters and transports, so every
 * topic file needs the same contexts.
 */
import type { ICredentialType } from 'n8n-workflow';

import { BigCommerceApi } from '../../../credentials/BigCommerceApi.credentials';
import { resetBigCommercePacing } from '../../../nodes/BigCommerce/transport';
import { createContext } from '../../support/n8n/context';
import { startScriptedServer, type Script } from '../../support/scriptedServer';

export const ACCESS_TOKEN = 'bc-token-7f3a9c2e51d84b06a1e2';
export const CLIENT_SECRET = 'bc-client-secret-90d1c7e4aa';
export const FO_BEARER = 'fo-static-bearer-4b1d2c3e4f5a6b7c';

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

/** Short back-off so retry tests take milliseconds, not the adapters' real delays. */
export const fast = { baseDelayMs: 20, maxDelayMs: 200 };

/** The requests a scripted server received, in order, with the time each arrived. */
export type Seen = Awaited<ReturnType<typeof startScriptedServer>>['seen'];

/** BigCommerce pacing is shared by the process; each test starts from a fresh quota. */
export function resetBigCommercePacingBeforeEach() {
	beforeEach(() => resetBigCommercePacing());
}

/** Runs `run` against a scripted loopback server (closed afterwards); `seen` lists what reached it. */
export async function withServer(script: Script, run: (url: string, seen: Seen) => Promise<void>) {
	const server = await startScriptedServer(script);
	try {
		await run(server.url, server.seen);
	} finally {
		await server.close();
	}
}

/** An n8n context whose BigCommerce credential points at `baseUrl`. */
export function bcContext(baseUrl: string) {
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

/** An n8n context whose F&O credential is a static bearer for `environmentUrl`. */
export function foContext(environmentUrl: string) {
	return createContext({
		credentials: {
			microsoftDynamicsFoApi: { type: staticBearerFo, data: { environmentUrl, bearer: FO_BEARER } },
		},
	});
}
