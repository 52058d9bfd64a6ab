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

// The e2e suite takes the README's screenshots with Debian's Chromium (test/e2e/screenshots.test.ts,
// which fails without it): say so before a build and an hour of tests, not at the end.
const chromiumPath = () => process.env.N8N_E2E_CHROMIUM || '/usr/bin/chromium';

/** The install instruction when Chromium is missing, else undefined (shared with the e2e suite). */
function chromiumMissing() {
	if (existsSync(chromiumPath())) return undefined;
	return (
		`Chromium not found at ${chromiumPath()}: the e2e suite drives the n8n editor with Debian's ` +
		'Chromium for the README screenshots. Install it with `sudo apt-get install chromium` ' +
		'(or set N8N_E2E_CHROMIUM to its path).'
	);
}

function ensureChromium() {
	const missing = chromiumMissing();
	if (!missing) return;
	console.error(missing);
	process.exit(1);
}

module.exports = { chromiumMissing, chromiumPath, ensureChromium, ensureDependencies };
