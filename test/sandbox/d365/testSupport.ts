/**
 * Test helpers for the F&O sandbox's own tests: one in-process sandbox per test file, reset before
 * each test (faults cleared) with a freshly minted Entra token, and an OData client that calls it as
 * the pack does (bearer token, JSON). Call useD365Sandbox() at the top of the file, before the file's
 * own hooks, so the reset runs first.
 */
import { FaultInjector } from '../common/faults';
import { RequestLog } from '../common/requestLog';
import { startD365Sandbox, type D365Sandbox } from './index';

export function useD365Sandbox() {
	let sandbox: D365Sandbox | undefined;
	let token = '';
	const faults = new FaultInjector();

	beforeAll(async () => {
		sandbox = await startD365Sandbox({}, { host: '127.0.0.1', log: new RequestLog(), faults });
	});
	afterAll(() => sandbox?.close());
	beforeEach(async () => {
		await running().reset();
		faults.clear();
		token = running().entra.mintAccessToken();
	});

	function running(): D365Sandbox {
		if (!sandbox) throw new Error('the F&O sandbox is not started (use it inside a test or hook)');
		return sandbox;
	}

	/**
	 * An OData call under `<environment>/data/`, e.g. call('GET', 'SalesOrderHeadersV2?$top=1').
	 * `json` is the parsed body, undefined when the body is empty or not JSON (an HTML gateway page).
	 */
	async function call(method: string, path: string, body?: unknown) {
		const res = await fetch(`${running().manifest.environmentUrl}/data/${path}`, {
			method,
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json: any;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, headers: res.headers, text, json };
	}

	return {
		/** The running sandbox (started in beforeAll). */
		get sandbox(): D365Sandbox {
			return running();
		},
		/** The F&O environment URL (the token audience; OData lives under `/data/`). */
		get env(): string {
			return running().manifest.environmentUrl;
		},
		/** The fault injector the sandbox's servers consult; cleared before each test. */
		faults,
		/** The bearer token call() sends, fresh before each test; a test may replace it ('' = none). */
		get token(): string {
			return token;
		},
		set token(value: string) {
			token = value;
		},
		call,
		/** An admin route of the sandbox, e.g. admin('PUT', ['switches'], { pageSize: 2 }). */
		admin: (method: string, path: string[], body?: unknown) =>
			running().admin(method, path, body, new URLSearchParams()),
	};
}
