/**
 * F&O OData `$batch` in the sandbox: a changeset is atomic (one failing operation rolls back the
 * others, the outer status still 200), Content-ID references only behind their switch, and a
 * throttled part answered as 429 with Retry-After inside the batch. The helpers below write the
 * multipart/mixed body (one changeset per group of operations) that F&O's $batch takes.
 */
import { useD365Sandbox } from './testSupport';

const d365 = useD365Sandbox();
const { admin, faults } = d365;

function batchBody(changesets: { method: string; url: string; body?: unknown; id: number }[][]) {
	const parts = changesets.map((ops, i) => {
		const cs = `changeset_${i}`;
		const inner = ops
			.map(
				(op) =>
					`--${cs}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ${op.id}\r\n\r\n${op.method} ${d365.env}/data/${op.url} HTTP/1.1\r\nOData-Version: 4.0\r\nContent-Type: application/json;odata.metadata=minimal\r\n\r\n${op.body ? JSON.stringify(op.body) : ''}\r\n`,
			)
			.join('');
		return `--batch_x\r\nContent-Type: multipart/mixed; boundary=${cs}\r\n\r\n${inner}--${cs}--\r\n`;
	});
	return `${parts.join('')}--batch_x--\r\n`;
}

/** A changeset operation that creates a customer group in the default company. */
const createGroup = (CustomerGroupId: string, Description: string, id: number) => ({
	method: 'POST',
	url: 'CustomerGroups',
	body: { CustomerGroupId, Description },
	id,
});

const postBatch = (body: string) =>
	fetch(`${d365.env}/data/$batch`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${d365.token}`,
			'Content-Type': 'multipart/mixed; boundary=batch_x',
		},
		body,
	});

describe('$batch', () => {
	it('a changeset is atomic: a failing second operation rolls back the first; outer status 200', async () => {
		const before = d365.sandbox.records('CustomerGroups', 'usmf').length;
		const res = await postBatch(
			batchBody([[createGroup('CS1', 'one', 1), createGroup('10', 'dup', 2)]]),
		);
		expect(res.status).toBe(200);
		const text = await res.text();
		expect(text).toMatch(/Content-ID: 1\r\n\r\nHTTP\/1\.1 400 Bad Request/);
		expect(text).toContain('The record already exists..');
		expect(d365.sandbox.records('CustomerGroups', 'usmf')).toHaveLength(before);
		const ok = await (await postBatch(batchBody([[createGroup('CS1', 'one', 1)]]))).text();
		expect(ok).toMatch(/HTTP\/1\.1 201 Created/);
		expect(d365.sandbox.records('CustomerGroups', 'usmf')).toHaveLength(before + 1);
	});

	it('Content-ID references only behind the switch', async () => {
		const ops = [
			createGroup('REF', 'a', 1),
			{ method: 'PATCH', url: '$1', body: { Description: 'b' }, id: 2 },
		];
		expect(await (await postBatch(batchBody([ops]))).text()).toMatch(/HTTP\/1\.1 404/);
		expect(d365.sandbox.records('CustomerGroups').some((g) => g.CustomerGroupId === 'REF')).toBe(
			false,
		);
		await admin('PUT', ['switches'], { contentIdReferences: true });
		expect(await (await postBatch(batchBody([ops]))).text()).toMatch(/HTTP\/1\.1 204/);
		expect(
			d365.sandbox.records('CustomerGroups').find((g) => g.CustomerGroupId === 'REF')?.Description,
		).toBe('b');
	});

	it('a throttled part comes back as 429 with Retry-After inside a 200 batch', async () => {
		faults.add({ route: 'odata.CustomerGroups.create', throttle: 1, retryAfterSeconds: 9 });
		const res = await postBatch(batchBody([[createGroup('T1', 't', 1)]]));
		expect(res.status).toBe(200);
		const text = await res.text();
		expect(text).toMatch(/HTTP\/1\.1 429 Too Many Requests\r\n[\s\S]*Retry-After: 9/);
		expect(d365.sandbox.records('CustomerGroups').some((g) => g.CustomerGroupId === 'T1')).toBe(
			false,
		);
	});
});
