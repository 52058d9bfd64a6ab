/**
 * The whole sandbox in one process: BigCommerce, F&O + Entra ID, and an admin API to seed data,
 * create store events, flip behaviour switches, inject faults and read the request log.
 *
 * Admin API (JSON):
 *   GET    /manifest                     what the sandbox serves (the same as SANDBOX_MANIFEST)
 *   GET    /log?service=&route=&since=   the request log; DELETE /log clears it
 *   GET    /faults/<service>             fault rules; PUT replaces them, POST adds one, DELETE clears
 *   POST   /reset                        every service back to its seed data and default switches
 *   *      /<service>/...                the service's own admin calls (see each service's admin.ts)
 */
import { writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

import { FaultInjector, type FaultRule } from './common/faults';
import { parseJsonBody, Router, sendJson } from './common/http';
import { RequestLog } from './common/requestLog';
import { startServiceServer, type RunningServer } from './common/server';
import { startBigCommerceSandbox, type BigCommerceSandboxOptions } from './bigcommerce';
import { startD365Sandbox, type D365SandboxOptions } from './d365';
import type { SandboxService } from './types';

export interface SandboxOptions {
	host?: string;
	adminPort?: number;
	bigcommerce?: BigCommerceSandboxOptions;
	d365?: D365SandboxOptions;
	/** Write the manifest as JSON to this file once started. */
	manifestFile?: string;
	/** Requests the log keeps (the oldest go first); default 20,000. */
	logLimit?: number;
}

export interface SandboxManifest {
	bigcommerce: {
		baseUrl: string;
		storeHash: string;
		accessToken: string;
		clientSecret: string;
	} & Record<string, unknown>;
	d365: {
		environmentUrl: string;
		authorityHost: string;
		tokenUrl: string;
		tenantId: string;
		clientId: string;
		clientSecret: string;
		certificatePem: string;
		privateKeyPem: string;
		thumbprintSha256: string;
		dataAreaId: string;
	} & Record<string, unknown>;
	admin: { baseUrl: string };
}

export interface Sandbox {
	manifest: SandboxManifest;
	log: RequestLog;
	services: Record<string, SandboxService>;
	faults: Record<string, FaultInjector>;
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	const log = new RequestLog(options.logLimit);
	const faults: Record<string, FaultInjector> = {
		bigcommerce: new FaultInjector(),
		d365: new FaultInjector(),
	};
	const bigcommerce = await startBigCommerceSandbox(
		{ ...options.bigcommerce },
		{ host, log, faults: faults.bigcommerce },
	);
	// A half-started sandbox must not keep its first servers listening (the test run would not end).
	const d365 = await startD365Sandbox(
		{ ...options.d365 },
		{ host, log, faults: faults.d365 },
	).catch(async (error: unknown) => {
		await bigcommerce.close();
		throw error;
	});
	const services: Record<string, SandboxService> = { bigcommerce, d365 };

	const manifest = {
		bigcommerce: bigcommerce.manifest,
		d365: d365.manifest,
		admin: { baseUrl: '' },
	} as unknown as SandboxManifest;

	const router = new Router();
	router.add('GET', '/manifest', 'admin.manifest', (_req, res) => sendJson(res, 200, manifest));
	router.add('GET', '/log', 'admin.log', (req, res) => {
		const q = req.url.searchParams;
		sendJson(res, 200, {
			lastSeq: log.lastSeq,
			entries: log.list({
				service: q.get('service') ?? undefined,
				route: q.get('route') ?? undefined,
				sinceSeq: q.has('since') ? Number(q.get('since')) : undefined,
			}),
		});
	});
	router.add('DELETE', '/log', 'admin.log.clear', (_req, res) => {
		log.clear();
		sendJson(res, 200, { lastSeq: log.lastSeq });
	});
	const faultsFor = (name: string, res: ServerResponse) => {
		const injector = faults[name];
		if (!injector) sendJson(res, 404, { error: `no service ${name}` });
		return injector;
	};
	router.add('GET', '/faults/:service', 'admin.faults', (req, res) => {
		const injector = faultsFor(req.params.service, res);
		if (injector) sendJson(res, 200, injector.list());
	});
	router.add('PUT', '/faults/:service', 'admin.faults.set', (req, res) => {
		const injector = faultsFor(req.params.service, res);
		if (!injector) return;
		injector.set(parseJsonBody<FaultRule[]>(req) ?? []);
		sendJson(res, 200, injector.list());
	});
	router.add('POST', '/faults/:service', 'admin.faults.add', (req, res) => {
		const injector = faultsFor(req.params.service, res);
		if (!injector) return;
		injector.add(parseJsonBody<FaultRule>(req) as FaultRule);
		sendJson(res, 200, injector.list());
	});
	router.add('DELETE', '/faults/:service', 'admin.faults.clear', (req, res) => {
		const injector = faultsFor(req.params.service, res);
		if (!injector) return;
		injector.clear();
		sendJson(res, 200, []);
	});
	router.add('POST', '/reset', 'admin.reset', async (_req, res) => {
		for (const service of Object.values(services)) await service.reset();
		for (const injector of Object.values(faults)) injector.clear();
		sendJson(res, 200, { reset: true });
	});
	router.add('*', '/:service(bigcommerce|d365)/:rest(.*)', 'admin.service', async (req, res) => {
		const service = services[req.params.service];
		const query = req.url.searchParams;
		let body: unknown;
		try {
			body = parseJsonBody(req);
		} catch {
			return sendJson(res, 400, { error: 'admin body is not JSON' });
		}
		const result = await service.admin(
			req.method,
			req.params.rest.split('/').filter(Boolean),
			body,
			query,
		);
		if (!result) return sendJson(res, 404, { error: `no admin route ${req.method} ${req.path}` });
		sendJson(res, result.status, result.body ?? {});
	});

	const admin: RunningServer = await startServiceServer({
		service: 'admin',
		host,
		port: options.adminPort,
		router,
		log: new RequestLog(1000), // admin calls stay out of the services' log
		faults: new FaultInjector(),
		notFound: (req, res) =>
			sendJson(res, 404, { error: `no admin route ${req.method} ${req.path}` }),
		errorResponse: (res, status) => sendJson(res, status, { error: 'injected' }),
		throttleResponse: (res) => sendJson(res, 429, { error: 'throttled' }),
	}).catch(async (error: unknown) => {
		await Promise.all(Object.values(services).map((service) => service.close()));
		throw error;
	});
	manifest.admin.baseUrl = admin.baseUrl;
	if (options.manifestFile) writeFileSync(options.manifestFile, JSON.stringify(manifest, null, 2));

	return {
		manifest,
		log,
		services,
		faults,
		close: async () => {
			await admin.close();
			await Promise.all(Object.values(services).map((s) => s.close()));
		},
	};
}
