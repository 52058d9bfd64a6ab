/**
 * The whole sandbox for a test file, with the two credentials as n8n would hold them and small
 * helpers: admin calls, store orders fetched the way the BigCommerce node fetches them, F&O state
 * read without auth, and request counts from the sandbox's log.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { BigCommerceApi } from '../../credentials/BigCommerceApi.credentials';
import { MicrosoftDynamicsFoApi } from '../../credentials/MicrosoftDynamicsFoApi.credentials';
import { getOrder } from '../../nodes/BigCommerce/api';
import { resetBigCommercePacing } from '../../nodes/BigCommerce/transport';
import { clearTokenApplications } from '../../credentials/common/foToken';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';
import { createContext, emptyStaticData, type ContextOptions } from './n8n/context';

export interface SandboxFixture {
	sandbox: Sandbox;
	bigCommerceCredentials: ICredentialDataDecryptedObject;
	foCredentials: ICredentialDataDecryptedObject;
	credentials: NonNullable<ContextOptions['credentials']>;
	admin<T = any>(method: string, path: string, body?: unknown): Promise<T>;
	/** A node context with both credentials (one "execution"). */
	context(options?: Omit<ContextOptions, 'credentials'>): ReturnType<typeof createContext>;
	/** Create a store order through the admin API and read it back as the BigCommerce node does. */
	storeOrder(spec: IDataObject): Promise<IDataObject>;
	/** F&O records of a set (no auth, for assertions). */
	records(entitySet: string, dataAreaId?: string): Promise<IDataObject[]>;
	/** Requests the sandbox logged for a service since `sinceSeq`. */
	requests(
		service: 'bigcommerce' | 'd365' | 'entra',
		sinceSeq?: number,
		route?: string,
	): ReturnType<Sandbox['log']['list']>;
	lastSeq(): number;
	reset(): Promise<void>;
	close(): Promise<void>;
}

export async function startSandboxFixture(options: SandboxOptions = {}): Promise<SandboxFixture> {
	const sandbox = await startSandbox(options);
	const m = sandbox.manifest;
	const bigCommerceCredentials = {
		storeHash: m.bigcommerce.storeHash,
		accessToken: m.bigcommerce.accessToken,
		clientSecret: m.bigcommerce.clientSecret,
		baseUrl: m.bigcommerce.baseUrl,
	};
	const foCredentials = {
		environmentUrl: m.d365.environmentUrl,
		tenantId: m.d365.tenantId,
		clientId: m.d365.clientId,
		authentication: 'clientSecret',
		clientSecret: m.d365.clientSecret,
		authorityHost: m.d365.authorityHost,
		tokenUrl: m.d365.tokenUrl,
		dataAreaId: m.d365.dataAreaId,
	};
	const credentials = {
		bigCommerceApi: { type: new BigCommerceApi(), data: bigCommerceCredentials },
		microsoftDynamicsFoApi: { type: new MicrosoftDynamicsFoApi(), data: foCredentials },
	};
	const admin = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${m.admin.baseUrl}${path}`, {
			method,
			headers: body === undefined ? undefined : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	};
	const fixture: SandboxFixture = {
		sandbox,
		bigCommerceCredentials,
		foCredentials,
		credentials,
		admin,
		context: (opts = {}) => createContext({ staticData: emptyStaticData(), ...opts, credentials }),
		async storeOrder(spec) {
			const created = await admin('POST', '/bigcommerce/orders', spec);
			const id = Number(created.id ?? created.order?.id);
			return (await getOrder(fixture.context(), id)) as IDataObject;
		},
		async records(entitySet, dataAreaId) {
			const q = dataAreaId ? `?dataAreaId=${encodeURIComponent(dataAreaId)}` : '';
			const body = await admin('GET', `/d365/entities/${entitySet}${q}`);
			return (Array.isArray(body) ? body : (body.value ?? body.records ?? [])) as IDataObject[];
		},
		requests: (service, sinceSeq = 0, route) => sandbox.log.list({ service, sinceSeq, route }),
		lastSeq: () => sandbox.log.lastSeq,
		async reset() {
			await admin('POST', '/reset');
			clearTokenApplications();
			resetBigCommercePacing();
		},
		close: () => sandbox.close(),
	};
	return fixture;
}
