/** Small HTTP plumbing shared by every sandbox service: bodies, JSON replies, a route table. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SandboxRequest {
	method: string;
	url: URL;
	/** Path below the service root, without query string. */
	path: string;
	headers: IncomingMessage['headers'];
	rawBody: Buffer;
	params: Record<string, string>;
	raw: IncomingMessage;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export function parseJsonBody<T = unknown>(req: SandboxRequest): T | undefined {
	if (req.rawBody.length === 0) return undefined;
	return JSON.parse(req.rawBody.toString('utf8')) as T;
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string | number> = {},
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

export function sendEmpty(
	res: ServerResponse,
	status: number,
	headers: Record<string, string | number> = {},
): void {
	res.writeHead(status, headers);
	res.end();
}

export type RouteHandler = (req: SandboxRequest, res: ServerResponse) => unknown | Promise<unknown>;

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	name: string;
	handler: RouteHandler;
}

/**
 * A route table. Patterns are paths with `:name` segments (`/v2/orders/:id/products`); a segment
 * written `:name(regex)` constrains it. `name` identifies the route in the request log and the fault
 * rules, so tests can target "v2.orders.list" without matching URLs themselves.
 */
export class Router {
	private readonly routes: Route[] = [];

	add(method: string, path: string, name: string, handler: RouteHandler): this {
		const keys: string[] = [];
		const source = path
			.split('/')
			.map((segment) => {
				const m = /^:(\w+)(?:\((.+)\))?$/.exec(segment);
				if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
				keys.push(m[1]);
				return `(${m[2] ?? '[^/]+'})`;
			})
			.join('/');
		this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, name, handler });
		return this;
	}

	match(
		method: string,
		path: string,
	): { route: Route; params: Record<string, string> } | undefined {
		for (const route of this.routes) {
			if (route.method !== method && route.method !== '*') continue;
			const m = route.pattern.exec(path);
			if (!m) continue;
			const params: Record<string, string> = {};
			route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1])));
			return { route, params };
		}
		return undefined;
	}

	/** True when some route matches the path under another method (405 rather than 404). */
	hasPath(path: string): boolean {
		return this.routes.some((r) => r.pattern.test(path));
	}
}
