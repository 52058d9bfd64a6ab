/**
 * The BigCommerce sandbox in-process for the node's integration tests: a store with its own
 * request log and fault injector, an execute context carrying the credential, and helpers that
 * read the calls the node made from the sandbox's request log.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { BigCommerceApi } from '../../../credentials/BigCommerceApi.credentials';
import { BigCommerce } from '../../../nodes/BigCommerce/BigCommerce.node';
import { resetBigCommercePacing } from '../../../nodes/BigCommerce/transport';
import {
	startBigCommerceSandbox,
	type BigCommerceSandbox,
	type BigCommerceSandboxOptions,
} from '../../sandbox/bigcommerce';
import { FaultInjector } from '../../sandbox/common/faults';
import { RequestLog, type LoggedRequest } from '../../sandbox/common/requestLog';
import { createContext, type ContextOptions } from '../../support/n8n/context';

export interface StoreUnderTest {
	sandbox: BigCommerceSandbox;
	log: RequestLog;
	faults: FaultInjector;
	credentials: { storeHash: string; accessToken: string; clientSecret: string; baseUrl: string };
	close(): Promise<void>;
}

export async function startStore(options: BigCommerceSandboxOptions = {}): Promise<StoreUnderTest> {
	const log = new RequestLog();
	const faults = new FaultInjector();
	const sandbox = await startBigCommerceSandbox(
		// A short quota window keeps 429 waits (X-Rate-Limit-Time-Reset-Ms) to about a second.
		{ windowMs: 1000, ...options },
		{ host: '127.0.0.1', log, faults },
	);
	const manifest = sandbox.manifest as {
		baseUrl: string;
		storeHash: string;
		accessToken: string;
		clientSecret: string;
	};
	return {
		sandbox,
		log,
		faults,
		credentials: {
			storeHash: manifest.storeHash,
			accessToken: manifest.accessToken,
			clientSecret: manifest.clientSecret,
			baseUrl: manifest.baseUrl,
		},
		close: () => sandbox.close(),
	};
}

/** An execute context with the store's credential. */
export function storeContext(store: StoreUnderTest, options: ContextOptions = {}) {
	resetBigCommercePacing();
	return createContext({
		...options,
		credentials: { bigCommerceApi: { type: new BigCommerceApi(), data: { ...store.credentials } } },
	});
}

/** Run the node on the items (default one empty item) and return its only output. */
export async function runNode(
	store: StoreUnderTest,
	parameters: Record<string, unknown>,
	options: Omit<ContextOptions, 'parameters'> = {},
): Promise<INodeExecutionData[]> {
	const ctx = storeContext(store, { ...options, parameters });
	const output = await new BigCommerce().execute.call(ctx as never);
	return output[0];
}

/** The log is written when a response closes; let the last one land before reading it. */
export async function callsSince(store: StoreUnderTest, seq: number): Promise<LoggedRequest[]> {
	await new Promise((resolve) => setTimeout(resolve, 25));
	return store.log.list({ service: 'bigcommerce', sinceSeq: seq });
}

export const routesOf = (calls: LoggedRequest[]) => calls.map((c) => `${c.route} ${c.status}`);

/** Create an order through the sandbox's admin API (as a store event would). */
export async function createOrder(store: StoreUnderTest, spec: IDataObject): Promise<IDataObject> {
	const result = await store.sandbox.admin('POST', ['orders'], spec, new URLSearchParams());
	if (!result || result.status !== 201)
		throw new Error(`order not created: ${JSON.stringify(result?.body)}`);
	return result.body as IDataObject;
}

export async function adminCall(
	store: StoreUnderTest,
	method: string,
	path: string,
	body?: unknown,
): Promise<IDataObject> {
	const result = await store.sandbox.admin(
		method,
		path.split('/').filter(Boolean),
		body,
		new URLSearchParams(),
	);
	if (!result || result.status >= 300)
		throw new Error(`admin ${method} ${path}: ${JSON.stringify(result?.body)}`);
	return result.body as IDataObject;
}

/** `count` lines cycling through a few catalog SKUs. */
export function lines(count: number): Array<{ sku: string; quantity: number }> {
	const skus = ['TENT-2P-ALPINE', 'LAMP-HEAD-400', 'STOVE-CANISTER', 'BOTTLE-STEEL-1L'];
	return Array.from({ length: count }, (_, i) => ({
		sku: skus[i % skus.length],
		quantity: 1 + (i % 3),
	}));
}
