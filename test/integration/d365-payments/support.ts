/**
 * Helpers for the payment, credit note and entity tests: run the F&O node against the sandbox,
 * read the store the way the BigCommerce node does, and check every property the node wrote
 * against the real entity catalogue (read at run time, never copied; tests that do gate themselves
 * with itWithShared(ENTITY_CATALOGUE) from test/support/specs.ts).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { getOrder, listRefunds } from '../../../nodes/BigCommerce/api';
import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import type { SandboxFixture } from '../../support/sandboxFixture';

export { unknownProperties } from '../../support/entityCatalogue';

export interface Write {
	method: string;
	entitySet: string;
	body: IDataObject;
}

/** Every POST/PATCH body the node sent to F&O since `sinceSeq`, `$batch` parts included. */
export function writesSince(fixture: SandboxFixture, sinceSeq: number): Write[] {
	const writes: Write[] = [];
	for (const request of fixture.requests('d365', sinceSeq)) {
		if (request.method === 'POST' && request.path.endsWith('/$batch')) {
			const part =
				/(POST|PATCH) \S*\/data\/([A-Za-z0-9_]+)\S* HTTP\/1\.1[\s\S]*?\r?\n\r?\n(\{[^\r\n]*\})/g;
			for (const m of (request.body ?? '').matchAll(part))
				writes.push({ method: m[1], entitySet: m[2], body: JSON.parse(m[3]) });
			continue;
		}
		const set = /\/data\/([A-Za-z0-9_]+)/.exec(request.path)?.[1];
		if ((request.method === 'POST' || request.method === 'PATCH') && set && request.body) {
			writes.push({ method: request.method, entitySet: set, body: JSON.parse(request.body) });
		}
	}
	return writes;
}

/** Bodies of a dry run's planned requests, as writes. */
export function plannedWrites(plannedRequests: IDataObject[]): Write[] {
	const writes: Write[] = [];
	for (const request of plannedRequests) {
		const parts = (request.changeset as IDataObject[] | undefined) ?? [request];
		for (const part of parts) {
			const set = /\/data\/([A-Za-z0-9_]+)/.exec(String(part.path))?.[1] ?? '';
			if (part.body)
				writes.push({
					method: String(part.method),
					entitySet: set,
					body: part.body as IDataObject,
				});
		}
	}
	return writes;
}

export type StaticData = { global: IDataObject; node: Record<string, IDataObject> };

export interface RunOptions {
	items?: INodeExecutionData[];
	itemParameters?: Array<Record<string, unknown>>;
	staticData?: StaticData;
	continueOnFail?: boolean;
}

/** One execution of the F&O node; the output items' json. */
export async function runNode(
	fixture: SandboxFixture,
	parameters: Record<string, unknown>,
	options: RunOptions = {},
): Promise<IDataObject[]> {
	const context = fixture.context({
		parameters,
		itemParameters: options.itemParameters,
		items: options.items ?? (options.itemParameters ?? [{}]).map(() => ({ json: {} })),
		staticData: options.staticData,
		continueOnFail: options.continueOnFail,
	});
	const [out] = await new MicrosoftDynamicsFo().execute.call(context as never);
	return out.map((item) => item.json);
}

/** The order as the BigCommerce node returns it now (with its transactions). */
export async function readOrder(fixture: SandboxFixture, orderId: number): Promise<IDataObject> {
	return (await getOrder(fixture.context(), orderId)) as IDataObject;
}

export async function readRefunds(
	fixture: SandboxFixture,
	orderId: number,
): Promise<IDataObject[]> {
	return await listRefunds(fixture.context(), orderId);
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Credit Note → Create From BigCommerce Refund for one refund of `order` (usmf, main account 401100). */
export function creditNoteParameters(
	fixture: SandboxFixture,
	refund: IDataObject,
	order: IDataObject,
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		resource: 'creditNote',
		operation: 'create',
		dataAreaId: 'usmf',
		input: 'refund',
		bigcommerceRecord: refund,
		bigcommerceOrder: order,
		storeHash: fixture.bigCommerceCredentials.storeHash,
		customerMode: 'account',
		customerAccount: 'WEB-GUEST',
		mainAccount: '401100',
		options: {},
		...overrides,
	};
}
