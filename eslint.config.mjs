// Lint with n8n's own rules, as `n8n-node lint` builds them: @n8n/node-cli's eslint config (ESLint
// and typescript-eslint recommended, @n8n/eslint-plugin-community-nodes, eslint-plugin-import-x,
// and eslint-plugin-n8n-nodes-base's community, credentials and nodes rulesets with the CLI's own
// overrides), imported from the CLI rather than copied, so it moves with the CLI version.
//
// Product decision, stated once: this pack targets self-hosted n8n and depends on @azure/msal-node
// for Entra ID tokens. So it takes the CLI's configWithoutCloudSupport (no n8n Cloud restricted
// imports/globals), and the one cloud-only rule that config still carries,
// `no-runtime-dependencies`, contradicts that decision and is the only n8n rule switched off for
// the shipped code (nodes/, credentials/, package.json).
//
// Where the CLI's config differs from this one: `n8n-node lint` puts the community-node rules on
// every .ts file. Here they hold the shipped code only; tests, the sandbox, bench and the e2e
// harness are Node programs that never run inside n8n: they start n8n and Redis as child
// processes, print to the console, throw plain Errors and carry made-up secrets as test data,
// which is what those rules forbid in a node. ESLint/typescript-eslint/import-x rules hold there.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';
import tseslint from 'typescript-eslint';

const selfHostedDecision = { '@n8n/community-nodes/no-runtime-dependencies': 'off' };

const notShipped = ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'];
const communityNodeRulesOff = Object.fromEntries(
	Object.keys(n8nCommunityNodesPlugin.rules).map((rule) => [`@n8n/community-nodes/${rule}`, 'off']),
);

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'coverage/**',
			'.cache/**',
			'.sandbox/**',
			'test/e2e/hosts/**/node_modules/**',
		],
	},
	...configWithoutCloudSupport,
	{
		files: ['**/*.ts', 'package.json'],
		rules: selfHostedDecision,
	},
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
	{
		files: notShipped,
		rules: {
			...communityNodeRulesOff,
			'no-console': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
);
