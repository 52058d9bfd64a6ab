/**
 * The sandbox demo behind `npm start`: a local BigCommerce store and F&O environment, a real n8n
 * 2.x with this pack installed from its tarball, the sandbox credentials and the four reference
 * workflows active, a few store orders, a running summary of what reached F&O, and one
 * reconciliation of the demo's orders once they are posted (scripts/demoReconciliation.ts).
 *
 * scripts/start.js checks the ports before anything is built and passes them in N8N_DEMO_PORT,
 * N8N_DEMO_BROKER_PORT, SANDBOX_ADMIN_PORT, SANDBOX_BIGCOMMERCE_PORT, SANDBOX_D365_PORT and
 * SANDBOX_ENTRA_PORT. Each step starts with a line ending in "…", which start.js names in its
 * progress lines. n8n's logs are kept after stop in .sandbox/demo-logs/<start time>/; nothing of
 * the run stays in the temp directory.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { closeLockClients } from '../nodes/common/recordLock';
import { startSandboxFixture, type SandboxFixture } from '../test/support/sandboxFixture';
import {
	packReady,
	PUBLISHED_WORKFLOW_IDS,
	sandboxCredentials,
	SUPPORT_WORKFLOW_FILES,
	WORKFLOW_FILES,
} from '../test/e2e/support/pack-e2e';
import { packTarball, startN8n, type N8nInstance } from '../test/e2e/support';
import { setProgressSink } from '../test/e2e/support/log';
import { reconcileDemoOrders } from './demoReconciliation';

/** The demo's n8n login, printed at start. */
const DEMO_OWNER = {
	email: 'demo@example.com',
	password: 'Demo-Passw0rd',
	firstName: 'Demo',
	lastName: 'User',
};

/** Runs whose logs are kept; older ones are removed at start. */
const KEPT_LOG_RUNS = 10;

const say = (line: string) => process.stdout.write(`${line}\n`);
const clock = () => new Date().toISOString().slice(11, 19);

function portFromEnv(name: string): number {
	const value = Number(process.env[name]);
	if (!Number.isInteger(value) || value <= 0)
		throw new Error(`${name} is not set: run the demo with \`npm start\``);
	return value;
}

/** A fresh folder for this run's n8n logs under .sandbox/demo-logs, keeping the latest runs. */
function demoLogDir(): string {
	const root = join(__dirname, '..', '.sandbox', 'demo-logs');
	mkdirSync(root, { recursive: true });
	const runs = readdirSync(root).sort();
	for (const old of runs.slice(0, Math.max(0, runs.length - (KEPT_LOG_RUNS - 1))))
		rmSync(join(root, old), { recursive: true, force: true });
	const dir = join(root, new Date().toISOString().replace(/[:.]/g, '-'));
	mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * What the n8n harness reports, in the demo's words: without the harness's process names and
 * folder paths, and without what the demo prints itself (packing, ready, stopped). A line that
 * starts a step ends in "…", so start.js names the step while it runs.
 */
function demoProgress(message: string): void {
	const text = message
		.replace(/^n8n-[12]x( [\w-]+)?: /, '')
		.replace(/ (at|into|holding) \/\S+/g, '')
		.replace(/ \(log \/\S+\)/, '');
	if (/^packed |^installed |ready at |stopped in /.test(text)) return;
	const startsAStep = /^(\w+ing\b|not in the cache|npm ci )/.test(text);
	say(`[${clock()}] n8n: ${text}${startsAStep ? '…' : ''}`);
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
	const [n8nPort, brokerPort, adminPort, bcPort, d365Port, entraPort] = [
		'N8N_DEMO_PORT',
		'N8N_DEMO_BROKER_PORT',
		'SANDBOX_ADMIN_PORT',
		'SANDBOX_BIGCOMMERCE_PORT',
		'SANDBOX_D365_PORT',
		'SANDBOX_ENTRA_PORT',
	].map(portFromEnv);
	setProgressSink(demoProgress);
	const logDir = demoLogDir();
	say('Starting the sandbox (BigCommerce, F&O, Entra ID)…');
	const fx = await startSandboxFixture({
		adminPort,
		bigcommerce: { port: bcPort },
		d365: { port: d365Port, entraPort },
		manifestFile: process.env.SANDBOX_MANIFEST,
	});
	let n8n: N8nInstance | undefined;
	let tarball: string | undefined;
	/** The tarball's folder is only needed until the pack is installed into n8n. */
	const removeTarball = () => {
		if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
		tarball = undefined;
	};
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		say('\nStopping n8n and the sandbox…');
		await n8n?.stop().catch(() => undefined);
		await fx.close().catch(() => undefined);
		await closeLockClients();
		removeTarball();
		say(`n8n logs kept in ${logDir}`);
		say('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));

	try {
		say(
			'Starting n8n 2.x with the pack (the first run installs n8n into ~/.cache: several minutes)…',
		);
		say(`[${clock()}] Packing the node package as n8n installs it (npm pack)…`);
		tarball = await packTarball();
		n8n = await startN8n({
			host: 'n8n-2x',
			port: n8nPort,
			brokerPort,
			tarball,
			workflows: [...WORKFLOW_FILES, ...SUPPORT_WORKFLOW_FILES],
			activate: PUBLISHED_WORKFLOW_IDS,
			credentials: sandboxCredentials(fx),
			ready: packReady(fx),
			readyTimeoutMs: 180_000,
			owner: DEMO_OWNER,
			apiKeyLabel: 'npm start demo',
			logDir,
		});
		removeTarball();
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
		`              ${SUPPORT_WORKFLOW_FILES.map((f) => f.split('/').pop()).join(', ')} (replay: run by hand; error handler: published, runs on errors)`,
	);
	say(
		`Data tables:  ${Object.keys(n8n.dataTableIds).join(', ')} (failures to replay, the audit trail; Overview → Data tables)`,
	);
	say(
		`Sandbox:      admin ${fx.sandbox.manifest.admin.baseUrl}, store ${String(fx.sandbox.manifest.bigcommerce.baseUrl)}, F&O ${fx.sandbox.manifest.d365.environmentUrl}`,
	);
	say(`n8n logs:     ${n8n.logs} (kept after stop)`);
	say('Ctrl-C stops everything.\n');

	const since = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();
	await createDemoOrders(fx);
	const ordersMadeAt = Date.now();
	let last = '';
	let changedAt = Date.now();
	let reconciled = false;
	for (;;) {
		const s = await summary(fx).catch(() => undefined);
		if (s) {
			const line = `F&O summary: ${s.salesOrders} sales orders (${s.lines} lines), ${s.payments} payments, ${s.creditNotes} credit notes, ${s.customers} customers`;
			if (line !== last) {
				say(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
				changedAt = Date.now();
			}
			// Once what the demo posts is in F&O and has stayed so for 10 s (or after two minutes),
			// reconcile the demo's orders once.
			const posted = s.salesOrders >= 2 && s.payments >= 2 && s.creditNotes >= 1;
			const settled = posted && Date.now() - changedAt >= 10_000;
			if (!reconciled && (settled || Date.now() - ordersMadeAt > 120_000)) {
				reconciled = true;
				const result = await reconcileDemoOrders(fx, since).catch(
					(error: Error) => `Reconciliation failed: ${error.message}`,
				);
				say(`[${clock()}] ${result}`);
			}
			last = line;
		}
		await new Promise((r) => setTimeout(r, 2000));
	}
}

main().catch((error) => {
	say(`npm start failed: ${(error as Error).stack ?? String(error)}`);
	process.exit(1);
});
