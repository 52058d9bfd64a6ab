/**
 * Dynamics 365 Finance & Operations + Entra ID half of the sandbox: an OData server under `/data/`
 * and an Entra ID token endpoint, each on its own loopback port.
 * (First step: Entra ID and the OData service's token check; entity sets follow.)
 */
import { randomUUID } from 'node:crypto';

import { sendEmpty, sendJson, Router } from '../common/http';
import { startServiceServer } from '../common/server';
import type { SandboxService, ServiceContext } from '../types';
import { EntraSandbox, type EntraStats } from './entra';

export interface D365SandboxOptions {
	port?: number;
	entraPort?: number;
	tenantId?: string;
	clientId?: string;
	clientSecret?: string;
	expiresIn?: number;
	defaultCompany?: string;
}

export interface D365SandboxManifest extends Record<string, unknown> {
	environmentUrl: string;
	authorityHost: string;
	authority: string;
	knownAuthorities: string[];
	authorityMetadata: Record<string, string>;
	tokenUrl: string;
	tenantId: string;
	clientId: string;
	clientSecret: string;
	certificatePem: string;
	privateKeyPem: string;
	thumbprintSha256: string;
	scope: string;
	dataAreaId: string;
}

export interface D365Sandbox extends SandboxService {
	manifest: D365SandboxManifest;
	entra: EntraSandbox;
	tokenStats(): EntraStats;
}

export async function startD365Sandbox(options: D365SandboxOptions, ctx: ServiceContext): Promise<D365Sandbox> {
	let environmentUrl = '';
	const entra = new EntraSandbox({
		host: ctx.host,
		port: options.entraPort,
		tenantId: options.tenantId ?? '8f0c1a52-3b7e-4d21-9c55-6a1d2e9b7f30',
		clientId: options.clientId ?? 'a6d2c1f4-5e0b-4b8a-9f3c-2d7e8a1b4c90',
		clientSecret: options.clientSecret ?? `sandbox~${randomUUID()}`,
		resource: () => environmentUrl,
		expiresIn: options.expiresIn,
	});
	await entra.start(ctx);
	const router = new Router();
	router.add('GET', '/data', 'odata.service', (_req, res) => sendJson(res, 200, { '@odata.context': `${environmentUrl}/data/$metadata`, value: [] }));
	const odata = await startServiceServer({
		service: 'd365',
		host: ctx.host,
		port: options.port,
		router,
		log: ctx.log,
		faults: ctx.faults,
		gate: (req, res) => {
			const auth = String(req.headers.authorization ?? '');
			const token = /^Bearer (.+)$/i.exec(auth)?.[1];
			if (token && entra.checkAccessToken(token, environmentUrl, () => true).ok) return true;
			sendEmpty(res, 401, { 'WWW-Authenticate': 'Bearer' });
			return false;
		},
		notFound: (req, res) => sendJson(res, 404, { error: { code: '', message: `Resource not found for the segment '${req.path.split('/').pop()}'.` } }),
		errorResponse: (res, status) => sendJson(res, status, { error: { code: '', message: 'An error has occurred.' } }),
		throttleResponse: (res, action) => sendJson(res, 429, { error: { code: '', message: 'Throttled' } }, { 'Retry-After': action.retryAfterSeconds }),
	});
	environmentUrl = odata.baseUrl.toLowerCase();
	const app = [...entra.apps.values()][0];
	const manifest: D365SandboxManifest = {
		environmentUrl,
		authorityHost: entra.authorityHost,
		authority: `${entra.authorityHost}/${entra.tenantId}`,
		knownAuthorities: [new URL(entra.authorityHost).host],
		authorityMetadata: entra.authorityMetadata,
		tokenUrl: entra.tokenUrl,
		tenantId: entra.tenantId,
		clientId: app.clientId,
		clientSecret: app.clientSecret,
		certificatePem: entra.certificate.certificatePem,
		privateKeyPem: entra.certificate.privateKeyPem,
		thumbprintSha256: entra.certificate.thumbprintSha256,
		scope: `${environmentUrl}/.default`,
		dataAreaId: options.defaultCompany ?? 'usmf',
	};
	return {
		name: 'd365',
		manifest,
		entra,
		tokenStats: () => entra.stats(),
		admin: async (method, path, body) => {
			if (method === 'PUT' && path[0] === 'switches') {
				const { expiresIn } = (body ?? {}) as { expiresIn?: number };
				if (expiresIn !== undefined) entra.expiresIn = expiresIn;
				return { status: 200, body: { expiresIn: entra.expiresIn } };
			}
			if (path[0] !== 'entra') return undefined;
			if (method === 'GET' && path[1] === 'stats') return { status: 200, body: entra.stats() };
			if (method === 'DELETE' && path[1] === 'stats') {
				entra.resetStats();
				return { status: 200, body: entra.stats() };
			}
			if (method === 'POST' && path[1] === 'fail') {
				entra.failNext(body as never);
				return { status: 200, body: entra.pendingFailures() };
			}
			return undefined;
		},
		reset: async () => {
			entra.expiresIn = options.expiresIn ?? 3599;
			entra.resetStats();
			entra.clearFailures();
		},
		close: async () => {
			await odata.close();
			await entra.close();
		},
	};
}
