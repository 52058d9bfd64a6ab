#!/usr/bin/env node
// `npm start`: the sandbox demo. Checks its ports first (a taken port is refused before anything is
// installed or built), installs what is missing, builds, then hands over to demo.ts, whose output
// it passes through with a progress line at least every 10 s until the demo is ready. Everything
// it and its children put in the temp directory (n8n's run folder, the tarball, compile caches)
// goes into one folder of its own, removed when the demo ends.
const { spawn } = require('node:child_process');
const { mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const { ensureDependencies } = require('./ensure-deps');
const { runStep, watchOutput } = require('./progress');

const root = join(__dirname, '..');

/** The demo's ports, each overridable by its variable; demo.ts reads them from the same variables. */
const PORTS = [
	{ name: 'n8n editor and webhooks', env: 'N8N_DEMO_PORT', port: 5678 },
	{ name: 'n8n task broker', env: 'N8N_DEMO_BROKER_PORT', port: 5679 },
	{ name: 'sandbox admin API', env: 'SANDBOX_ADMIN_PORT', port: 4100 },
	{ name: 'sandbox BigCommerce API', env: 'SANDBOX_BIGCOMMERCE_PORT', port: 4101 },
	{ name: 'sandbox F&O OData', env: 'SANDBOX_D365_PORT', port: 4102 },
	{ name: 'sandbox Entra ID', env: 'SANDBOX_ENTRA_PORT', port: 4103 },
].map((p) => ({ ...p, port: Number(process.env[p.env] || p.port) }));

function portFree(port) {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function refuseTakenPorts() {
	const taken = [];
	for (const p of PORTS) if (!(await portFree(p.port))) taken.push(p);
	for (const p of taken)
		console.log(
			`npm start: port ${p.port} (${p.name}) is already in use. Free it, or set ${p.env} to another port.`,
		);
	if (taken.length) process.exit(2);
}

const TEMP_PREFIX = 'bigcommerce-d365-demo-';

/** This run's temp folder, `$TMPDIR/bigcommerce-d365-demo-<pid>-*`; folders of ended runs go first. */
function demoTempDir() {
	const base = tmpdir();
	for (const entry of readdirSync(base)) {
		const pid = Number(
			entry.startsWith(TEMP_PREFIX) && entry.slice(TEMP_PREFIX.length).split('-')[0],
		);
		if (!pid) continue;
		try {
			process.kill(pid, 0);
		} catch {
			rmSync(join(base, entry), { recursive: true, force: true });
		}
	}
	return mkdtempSync(join(base, `${TEMP_PREFIX}${process.pid}-`));
}

async function main() {
	await refuseTakenPorts();
	const temp = demoTempDir();
	process.env.TMPDIR = temp;
	process.on('exit', () => rmSync(temp, { recursive: true, force: true }));
	await ensureDependencies();
	const built = await runStep('npm run build', 'npm', ['run', 'build', '--silent'], {
		cwd: root,
		showOutput: false,
	});
	if (built !== 0) process.exit(built);

	const tsNode = join(root, 'node_modules', '.bin', 'ts-node');
	const ports = Object.fromEntries(PORTS.map((p) => [p.env, String(p.port)]));
	const child = spawn(
		tsNode,
		['--transpile-only', '--prefer-ts-exts', join(__dirname, 'demo.ts')],
		{
			cwd: root,
			stdio: ['inherit', 'pipe', 'pipe'],
			env: { ...process.env, ...ports, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
		},
	);
	watchOutput(child, /^Ctrl-C stops everything/);
	// Ctrl-C reaches the whole foreground process group; demo.ts stops what it started.
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
	child.on('close', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
}

main().catch((error) => {
	console.error(`npm start failed: ${error.stack || error}`);
	process.exit(1);
});
