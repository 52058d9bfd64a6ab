#!/usr/bin/env node
// `npm run reliability`: the reliability suite (test/e2e/reliability.test.ts) against a real n8n in
// queue mode, writing RELIABILITY.md. Reduced size by default;
// `npm run reliability -- --full` (or RELIABILITY_SIZE=full) runs the full size. Builds first, as
// the suite installs the packed dist/.
const { ensureDependencies } = require('./ensure-deps');
const { stepOrExit } = require('./progress');

const full = process.argv.includes('--full') || process.env.RELIABILITY_SIZE === 'full';
const env = { ...process.env, RELIABILITY_SIZE: full ? 'full' : 'reduced' };

const step = (cmd, args) => stepOrExit(cmd, args, env);

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
