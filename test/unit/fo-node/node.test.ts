/**
 * The F&O node's router, offline: every operation its selectors offer reaches an `execute` (none is
 * left dangling), an unknown one is refused before anything runs, and a failed item under
 * continueOnFail carries the `failed` audit under its error, beside the message. An item the
 * BigCommerce trigger could not fetch is refused for that reason by every operation that reads it;
 * a mapping error carries the advice of errorAdvice.ts.
 */
import { NodeApiError, type INodeProperties } from 'n8n-workflow';

import { fetchFailedItem } from '../../../nodes/BigCommerce/trigger/items';
import { mappingAdvice } from '../../../nodes/MicrosoftDynamicsFo/actions/errorAdvice';
import { MicrosoftDynamicsFo } from '../../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';

const description = new MicrosoftDynamicsFo().description;

function operations(): Array<{ resource: string; operation: string }> {
	return description.properties
		.filter((p: INodeProperties) => p.name === 'operation')
		.flatMap((p) =>
			(p.displayOptions!.show!.resource as string[]).flatMap((resource) =>
				(p.options as Array<{ value: string }>).map((o) => ({ resource, operation: o.value })),
			),
		);
}

const CREDENTIALS_READ = 'credentials read: the operation was found';

/** A context answering parameters from `parameters`; credentials as given, or a refusal. */
function offlineContext(
	parameters: Record<string, unknown>,
	options: { credentials?: Record<string, unknown>; continueOnFail?: boolean } = {},
) {
	return {
		getInputData: () => [{ json: {} }],
		getNode: () => ({
			id: 'n',
			name: 'Dynamics 365 F&O',
			type: 'microsoftDynamicsFo',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getNodeParameter: (name: string, _i: number, fallback?: unknown) =>
			parameters[name] ?? fallback,
		getTimezone: () => 'UTC',
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async () => {
			if (!options.credentials) throw new Error(CREDENTIALS_READ);
			return options.credentials;
		},
	};
}

describe('F&O node router', () => {
	it('offers the operations of every resource', () => {
		expect(
			operations()
				.map((o) => `${o.resource}.${o.operation}`)
				.sort(),
		).toEqual([
			'creditNote.create',
			'creditNote.find',
			'customer.findByEmail',
			'customer.get',
			'customer.upsert',
			'entity.create',
			'entity.delete',
			'entity.get',
			'entity.getAll',
			'entity.update',
			'legalEntity.getAll',
			'onHand.getAll',
			'packingSlip.getAll',
			'payment.find',
			'payment.post',
			'payment.postRefund',
			'reconciliation.customers',
			'reconciliation.orders',
			'reconciliation.skus',
			'releasedProduct.get',
			'releasedProduct.resolveSkus',
			'salesOrder.create',
			'salesOrder.findByBigCommerceId',
			'salesOrder.get',
			'tracking.get',
		]);
	});

	it.each(operations().map((o) => [`${o.resource}.${o.operation}`, o]))(
		'%s is routed to an operation',
		async (_name, { resource, operation }) => {
			await expect(
				new MicrosoftDynamicsFo().execute.call(offlineContext({ resource, operation }) as never),
			).rejects.toThrow(CREDENTIALS_READ);
		},
	);

	it('refuses an operation it does not have, before reading credentials', async () => {
		await expect(
			new MicrosoftDynamicsFo().execute.call(
				offlineContext({ resource: 'salesOrder', operation: 'delete' }) as never,
			),
		).rejects.toThrow('Unsupported operation salesOrder:delete');
	});

	it('under continueOnFail a failed item carries its error and, under it, a failed audit', async () => {
		const context = offlineContext(
			{ resource: 'salesOrder', operation: 'get', salesOrderNumber: 'SO-1' },
			{
				credentials: { environmentUrl: 'https://contoso.operations.dynamics.com' },
				continueOnFail: true,
			},
		);
		const [[item]] = await new MicrosoftDynamicsFo().execute.call(context as never);
		const message = 'No legal entity: choose one on the node or set a default in the credential';
		expect(item).toEqual({
			json: {
				error: { message, itemIndex: 0, audit: { action: 'failed', reason: message } },
			},
			pairedItem: { item: 0 },
		});
	});

	it('a mapping error fails its item with the message and the advice, before any request', async () => {
		const context = offlineContext(
			{
				resource: 'customer',
				operation: 'upsert',
				source: 'order',
				guestMode: 'perEmail',
				bigcommerceRecord: {
					id: 120,
					customer_id: 0,
					billing_address: { first_name: 'Ann', last_name: 'Lee', email: '', country_iso2: 'US' },
				},
			},
			{
				credentials: {
					environmentUrl: 'https://contoso.operations.dynamics.com',
					dataAreaId: 'usmf',
				},
				continueOnFail: true,
			},
		);
		const [[item]] = await new MicrosoftDynamicsFo().execute.call(context as never);
		const error = item.json.error as { message: string; description: string };
		// The message names the order already, so it is not tagged a second time.
		expect(error.message).toBe(
			'Guest order 120 has no billing email; guest mode "perEmail" needs an email to find or create the customer',
		);
		expect(error.description).toBe(mappingAdvice('GUEST_EMAIL_MISSING'));
	});

	describe('an item the trigger could not fetch (the 404 after its 200)', () => {
		const node = offlineContext({}).getNode() as never;
		const notFound = new NodeApiError(
			node,
			{ message: 'The requested resource was not found.' },
			{ httpCode: '404', message: 'BigCommerce: The requested resource was not found.' },
		);
		const unfetched = fetchFailedItem(
			{
				scope: 'store/order/created',
				data: { type: 'order', id: 101 },
				meta: { source: 'webhook', scope: 'store/order/created', store_hash: 'abc' },
			},
			notFound,
		);
		const credentials = {
			environmentUrl: 'https://contoso.operations.dynamics.com',
			dataAreaId: 'usmf',
		};

		it.each([
			['customer', 'upsert', { source: 'order', guestMode: 'perEmail' }],
			['salesOrder', 'create', { numbering: 'generated', customerMode: 'resolve' }],
			['payment', 'post', { input: 'order', offsetAccount: 'USMF OPER' }],
			['creditNote', 'create', { input: 'refund' }],
		])(
			'%s.%s reports the failed fetch, not a fault of the record',
			async (resource, operation, extra) => {
				const context = offlineContext(
					{ resource, operation, bigcommerceRecord: unfetched, ...extra },
					{ credentials, continueOnFail: true },
				);
				const [[item]] = await new MicrosoftDynamicsFo().execute.call(context as never);
				const message =
					'Order 101 could not be fetched from BigCommerce (HTTP 404): BigCommerce: The requested resource was not found.';
				expect(item.json).toEqual({
					error: {
						message,
						itemIndex: 0,
						description:
							'Nothing was written. The trigger received store/order/created but could not read the record; BigCommerce does not send the event again.',
						audit: { action: 'failed', reason: message },
					},
				});
			},
		);

		it('without continueOnFail the execution fails with that error', async () => {
			const context = offlineContext(
				{
					resource: 'customer',
					operation: 'upsert',
					source: 'order',
					bigcommerceRecord: unfetched,
				},
				{ credentials },
			);
			await expect(new MicrosoftDynamicsFo().execute.call(context as never)).rejects.toThrow(
				/^Order 101 could not be fetched from BigCommerce \(HTTP 404\)/,
			);
		});
	});
});
