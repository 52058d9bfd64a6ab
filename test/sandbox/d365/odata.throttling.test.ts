/**
 * F&O OData under load and faults in the sandbox: 429 with Retry-After once the request budget is
 * spent, a write that commits although the client never hears back (or gave up first), slow line
 * writes, injected gateway errors, and 401 for a missing token or one for another audience.
 */
import { useD365Sandbox } from './testSupport';

const d365 = useD365Sandbox();
const { call, admin, faults } = d365;

describe('throttling and faults', () => {
	it('429 + Retry-After when the request budget is spent', async () => {
		await admin('PUT', ['switches'], { requestBudget: 2, retryAfterSeconds: 30 });
		expect((await call('GET', 'Currencies')).status).toBe(200);
		expect((await call('GET', 'Currencies')).status).toBe(200);
		const third = await call('GET', 'Currencies');
		expect(third.status).toBe(429);
		expect(third.headers.get('retry-after')).toBe('30');
		expect(third.json.error.message).toBe(
			'Number of requests exeeded the limit of 2 over the time window of 300 seconds.',
		);
	});

	it('timeout after commit: the order lands, the client never hears back', async () => {
		faults.add({ route: 'odata.SalesOrderHeadersV2.create', timeoutAfterCommit: 1 });
		await expect(
			call('POST', 'SalesOrderHeadersV2', {
				OrderingCustomerAccountNumber: 'WEB-GUEST',
				CustomersOrderReference: 'BC-TAC',
			}),
		).rejects.toThrow();
		expect(
			d365.sandbox
				.records('SalesOrderHeadersV2')
				.filter((o) => o.CustomersOrderReference === 'BC-TAC'),
		).toHaveLength(1);
	});

	const orderAt = (reference: string) =>
		d365.sandbox
			.records('SalesOrderHeadersV2')
			.filter((o) => o.CustomersOrderReference === reference);
	const postOrder = (reference: string, signal?: AbortSignal) =>
		fetch(`${d365.env}/data/SalesOrderHeadersV2`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${d365.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				OrderingCustomerAccountNumber: 'WEB-GUEST',
				CustomersOrderReference: reference,
			}),
			signal,
		});
	const until = async (done: () => boolean) => {
		while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
	};

	it('commit after the client gave up: invisible until commitDelayMs after the client left', async () => {
		faults.add({
			route: 'odata.SalesOrderHeadersV2.create',
			timeoutAfterCommit: 1,
			commitDelayMs: 150,
		});
		await expect(postOrder('BC-LATE', AbortSignal.timeout(50))).rejects.toThrow();
		expect(orderAt('BC-LATE')).toHaveLength(0); // the client gave up; nothing committed yet
		await until(() => orderAt('BC-LATE').length > 0);
		expect(orderAt('BC-LATE')).toHaveLength(1);
	});

	it('lineLatencyMs: a write answers after its records are written, and lands without a client', async () => {
		await admin('PUT', ['switches'], { lineLatencyMs: 120 });
		await expect(postOrder('BC-SLOW', AbortSignal.timeout(30))).rejects.toThrow();
		expect(orderAt('BC-SLOW')).toHaveLength(0);
		await until(() => orderAt('BC-SLOW').length > 0);
		const answered = await postOrder('BC-SLOW-2');
		expect(answered.status).toBe(201);
		expect(orderAt('BC-SLOW-2')).toHaveLength(1);
	});

	it('injected 503 is an HTML gateway page; 500 the F&O JSON envelope', async () => {
		faults.add({ route: 'odata.Currencies', errorRate: 1, errorStatus: 503 });
		const res = await call('GET', 'Currencies');
		expect(res.status).toBe(503);
		expect(res.headers.get('content-type')).toMatch(/text\/html/);
	});

	it('401 without a token or with a token for another audience', async () => {
		d365.token = '';
		expect((await call('GET', 'Currencies')).status).toBe(401);
		d365.token = d365.sandbox.entra.mintAccessToken({ aud: `${d365.env}/` });
		expect((await call('GET', 'Currencies')).status).toBe(401);
	});
});
