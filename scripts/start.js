#!/usr/bin/env node
// `npm start`: the sandbox demo. Installs what is missing, builds, then hands over to demo.ts.
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureDependencies } = require('./ensure-deps');

const root = join(__dirname, '..');
ensureDependencies();
console.log('> npm run build');
const build = spawnSync('npm', ['run', 'build', '--silent'], {
	cwd: root,
	stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);

const tsNode = join(root, 'node_modules', '.bin', 'ts-node');
const child = spawn(tsNode, ['--transpile-only', '--prefer-ts-exts', join(__dirname, 'demo.ts')], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
});
// Ctrl-C reaches the whole foreground process group; demo.ts stops what it started.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
