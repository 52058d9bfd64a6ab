/**
 * The BigCommerce triggers against the sandbox, the way n8n runs them: a loopback HTTP server is
 * the node's production webhook URL and feeds every request into `webhook()` through a context
 * (raw body and headers as received, an express-like response object), answering with what the
 * trigger wrote; hook methods run in n8n's activation order (checkExists, then create if false);
 * polls run `poll()` with static data persisted only when a poll emits, as n8n does.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	deepCopy,
	type IDataObject,
	type INodeExecutionData,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { BigCommercePollTrigger } from '../../../nodes/BigCommerce/BigCommercePollTrigger.node';
import { BigCommerceTrigger } from '../../../nodes/BigCommerce/BigCommerceTrigger.node';
import { deriveHookSecret, HOOK_MARKER_HEADER } from '../../../nodes/BigCommerce/webhook/secret';
import type { DeliveryAttempt } from '../../sandbox/bigcommerce';
import { emptyStaticData } from '../../support/n8n/context';
import { adminCall, storeContext, type StoreUnderTest } from '../bigcommerce/support';

export const WORKFLOW_ID = 'wf-trigger-7Qp2';
export const NODE_ID = 'c0ffee00-1111-4222-8333-944445555666';

export type StaticData = ReturnType<typeof emptyStaticData>;

/** What one request into `webhook()` came to. */
export interface Run {
	status: number;
	body: string;
	/** The response was written before `webhook()` returned. */
	answeredBeforeReturn: boolean;
	/** The sandbox log position when the answer was written (calls after it came later). */
	seqAtAnswer: number;
	result?: IWebhookResponseData;
	error?: Error;
	items: IDataObject[];
}

/** A minimal express-like response over node's ServerResponse (what the trigger uses). */
function responseObject(onEnd: (status: number, body: string) => void) {
	let status = 200;
	let body = '';
	let ended = false;
	const res = {
		headersSent: false,
		status(code: number) {
			status = code;
			return res;
		},
		send(text?: string) {
			body = text ?? '';
			return res;
		},
		end() {
			if (ended) throw new Error('response ended twice');
			ended = true;
			res.headersSent = true;
			onEnd(status, body);
			return res;
		},
		get ended() {
			return ended;
		},
	};
	return res;
}

export interface TriggerOptions {
	parameters?: Record<string, unknown>;
	staticData?: StaticData;
	/** Answer every request with this status instead of running the trigger (to make deliveries fail). */
	failWith?: number;
	/**
	 * Static data as n8n handles it for webhooks: every request runs on its own copy of what was
	 * saved, and that copy is saved (when it changed) after `webhook()` returns, the last save
	 * winning. Off: every request shares one object.
	 */
	perRequestStaticData?: boolean;
}

export interface Receiver {
	url: string;
	runs: Run[];
	staticData: StaticData;
	parameters: Record<string, unknown>;
	failWith?: number;
	/** Resolves once every request taken in has finished its `webhook()` (fetch included). */
	idle(): Promise<void>;
	/** Send a request straight to the receiver (a forged or replayed delivery). */
	post(
		body: string | Buffer,
		headers: Record<string, string>,
	): Promise<{ status: number; run?: Run }>;
	close(): Promise<void>;
}

const defaultParameters = {
	events: ['store/order/created', 'store/order/statusUpdated'],
	statuses: [11, 9, 8, 3, 2, 10],
	fetchFullOrder: true,
	verification: 'default',
	options: {},
};

