#!/usr/bin/env node
// `npm run reliability`: the reliability suite (test/e2e/reliability.test.ts) against a real n8n in
// queue mode, writing RELIABILITY.md. Reduced size by default;
// `npm run reliability -- --full` (or RELIABILITY_SIZE=full) runs the full size. Builds first, as
// the suite installs the packed dist/.
const { spawnSync } = require('node:child_process');
const { ensureDependencies } = require('./ensure-deps');

const full = process.argv.includes('--full') || process.env.RELIABILITY_SIZE === 'full';
const env = { ...process.env, RELIABILITY_SIZE: full ? 'full' : 'reduced' };

function step(cmd, args) {
	console.log(`\n> ${cmd} ${args.join(' ')}`);
	const result = spawnSync(cmd, args, { stdio: 'inherit', env });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

ensureDependencies().then(() => {
	step('npm', ['run', 'build']);
	step('npx', [
		'jest',
		'--selectProjects',
		'reliability',
		'--runTestsByPath',
		'test/e2e/reliability.test.ts',
		'--forceExit',
	]);
});
