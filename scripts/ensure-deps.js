// Installs the pack's own dependencies from the lockfile when they are missing (a fresh clone),
// so `npm start` and `npm test` work as the first command a newcomer types.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const { runStep } = require('./progress');

const root = join(__dirname, '..');

async function ensureDependencies() {
	if (
		existsSync(join(root, 'node_modules', '.bin', 'tsc')) &&
		existsSync(join(root, 'node_modules', 'n8n-workflow'))
	)
		return;
	const code = await runStep(
		"npm ci (first run: installing the pack's dependencies)",
		'npm',
		['ci'],
		{
			cwd: root,
		},
	);
	if (code !== 0) process.exit(code);
}

module.exports = { ensureDependencies };
