/**
 * What the pack's end-to-end suites share: the sandbox in this process, a real n8n with the pack
 * installed from its tarball, the four reference workflows and the sandbox credentials imported
 * under the ids the workflows reference, and polling helpers that read F&O state from the sandbox.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { deriveHookSecret, HOOK_MARKER_HEADER } from '../../../nodes/BigCommerce/webhook/secret';
import { signStandardWebhook } from '../../../nodes/BigCommerce/webhook/signature';

import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import type { SandboxOptions } from '../../sandbox';
import { REPO_ROOT } from './hosts';
import { packTarball, startN8n, type N8nInstance, type StartOptions } from './index';

export const WORKFLOW_FILES = ['order-sync', 'refund-sync', 'customer-sync', 'backfill'].map(
	(name) => join(REPO_ROOT, 'workflows', `${name}.json`),
);

export const WORKFLOW_IDS = {
	orderSync: 'bcd365OrderSync1',
	refundSync: 'bcd365RefundSyn1',
	customerSync: 'bcd365CustSync01',
	backfill: 'bcd365Backfill01',
};

/** The workflows an operator runs (replay, by hand from the editor: never published) or n8n runs on an
 *  outright failure (the error handler: n8n 2.x runs only a published error workflow). */
export const SUPPORT_WORKFLOW_FILES = ['replay-failures', 'error-handler'].map((name) =>
	join(REPO_ROOT, 'workflows', `${name}.json`),
);

export const SUPPORT_WORKFLOW_IDS = {
	replayFailures: 'bcd365ReplayFail',
	errorHandler: 'bcd365ErrorHdlr1',
};

/** What a live install publishes: the four triggered workflows and the error handler. */
export const PUBLISHED_WORKFLOW_IDS = [
	...Object.values(WORKFLOW_IDS),
	SUPPORT_WORKFLOW_IDS.errorHandler,
];

/** Credential ids and names exactly as the reference workflows reference them. */
export const CREDENTIAL_REFS = {
	bigCommerce: { id: 'bcStoreCred00001', name: 'BigCommerce store' },
	fo: { id: 'd365FoCred000001', name: 'Dynamics 365 F&O' },
};

export function readWorkflow(file: string): IDataObject {
	return JSON.parse(readFileSync(file, 'utf8')) as IDataObject;
}

/**
 * A return-flow workflow (fulfilment-sync, stock-sync) scheduled every `seconds` instead of every
 * 15/30 minutes, with the sandbox's store hash and no error workflow: the only changes the e2e
 * suite and the benchmark make to it.
 */
export function scheduledEvery(
	workflow: IDataObject,
	seconds: number,
	storeHash: string,
): IDataObject {
	for (const node of workflow.nodes as IDataObject[]) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger')
			node.parameters = { rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] } };
		const parameters = node.parameters as IDataObject;
		if (parameters.storeHash !== undefined) parameters.storeHash = storeHash;
	}
	delete (workflow.settings as IDataObject).errorWorkflow;
	return workflow;
}

export function sandboxCredentials(fx: SandboxFixture): Array<Record<string, unknown>> {
	return [
		{ ...CREDENTIAL_REFS.bigCommerce, type: 'bigCommerceApi', data: fx.bigCommerceCredentials },
		{ ...CREDENTIAL_REFS.fo, type: 'microsoftDynamicsFoApi', data: fx.foCredentials },
	];
}

export interface PackE2e {
	fx: SandboxFixture;
	n8n: N8nInstance;
	stop(): Promise<void>;
}

/** Hooks the triggers registered in the sandbox store, once all `expected` are active. */
export async function hooksRegistered(fx: SandboxFixture, expected: number): Promise<boolean> {
	const hooks = (await fx.admin('GET', '/bigcommerce/hooks')) as
		Array<{ is_active: boolean }> | { data: Array<{ is_active: boolean }> };
	const list = Array.isArray(hooks) ? hooks : hooks.data;
	return list.filter((h) => h.is_active).length >= expected;
}

/**
 * The first webhook 200: a genuinely signed delivery to order-sync's live trigger URL. Its scope is
 * one the trigger does not select, so the trigger verifies it, answers 200 and starts no execution.
 */
export async function firstWebhook200(fx: SandboxFixture, n8n: N8nInstance): Promise<boolean> {
	const workflow = readWorkflow(WORKFLOW_FILES[0]);
	const trigger = (workflow.nodes as IDataObject[]).find(
		(n) => n.name === 'BigCommerce Trigger',
	) as IDataObject;
	const clientSecret = String(fx.bigCommerceCredentials.clientSecret);
	const raw = Buffer.from(
		JSON.stringify({
			scope: 'store/product/updated',
			store_id: '1',
			data: { type: 'product', id: 1 },
			hash: 'c'.repeat(40),
			created_at: Math.floor(Date.now() / 1000),
			producer: `stores/${String(fx.bigCommerceCredentials.storeHash)}`,
		}),
	);
	const id = `msg_ready_${Date.now()}_${Math.random().toString(36).slice(2)}`;
	const ts = String(Math.floor(Date.now() / 1000));
	const response = await fetch(n8n.webhookUrl(`${String(trigger.webhookId)}/webhook`), {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			[HOOK_MARKER_HEADER]: deriveHookSecret(clientSecret, String(workflow.id), String(trigger.id)),
			'webhook-id': id,
			'webhook-timestamp': ts,
			'webhook-signature': signStandardWebhook(clientSecret, id, ts, raw),
		},
		body: raw,
	}).catch(() => undefined);
	await response?.arrayBuffer().catch(() => undefined);
	return response?.status === 200;
}

/** Ready when the triggers registered their hooks and the live webhook answers a genuine delivery. */
export function packReady(fx: SandboxFixture, expectedHooks = 6) {
	return async (n8n: N8nInstance): Promise<boolean> =>
		(await hooksRegistered(fx, expectedHooks)) && (await firstWebhook200(fx, n8n));
}

export async function startPackE2e(
	options: { sandbox?: SandboxOptions; n8n?: Partial<StartOptions>; expectedHooks?: number } = {},
): Promise<PackE2e> {
	const fx = await startSandboxFixture(options.sandbox);
	try {
		const n8n = await startN8n({
			host: 'n8n-2x',
			tarball: await packTarball(REPO_ROOT),
			workflows: [...WORKFLOW_FILES, ...SUPPORT_WORKFLOW_FILES],
			activate: Object.values(WORKFLOW_IDS),
			credentials: sandboxCredentials(fx),
			ready: packReady(fx, options.expectedHooks ?? 6),
			readyTimeoutMs: 120_000,
			...options.n8n,
		});
		return {
			fx,
			n8n,
			stop: async () => {
				await n8n.stop();
				await fx.close();
			},
		};
	} catch (error) {
		await fx.close();
		throw error;
	}
}

export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined | false>,
	timeoutMs = 60_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await probe();
			if (value) return value;
		} catch (error) {
			last = error;
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(
		`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
	);
}

export async function executions(n8n: N8nInstance, workflowId: string): Promise<IDataObject[]> {
	const list = await n8n.api('GET', `/executions?workflowId=${workflowId}&limit=250`);
	if (list.status !== 200) throw new Error(`executions: ${list.status}`);
	return list.body.data as IDataObject[];
}
