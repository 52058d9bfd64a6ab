import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { BIGCOMMERCE_CREDENTIAL } from './transport';
import {
	DEFAULT_EVENTS,
	DEFAULT_ORDER_STATUSES,
	EVENT_KINDS,
	EVENT_OPTIONS,
	ORDER_STATUS_OPTIONS,
	selectedStatuses,
} from './trigger/events';
import { ensureHooks, inspectHooks, removeHooks, type HookIds } from './trigger/hookLifecycle';
import { fetchFailedItem, itemForEvent } from './trigger/items';
import { decideDelivery, deliveredEvent, rememberEmittedOrder } from './webhook/delivery';
import { ensureMemoryId, flushWindows } from './webhook/memory';
import { deriveHookSecret } from './webhook/secret';
import type { XBcEncoding } from './webhook/signature';
import { withoutSecretHeader, type VerificationMode } from './webhook/verify';

const HOOK_IDS_KEY = 'hookIds';

type LifecycleContext = IHookFunctions | IWebhookFunctions;

/** The selected scopes, known ones only, without repeats. */
function selectedScopes(context: LifecycleContext): string[] {
	const events = context.getNodeParameter('events', []) as string[];
	return [...new Set(events.filter((scope) => EVENT_KINDS[scope] !== undefined))];
}

/**
 * What deliveries are checked with: the secret header value (recomputed from the credential on
 * every call, never stored), the API account's client secret, and the store hash.
 */
async function verificationKeys(
	context: LifecycleContext,
): Promise<{ secret: string; clientSecret: string; storeHash: string }> {
	const credentials = await context.getCredentials(BIGCOMMERCE_CREDENTIAL);
	const clientSecret = String(credentials.clientSecret ?? '');
	const workflowId = String(context.getWorkflow().id ?? '');
	const nodeId = String(context.getNode().id ?? '');
	if (!clientSecret) {
		throw new NodeOperationError(
			context.getNode(),
			'The BigCommerce credential has no client secret',
			{
				description:
					"The trigger verifies deliveries with the API account's client secret. Add it to the credential.",
			},
		);
	}
	if (!workflowId || !nodeId) {
		throw new NodeOperationError(
			context.getNode(),
			'Save the workflow before activating the trigger',
			{
				description: 'The secret header is derived from the workflow and node ids.',
			},
		);
	}
	return {
		secret: deriveHookSecret(clientSecret, workflowId, nodeId),
		clientSecret,
		storeHash: String(credentials.storeHash ?? ''),
	};
}

function productionUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url)
		throw new NodeOperationError(context.getNode(), 'n8n gave no webhook URL for this node');
	return url;
}

/**
 * Starts a workflow on BigCommerce store events: orders (created, updated, entering a selected
 * status), payment transactions, refunds and customers. Registers its hooks on activation,
 * verifies every delivery, drops duplicates, and emits the full record.
 *
 * Fast answer. n8n answers a webhook after `webhook()` returns; BigCommerce wants a 200 at once
 * and retries anything slow. So `webhook()` writes the 200 itself as soon as the delivery is
 * verified and deduplicated (`getResponseObject().status(200).end()`), then fetches the order, and
 * returns `{ noWebhookResponse: true, workflowData }`. In n8n's webhook handling
 * (packages/cli/src/webhooks/webhook-helpers.ts, `handleImmediateWebhookResponse`) a result with
 * `noWebhookResponse` only tells the responder the request was answered elsewhere, and a result
 * with `workflowData` still starts the execution, so there is no second response; Webhook.node's
 * streaming mode and the Chat Trigger rely on the same contract. Rejections (401, 400) are
 * written the same way and return no `workflowData`, so they start no execution. After the 200 is
 * out, `webhook()` must not throw (n8n would try to send a 500 on the closed response): a failed
 * fetch is logged and emitted as an item with `_event.fetch_error`.
 */
