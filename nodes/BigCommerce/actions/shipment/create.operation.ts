/**
 * Shipment → Create From Packing Slip: one F&O packing slip (the F&O node's Packing Slip → Get
 * Many item) becomes the order's shipment exactly once — see fulfilment/shipmentSync.ts for the
 * marker, the quantity_shipped comparison, the lock, corrections, carriers and tracking.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { postingLockOf } from '../../fulfilment/lock';
import {
	syncPackingSlip,
	type CarrierRow,
	type SlipInput,
	type SyncResult,
} from '../../fulfilment/shipmentSync';
import { BIGCOMMERCE_CREDENTIAL } from '../../transport';
import { httpContext } from '../parameters';

const show = { resource: ['shipment'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Packing Slip',
		name: 'packingSlip',
		type: 'json',
		default: '={{ $json }}',
		required: true,
		displayOptions: { show },
		description:
			"The F&O packing slip as the F&O node's Packing Slip → Get Many outputs it (bigCommerceOrderId, packingSlipId, dataAreaId, lines with orderProductId and quantity, trackingNumbers, carrier, deliveryMode)",
	},
	{
		displayName: 'Carrier Mapping',
		name: 'carriers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Carrier',
		displayOptions: { show },
		description:
			'F&O carrier or mode of delivery → BigCommerce shipping provider and tracking link',
		options: [
			{
				displayName: 'Carrier',
				name: 'entries',
				values: [
					{
						displayName: 'F&O Carrier or Mode of Delivery',
						name: 'foCarrier',
						type: 'string',
						default: '',
						placeholder: 'UPS',
						description:
							"The packing slip's carrier (ShipCarrierId), else its mode of delivery (DlvMode)",
					},
					{
						displayName: 'Shipping Provider',
						name: 'shippingProvider',
						type: 'string',
						default: '',
						placeholder: 'ups',
						description:
							'BigCommerce shipping_provider: auspost, canadapost, endicia, usps, fedex, royalmail, ups, upsready, shipperhq or carrier_&lt;ID&gt;',
					},
					{
						displayName: 'Tracking Carrier',
						name: 'trackingCarrier',
						type: 'string',
						default: '',
						placeholder: 'dhl',
						description: 'An AfterShip courier slug, for carriers that are not a shipping provider',
					},
					{
						displayName: 'Tracking URL',
						name: 'trackingUrl',
						type: 'string',
						default: '',
						placeholder: 'https://www.ups.com/track?tracknum={tracking}',
						description: '{tracking} is replaced by the tracking number',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Fallback Tracking URL',
				name: 'fallbackTrackingUrl',
				type: 'string',
				default: '',
				placeholder: 'https://parcelsapp.com/en/tracking/{tracking}',
				description:
					'Used when F&O gives no tracking URL and the carrier has none in the table; {tracking} is replaced by the number',
			},
			{
				displayName: 'Set Order Status',
				name: 'setOrderStatus',
				type: 'boolean',
				default: true,
				description:
					'Whether to set the order to Shipped or Partially Shipped after the shipment (BigCommerce does not document doing it itself)',
			},
		],
	},
];

interface SentSlip extends IDataObject {
	orderId: number;
	shipments: number[];
}

function slipOf(context: IExecuteFunctions, itemIndex: number): SlipInput {
	const raw = context.getNodeParameter('packingSlip', itemIndex, {}) as unknown;
	const slip = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Partial<SlipInput>;
	const orderId = Number(slip?.bigCommerceOrderId);
	if (
		!Number.isInteger(orderId) ||
		orderId <= 0 ||
		!slip.packingSlipId ||
		!Array.isArray(slip.lines)
	)
		throw new NodeOperationError(
			context.getNode(),
			'The packing slip needs bigCommerceOrderId, packingSlipId and lines (the F&O node’s Packing Slip → Get Many output)',
			{ itemIndex },
		);
	return {
		...slip,
		dataAreaId: String(slip.dataAreaId ?? ''),
		bigCommerceOrderId: orderId,
	} as SlipInput;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const slip = slipOf(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const carriers = (
		(this.getNodeParameter('carriers', i, {}) as { entries?: CarrierRow[] }).entries ?? []
	).filter((c) => c.foCarrier);
	const credentials = await this.getCredentials(BIGCOMMERCE_CREDENTIAL, i);
	// What this node sent, per slip: the store's own shipments decide, this names a deleted one.
	const memory = this.getWorkflowStaticData('node') as {
		sent?: Record<string, SentSlip>;
		reported?: Record<string, string>;
	};
	const key = `${slip.dataAreaId.toLowerCase()}|${slip.packingSlipId}`;
	const before = memory.sent?.[key];
	const result = await syncPackingSlip(httpContext(this), slip, {
		carriers,
		fallbackTrackingUrl: (options.fallbackTrackingUrl as string) || undefined,
		setOrderStatus: options.setOrderStatus !== false,
		storeHash: String(credentials.storeHash ?? ''),
		lock: await postingLockOf(this),
		sentBefore: before?.orderId === slip.bigCommerceOrderId ? before.shipments : undefined,
		itemIndex: i,
	});
	if (result.status === 'created' || (result.status === 'alreadySent' && !before))
		memory.sent = remember(memory.sent, key, {
			orderId: slip.bigCommerceOrderId,
			shipments: result.shipments.map((s) => Number(s.id)),
		});
	// A slip a person must look at is read again on every poll of the overlap window: say so once.
	const review = needsReview(result)
		? JSON.stringify([result.status, result.slip, result.notShipped])
		: '';
	const alreadyReported = !!review && memory.reported?.[key] === review;
	if (review && !alreadyReported) memory.reported = remember(memory.reported, key, review);
	return [{ ...result, needsReview: !!review, alreadyReported }];
}

/** Slips remembered: static data is saved with every execution, so only the newest ones. */
export const REMEMBERED_SLIPS = 5000;

function remember<T>(entries: Record<string, T> | undefined, key: string, value: T) {
	const next = { ...entries };
	delete next[key];
	next[key] = value;
	const keys = Object.keys(next);
	for (const old of keys.slice(0, Math.max(0, keys.length - REMEMBERED_SLIPS))) delete next[old];
	return next;
}

/** Corrections, cancellations, deleted shipments and lines that could not ship: for a person. */
const needsReview = (result: SyncResult) =>
	['correction', 'cancellation', 'deletedInStore'].includes(result.status) ||
	result.notShipped.some((n) => n.reason !== 'alreadyShippedInStore');
