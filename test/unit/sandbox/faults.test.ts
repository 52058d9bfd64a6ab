/**
 * The sandbox's fault rules add latency as a real API's answer times spread: `latencyMs` is the
 * floor, `jitterMs` the uniform spread above it, drawn per request (the benchmark's 50–100 ms).
 */
import { FaultInjector } from '../../sandbox/common/faults';

describe('fault latency with jitter', () => {
	it('adds latencyMs plus up to jitterMs, drawn per request', () => {
		const draws = [0, 0.5, 0.999];
		const faults = new FaultInjector(() => draws.shift() ?? 0);
		faults.add({ route: '*', latencyMs: 50, jitterMs: 50 });
		const latencies = [1, 2, 3].map(() => faults.decide('v2.orders.get', 'GET').latencyMs);
		expect(latencies[0]).toBe(50);
		expect(latencies[1]).toBe(75);
		expect(latencies[2]).toBeCloseTo(99.95, 5);
	});

	it('without jitterMs the latency is the fixed value and draws nothing', () => {
		const random = jest.fn(() => 0.5);
		const faults = new FaultInjector(random);
		faults.add({ route: 'odata', latencyMs: 120 });
		expect(faults.decide('odata.SalesOrderHeadersV2.create', 'POST').latencyMs).toBe(120);
		expect(random).not.toHaveBeenCalled();
	});

	it('sums the latency of every matching rule, jitter included', () => {
		const faults = new FaultInjector(() => 0.5);
		faults.add({ route: '*', latencyMs: 50, jitterMs: 50 });
		faults.add({ route: 'odata.SalesOrderLines', latencyMs: 10, jitterMs: 20 });
		expect(faults.decide('odata.SalesOrderLines.create', 'POST').latencyMs).toBe(95);
		expect(faults.decide('odata.Currencies.list', 'GET').latencyMs).toBe(75);
	});
});
