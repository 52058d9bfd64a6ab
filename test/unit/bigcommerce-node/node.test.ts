/** The node's description and router: every operation it offers is routed, none is left dangling. */
import type { INodeProperties } from 'n8n-workflow';

import { BigCommerce } from '../../../nodes/BigCommerce/BigCommerce.node';
import codex from '../../../nodes/BigCommerce/BigCommerce.node.json';

const description = new BigCommerce().description;

function operations(): Array<{ resource: string; operation: string; action?: string }> {
	type OperationOption = { value: string; action?: string };
	return description.properties
		.filter((p: INodeProperties) => p.name === 'operation')
		.flatMap((p) =>
			(p.displayOptions!.show!.resource as string[]).flatMap((resource) =>
				(p.options as OperationOption[]).map((o) => ({
					resource,
					operation: o.value,
					action: o.action,
				})),
			),
		);
}

/** A context that answers every parameter from `parameters` and fails every request. */
function offlineContext(parameters: Record<string, unknown>) {
	return {
		getInputData: () => [{ json: {} }],
		getNode: () => ({
			id: 'n',
			name: 'BigCommerce',
			type: 'bigCommerce',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getNodeParameter: (name: string, _i: number, fallback?: unknown) =>
			parameters[name] ?? fallback,
		getTimezone: () => 'UTC',
		getWorkflowStaticData: () => ({}),
		continueOnFail: () => true,
		getCredentials: async () => ({
			storeHash: 's',
			accessToken: 't',
			baseUrl: 'http://127.0.0.1:9',
		}),
		helpers: {
			httpRequestWithAuthentication: async () => {
				throw new Error('offline: no request may leave this test');
			},
		},
	};
}

describe('BigCommerce node description', () => {
	it('is the regular, tool-usable node the package and the codex name', () => {
		expect(description).toMatchObject({
			name: 'bigCommerce',
			displayName: 'BigCommerce',
			usableAsTool: true,
			version: 1,
		});
		// The Redis lock credential only when a shipment or stock write asks for the Redis lock.
		expect(description.credentials).toEqual([
			{ name: 'bigCommerceApi', required: true },
			{
				name: 'bigCommerceD365RedisLockApi',
				required: true,
				testedBy: 'redisLockTest',
				displayOptions: { show: { postingLock: ['redis'] } },
			},
		]);
		expect(codex.node).toBe('n8n-nodes-bigcommerce-d365.bigCommerce');
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\//);
	});

	it('offers the operations of the issue, each with an action', () => {
		expect(
			operations()
				.map((o) => `${o.resource}.${o.operation}`)
				.sort(),
		).toEqual([
			'customer.get',
			'customer.getAll',
			'inventory.get',
			'inventory.setAbsolute',
			'order.get',
			'order.getAll',
			'order.updateStatus',
			'product.findBySku',
			'refund.getAll',
			'shipment.create',
			'shipment.getAll',
			'transaction.getAll',
			'webhook.create',
			'webhook.delete',
			'webhook.getAll',
			'webhook.update',
		]);
		expect(operations().every((o) => typeof o.action === 'string' && o.action.length > 0)).toBe(
			true,
		);
	});

	it.each(operations().map((o) => [`${o.resource}.${o.operation}`, o]))(
		'%s is routed to the API (it tries a request)',
		async (_name, { resource, operation }) => {
			const parameters = {
				resource,
				operation,
				orderId: '1',
				customerId: '1',
				skus: 'A',
				webhookId: '1',
				scope: 'store/order/created',
				destination: 'https://example.com/hook',
				createdSince: '2025-01-01T00:00:00Z',
				source: 'order',
				returnAll: true,
				updateFields: { isActive: true },
				locationId: '1',
				statusOrderId: '1',
				packingSlip: {
					bigCommerceOrderId: 1,
					packingSlipId: 'PS-1',
					dataAreaId: 'usmf',
					lines: [],
				},
				rows: [{ sku: 'A', warehouseId: '11', availableOnHand: 1 }],
				locations: { entries: [{ warehouseId: '11', locationId: 1 }] },
			};
			const [[item]] = await new BigCommerce().execute.call(offlineContext(parameters) as never);
			expect((item.json.error as { message: string }).message).toBe(
				'BigCommerce: offline: no request may leave this test',
			);
			expect(item.pairedItem).toEqual({ item: 0 });
		},
	);
});
