#!/usr/bin/env node
// `npm test`: everything CI must prove, in order — build, typecheck (tests included), lint, then every jest suite
// (unit, integration against the sandbox, e2e against real n8n hosts, the reduced reliability suite). Stops at
// the first failure.
const { spawnSync } = require('node:child_process');
const { ensureChromium, ensureDependencies } = require('./ensure-deps');

const steps = [
	['npm', ['run', 'build']],
	['npm', ['run', 'typecheck']],
	['npm', ['run', 'lint']],
	// --forceExit: a suite whose setup failed may leave a server open; the run must still end (CI has a time limit).
	['npx', ['jest', '--ci', '--forceExit', '--selectProjects', 'unit', 'integration', 'e2e']],
	// The reliability suite at its reduced size (about 10 minutes; writes RELIABILITY.md), alone after
	// e2e so its timings are not shared with other real n8n hosts. Full size: npm run reliability -- --full.
	['npx', ['jest', '--ci', '--forceExit', '--selectProjects', 'reliability']],
];

function runSteps() {
	for (const [cmd, args] of steps) {
		console.log(`\n> ${cmd} ${args.join(' ')}`);
		const result = spawnSync(cmd, args, { stdio: 'inherit' });
		if (result.status !== 0) {
			console.error(`\n${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
			process.exit(result.status ?? 1);
		}
	}
}

ensureChromium();
ensureDependencies().then(runSteps);
