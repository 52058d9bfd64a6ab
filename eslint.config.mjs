// Lint with n8n's own rules: eslint-plugin-n8n-nodes-base (community, credentials, nodes rulesets)
// and @n8n/eslint-plugin-community-nodes in its self-hosted configuration, as `n8n-node lint` builds it.
//
// Product decision, stated once: this pack targets self-hosted n8n and depends on @azure/msal-node
// for Entra ID tokens. The self-hosted config already drops n8n Cloud's restricted imports/globals;
// the one cloud-only rule it still carries, `no-runtime-dependencies`, contradicts that decision and
// is the only rule switched off.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const communityNodes = n8nCommunityNodes.configs.recommendedWithoutN8nCloudSupport;
const selfHostedDecision = { '@n8n/community-nodes/no-runtime-dependencies': 'off' };

export default tseslint.config(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'coverage/**',
			'.cache/**',
			'test/e2e/hosts/**/node_modules/**',
		],
	},
	{
		files: ['**/*.ts'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: {
			'prefer-spread': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		extends: [communityNodes],
		rules: { 'no-console': 'error', ...selfHostedDecision },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser },
		plugins: { 'n8n-nodes-base': n8nNodesBase, ...communityNodes.plugins },
		rules: {
			...n8nNodesBase.configs.community.rules,
			...communityNodes.rules,
			...selfHostedDecision,
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Scoped by its own docs to n8n's main repository (a camelCase doc slug); community
			// credentials must carry a full https documentationUrl, which its sibling rule enforces.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two legacy rules demand the string 'main'; @n8n/community-nodes'
			// node-connection-type-literal demands NodeConnectionTypes.Main. The newer rule wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
);
