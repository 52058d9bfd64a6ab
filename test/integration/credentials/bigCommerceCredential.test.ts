import { BigCommerceApi } from '../../../credentials/BigCommerceApi.credentials';
import { testCredential } from '../../support/n8n/credentials';
import { json, startScriptedServer } from '../../support/scriptedServer';

const TOKEN = 'store-token-0123456789abcdef';

describe('BigCommerce credential test request', () => {
	let store: Awaited<ReturnType<typeof startScriptedServer>>;

	beforeAll(async () => {
		store = await startScriptedServer((req, res) => {
			if (req.url !== '/stores/abc123/v2/store')
				return json(res, 404, [{ status: 404, message: 'not found' }]);
			if (req.headers['x-auth-token'] !== TOKEN) {
				return json(res, 401, {
					status: 401,
					title: 'Unauthorized',
					type: '/api-docs/getting-started/api-status-codes',
				});
			}
			json(res, 200, { id: 'abc123', domain: 'outdoor.example' });
		});
	});
	afterAll(() => store.close());

	const data = (overrides = {}) => ({
		storeHash: 'abc123',
		accessToken: TOKEN,
		clientSecret: 'x',
		baseUrl: `${store.url}/`,
		...overrides,
	});

	it('succeeds with the right token (trailing slash on the base URL tolerated)', async () => {
		expect(await testCredential(new BigCommerceApi(), data())).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(store.seen.at(-1)?.headers['x-auth-token']).toBe(TOKEN);
	});

	it('explains a bad token', async () => {
		const result = await testCredential(new BigCommerceApi(), data({ accessToken: 'wrong' }));
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/rejected the access token \(401\)/),
		});
	});

	it('explains a wrong store hash', async () => {
		const result = await testCredential(new BigCommerceApi(), data({ storeHash: 'zzz999' }));
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/No store at this API base URL and store hash/),
		});
	});
});
