#!/usr/bin/env node
// `npm run benchmark`: bench/run.ts against the sandbox and a real n8n 2.x, writing BENCHMARKS.md and
// bench/results/latest.json. Reduced size by default (about 25 minutes on 2 cores);
// `npm run benchmark -- --full` adds the 10,000-order backfill for the memory target, `-- --quick`
// tries every part with a few orders, `-- --rerender` rewrites BENCHMARKS.md from the last run's
// bench/results/latest.json (a wording change, no new figures). Builds first, as the benchmark installs the packed dist/;
// runs with --expose-gc for the pack's heap per order. Not part of `npm test`: nothing in it passes
// or fails.
const { ensureDependencies } = require('./ensure-deps');
const { stepOrExit } = require('./progress');

const env = { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PREFER_TS_EXTS: 'true' };

ensureDependencies().then(() => {
	stepOrExit('npm', ['run', 'build'], env);
	stepOrExit(
		process.execPath,
		['--expose-gc', '-r', 'ts-node/register', 'bench/run.ts', ...process.argv.slice(2)],
		env,
	);
});
