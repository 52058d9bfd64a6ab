/** The item loop both action nodes share: pairing, continueOnFail items, the failing item's index. */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { routeItems } from '../../../nodes/common/router';
import { contextOf, node } from './routerSupport';

describe('routeItems', () => {
	it('pairs every output object with its item, one object or several', async () => {
		const [out] = await routeItems(contextOf(2), {
			run: async (i) => (i === 0 ? { n: 0 } : [{ n: 1 }, { n: 2 }]),
		});
		expect(out).toEqual([
			{ json: { n: 0 }, pairedItem: { item: 0 } },
			{ json: { n: 1 }, pairedItem: { item: 1 } },
			{ json: { n: 2 }, pairedItem: { item: 1 } },
		]);
	});

	it('under continueOnFail a failed item carries the message and the node fields under its one error key, the next runs', async () => {
		const [out] = await routeItems(contextOf(2, true), {
			run: async (i) => {
				if (i === 0) throw new Error('raw');
				return { ok: true };
			},
			describeError: (error) => new Error(`described: ${error.message}`),
			failedItemDetails: (message) => ({ audit: { action: 'failed', reason: message } }),
		});
		expect(out).toEqual([
			{
				json: {
					error: {
						message: 'described: raw',
						itemIndex: 0,
						audit: { action: 'failed', reason: 'described: raw' },
					},
				},
				pairedItem: { item: 0 },
			},
			{ json: { ok: true }, pairedItem: { item: 1 } },
		]);
	});

	it("a failed item's error keeps the error's description and HTTP code; its json holds only the key n8n 1.x and 2.x route to the error output", async () => {
		const [out] = await routeItems(contextOf(1, true), {
			run: async () => {
				throw new NodeApiError(
					node,
					{ message: 'gone' },
					{ httpCode: '404', message: 'Not found', description: 'Order 7 does not exist' },
				);
			},
		});
		expect(out).toEqual([
			{
				json: {
					error: {
						message: 'Not found',
						itemIndex: 0,
						description: 'Order 7 does not exist',
						httpCode: '404',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
		// No item.error (expressions cannot read it); json holds `error` alone: n8n 1.x routes an item
		// whose json is { error } or { error, message } and nothing else.
		expect(out[0]).not.toHaveProperty('error');
		expect(Object.keys(out[0].json)).toEqual(['error']);
	});

	it("throws n8n's errors as they are, with the failing item's index where they had none", async () => {
		const apiError = new NodeApiError(node, { message: 'gone' }, { httpCode: '404' });
		const error = await routeItems(contextOf(2), {
			run: async (i) => {
				if (i === 1) throw apiError;
				return {};
			},
		}).catch((e: unknown) => e);
		expect(error).toBe(apiError);
		expect(apiError.context.itemIndex).toBe(1);

		const own = new NodeOperationError(node, 'mine', { itemIndex: 5 });
		await expect(routeItems(contextOf(1), { run: async () => Promise.reject(own) })).rejects.toBe(
			own,
		);
		expect(own.context.itemIndex).toBe(5);
	});

	it('any other error becomes an operation error on its item, with its message', async () => {
		const error = await routeItems(contextOf(1), {
			run: async () => {
				throw new SyntaxError('Unexpected token');
			},
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('Unexpected token');
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
	});
});
