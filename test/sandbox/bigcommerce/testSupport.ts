/** Test helpers: an in-process BigCommerce sandbox, an authenticated client, a webhook receiver. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { FaultInjector } from '../common/faults';
import { RequestLog } from '../common/requestLog';
import {
	startBigCommerceSandbox,
	type BigCommerceSandbox,
	type BigCommerceSandboxOptions,
} from './index';

export interface Started {
	bc: BigCommerceSandbox;
	faults: FaultInjector;
	log: RequestLog;
	call(
		method: string,
		p: string,
		body?: unknown,
		headers?: Record<string, string>,
	): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }>;
	admin(method: string, p: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export async function start(options: BigCommerceSandboxOptions = {}): Promise<Started> {
	const faults = new FaultInjector();
	const log = new RequestLog();
	const bc = await startBigCommerceSandbox(options, { host: '127.0.0.1', log, faults });
	const m = bc.manifest as { baseUrl: string; storeHash: string; accessToken: string };
	return {
		bc,
		faults,
		log,
		call: async (method, p, body, headers = {}) => {
			const res = await fetch(`${m.baseUrl}/stores/${m.storeHash}${p}`, {
				method,
				headers: {
					'x-auth-token': m.accessToken,
					accept: 'application/json',
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
					...headers,
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await res.text();
			return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
		},
		admin: async (method, p, body) => {
			const [pathPart, queryPart] = p.split('?');
			const result = await bc.admin(
				method,
				pathPart.split('/').filter(Boolean),
				body,
				new URLSearchParams(queryPart ?? ''),
			);
			return { status: result?.status ?? 404, body: result?.body };
		},
	};
}

// ---------------------------------------------------------------- a webhook receiver

export interface Received {
	headers: IncomingHttpHeaders;
	body: string;
	at: number;
}

export async function receiver(answer: (n: number, r: Received) => number = () => 200): Promise<{
	url: string;
	received: Received[];
	close(): Promise<void>;
}> {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const r = {
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				at: Date.now(),
			};
			received.push(r);
			res.writeHead(answer(received.length, r));
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
