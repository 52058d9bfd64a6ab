/**
 * pollOneAtATime: a poll that starts while the previous poll of the same node still runs waits for
 * it and emits nothing (n8n 2.41 would otherwise release the workflow's expression isolate under
 * the running poll); other nodes and manual runs are not held; an ended poll, failed or not, lets
 * the next one run.
 */
import { pollOneAtATime } from '../../../nodes/BigCommerce/trigger/pollSerial';

function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { open, opened };
}

describe('pollOneAtATime', () => {
	it('a second poll of the same node waits for the running one, then emits nothing without running', async () => {
		const first = gate();
		const ran: string[] = [];
		const one = pollOneAtATime('wf:node', true, async () => {
			ran.push('one');
			await first.opened;
			return 'one';
		});
		let twoSettled = false;
		const two = pollOneAtATime('wf:node', true, async () => {
			ran.push('two');
			return 'two';
		}).then((value) => {
			twoSettled = true;
			return value;
		});
		await new Promise((resolve) => setImmediate(resolve));
		expect(twoSettled).toBe(false); // still waiting: the running poll keeps its isolate
		first.open();
		expect(await one).toBe('one');
		expect(await two).toBeNull();
		expect(ran).toEqual(['one']);
		// The next poll, after both, runs.
		expect(await pollOneAtATime('wf:node', true, async () => 'three')).toBe('three');
	});

	it('other nodes and manual runs are not held; a failed poll does not block the next', async () => {
		const first = gate();
		const held = pollOneAtATime('wf:a', true, async () => {
			await first.opened;
			throw new Error('store unavailable');
		});
		expect(await pollOneAtATime('wf:b', true, async () => 'b')).toBe('b');
		expect(await pollOneAtATime('wf:a', false, async () => 'manual')).toBe('manual');
		const waiting = pollOneAtATime('wf:a', true, async () => 'never');
		first.open();
		await expect(held).rejects.toThrow('store unavailable');
		expect(await waiting).toBeNull();
		expect(await pollOneAtATime('wf:a', true, async () => 'after')).toBe('after');
	});
});
