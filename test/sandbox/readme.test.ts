/**
 * The README's admin examples work as written. This runs the ```bash block that follows the
 * `admin-examples` marker in README.md, command by command in bash with curl, against a sandbox
 * seeded as `npm start` leaves it (the seed, then the demo's two orders, their captures and its
 * refund), and checks that each command answers what the README says it does. Where the demo's
 * order-sync workflow would post the new order, the F&O node posts it, so the last command finds
 * it in F&O. Only the admin address differs from the README (the test's port, not 4100).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { IDataObject } from 'n8n-workflow';

import { getOrder } from '../../nodes/BigCommerce/api';
import { MicrosoftDynamicsFo } from '../../nodes/MicrosoftDynamicsFo/MicrosoftDynamicsFo.node';
import { emptyStaticData } from '../support/n8n/context';
import { salesOrderParameters } from '../support/salesOrderParameters';
import { startSandboxFixture, type SandboxFixture } from '../support/sandboxFixture';
import type { BigCommerceSandbox } from './bigcommerce';

jest.setTimeout(60000);

const run = promisify(execFile);
const README = path.join(__dirname, '..', '..', 'README.md');

/** The commands of the block after the marker: continuation lines joined, comments dropped. */
function adminExamples(readme: string): string[] {
	const marker = readme.indexOf('<!-- admin-examples');
	if (marker < 0) throw new Error('README.md has no admin-examples marker');
	const block = /```bash\n([\s\S]*?)```/.exec(readme.slice(marker));
	if (!block) throw new Error('no ```bash block after the admin-examples marker');
	const commands: string[] = [];
	let pending = '';
	for (const line of block[1].split('\n')) {
		if (!pending && (!line.trim() || line.trim().startsWith('#'))) continue;
		pending += (pending ? '\n' : '') + line;
		if (!line.endsWith('\\')) {
			commands.push(pending);
			pending = '';
		}
	}
	return commands;
}

let fx: SandboxFixture;
let work: string;
beforeAll(async () => {
	fx = await startSandboxFixture();
	work = mkdtempSync(path.join(tmpdir(), 'readme-examples-'));
});
afterAll(async () => {
	rmSync(work, { recursive: true, force: true });
	await fx.close();
});

/** What `npm start` does to the store before a reader types anything (scripts/demo.ts). */
async function actLikeTheDemo(): Promise<number[]> {
	const registered = await fx.admin('POST', '/bigcommerce/orders', {
		customer_id: 1,
		lines: [
			{ sku: 'TENT-2P-ALPINE' },
			{ sku: 'JKT-RAIN-M-BLU', quantity: 2 },
			{ sku: 'LAMP-HEAD-400' },
		],
		shipping: 12,
	});
	await fx.admin('POST', `/bigcommerce/orders/${registered.id}/transactions`, { event: 'capture' });
	const guest = await fx.admin('POST', '/bigcommerce/orders', {
		guest: { first_name: 'Kim', last_name: 'Sato', email: 'kim.sato@example.org' },
		lines: [{ sku: 'STOVE-CANISTER' }, { sku: 'BOTTLE-STEEL-1L', quantity: 2 }],
	});
	await fx.admin('POST', `/bigcommerce/orders/${guest.id}/transactions`, { event: 'capture' });
	const viewed = await fx.admin('GET', `/bigcommerce/orders/${registered.id}`);
	await fx.admin('POST', `/bigcommerce/orders/${registered.id}/refunds`, {
		lines: [{ id: viewed.products[0].id, quantity: 1 }],
	});
	return [registered.id as number, guest.id as number];
}

/** Runs one command in bash, carrying the block's shell variables and functions to the next. */
async function shell(command: string, variables: string[]): Promise<string> {
	const admin = new URL(fx.sandbox.manifest.admin.baseUrl).host;
	const state = path.join(work, 'state.sh');
	const script = [
		'set -o pipefail',
		`[ -f '${state}' ] && source '${state}'`,
		command.replaceAll('localhost:4100', admin),
		'status=$?',
		`{ declare -f; for v in ${variables.join(' ')}; do [ -n "\${!v+x}" ] && declare -p "$v"; done; } > '${state}'`,
		'exit $status',
	].join('\n');
	const { stdout } = await run('bash', ['-c', script], { cwd: work });
	return stdout.trim();
}

/** What the order-sync workflow does on the new order's webhook under npm start: fetch, post. */
async function postToFo(orderId: number): Promise<void> {
	const order = (await getOrder(fx.context(), orderId)) as IDataObject;
	const ctx = fx.context({
		parameters: salesOrderParameters(fx, order),
		staticData: emptyStaticData(),
	});
	const [out] = await new MicrosoftDynamicsFo().execute.call(ctx as never);
	expect((out[0].json.audit as IDataObject).action).toBe('created');
}

it('every command of the README admin examples answers as the README says, on a fresh demo', async () => {
	const demoOrders = await actLikeTheDemo();
	const commands = adminExamples(readFileSync(README, 'utf8'));
	const variables = [
		...new Set(commands.flatMap((c) => [...c.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]))),
	];
	expect(variables).toEqual(['ORDER', 'LINE']);
	expect(commands).toHaveLength(8);
	const bc = fx.sandbox.services.bigcommerce as BigCommerceSandbox;
	const hash = fx.bigCommerceCredentials.storeHash as string;
	const out: string[] = [];
	for (const [i, command] of commands.entries()) {
		out.push(await shell(command, variables));
		if (i === 1) await postToFo(Number(/^order (\d+)$/.exec(out[1])?.[1]));
	}
	const [helper, created, captured, lines, lineVariable, refunded, refused, inFo] = out;

	// json() only defines a function; LINE= only sets a variable.
	expect([helper, lineVariable]).toEqual(['', '']);
	// A NEW order: not one the demo made (nor a seed order), with the README's lines.
	const id = Number(/^order (\d+)$/.exec(created)?.[1]);
	expect(id).toBeGreaterThan(Math.max(...demoOrders));
	const order = bc.store.getOrder(id);
	expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([
		['TENT-2P-ALPINE', 2],
		['LAMP-HEAD-400', 1],
	]);
	expect(
		bc.dispatcher.events.filter((e) => e.scope === 'store/order/created').pop()?.payload,
	).toMatchObject({ data: { id } });
	// Its capture took the whole order.
	expect(Number(captured)).toBe(bc.store.ordersTotal(order).totalIncTax);
	// The lines: id, SKU, quantity.
	expect(lines.split('\n')).toEqual(order.lines.map((l) => `${l.id} ${l.sku} ${l.quantity}`));
	// One tent refunded, by its line id: a PRODUCT refund, not a shipping fallback.
	const [refund] = bc.store.refunds.filter((r) => r.order_id === id);
	expect(refund.items).toEqual([
		expect.objectContaining({ item_type: 'PRODUCT', item_id: order.lines[0].id, quantity: 1 }),
	]);
	expect(Number(refunded)).toBe(refund.total_amount);
	expect(order.lines[0].quantityRefunded).toBe(1);
	// The second capture is refused and records nothing.
	expect(refused).toMatch(/already been captured in full/);
	expect(
		bc.store.transactions.filter((t) => t.order_id === String(id) && t.event === 'capture'),
	).toHaveLength(1);
	// F&O holds the new order's sales order, once.
	expect(inFo).toMatch(new RegExp(`^\\S+ BC-${hash}-${id}$`));
});
