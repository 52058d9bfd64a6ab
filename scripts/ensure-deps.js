// Installs the pack's own dependencies from the lockfile when they are missing (a fresh clone),
// so `npm start` and `npm test` work as the first command a newcomer types.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');

function ensureDependencies() {
	if (
		existsSync(join(root, 'node_modules', '.bin', 'tsc')) &&
		existsSync(join(root, 'node_modules', 'n8n-workflow'))
	)
		return;
	console.log("> npm ci (first run: installing the pack's dependencies)");
	const result = spawnSync('npm', ['ci'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

module.exports = { ensureDependencies };
