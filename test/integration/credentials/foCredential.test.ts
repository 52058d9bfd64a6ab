/**
 * The F&O credential as n8n uses it: its async `authenticate` runs on every request made through
 * httpRequestWithAuthentication, MSAL answers from its per-process cache, and token requests are
 * counted at the sandbox's Entra endpoint. The OData side here is a loopback server that checks
 * each bearer token the way F&O does (signature, expiry, audience, tenant).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { MicrosoftDynamicsFoApi } from '../../../credentials/MicrosoftDynamicsFoApi.credentials';
import { clearTokenApplications } from '../../../credentials/common/foToken';
import { foRequest } from '../../../nodes/MicrosoftDynamicsFo/transport';
import { FaultInjector } from '../../sandbox/common/faults';
import { RequestLog } from '../../sandbox/common/requestLog';
import { EntraSandbox } from '../../sandbox/d365/entra';
import { createContext } from '../../support/n8n/context';
import { testCredential } from '../../support/n8n/credentials';
import { json, startScriptedServer } from '../../support/scriptedServer';

const TENANT = '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const CLIENT_ID = 'b3c1a2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const CLIENT_SECRET = 'sandbox-client-secret-Qw9~xY2.zT7';

let entra: EntraSandbox;
let fo: Awaited<ReturnType<typeof startScriptedServer>>;
let environmentUrl: string;
const seenTokens: Array<{ ok: boolean; reason?: string }> = [];
/** The app F&O has on its Microsoft Entra applications page. */
let registeredInFo = CLIENT_ID;

beforeAll(async () => {
	fo = await startScriptedServer((req, res) => {
		const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
		const check = entra.checkAccessToken(
			token,
			environmentUrl,
			(appId) => appId.toLowerCase() === registeredInFo,
		);
		seenTokens.push({ ok: check.ok, reason: check.reason });
		if (!check.ok) return json(res, 401, '');
		json(res, 200, { value: [{ dataAreaId: 'usmf', LegalEntityId: 'usmf' }] });
	});
	environmentUrl = fo.url;
	entra = new EntraSandbox({
		host: '127.0.0.1',
		tenantId: TENANT,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		resource: () => environmentUrl,
	});
	await entra.start({ host: '127.0.0.1', log: new RequestLog(), faults: new FaultInjector() });
});

afterAll(async () => {
	await entra.close();
	await fo.close();
});

beforeEach(() => {
	clearTokenApplications();
	entra.resetStats();
	entra.clearFailures();
	entra.expiresIn = 3599;
	seenTokens.length = 0;
});

afterEach(() => jest.useRealTimers());

function credentialData(
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		environmentUrl,
		tenantId: TENANT,
		clientId: CLIENT_ID,
		authentication: 'clientSecret',
		clientSecret: CLIENT_SECRET,
		authorityHost: entra.authorityHost,
		tokenUrl: entra.tokenUrl,
		dataAreaId: 'usmf',
		...overrides,
	};
}

/** One n8n execution: a fresh context, as n8n builds one per run, over the same process. */
function execution(data = credentialData()) {
	return createContext({
		credentials: { microsoftDynamicsFoApi: { type: new MicrosoftDynamicsFoApi(), data } },
	});
}

const readLegalEntities = (ctx: ReturnType<typeof execution>) =>
	foRequest(ctx, { method: 'GET', path: '/LegalEntities' });