/** The loopback server that stands in for n8n's production webhook URL of one trigger node. */
export async function startReceiver(
	store: StoreUnderTest,
	options: TriggerOptions = {},
): Promise<Receiver> {
	const trigger = new BigCommerceTrigger();
	const runs: Run[] = [];
	const path = `/webhook/${randomUUID()}/webhook`;
	const receiver = {} as Receiver;
	let inFlight = 0;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			inFlight++;
			void handle(req.headers, Buffer.concat(chunks), (status, body) => {
				res.statusCode = status;
				res.end(body);
			}).finally(() => inFlight--);
		});
	});

	async function handle(
		headers: IncomingHttpHeaders,
		rawBody: Buffer,
		answer: (s: number, b: string) => void,
	) {
		if (receiver.failWith) return answer(receiver.failWith, 'failing on purpose');
		const run: Run = {
			status: 0,
			body: '',
			answeredBeforeReturn: false,
			seqAtAnswer: 0,
			items: [],
		};
		let returned = false;
		const response = responseObject((status, body) => {
			run.status = status;
			run.body = body;
			run.answeredBeforeReturn = !returned;
			run.seqAtAnswer = store.log.lastSeq;
			answer(status, body);
		});
		let parsed: unknown;
		try {
			parsed = JSON.parse(rawBody.toString('utf8'));
		} catch {
			parsed = {};
		}
		const loaded = options.perRequestStaticData ? deepCopy(receiver.staticData) : undefined;
		const loadedJson = JSON.stringify(loaded);
		const ctx = triggerContext(store, receiver, {
			request: { headers: headers as Record<string, string>, rawBody, body: parsed },
			staticData: loaded,
		});
		(ctx as unknown as { getResponseObject: () => unknown }).getResponseObject = () => response;
		try {
			run.result = await trigger.webhook.call(ctx as never);
			run.items = (run.result.workflowData?.[0] ?? []).map((i: INodeExecutionData) => i.json);
		} catch (error) {
			run.error = error as Error;
		}
		returned = true;
		if (loaded && JSON.stringify(loaded) !== loadedJson) receiver.staticData = loaded;
		// n8n answers itself unless the node did (noWebhookResponse).
		if (!response.ended && run.result?.noWebhookResponse !== true) response.status(200).end();
		runs.push(run);
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	Object.assign(receiver, {
		url: `http://127.0.0.1:${port}${path}`,
		runs,
		staticData: options.staticData ?? emptyStaticData(),
		parameters: { ...defaultParameters, ...options.parameters },
		failWith: options.failWith,
		async post(body: string | Buffer, headers: Record<string, string>) {
			const before = runs.length;
			const response = await fetch(receiver.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: typeof body === 'string' ? body : new Uint8Array(body),
			});
			await response.text();
			await waitFor(() => runs.length > before);
			return { status: response.status, run: runs[before] };
		},
		idle: () => waitFor(() => inFlight === 0),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	});
	return receiver;
}

/**
 * Hook, webhook and poll functions take `getNodeParameter(name, fallback)` (no item index); the
 * shared stand-in models the execute signature, so map one onto the other.
 */
function asTriggerContext<T extends ReturnType<typeof storeContext>>(ctx: T): T {
	const itemParameter = ctx.getNodeParameter.bind(ctx) as (...args: unknown[]) => unknown;
	(ctx as unknown as { getNodeParameter: unknown }).getNodeParameter = (
		name: string,
		...fallback: unknown[]
	) => (fallback.length ? itemParameter(name, 0, fallback[0]) : itemParameter(name, 0));
	return ctx;
}

/** A context for the trigger node of this receiver (hook or webhook). */
export function triggerContext(
	store: StoreUnderTest,
	receiver: Receiver,
	extra: {
		request?: { headers: Record<string, string>; rawBody: Buffer; body?: unknown };
		/** This request's copy of static data (default: the receiver's). */
		staticData?: StaticData;
	} = {},
) {
	return asTriggerContext(
		storeContext(store, {
			parameters: receiver.parameters,
			staticData: extra.staticData ?? receiver.staticData,
			webhookUrl: receiver.url,
			workflowId: WORKFLOW_ID,
			node: { id: NODE_ID, name: 'BigCommerce Trigger' },
			request: extra.request,
		}),
	);
}

/** n8n's activation: checkExists, and create when it says false. */
export async function activate(store: StoreUnderTest, receiver: Receiver): Promise<boolean> {
	const methods = new BigCommerceTrigger().webhookMethods.default;
	const ctx = triggerContext(store, receiver);
	if (await methods.checkExists.call(ctx as never)) return false;
	return await methods.create.call(ctx as never);
}

