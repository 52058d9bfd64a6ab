/**
 * What the pack's end-to-end suites share: the sandbox in this process, a real n8n with the pack
 * installed from its tarball, the four reference workflows and the sandbox credentials imported
 * under the ids the workflows reference, and polling helpers that read F&O state from the sandbox.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startSandboxFixture, type SandboxFixture } from '../../support/sandboxFixture';
import type { SandboxOptions } from '../../sandbox';
import { REPO_ROOT } from './hosts';
import { packTarball, startN8n, type N8nInstance, type StartOptions } from './index';

export const WORKFLOW_FILES = ['order-sync', 'refund-sync', 'customer-sync', 'backfill'].map((name) =>
	join(REPO_ROOT, 'workflows', `${name}.json`),
);

export const WORKFLOW_IDS = {
	orderSync: 'bcd365OrderSync1',
	refundSync: 'bcd365RefundSyn1',
	customerSync: 'bcd365CustSync01',
	backfill: 'bcd365Backfill01',
};

/** Credential ids and names exactly as the reference workflows reference them. */
export const CREDENTIAL_REFS = {
	bigCommerce: { id: 'bcStoreCred00001', name: 'BigCommerce store' },
	fo: { id: 'd365FoCred000001', name: 'Dynamics 365 F&O' },
};

export function readWorkflow(file: string): IDataObject {
	return JSON.parse(readFileSync(file, 'utf8')) as IDataObject;
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
	const hooks = (await fx.admin('GET', '/bigcommerce/hooks')) as Array<{ is_active: boolean }> | { data: Array<{ is_active: boolean }> };
	const list = Array.isArray(hooks) ? hooks : hooks.data;
	return list.filter((h) => h.is_active).length >= expected;
}

export async function startPackE2e(
	options: { sandbox?: SandboxOptions; n8n?: Partial<StartOptions>; expectedHooks?: number } = {},
): Promise<PackE2e> {
	const fx = await startSandboxFixture(options.sandbox);
	try {
		const n8n = await startN8n({
			host: 'n8n-2x',
			tarball: await packTarball(REPO_ROOT),
			workflows: WORKFLOW_FILES,
			credentials: sandboxCredentials(fx),
			ready: async () => await hooksRegistered(fx, options.expectedHooks ?? 6),
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

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
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
	throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

export async function executions(n8n: N8nInstance, workflowId: string): Promise<IDataObject[]> {
	const list = await n8n.api('GET', `/executions?workflowId=${workflowId}&limit=250`);
	if (list.status !== 200) throw new Error(`executions: ${list.status}`);
	return list.body.data as IDataObject[];
}