describe('token acquisition through the credential', () => {
	it('two executions share one token: one request at the token endpoint', async () => {
		await readLegalEntities(execution());
		await readLegalEntities(execution());
		expect(entra.stats().tokenRequests).toBe(1);
		expect(entra.stats().scopes).toEqual([`${environmentUrl}/.default`]);
		expect(seenTokens).toEqual([
			{ ok: true, reason: undefined },
			{ ok: true, reason: undefined },
		]);
	});

	it('renews inside the 5-minute window before F&O would refuse the token', async () => {
		jest.useFakeTimers({
			doNotFake: [
				'nextTick',
				'setImmediate',
				'clearImmediate',
				'queueMicrotask',
				'setTimeout',
				'clearTimeout',
				'setInterval',
				'clearInterval',
			],
		});
		await readLegalEntities(execution());
		jest.setSystemTime(Date.now() + 3290 * 1000); // 309 s left: still served from the cache
		await readLegalEntities(execution());
		expect(entra.stats().tokenRequests).toBe(1);
		jest.setSystemTime(Date.now() + 20 * 1000); // 289 s left: inside MSAL's renewal window
		await readLegalEntities(execution());
		expect(entra.stats().tokenRequests).toBe(2);
		jest.setSystemTime(Date.now() + 3500 * 1000); // the first token is long expired
		await readLegalEntities(execution());
		expect(entra.stats().tokenRequests).toBe(3);
		expect(seenTokens.every((t) => t.ok)).toBe(true);
	});

	it('authenticates with a certificate: the endpoint checks the client assertion', async () => {
		const data = credentialData({
			authentication: 'certificate',
			clientSecret: '',
			privateKey: entra.certificate.privateKeyPem,
			// The portal shows colon-separated thumbprints; the credential accepts them.
			thumbprintSha256: entra.certificate.thumbprintSha256.match(/../g)!.join(':').toUpperCase(),
		});
		await readLegalEntities(execution(data));
		const stats = entra.stats();
		expect(stats.byCredential).toEqual({ secret: 0, certificate: 1, none: 0 });
		expect(stats.issued).toBe(1);
		expect(seenTokens[0].ok).toBe(true);
	});

	it('normalises the environment URL so the audience matches', async () => {
		const data = credentialData({
			environmentUrl: `${environmentUrl.toUpperCase().replace('HTTP', 'http')}/`,
		});
		await readLegalEntities(execution(data));
		expect(entra.stats().scopes).toEqual([`${environmentUrl}/.default`]);
		expect(seenTokens[0].ok).toBe(true);
	});

	it('refuses a plain-http environment that is not loopback', async () => {
		const data = credentialData({ environmentUrl: 'http://contoso.operations.dynamics.com' });
		await expect(readLegalEntities(execution(data))).rejects.toThrow(
			'The environment URL must use https.',
		);
		expect(entra.stats().tokenRequests).toBe(0);
	});

	it('a wrong secret gives the AADSTS reason and a hint, never the secret', async () => {
		const wrong = 'definitely-the-wrong-secret-123';
		const error = await readLegalEntities(execution(credentialData({ clientSecret: wrong }))).catch(
			(e: Error) => e,
		);
		expect((error as Error).message).toMatch(/AADSTS7000215: Invalid client secret provided/);
		expect((error as Error).message).toMatch(/client secret is wrong or expired/);
		const everything = JSON.stringify(error, Object.getOwnPropertyNames(error));
		expect(everything).not.toContain(wrong);
		expect(everything).not.toContain(CLIENT_SECRET);
	});
});

describe('the credential test request', () => {
	it('succeeds against the environment', async () => {
		expect(await testCredential(new MicrosoftDynamicsFoApi(), credentialData())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	it('explains a wrong secret', async () => {
		const result = await testCredential(
			new MicrosoftDynamicsFoApi(),
			credentialData({ clientSecret: 'nope-nope-nope' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/AADSTS7000215/);
	});

	it('explains a token F&O refuses (401): app not registered in F&O', async () => {
		registeredInFo = 'another-app';
		try {
			const result = await testCredential(new MicrosoftDynamicsFoApi(), credentialData());
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(
					/F&O refused the token \(401\).*Microsoft Entra applications/,
				),
			});
			expect(seenTokens.at(-1)).toEqual({ ok: false, reason: 'app not registered in F&O' });
		} finally {
			registeredInFo = CLIENT_ID;
		}
	});

	it('explains an environment URL Entra does not know', async () => {
		const result = await testCredential(
			new MicrosoftDynamicsFoApi(),
			credentialData({ environmentUrl: 'https://typo.operations.dynamics.com' }),
		);
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/AADSTS500011.*check the environment URL/),
		});
	});
});