export async function checkExists(store: StoreUnderTest, receiver: Receiver): Promise<boolean> {
	return await new BigCommerceTrigger().webhookMethods.default.checkExists.call(
		triggerContext(store, receiver) as never,
	);
}

export async function deactivate(store: StoreUnderTest, receiver: Receiver): Promise<boolean> {
	return await new BigCommerceTrigger().webhookMethods.default.delete.call(
		triggerContext(store, receiver) as never,
	);
}

/** The derived secret header value for the test workflow and node. */
export function headerSecretOf(store: StoreUnderTest): string {
	return deriveHookSecret(store.credentials.clientSecret, WORKFLOW_ID, NODE_ID);
}

/**
 * The headers of a delivery signed now with the store's client secret (Standard Webhooks) and
 * carrying the derived secret header: what BigCommerce would send for `body`.
 */
export function signedDeliveryHeaders(
	store: StoreUnderTest,
	body: string,
	webhookId = `msg_${randomUUID()}`,
): Record<string, string> {
	const ts = Math.floor(Date.now() / 1000);
	const mac = createHmac('sha256', store.credentials.clientSecret)
		.update(`${webhookId}.${ts}.`)
		.update(body)
		.digest('base64');
	return {
		'webhook-id': webhookId,
		'webhook-timestamp': String(ts),
		'webhook-signature': `v1,${mac}`,
		[HOOK_MARKER_HEADER]: headerSecretOf(store),
	};
}

/** Every hook of the store (any client), as the sandbox holds them. */
export async function storeHooks(store: StoreUnderTest): Promise<IDataObject[]> {
	return (await adminCall(store, 'GET', 'hooks')) as unknown as IDataObject[];
}

/** Wait until every delivery has run (the sandbox's own idle signal), then list the attempts. */
export async function deliveries(store: StoreUnderTest): Promise<DeliveryAttempt[]> {
	if (!(await store.sandbox.whenIdle(20000))) throw new Error('deliveries did not settle');
	return store.sandbox.dispatcher.deliveries;
}

/** Every delivery has been answered and every `webhook()` has finished. */
export async function settle(
	store: StoreUnderTest,
	receiver: Receiver,
): Promise<DeliveryAttempt[]> {
	const attempts = await deliveries(store);
	await receiver.idle();
	return attempts;
}

/** Runs that emitted, and their items. */
export const emitted = (receiver: Receiver) => receiver.runs.filter((r) => r.items.length > 0);

export async function waitFor(condition: () => boolean, timeoutMs = 10000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

// ---- polling ---------------------------------------------------------------------------------

/**
 * A polling trigger as n8n runs it: `persisted` is what n8n has saved (static data is written
 * only when a poll emits); `restart()` drops the in-memory state and reloads from it.
 */
export class Poller {
	private memory: StaticData;

	persisted: StaticData = emptyStaticData();

	constructor(
		private readonly store: StoreUnderTest,
		public parameters: Record<string, unknown>,
	) {
		this.memory = emptyStaticData();
	}

	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<{
		records: IDataObject[];
		alerts: IDataObject[];
		result: INodeExecutionData[][] | null;
	}> {
		const ctx = asTriggerContext(
			storeContext(this.store, {
				parameters: this.parameters,
				staticData: this.memory,
				mode,
				workflowId: WORKFLOW_ID,
				node: { id: 'poll-node-id', name: 'BigCommerce Poll Trigger' },
			}),
		);
		const result = await new BigCommercePollTrigger().poll.call(ctx as never);
		if (result && mode !== 'manual') this.persisted = deepCopy(this.memory);
		return {
			result,
			records: (result?.[0] ?? []).map((i) => i.json),
			alerts: (result?.[1] ?? []).map((i) => i.json),
		};
	}

	/** n8n restarted: what was not persisted is gone. */
	restart(): void {
		this.memory = deepCopy(this.persisted);
	}

	get staticData(): StaticData {
		return this.memory;
	}
}
