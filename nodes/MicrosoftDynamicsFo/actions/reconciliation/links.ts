/**
 * Links from a reconciliation item to the order in both systems' user interfaces, from URL
 * templates the user can change in the node's options. Neither default is documented by its
 * vendor in the research this pack keeps (unverified): BigCommerce's control panel shows an order
 * at `https://store-<store hash>.mybigcommerce.com/manage/orders/<id>`, and F&O opens a form with the
 * `cmp` (company) and `mi` (menu item) URL parameters, here the All sales orders list page. A
 * template that is emptied gives no link.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const DEFAULT_BIGCOMMERCE_ORDER_URL =
	'https://store-{storeHash}.mybigcommerce.com/manage/orders/{orderId}';
export const DEFAULT_FO_ORDER_URL =
	'{environmentUrl}/?cmp={dataAreaId}&mi=SalesTableListPage&SalesId={salesOrderNumber}';

export const linkOptionFields: INodeProperties[] = [
	{
		displayName: 'BigCommerce Order URL',
		name: 'bigCommerceOrderUrl',
		type: 'string',
		default: DEFAULT_BIGCOMMERCE_ORDER_URL,
		description:
			'Link to an order in the control panel; {storeHash} and {orderId} are replaced. Empty: no link.',
	},
	{
		displayName: 'F&O Sales Order URL',
		name: 'foOrderUrl',
		type: 'string',
		default: DEFAULT_FO_ORDER_URL,
		description:
			'Link to the sales order in F&O; {environmentUrl}, {dataAreaId} and {salesOrderNumber} are replaced. Empty: no link.',
	},
];

function fill(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in values
			? encodeURIComponent(values[name]).replace(/%3A/gi, ':').replace(/%2F/gi, '/')
			: whole,
	);
}

export function orderLinks(
	options: IDataObject,
	context: { storeHash: string; dataAreaId: string; environmentUrl: string },
) {
	const bcTemplate = String(options.bigCommerceOrderUrl ?? DEFAULT_BIGCOMMERCE_ORDER_URL);
	const foTemplate = String(options.foOrderUrl ?? DEFAULT_FO_ORDER_URL);
	return (order: { orderId: number; salesOrderNumbers: string[] }) => ({
		bigCommerce: bcTemplate
			? fill(bcTemplate, { storeHash: context.storeHash, orderId: String(order.orderId) })
			: null,
		fo: order.salesOrderNumbers.map((number) =>
			foTemplate
				? fill(foTemplate, {
						environmentUrl: context.environmentUrl,
						dataAreaId: context.dataAreaId,
						salesOrderNumber: number,
					})
				: null,
		),
	});
}
