import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import { emptyStaticData } from '../../support/n8n/context';
import type { SandboxFixture } from '../../support/sandboxFixture';

export type StaticData = ReturnType<typeof emptyStaticData>;

export { MAPPED_SKUS, salesOrderParameters } from '../../support/salesOrderParameters';

/** Run the node once, as one n8n execution with the given static data. */
export async function runNode(
	fx: SandboxFixture,
	parameters: IDataObject,
	options: { staticData?: StaticData; continueOnFail?: boolean; items?: INodeExecutionData[] } = {},
): Promise<IDataObject[]> {
	const ctx = fx.context({
		parameters,
		staticData: options.staticData ?? emptyStaticData(),
		continueOnFail: options.continueOnFail,
		items: options.items,
	});
	const [out] = await new MicrosoftDynamicsFo().execute.call(ctx as never);
	return out.map((item) => item.json);
}

export async function salesOrdersFor(
	fx: SandboxFixture,
	reference: string,
): Promise<IDataObject[]> {
	return (await fx.records('SalesOrderHeadersV2', 'usmf')).filter(
		(h) => h.CustomersOrderReference === reference,
	);
}

export async function linesOf(
	fx: SandboxFixture,
	salesOrderNumber: string,
): Promise<IDataObject[]> {
	return (await fx.records('SalesOrderLines', 'usmf')).filter(
		(l) => l.SalesOrderNumber === salesOrderNumber,
	);
}

/** Requests F&O received (Entra's token endpoint is a separate service in the log). */
export function foCalls(fx: SandboxFixture, sinceSeq: number): number {
	return fx.requests('d365', sinceSeq).length;
}
