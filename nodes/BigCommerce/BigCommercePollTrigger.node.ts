import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { BIGCOMMERCE_CREDENTIAL } from './transport';
import { POLL_BOUNDS, pollOrders, pollRefunds, type BackfillResource } from './trigger/backfill';
import { firstRunCursor, readCursor } from './trigger/cursor';
import { DEFAULT_ORDER_STATUSES, ORDER_STATUS_OPTIONS, selectedStatuses } from './trigger/events';
import { reactivateInactiveHooks } from './trigger/hookLifecycle';
import { pollOneAtATime } from './trigger/pollSerial';

/** Items a manual (test) run shows; it never moves the cursor. */
const SAMPLE_SIZE = 5;

const cursorKey = (resource: BackfillResource) => `cursor:${resource}`;

/** Poll trigger nodes this process has polled: a later poll gets the longer budget. */
const polledBefore = new Set<string>();

/**
 * Polls BigCommerce for orders (by `date_modified`) or refunds (by `created`) past a cursor kept in
 * node static data: the backfill for whatever the webhooks missed, emitting the same items as the
 * BigCommerce Trigger. Each poll also runs the hook watchdog: inactive hooks that are ours are
 * re-activated and reported on the second output, so a workflow can alert.
 *
 * n8n saves static data when a poll emits; a poll that emits nothing (`null`) keeps its cursor in
 * memory only, which is safe: the next poll reads the same records again.
 */
export class BigCommercePollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BigCommerce Poll Trigger',
		name: 'bigCommercePollTrigger',
		icon: {
			light: 'file:../../icons/bigcommerce.svg',
			dark: 'file:../../icons/bigcommerce.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["resource"] === "refunds" ? "Poll new refunds" : "Poll new and changed orders" }}',
		description:
			'Polls BigCommerce for new or changed orders or new refunds, and keeps the webhooks active',
		defaults: { name: 'BigCommerce Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Records', 'Hook Alerts'],
		credentials: [{ name: BIGCOMMERCE_CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Order',
						value: 'orders',
						description: 'Orders created or modified since the last poll',
					},
					{
						name: 'Refund',
						value: 'refunds',
						description: 'Refunds created since the last poll, with their orders',
					},
				],
				default: 'orders',
			},
			{
				displayName: 'Order Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: ORDER_STATUS_OPTIONS,
				default: [...DEFAULT_ORDER_STATUSES],
				displayOptions: { show: { resource: ['orders'] } },
				description:
					'Only orders in these statuses are emitted. Incomplete orders (status 0, abandoned checkouts) never are.',
			},
			{
				displayName: 'First Run Look-Back (Hours)',
				name: 'lookBackHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 24,
				description:
					'How far back the first poll reaches; later polls continue from where the last one stopped',
			},
			{
				displayName: 'Max Records Per Poll',
				name: 'maxPerPoll',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 100,
				description:
					'At most this many orders or refunds per poll (and none started after 30 seconds in the first poll, which n8n runs while activating the workflow, 50 seconds in later ones); the next poll continues from there. Raise it to work through a large backlog faster.',
			},
			{
				displayName: 'Parallel Reads',
				name: 'parallelReads',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 4,
				displayOptions: { show: { resource: ['orders'] } },
				description:
					"How many orders' transactions a poll reads at once. The store's rate limit still sets the pace (the node slows down as the quota runs low); 1 reads one order after another.",
			},
			{
				displayName: 'Leave Recent Changes (Minutes)',
				name: 'minAgeMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description:
					'Orders or refunds changed less than this many minutes ago wait for a later poll: the webhooks are still delivering and posting them, and taking them at the same moment only waits on the same posting locks. 0: take everything. Manual runs take everything.',
			},
			{
				displayName: 'Watch Hooks',
				name: 'watchdog',
				type: 'boolean',
				default: true,
				description:
					"Whether each poll re-activates this pack's hooks that BigCommerce switched off after failed deliveries, and reports them on the Hook Alerts output",
			},
			{
				displayName: 'Instance Base URL',
				name: 'n8nBaseUrl',
				type: 'string',
				default: '',
				placeholder: 'https://n8n.example.com/',
				displayOptions: { show: { watchdog: [true] } },
				description:
					"The n8n instance's base URL (WEBHOOK_URL): only hooks whose destination is on it count as this instance's. Empty: hooks carrying the pack's secret header.",
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// Never two polls of this node at once (./trigger/pollSerial.ts: n8n's isolate handling).
		const key = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
		const manual = this.getMode() === 'manual';
		return await pollOneAtATime(key, !manual, async () => {
			// The first poll runs inside the workflow's activation (POLL_BOUNDS in ./trigger/backfill.ts).
			const later = !manual && polledBefore.has(key);
			if (!manual) polledBefore.add(key);
			return await pollOnce(this, later ? POLL_BOUNDS.laterBudgetMs : POLL_BOUNDS.budgetMs);
		});
	}
}

/** One poll: the watchdog, then the records past the cursor. */
async function pollOnce(
	context: IPollFunctions,
	budgetMs: number,
): Promise<INodeExecutionData[][] | null> {
	const resource = context.getNodeParameter('resource', 'orders') as BackfillResource;
	const staticData = context.getWorkflowStaticData('node');
	const credentials = await context.getCredentials(BIGCOMMERCE_CREDENTIAL);
	const manual = context.getMode() === 'manual';

	const alerts: IDataObject[] = [];
	if (context.getNodeParameter('watchdog', true) as boolean) {
		const baseUrl = context.getNodeParameter('n8nBaseUrl', '') as string;
		for (const report of await reactivateInactiveHooks(context, baseUrl)) {
			alerts.push({
				...report,
				_event: {
					source: 'watchdog',
					scope: 'hook/reactivated',
					store_hash: credentials.storeHash,
				},
			});
		}
	}

	const lookBack = context.getNodeParameter('lookBackHours', 24) as number;
	const cursor =
		readCursor(staticData[cursorKey(resource)]) ?? firstRunCursor(new Date(), lookBack);
	const options = {
		statuses: selectedStatuses(context.getNodeParameter('statuses', DEFAULT_ORDER_STATUSES)),
		storeHash: String(credentials.storeHash ?? ''),
		limit: manual ? SAMPLE_SIZE : undefined,
		maxItems: context.getNodeParameter('maxPerPoll', POLL_BOUNDS.maxItems) as number,
		budgetMs,
		parallelReads: context.getNodeParameter('parallelReads', POLL_BOUNDS.parallelReads) as number,
		minAgeMs: manual ? 0 : (context.getNodeParameter('minAgeMinutes', 1) as number) * 60_000,
	};
	const result =
		resource === 'refunds'
			? await pollRefunds(context, cursor, options)
			: await pollOrders(context, cursor, options);

	// A manual run shows a sample and leaves the cursor where it was.
	if (!manual) staticData[cursorKey(resource)] = { at: result.cursor.at, ids: result.cursor.ids };

	if (!result.items.length && !alerts.length) return null;
	return [context.helpers.returnJsonArray(result.items), context.helpers.returnJsonArray(alerts)];
}
