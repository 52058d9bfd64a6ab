/**
 * A node context for integration tests: parameters, input items, credentials, workflow static
 * data and n8n's request helpers (real HTTP through n8nHttpRequest). It stands in for n8n's
 * ExecuteContext / HookContext / PollContext / WebhookContext with the members our nodes use;
 * the e2e suites run the same nodes inside real n8n.
 */
import {
	deepCopy,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { httpRequestWithAuthentication, testNode, type CredentialStore } from './credentials';
import { n8nHttpRequest } from './httpRequest';

export interface ContextOptions {
	node?: Partial<INode>;
	parameters?: Record<string, unknown>;
	/** Per-item parameter overrides (item index → parameters). */
	itemParameters?: Array<Record<string, unknown>>;
	items?: INodeExecutionData[];
	credentials?: Record<string, { type: ICredentialType; data: ICredentialDataDecryptedObject }>;
	/** Shared between contexts to model executions of one workflow (persisted static data). */
	staticData?: { global: IDataObject; node: Record<string, IDataObject> };
	continueOnFail?: boolean;
	mode?: WorkflowExecuteMode;
	workflowId?: string;
	webhookUrl?: string;
	/** For webhook contexts. */
	request?: {
		headers: Record<string, string>;
		rawBody: Buffer;
		body?: unknown;
		query?: IDataObject;
	};
}

function getPath(source: Record<string, unknown>, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => {
		if (value && typeof value === 'object') return (value as Record<string, unknown>)[key];
		return undefined;
	}, source);
}

export function emptyStaticData(): { global: IDataObject; node: Record<string, IDataObject> } {
	return { global: {}, node: {} };
}

export function createContext(options: ContextOptions = {}) {
	const node: INode = {
		...testNode,
		...options.node,
		parameters: (options.parameters ?? {}) as INode['parameters'],
	};
	const store: CredentialStore = options.credentials ?? {};
	const staticData = options.staticData ?? emptyStaticData();
	const items = options.items ?? [{ json: {} }];
	const logged: Array<{ level: string; message: string; meta?: unknown }> = [];
	const logger = Object.fromEntries(
		['debug', 'info', 'warn', 'error', 'verbose'].map((level) => [
			level,
			(message: string, meta?: unknown) => logged.push({ level, message, meta }),
		]),
	);

	const context = {
		logged,
		logger,
		getNode: () => node,
		getMode: () => options.mode ?? 'trigger',
		getWorkflow: () => ({
			id: options.workflowId ?? 'wf-test-0001',
			name: 'Test workflow',
			active: true,
		}),
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getNodeParameter(
			name: string,
			itemIndex = 0,
			fallback?: unknown,
			opts?: { extractValue?: boolean },
		) {
			const own = options.itemParameters?.[itemIndex];
			let value =
				own && getPath(own, name) !== undefined
					? getPath(own, name)
					: getPath(options.parameters ?? {}, name);
			if (value === undefined) {
				if (arguments.length >= 3) return fallback;
				throw new NodeOperationError(node, `Could not get parameter "${name}"`);
			}
			if (opts?.extractValue && value && typeof value === 'object' && '__rl' in (value as object)) {
				value = (value as { value: unknown }).value;
			}
			return deepCopy(value as IDataObject);
		},
		async getCredentials(type: string) {
			const entry = store[type];
			if (!entry)
				throw new NodeOperationError(node, `Node does not have credentials of type "${type}"`);
			return { ...entry.data };
		},
		getWorkflowStaticData(type: 'global' | 'node') {
			if (type === 'global') return staticData.global;
			const key = `node:${node.name}`;
			staticData.node[key] = staticData.node[key] ?? {};
			return staticData.node[key];
		},
		getNodeWebhookUrl: () => options.webhookUrl ?? 'http://127.0.0.1:5678/webhook/test',
		getRequestObject: () => ({
			headers: options.request?.headers ?? {},
			rawBody: options.request?.rawBody,
			body: options.request?.body,
			query: options.request?.query ?? {},
		}),
		getHeaderData: () => options.request?.headers ?? {},
		getBodyData: () => (options.request?.body ?? {}) as IDataObject,
		getResponseObject: () => ({}),
		getTimezone: () => 'UTC',
		helpers: {
			httpRequest: (opts: IHttpRequestOptions) => n8nHttpRequest(opts),
			httpRequestWithAuthentication(this: unknown, type: string, opts: IHttpRequestOptions) {
				return httpRequestWithAuthentication(store, node, type, opts);
			},
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (
				data: INodeExecutionData[],
				meta: { itemData: { item: number } },
			) => data.map((entry) => ({ ...entry, pairedItem: meta.itemData })),
		},
	};
	return context;
}

export type TestContext = ReturnType<typeof createContext>;
