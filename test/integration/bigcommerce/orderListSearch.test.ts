/**
 * The BigCommerce node's Order locator list against the store sandbox, called as n8n's editor calls
 * it: the store's orders newest first, a page at a time with a token for the next page; an order
 * number typed finds that order alone (one exact min_id/max_id query); other text keeps the orders
 * of the page whose buyer's name or email contains it. Read from the sandbox's request log.
 */
import type { INodeListSearchResult } from 'n8n-workflow';

import { BigCommerce } from '../../../nodes/BigCommerce/BigCommerce.node';
import { ORDER_LIST_PAGE_SIZE } from '../../../nodes/BigCommerce/actions/order/listSearch';
import {
	callsSince,
	createOrder,
	lines,
	startStore,
	storeContext,
	type StoreUnderTest,
} from './support';

let store: StoreUnderTest;
beforeAll(async () => {
	store = await startStore();
});
afterAll(async () => {
	await store.close();
});

const { listSearch } = new BigCommerce().methods;

async function search(filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const context = storeContext(store, { parameters: { resource: 'order', operation: 'get' } });
	return await listSearch!.searchOrders.call(context as never, filter, paginationToken);
}

const ids = (result: INodeListSearchResult) => result.results.map((r) => Number(r.value));

describe('Order list', () => {
	it('shows the newest orders first, each with its number, buyer, total and status', async () => {
		const created = await createOrder(store, { customer_id: 1, lines: lines(1) });
		const { results } = await search();
		expect(Number(results[0].value)).toBe(Number(created.id));
		const listed = results.map((r) => Number(r.value));
		expect(listed).toEqual([...listed].sort((a, b) => b - a));
		const name = results[0].name;
		expect(name.startsWith(`${String(created.id)} · `)).toBe(true);
		expect(name).toMatch(/ · \d+\.\d{2} [A-Z]{3} · /);
		expect(name.endsWith(String(created.status))).toBe(true);
	});

	it('an order number typed finds that order alone, with one exact query', async () => {
		const created = await createOrder(store, { customer_id: 2, lines: lines(2) });
		const seq = store.log.lastSeq;
		expect(ids(await search(` ${String(created.id)} `))).toEqual([Number(created.id)]);
		const calls = await callsSince(store, seq);
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toMatchObject({
			min_id: String(created.id),
			max_id: String(created.id),
		});
		expect(ids(await search('999999'))).toEqual([]);
	});

	it("other text keeps the page's orders whose buyer name or email contains it, case-insensitively", async () => {
		const all = (await search()).results;
		const first = all[0].name.split(' · ')[1];
		const word = first.split(' ')[0].toUpperCase();
		const found = await search(word);
		expect(found.results.length).toBeGreaterThan(0);
		expect(found.results.length).toBeLessThanOrEqual(all.length);
		for (const entry of found.results) expect(entry.name.toUpperCase()).toContain(word);
		expect((await search('no-such-buyer-anywhere')).results).toEqual([]);
	});

	it(`pages by ${ORDER_LIST_PAGE_SIZE}: a full page gives a token, the next page continues below it`, async () => {
		while (ids(await search()).length < ORDER_LIST_PAGE_SIZE)
			await createOrder(store, { customer_id: 3, lines: lines(1) });
		for (let i = 0; i < 3; i++) await createOrder(store, { customer_id: 3, lines: lines(1) });
		const first = await search();
		expect(first.results).toHaveLength(ORDER_LIST_PAGE_SIZE);
		expect(first.paginationToken).toBe('2');
		const second = await search(undefined, first.paginationToken as string);
		expect(second.results.length).toBeGreaterThanOrEqual(3);
		expect(Math.max(...ids(second))).toBeLessThan(Math.min(...ids(first)));
		// Pages never repeat an order, and the last page carries no token.
		let token = second.paginationToken as string | undefined;
		const seen = new Set([...ids(first), ...ids(second)]);
		let count = seen.size;
		while (token) {
			const page = await search(undefined, token);
			for (const id of ids(page)) seen.add(id);
			count += page.results.length;
			token = page.paginationToken as string | undefined;
		}
		expect(seen.size).toBe(count);
	});
});
