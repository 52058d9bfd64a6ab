/**
 * Dynamics 365 Finance & Operations + Entra ID half of the sandbox: an OData server under `/data/`
 * and an Entra ID token endpoint, each on its own loopback port. Admin calls: see admin.ts.
 */
import { randomUUID } from 'node:crypto';

import type { SandboxService, ServiceContext } from '../types';
import { createD365Admin } from './admin';
import { EntraSandbox, type EntraStats } from './entra';
import { entityModel, type EntityModel } from './metadata';
import { startODataServer, type ODataServer } from './odata';
import { D365Store } from './store';
import { defaultSwitches, type D365Switches } from './switches';
import { seedStore } from './seed';

export type { D365Switches } from './switches';

export interface D365SandboxOptions extends Partial<D365Switches> {
	/** OData port (0 or undefined: any free port). */
	port?: number;
	/** Entra ID token endpoint port. */
	entraPort?: number;
	tenantId?: string;
	clientId?: string;
	clientSecret?: string;
}

export interface D365SandboxManifest extends Record<string, unknown> {
	/** `http://127.0.0.1:<port>`: lower case, no trailing slash; the OData root is `${environmentUrl}/data/`. */
	environmentUrl: string;
	/** https host for MSAL's `authority` (never resolves; use with knownAuthorities + authorityMetadata). */
	authorityHost: string;
	/** `${authorityHost}/${tenantId}` */
	authority: string;
	knownAuthorities: string[];
	/** The four fields MSAL needs as `authorityMetadata` (JSON.stringify it), token_endpoint = tokenUrl. */
	authorityMetadata: Record<string, string>;
	tokenUrl: string;
	tenantId: string;
	clientId: string;
	clientSecret: string;
	certificatePem: string;
	privateKeyPem: string;
	thumbprintSha256: string;
	/** `${environmentUrl}/.default` */
	scope: string;
	/** The service user's default company (lower case). */
	dataAreaId: string;
	/** Every legal entity seeded, lower case. */
	legalEntities: string[];
}

export interface D365Sandbox extends SandboxService {
	manifest: D365SandboxManifest;
	entra: EntraSandbox;
	store: D365Store;
	model: EntityModel;
	switches: D365Switches;
	tokenStats(): EntraStats;
	/** Records of an entity set as the sandbox holds them (all companies unless dataAreaId is given). */
	records(entitySet: string, dataAreaId?: string): Record<string, unknown>[];
}

export async function startD365Sandbox(
	options: D365SandboxOptions,
	ctx: ServiceContext,
): Promise<D365Sandbox> {
	const model = entityModel();
	const initialSwitches = (): D365Switches => {
		const s = defaultSwitches();
		for (const key of Object.keys(s) as (keyof D365Switches)[]) {
			if (options[key] !== undefined)
				(s as unknown as Record<string, unknown>)[key] = structuredClone(options[key]);
		}
		return s;
	};
	const switches: D365Switches = initialSwitches();
	const store = new D365Store(model);
	let environmentUrl = '';
	const entra = new EntraSandbox({
		host: ctx.host,
		port: options.entraPort,
		tenantId: options.tenantId ?? '8f0c1a52-3b7e-4d21-9c55-6a1d2e9b7f30',
		clientId: options.clientId ?? 'a6d2c1f4-5e0b-4b8a-9f3c-2d7e8a1b4c90',
		clientSecret: options.clientSecret ?? `sandbox~${randomUUID()}`,
		resource: () => environmentUrl,
		expiresIn: switches.expiresIn,
	});
	await entra.start(ctx);
	const odata: ODataServer = await startODataServer({
		ctx,
		port: options.port,
		model,
		store,
		switches,
		entra,
	});
	environmentUrl = odata.environmentUrl;
	seedStore(store, switches);

	const tenantId = entra.tenantId;
	const clientId = [...entra.apps.values()][0].clientId;
	const manifest: D365SandboxManifest = {
		environmentUrl,
		authorityHost: entra.authorityHost,
		authority: `${entra.authorityHost}/${tenantId}`,
		knownAuthorities: [new URL(entra.authorityHost).host],
		authorityMetadata: entra.authorityMetadata,
		tokenUrl: entra.tokenUrl,
		tenantId,
		clientId,
		clientSecret: [...entra.apps.values()][0].clientSecret,
		certificatePem: entra.certificate.certificatePem,
		privateKeyPem: entra.certificate.privateKeyPem,
		thumbprintSha256: entra.certificate.thumbprintSha256,
		scope: `${environmentUrl}/.default`,
		dataAreaId: switches.defaultCompany,
		legalEntities: store.legalEntityIds(),
		odataRoot: `${environmentUrl}/data/`,
		entraBaseUrl: entra.baseUrl,
	};

	const reset = async () => {
		Object.assign(switches, initialSwitches());
		entra.expiresIn = switches.expiresIn;
		entra.refreshIn = undefined;
		entra.tokenLifetimeOverride = undefined;
		entra.invalidClientStatus = 401;
		entra.resetApps();
		entra.resetStats();
		entra.clearFailures();
		odata.resetCounters();
		store.clear();
		seedStore(store, switches);
	};

	return {
		name: 'd365',
		manifest,
		admin: createD365Admin({ store, switches, entra, odata, model }),
		reset,
		close: async () => {
			await odata.close();
			await entra.close();
		},
		entra,
		store,
		model,
		switches,
		tokenStats: () => entra.stats(),
		records: (entitySet, dataAreaId) => store.list(entitySet, dataAreaId).map((r) => ({ ...r })),
	};
}
