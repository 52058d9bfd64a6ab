/** Shared by the fulfilment integration tests: run either node once as one n8n execution. */
import type { IDataObject } from 'n8n-workflow';

import { BigCommerce } from '../../../nodes/BigCommerce/BigCommerce.node';
import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import type { BigCommerceSandbox } from '../../sandbox/bigcommerce';
import { emptyStaticData } from '../../support/n8n/context';
import type { SandboxFixture } from '../../support/sandboxFixture';

export type StaticData = ReturnType<typeof emptyStaticData>;

export const bigCommerceOf = (fx: SandboxFixture) =>
	fx.sandbox.services.bigcommerce as unknown as BigCommerceSandbox;

export async function runFo(
	fx: SandboxFixture,
	parameters: IDataObject,
	staticData: StaticData = emptyStaticData(),
): Promise<IDataObject[]> {
	const ctx = fx.context({ parameters: { dataAreaId: 'usmf', ...parameters }, staticData });
	const [out] = await new MicrosoftDynamicsFo().execute.call(ctx as never);
	return out.map((i) => i.json);
}

/** The BigCommerce node once, one input item per `perItem` entry (its own parameters). */
export async function runBc(
	fx: SandboxFixture,
	parameters: IDataObject,
	perItem: IDataObject[] = [{}],
	staticData: StaticData = emptyStaticData(),
): Promise<IDataObject[]> {
	const ctx = fx.context({
		parameters,
		itemParameters: perItem,
		items: perItem.map(() => ({ json: {} })),
		staticData,
	});
	const [out] = await new BigCommerce().execute.call(ctx as never);
	return out.map((i) => i.json);
}
