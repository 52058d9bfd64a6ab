/**
 * Webhook delivery: every store event becomes a light payload
 * `{scope, store_id, data, hash, created_at, producer}` POSTed to each active hook whose scope
 * matches, with the hook's custom headers and Standard Webhooks signature headers. A failed attempt
 * (no answer, or any status outside 2xx) is retried on BigCommerce's schedule; after the last retry
 * the hook is deactivated (`is_active: false`).
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { unix } from './format';
import type { BigCommerceStore, HookRec } from './store';
import type { BigCommerceSwitches } from './switches';

/** Seconds between attempts after the first failure (11 retries, ≈ 48 h in all). */
export const RETRY_SCHEDULE_SECONDS = [
	60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400,
];

/**
 * Standard Webhooks signature: HMAC-SHA256 keyed with the raw UTF-8 bytes of the
 * client secret over `${id}.${timestamp}.${body}`, as `v1,<base64>`.
 */
export function signWebhook(
	secret: string,
	webhookId: string,
	timestamp: number | string,
	body: string,
): string {
	const mac = createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${webhookId}.${timestamp}.${body}`, 'utf8')
		.digest('base64');
	return `v1,${mac}`;
}

/** Does a hook's scope (`store/order/*` wildcards included) cover an event scope? */
export function scopeMatches(hookScope: string, eventScope: string): boolean {
	if (hookScope === eventScope) return true;
	if (hookScope.endsWith('/*')) return eventScope.startsWith(hookScope.slice(0, -1));
	return false;
}

export interface StoreEvent {
	eventId: string;
	seq: number;
	scope: string;
	payload: Record<string, unknown>;
	/** The exact body bytes, identical across attempts and duplicates. */
	body: string;
	/** Standard Webhooks id of the event (unless `webhookIdPerAttempt`). */
	webhookId: string;
}

export interface DeliveryAttempt {
	seq: number;
	eventId: string;
	eventSeq: number;
	hookId: number;
	scope: string;
	destination: string;
	/** 1 = first attempt, 2 = first retry, ... */
	attempt: number;
	/** 0 = the first copy; 1.. = deliberate duplicates. */
	copy: number;
	webhookId: string;
	timestamp: number;
	headers: Record<string, string>;
	body: string;
	startedAt: string;
	/** HTTP status, or 0 when there was no answer. */
	status: number;
	/** Milliseconds from sending the attempt until its answer ended (or it failed). */
	ms?: number;
	error?: string;
	outcome: 'pending' | 'delivered' | 'failed';
	/** Scheduled time of the next retry, if any. */
	nextRetryAt?: string;
	/** The attempt was the last one and the hook was deactivated. */
	deactivatedHook?: boolean;
}

interface Job {
	event: StoreEvent;
	hookId: number;
	attempt: number;
	copy: number;
}

export interface DispatcherOptions {
	store: BigCommerceStore;
	switches: BigCommerceSwitches;
	storeId: string;
	clientSecret: string;
	/** Multiplies the retry schedule (0.001 turns 60 s into 60 ms). */
	timeScale: number;
	retryScheduleSeconds?: number[];
}

export class WebhookDispatcher {
	readonly events: StoreEvent[] = [];
	readonly deliveries: DeliveryAttempt[] = [];
	private held: Job[] = [];
	private pending = 0;
	private timers = new Set<NodeJS.Timeout>();
	private waiters: (() => void)[] = [];
	private eventSeq = 0;
	private deliverySeq = 0;
	private closed = false;

	constructor(private readonly options: DispatcherOptions) {}

	get schedule(): number[] {
		return this.options.retryScheduleSeconds ?? RETRY_SCHEDULE_SECONDS;
	}

	/** Record a store event and start delivering it to every matching active hook. */
	emit(scope: string, data: Record<string, unknown>): StoreEvent {
		const { store } = this.options;
		const eventId = randomUUID();
		const createdAt = unix(store.now());
		const base = { scope, store_id: this.options.storeId, data };
		// The docs call `hash` "the SHA-1 hash of the JSON-encoded payload data" and say duplicates of
		// one event share it; the exact input is not documented. The event id is hashed in so that
		// two distinct events never share a hash.
		const hash = createHash('sha1')
			.update(JSON.stringify({ ...base, created_at: createdAt, event: eventId }))
			.digest('hex');
		const payload = {
			...base,
			hash,
			created_at: createdAt,
			producer: `stores/${store.storeHash}`,
		};
		const event: StoreEvent = {
			eventId,
			seq: ++this.eventSeq,
			scope,
			payload,
			body: JSON.stringify(payload),
			webhookId: randomUUID(),
		};
		this.events.push(event);
		for (const hook of store.hooks.values()) {
			if (!hook.is_active || !scopeMatches(hook.scope, scope)) continue;
			for (let copy = 0; copy <= this.options.switches.duplicateDeliveries; copy++) {
				const job: Job = { event, hookId: hook.id, attempt: 1, copy };
				if (this.options.switches.holdDeliveries) this.held.push(job);
				else this.schedule_(job, 0);
			}
		}
		return event;
	}

	/** Deliver an event again to its matching hooks (a duplicate: same body, hash and webhook-id). */
	redeliver(eventId: string, hookId?: number): number {
		const event = this.events.find((e) => e.eventId === eventId);
		if (!event) return -1;
		let n = 0;
		for (const hook of this.options.store.hooks.values()) {
			if (hookId !== undefined && hook.id !== hookId) continue;
			if (!hook.is_active || !scopeMatches(hook.scope, event.scope)) continue;
			this.schedule_(
				{
					event,
					hookId: hook.id,
					attempt: 1,
					copy: 1 + this.copiesOf(event, hook.id),
				},
				0,
			);
			n++;
		}
		return n;
	}

	private copiesOf(event: StoreEvent, hookId: number): number {
		return (
			new Set(
				this.deliveries
					.filter((d) => d.eventId === event.eventId && d.hookId === hookId)
					.map((d) => d.copy),
			).size - 1
		);
	}

	/** Release held first attempts in the given order (out-of-order deliveries on demand). */
	release(order: 'fifo' | 'reverse' | 'shuffle' = 'reverse'): number {
		const jobs = this.held;
		this.held = [];
		if (order === 'reverse') jobs.reverse();
		if (order === 'shuffle') {
			for (let i = jobs.length - 1; i > 0; i--) {
				const j = Math.floor(Math.random() * (i + 1));
				[jobs[i], jobs[j]] = [jobs[j], jobs[i]];
			}
		}
		// Sequential start keeps the chosen order on the wire.
		let chain = Promise.resolve();
		this.pending++;
		for (const job of jobs) chain = chain.then(() => this.attempt(job));
		void chain.finally(() => this.done());
		return jobs.length;
	}

	get heldCount(): number {
		return this.held.length;
	}

	get busy(): boolean {
		return this.pending > 0;
	}

	/** Resolves once no attempt is running or scheduled (held deliveries don't count). */
	whenIdle(timeoutMs = 30000): Promise<boolean> {
		if (this.pending === 0) return Promise.resolve(true);
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((w) => w !== waiter);
				resolve(false);
			}, timeoutMs);
			const waiter = () => {
				clearTimeout(timer);
				resolve(true);
			};
			this.waiters.push(waiter);
		});
	}

	private schedule_(job: Job, delayMs: number): void {
		if (this.closed) return;
		this.pending++;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void this.attempt(job).finally(() => this.done());
		}, delayMs);
		this.timers.add(timer);
	}

	private done(): void {
		this.pending--;
		if (this.pending === 0) {
			const waiters = this.waiters;
			this.waiters = [];
			for (const w of waiters) w();
		}
	}

	private async attempt(job: Job): Promise<void> {
		if (this.closed) return;
		const hook = this.options.store.hooks.get(job.hookId);
		// A deleted or deactivated hook gets nothing more (events are not replayed on reactivation).
		if (!hook || !hook.is_active) return;
		const { switches } = this.options;
		const timestamp = unix(new Date());
		const webhookId = switches.webhookIdPerAttempt ? randomUUID() : job.event.webhookId;
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'user-agent': 'BigCommerce-Webhooks/sandbox',
			...(hook.headers ?? {}),
		};
		if (switches.signWebhooks) {
			headers['webhook-id'] = webhookId;
			headers['webhook-timestamp'] = String(timestamp);
			headers['webhook-signature'] = signWebhook(
				this.options.clientSecret,
				webhookId,
				timestamp,
				job.event.body,
			);
		}
		const record: DeliveryAttempt = {
			seq: ++this.deliverySeq,
			eventId: job.event.eventId,
			eventSeq: job.event.seq,
			hookId: hook.id,
			scope: job.event.scope,
			destination: hook.destination,
			attempt: job.attempt,
			copy: job.copy,
			webhookId,
			timestamp,
			headers,
			body: job.event.body,
			startedAt: new Date().toISOString(),
			status: 0,
			outcome: 'pending',
		};
		this.deliveries.push(record);
		const sentAt = Date.now();
		const result = await post(
			hook.destination,
			headers,
			job.event.body,
			switches.deliveryTimeoutMs,
		);
		record.status = result.status;
		record.ms = Date.now() - sentAt;
		if (result.error) record.error = result.error;
		if (result.status >= 200 && result.status < 300) {
			record.outcome = 'delivered';
			return;
		}
		record.outcome = 'failed';
		const retryIndex = job.attempt - 1;
		if (retryIndex < this.schedule.length) {
			const delay = this.schedule[retryIndex] * 1000 * this.options.timeScale;
			record.nextRetryAt = new Date(Date.now() + delay).toISOString();
			this.schedule_({ ...job, attempt: job.attempt + 1 }, delay);
			return;
		}
		// "After the final retry attempt … the webhook will be deactivated" (is_active: false).
		deactivate(hook, this.options.store);
		record.deactivatedHook = true;
	}

	reset(): void {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.held = [];
		this.events.length = 0;
		this.deliveries.length = 0;
		this.pending = 0;
		const waiters = this.waiters;
		this.waiters = [];
		for (const w of waiters) w();
	}

	close(): void {
		this.closed = true;
		this.reset();
	}
}

function deactivate(hook: HookRec, store: BigCommerceStore): void {
	hook.is_active = false;
	hook.updated_at = unix(store.now());
}

function post(
	destination: string,
	headers: Record<string, string>,
	body: string,
	timeoutMs: number,
): Promise<{ status: number; error?: string }> {
	return new Promise((resolve) => {
		let url: URL;
		try {
			url = new URL(destination);
		} catch {
			return resolve({ status: 0, error: 'invalid destination' });
		}
		const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
		const req = send(
			url,
			{
				method: 'POST',
				headers: { ...headers, 'content-length': Buffer.byteLength(body) },
				timeout: timeoutMs,
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
				res.on('error', (error) => resolve({ status: res.statusCode ?? 0, error: error.message }));
			},
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		req.on('error', (error) => resolve({ status: 0, error: error.message }));
		req.end(body);
	});
}
