/** Order → Get: one order with the parts chosen under "Include". */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { locatorField } from '../../../common/resourceLocator';
import { getOrder } from '../../api';
import { httpContext, requiredId } from '../parameters';
import { INCLUDE_OPTIONS, includedParts } from './include';

export const description: INodeProperties[] = [
	{
		...locatorField({
			displayName: 'Order',
			name: 'orderId',
			searchListMethod: 'searchOrders',
			placeholder: '250',
			idHint:
				'The order number of the control panel (Orders > View), or an expression such as {{ $json.order_id }}',
			description:
				'The order to get: newest first, search by order number or buyer name/email, or give its ID',
			required: true,
		}),
		displayOptions: { show: { resource: ['order'], operation: ['get'] } },
	},
	{
		displayName: 'Include',
		name: 'include',
		type: 'multiOptions',
		displayOptions: { show: { resource: ['order'], operation: ['get'] } },
		options: INCLUDE_OPTIONS,
		default: ['fees', 'products', 'shippingAddresses', 'transactions'],
		description: 'What to fetch with the order',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const orderId = requiredId(this, 'orderId', 'Order ID', i);
	return [await getOrder(httpContext(this), orderId, includedParts(this, i))];
}