export class BigCommerceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BigCommerce Trigger',
		name: 'bigCommerceTrigger',
		icon: {
			light: 'file:../../icons/bigcommerce.svg',
			dark: 'file:../../icons/bigcommerce.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		// "On 3 events", or the one event without its "store/" prefix.
		// "On order refund created" (the event's name, from EVENT_OPTIONS) or "On 3 events".
		subtitle: `={{ $parameter["events"].length === 1 ? "On " + (${JSON.stringify(
			Object.fromEntries(EVENT_OPTIONS.map((o) => [o.value, o.name.toLowerCase()])),
		)}[$parameter["events"][0]] ?? $parameter["events"][0]) : "On " + $parameter["events"].length + " events" }}`,
		description:
			'Starts the workflow when BigCommerce orders, payments, refunds or customers change',
		defaults: { name: 'BigCommerce Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: BIGCOMMERCE_CREDENTIAL, required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENT_OPTIONS,
				default: [...DEFAULT_EVENTS],
				description: 'The store events that start the workflow. One hook is registered per event.',
			},
			{
				displayName: 'Order Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: ORDER_STATUS_OPTIONS,
				default: [...DEFAULT_ORDER_STATUSES],
				description:
					'Order events are emitted only for orders in these statuses. Incomplete orders (status 0, abandoned checkouts) are never emitted.',
			},
			{
				displayName: 'Fetch Full Order',
				name: 'fetchFullOrder',
				type: 'boolean',
				default: true,
				description:
					'Whether to emit orders with their products, shipping addresses and transactions. Off: the order alone (one call).',
			},
			{
				displayName: 'Verification',
				name: 'verification',
				type: 'options',
				options: [
					{
						name: 'Secret Header + Signature When Present',
						value: 'default',
						description:
							'The secret header set at registration is required; the Standard Webhooks signature is checked whenever it is sent',
					},
					{
						name: 'Standard Webhooks Signature Required',
						value: 'strict',
						description:
							'The Standard Webhooks signature and the secret header are both required; unsigned deliveries are rejected',
					},
					{
						name: 'X-BC-Signature (Relays)',
						value: 'xBcSignature',
						description:
							'For a relay that signs the body with a shared secret as X-BC-Signature (HMAC-SHA256). BigCommerce itself does not send it.',
					},
				],
				default: 'default',
			},
			{
				displayName: 'X-BC-Signature Secret',
				name: 'xBcSecret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				displayOptions: { show: { verification: ['xBcSignature'] } },
				description: 'The secret the relay signs the raw body with',
			},
			{
				displayName: 'X-BC-Signature Encoding',
				name: 'xBcEncoding',
				type: 'options',
				options: [
					{ name: 'Detect', value: 'auto' },
					{ name: 'Hex', value: 'hex' },
					{ name: 'Base64', value: 'base64' },
				],
				default: 'auto',
				displayOptions: { show: { verification: ['xBcSignature'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the request headers (without the secret header) to _event.headers',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			/**
			 * True when every selected scope has an active hook with our header at our URL. Deactivated
			 * hooks are re-activated and stale headers refreshed here; missing ones make n8n call
			 * `create`.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const { secret } = await verificationKeys(this);
				const inspection = await inspectHooks(this, {
					destination: productionUrl(this),
					scopes: selectedScopes(this),
					headerSecret: secret,
				});
				const staticData = this.getWorkflowStaticData('node');
				staticData[HOOK_IDS_KEY] = inspection.ids;
				ensureMemoryId(staticData);
				return inspection.missing.length === 0;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const scopes = selectedScopes(this);
				if (!scopes.length)
					throw new NodeOperationError(this.getNode(), 'Select at least one event');
				const { secret } = await verificationKeys(this);
				const ids = await ensureHooks(this, {
					destination: productionUrl(this),
					scopes,
					headerSecret: secret,
				});
				const staticData = this.getWorkflowStaticData('node');
				staticData[HOOK_IDS_KEY] = ids;
				ensureMemoryId(staticData);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const recorded = (staticData[HOOK_IDS_KEY] ?? {}) as HookIds;
				const allGone = await removeHooks(
					this,
					this.getNodeWebhookUrl('default'),
					recorded,
					this.logger,
				);
				if (allGone) delete staticData[HOOK_IDS_KEY];
				return allGone;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const staticData = this.getWorkflowStaticData('node');
		const statuses = selectedStatuses(this.getNodeParameter('statuses', DEFAULT_ORDER_STATUSES));
		const mode = this.getNodeParameter('verification', 'default') as VerificationMode;

		let credentials: { secret: string; clientSecret: string; storeHash: string };
		try {
			credentials = await verificationKeys(this);
		} catch (error) {
			// Nothing to verify against: refuse, and say why in the log (not to the caller).
			this.logger.error('BigCommerce Trigger cannot verify deliveries', {
				error: (error as Error).message,
			});
			res.status(401).send('Unauthorized').end();
			return { noWebhookResponse: true };
		}

		const decision = decideDelivery(
			staticData,
			{
				rawBody: req.rawBody,
				headers: req.headers,
				mode,
				clientSecret: credentials.clientSecret,
				expectedHeaderSecret: credentials.secret,
				xBcSecret:
					mode === 'xBcSignature' ? (this.getNodeParameter('xBcSecret', '') as string) : undefined,
				xBcEncoding:
					mode === 'xBcSignature'
						? (this.getNodeParameter('xBcEncoding', 'auto') as XBcEncoding)
						: undefined,
			},
			{
				storeHash: credentials.storeHash,
				scopes: selectedScopes(this),
				statuses,
				dedupeScope: `${this.getWorkflow().id ?? ''}:${this.getNode().id}`,
			},
		);

		if (decision.action === 'reject') {
			this.logger.warn('BigCommerce Trigger rejected a delivery', {
				status: decision.status,
				reason: decision.reason,
			});
			res
				.status(decision.status)
				.send(decision.status === 401 ? 'Unauthorized' : 'Bad Request')
				.end();
			return { noWebhookResponse: true };
		}

		// Verified: answer BigCommerce now, before any fetch.
		res.status(200).end();
		if (decision.action === 'ignore') {
			this.logger.debug('BigCommerce Trigger ignored a delivery', { reason: decision.reason });
			return { noWebhookResponse: true };
		}

		const { payload, deliveryId } = decision.delivery;
		const options = this.getNodeParameter('options', {}) as { includeHeaders?: boolean };
		const headers = options.includeHeaders
			? (withoutSecretHeader(req.headers) as IDataObject)
			: undefined;
		const event = deliveredEvent(decision.delivery, credentials.storeHash, headers);

		// Static data is saved after this returns, last writer wins: put back every entry this
		// process recorded meanwhile (./webhook/memory.ts).
		try {
			const outcome = await itemForEvent(this, event, {
				fetchFullOrder: this.getNodeParameter('fetchFullOrder', true) as boolean,
				statuses,
			});
			if (!outcome.emit) {
				this.logger.debug('BigCommerce Trigger emits nothing for a delivery', {
					reason: outcome.reason,
				});
				return { noWebhookResponse: true };
			}
			rememberEmittedOrder(staticData, payload.scope, outcome.orderId);
			return {
				noWebhookResponse: true,
				workflowData: [this.helpers.returnJsonArray(outcome.json)],
			};
		} catch (error) {
			this.logger.error('BigCommerce Trigger could not fetch the record of a delivery', {
				scope: payload.scope,
				deliveryId,
				error: (error as Error).message,
			});
			return {
				noWebhookResponse: true,
				workflowData: [this.helpers.returnJsonArray(fetchFailedItem(event, error))],
			};
		} finally {
			flushWindows(staticData);
		}
	}
}
