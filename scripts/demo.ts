/**
 * The sandbox demo behind `npm start`: a local BigCommerce store and F&O environment, a real n8n
 * 2.x with this pack installed from its tarball, the sandbox credentials and the four reference
 * workflows active, a few store orders, and a running summary of what reached F&O.
 *
 * Ports (override with env): N8N_DEMO_PORT 5678, N8N_DEMO_BROKER_PORT 5679, SANDBOX_ADMIN_PORT 4100,
 * SANDBOX_BIGCOMMERCE_PORT 4101, SANDBOX_D365_PORT 4102, SANDBOX_ENTRA_PORT 4103.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { closeLockClients } from '../nodes/common/recordLock';
import { startSandboxFixture, type SandboxFixture } from '../test/support/sandboxFixture';
import { packReady, sandboxCredentials, WORKFLOW_FILES } from '../test/e2e/support/pack-e2e';
import { packTarball, startN8n, type N8nInstance } from '../test/e2e/support';

const port = (name: string, fallback: number) => Number(process.env[name] || fallback);

const PORTS: Array<{ name: string; env: string; port: number }> = [
	{ name: 'n8n editor and webhooks', env: 'N8N_DEMO_PORT', port: port('N8N_DEMO_PORT', 5678) },
	{
		name: 'n8n task broker',
		env: 'N8N_DEMO_BROKER_PORT',
		port: port('N8N_DEMO_BROKER_PORT', 5679),
	},
	{ name: 'sandbox admin API', env: 'SANDBOX_ADMIN_PORT', port: port('SANDBOX_ADMIN_PORT', 4100) },
	{
		name: 'sandbox BigCommerce API',
		env: 'SANDBOX_BIGCOMMERCE_PORT',
		port: port('SANDBOX_BIGCOMMERCE_PORT', 4101),
	},
	{ name: 'sandbox F&O OData', env: 'SANDBOX_D365_PORT', port: port('SANDBOX_D365_PORT', 4102) },
	{ name: 'sandbox Entra ID', env: 'SANDBOX_ENTRA_PORT', port: port('SANDBOX_ENTRA_PORT', 4103) },
];

const say = (line: string) => process.stdout.write(`${line}\n`);

function portFree(p: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(p, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function refuseTakenPorts(): Promise<void> {
	const taken = [];
	for (const p of PORTS) if (!(await portFree(p.port))) taken.push(p);
	if (!taken.length) return;
	for (const p of taken)
		say(
			`npm start: port ${p.port} (${p.name}) is already in use. Free it, or set ${p.env} to another port.`,
		);
	process.exit(2);
}

interface Summary {
	salesOrders: number;
	lines: number;
	payments: number;
	creditNotes: number;
	customers: number;
}

async function summary(fx: SandboxFixture): Promise<Summary> {
	const fromStore = (reference: unknown) => /^BC-/.test(String(reference ?? ''));
	const headers = (await fx.records('SalesOrderHeadersV2', 'usmf')).filter((h) =>
		fromStore(h.CustomersOrderReference),
	);
	const numbers = new Set(headers.map((h) => h.SalesOrderNumber));
	const lines = (await fx.records('SalesOrderLines', 'usmf')).filter((l) =>
		numbers.has(l.SalesOrderNumber),
	);
	const payments = (await fx.records('CustomerPaymentJournalLines', 'usmf')).filter((l) =>
		fromStore(l.PaymentReference),
	);
	const returns = (await fx.records('ReturnOrderHeaders', 'usmf')).filter((r) =>
		fromStore(r.CustomersOrderReference),
	);
	const freeText = (await fx.records('FreeTextInvoiceHeaders', 'usmf')).filter((r) =>
		fromStore(r.CustomerReference),
	);
	const customers = (await fx.records('CustomersV3', 'usmf')).filter(
		(c) => c.CustomerAccount !== 'WEB-GUEST',
	);
	return {
		salesOrders: headers.length,
		lines: lines.length,
		payments: payments.length,
		creditNotes: returns.length + freeText.length,
		customers: customers.length,
	};
}

async function createDemoOrders(fx: SandboxFixture): Promise<void> {
	say('Creating store orders: a registered buyer (paid), a guest (paid later), and a refund…');
	const registered = (await fx.admin('POST', '/bigcommerce/orders', {
		customer_id: 1,
		lines: [
			{ sku: 'TENT-2P-ALPINE' },
			{ sku: 'JKT-RAIN-M-BLU', quantity: 2 },
			{ sku: 'LAMP-HEAD-400' },
		],
		shipping: 12,
	})) as IDataObject;
	await fx.admin('POST', `/bigcommerce/orders/${registered.id}/transactions`, { event: 'capture' });
	const guest = (await fx.admin('POST', '/bigcommerce/orders', {
		guest: { first_name: 'Kim', last_name: 'Sato', email: 'kim.sato@example.org' },
		lines: [{ sku: 'STOVE-CANISTER' }, { sku: 'BOTTLE-STEEL-1L', quantity: 2 }],
	})) as IDataObject;
	await new Promise((r) => setTimeout(r, 4000));
	await fx.admin('POST', `/bigcommerce/orders/${guest.id}/transactions`, { event: 'capture' });
	const order = (await fx.admin('GET', `/bigcommerce/orders/${registered.id}`)) as IDataObject;
	const firstLine = ((order.products as IDataObject[] | undefined) ?? [])[0];
	await fx.admin(
		'POST',
		`/bigcommerce/orders/${registered.id}/refunds`,
		firstLine ? { lines: [{ id: firstLine.id, quantity: 1 }] } : { shipping: true },
	);
	say(
		`Store orders ${String(registered.id)} and ${String(guest.id)} created; more can be made with the sandbox admin API (see README).`,
	);
}

async function main(): Promise<void> {
	await refuseTakenPorts();
	const [n8nPort, brokerPort, adminPort, bcPort, d365Port, entraPort] = PORTS.map((p) => p.port);
	say('Starting the sandbox (BigCommerce, F&O, Entra ID)…');
	const fx = await startSandboxFixture({
		adminPort,
		bigcommerce: { port: bcPort },
		d365: { port: d365Port, entraPort },
		manifestFile: process.env.SANDBOX_MANIFEST,
	});
	let n8n: N8nInstance | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the sandbox…');
		await n8n?.stop().catch(() => undefined);
		await fx.close().catch(() => undefined);
		await closeLockClients();
		say('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		say(
			'Starting n8n 2.x with the pack (the first run installs n8n into ~/.cache: several minutes)…',
		);
		n8n = await startN8n({
			host: 'n8n-2x',
			port: n8nPort,
			brokerPort,
			tarball: await packTarball(),
			workflows: WORKFLOW_FILES,
			credentials: sandboxCredentials(fx),
			ready: packReady(fx),
			readyTimeoutMs: 180_000,
		});
	} catch (error) {
		say(`n8n did not start: ${(error as Error).message}`);
		await stop(1);
		return;
	}
	say('');
	say(`n8n editor:   ${n8n.baseUrl}`);
	say(`Login:        ${n8n.owner.email} / ${n8n.owner.password}`);
	say(`Workflows:    ${WORKFLOW_FILES.map((f) => f.split('/').pop()).join(', ')} (active)`);
	say(
		`Sandbox:      admin ${fx.sandbox.manifest.admin.baseUrl}, store ${String(fx.sandbox.manifest.bigcommerce.baseUrl)}, F&O ${fx.sandbox.manifest.d365.environmentUrl}`,
	);
	say(`n8n logs:     ${join(n8n.logs)}`);
	say('Ctrl-C stops everything.\n');

	await createDemoOrders(fx);
	let last = '';
	for (;;) {
		const s = await summary(fx).catch(() => undefined);
		if (s) {
			const line = `F&O summary: ${s.salesOrders} sales orders (${s.lines} lines), ${s.payments} payments, ${s.creditNotes} credit notes, ${s.customers} customers`;
			if (line !== last) say(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
			last = line;
		}
		await new Promise((r) => setTimeout(r, 2000));
	}
}

main().catch((error) => {
	say(`npm start failed: ${(error as Error).stack ?? String(error)}`);
	process.exit(1);
});
