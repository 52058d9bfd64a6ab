/**
 * Secrets at rest (issue 16 item 5, last bullet): after every other scenario, each secret value of
 * the run searched for verbatim in n8n's log files, a pg_dump of its database (credentials are
 * stored encrypted) and the execution data, plus Entra bearer tokens in logs and execution data.
 */
import { readFileSync } from 'node:fs';

import { deriveHookSecret } from '../../../nodes/BigCommerce/webhook/secret';
import { run } from '../support/proc';
import type { Section } from './report';
import { suite, trigger } from './suite';

export async function secretsAtRest(): Promise<Section> {
	const { fx, n8n, redis, workflows } = suite;
	const secrets: Record<string, string> = {
		'BigCommerce client secret': String(fx.bigCommerceCredentials.clientSecret),
		'BigCommerce access token': String(fx.bigCommerceCredentials.accessToken),
		'F&O client secret': String(fx.foCredentials.clientSecret),
		'hook secret header (order-sync)': deriveHookSecret(
			String(fx.bigCommerceCredentials.clientSecret),
			String(workflows.orderSync.id),
			String(trigger(workflows.orderSync).id),
		),
		'certificate private key (a line of its PEM)':
			fx.sandbox.manifest.d365.privateKeyPem.split('\n')[1],
		...(redis ? { 'Redis password': redis.password } : {}),
	};
	const db = n8n.database as { name: string; host: string; port: number; user: string };
	const pg = ['-h', db.host, '-p', String(db.port), '-U', db.user];
	const dump = (await run('pg_dump', [...pg, db.name], { timeoutMs: 300_000 })).output;
	const executionData = (
		await run('psql', [...pg, '-d', db.name, '-At', '-c', 'SELECT data FROM execution_data'], {
			timeoutMs: 300_000,
		})
	).output;
	const logs = Object.values(n8n.logFiles)
		.map((f) => {
			try {
				return readFileSync(f, 'utf8');
			} catch {
				return '';
			}
		})
		.join('\n');
	const sources: Record<string, string> = {
		'n8n logs (main, workers, CLI)': logs,
		'PostgreSQL dump of the n8n database': dump,
		'execution data': executionData,
	};
	const figures: Array<[string, string | number]> = [];
	let hits = 0;
	for (const [name, value] of Object.entries(secrets)) {
		const found = Object.entries(sources)
			.filter(([, text]) => value && text.includes(value))
			.map(([s]) => s);
		hits += found.length;
		figures.push([name, found.length ? `found in ${found.join(', ')}` : 'not found']);
	}
	const bearer =
		(logs.match(/Bearer eyJ/g) ?? []).length + (executionData.match(/Bearer eyJ/g) ?? []).length;
	figures.push(['Entra access tokens ("Bearer eyJ…") in logs and execution data', bearer]);
	figures.push([
		'bytes searched: logs / database dump / execution data',
		`${logs.length} / ${dump.length} / ${executionData.length}`,
	]);
	// A search of an empty dump would find nothing: the dump must hold the run.
	expect(dump.length).toBeGreaterThan(10_000);
	return {
		title: 'Secrets at rest',
		setup:
			'Every secret value of the run searched for, verbatim, in every n8n log file, a pg_dump of the n8n database (credentials are stored encrypted) and the execution data table, after all scenarios.',
		figures: [...figures, ['hits', hits + bearer]],
		targets: [{ what: 'secret hits', value: hits + bearer, target: 0 }],
	};
}
