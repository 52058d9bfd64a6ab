/** Command line for the e2e host harness (debugging, pre-warming the cache):
 *
 *    npx ts-node --transpile-only test/e2e/support/cli.ts install [n8n-2x] [n8n-1x]
 *    npx ts-node --transpile-only test/e2e/support/cli.ts start [n8n-2x|n8n-1x] [--queue] [--no-pack] [workflow.json ...]
 *
 *  `start` runs until Ctrl-C, then stops every process it started. */
import { HOSTS, installHost, type HostName } from './hosts';
import { startN8n } from './n8n';

function hostArg(value: string | undefined): HostName {
	const name = (value ?? 'n8n-2x') as HostName;
	if (!(name in HOSTS))
		throw new Error(`unknown host ${name}; known: ${Object.keys(HOSTS).join(', ')}`);
	return name;
}

async function main(argv: string[]): Promise<void> {
	const [command, ...rest] = argv;
	if (command === 'install') {
		const names = rest.length > 0 ? rest.map(hostArg) : (['n8n-2x'] as HostName[]);
		for (const name of names) {
			const host = await installHost(name);
			process.stdout.write(
				`${JSON.stringify({ name, version: host.version, dir: host.dir, nodeBin: host.nodeBin, n8nBin: host.n8nBin, cacheHit: host.cacheHit, seconds: host.seconds })}\n`,
			);
		}
		return;
	}
	if (command === 'start') {
		const flags = rest.filter((arg) => arg.startsWith('--'));
		const positional = rest.filter((arg) => !arg.startsWith('--'));
		const host = positional[0] && positional[0] in HOSTS ? hostArg(positional.shift()) : 'n8n-2x';
		const n8n = await startN8n({
			host,
			tarball: flags.includes('--no-pack') ? null : undefined,
			workflows: positional,
			queue: flags.includes('--queue') ? { workers: 2, concurrency: 5 } : undefined,
		});
		process.stdout.write(
			`n8n ${n8n.host.version} at ${n8n.baseUrl}\nowner ${n8n.owner.email} / ${n8n.owner.password}\nAPI key ${n8n.apiKey}\nlogs ${n8n.logs}\nCtrl-C to stop\n`,
		);
		await new Promise<void>((resolve) => {
			process.once('SIGINT', resolve);
			process.once('SIGTERM', resolve);
		});
		await n8n.stop();
		return;
	}
	throw new Error(
		'usage: cli.ts install [host...] | start [host] [--queue] [--no-pack] [workflow.json ...]',
	);
}

main(process.argv.slice(2)).catch((error) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
