/**
 * One loopback HTTP server per sandbox service, with the pipeline every service shares:
 * route match → fault rules → the service's gate (auth, rate limits) → handler → request log.
 * Services differ only in their routes and in how they word errors and throttling.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { FaultInjector, type FaultAction } from './faults';
import { readBody, Router, type SandboxRequest } from './http';
import { maskBody, maskHeaders, RequestLog } from './requestLog';

export interface ServiceServerOptions {
	service: string;
	host?: string;
	port?: number;
	router: Router;
	log: RequestLog;
	faults: FaultInjector;
	/** Strip a prefix (e.g. `/stores/<hash>`) before routing; return undefined for "not ours" (404). */
	rewritePath?: (path: string) => string | undefined;
	/** Runs before the handler; answer and return false to stop (401, rate limit 429, ...). */
	gate?: (
		req: SandboxRequest,
		res: ServerResponse,
		routeName: string,
	) => boolean | Promise<boolean>;
	notFound: (req: SandboxRequest, res: ServerResponse) => void;
	/** The service's own wording of an injected error status. */
	errorResponse: (res: ServerResponse, status: number) => void;
	/** The service's own 429 (headers only when `withHeaders`). */
	throttleResponse: (
		res: ServerResponse,
		action: Extract<FaultAction, { kind: 'throttle' }>,
	) => void;
	/** Optional hook after every response (metrics, rate-limit bookkeeping). */
	onResponse?: (req: SandboxRequest, res: ServerResponse) => void;
}

export interface RunningServer {
	server: Server;
	baseUrl: string;
	port: number;
	close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startServiceServer(options: ServiceServerOptions): Promise<RunningServer> {
	const host = options.host ?? '127.0.0.1';
	const server = createServer((raw, res) => {
		void (async () => {
			const started = Date.now();
			const rawBody = await readBody(raw);
			const url = new URL(raw.url ?? '/', `http://${raw.headers.host ?? host}`);
			const path = options.rewritePath ? options.rewritePath(url.pathname) : url.pathname;
			const req: SandboxRequest = {
				method: (raw.method ?? 'GET').toUpperCase(),
				url,
				path: path ?? url.pathname,
				headers: raw.headers,
				rawBody,
				params: {},
				raw,
			};
			const match = path === undefined ? undefined : options.router.match(req.method, path);
			const routeName = match?.route.name ?? 'unmatched';
			let fault: string | undefined;
			res.on('close', () => {
				options.log.record({
					service: options.service,
					route: routeName,
					method: req.method,
					path: url.pathname,
					query: Object.fromEntries(url.searchParams),
					status: res.headersSent ? res.statusCode : 0,
					headers: maskHeaders(raw.headers),
					body: rawBody.length ? maskBody(rawBody.toString('utf8')) : undefined,
					fault,
					durationMs: Date.now() - started,
				});
			});
			try {
				if (!match) return options.notFound(req, res);
				req.params = match.params;
				const action = options.faults.decide(routeName, req.method);
				if (action.latencyMs) await sleep(action.latencyMs);
				if (action.kind !== 'none') fault = action.kind;
				if (action.kind === 'drop') return raw.socket.destroy();
				if (action.kind === 'error') return options.errorResponse(res, action.status);
				if (action.kind === 'throttle') return options.throttleResponse(res, action);
				if (options.gate && !(await options.gate(req, res, routeName))) return;
				if (action.kind === 'timeoutAfterCommit') {
					swallowResponse(res, () => raw.socket.destroy());
					if (action.rule.commitDelayMs !== undefined)
						await afterClientGaveUp(res, action.rule.commitDelayMs);
				}
				await match.route.handler(req, res);
				options.onResponse?.(req, res);
			} catch (error) {
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'text/plain' });
					res.end(`sandbox internal error: ${(error as Error).message}`);
				}
			}
		})();
	});
	server.keepAliveTimeout = 5000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	return {
		server,
		port,
		baseUrl: `http://${host}:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Resolves `delayMs` after the client closed the connection (it gave up waiting for an answer). */
async function afterClientGaveUp(res: ServerResponse, delayMs: number): Promise<void> {
	if (!res.socket?.destroyed) await new Promise((resolve) => res.once('close', resolve));
	await sleep(delayMs);
}

/** The handler's writes are kept from the client; the connection is cut once it finishes. */
function swallowResponse(res: ServerResponse, cut: () => void): void {
	res.writeHead = (() => res) as unknown as ServerResponse['writeHead'];
	res.setHeader = (() => res) as unknown as ServerResponse['setHeader'];
	res.write = (() => true) as unknown as ServerResponse['write'];
	res.end = (() => {
		cut();
		return res;
	}) as unknown as ServerResponse['end'];
}
