/** Four suites: unit (pure, no network), integration (nodes and sandbox over loopback HTTP),
 *  e2e (real n8n hosts), reliability (faults, crashes, forgeries against one n8n in queue mode).
 *  `npm run test:unit` is the edit loop; `npm test` runs all of them. */
// tsconfig.json sets isolatedModules, so ts-jest transpiles file by file (type checking is `npm run typecheck` and the build).
const tsJest = ['ts-jest', { diagnostics: false }];

const base = {
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{
			...base,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/sandbox/**/*.test.ts'],
		},
		{
			...base,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/reliability.test.ts'],
		},
		// Its own step of `npm test` (scripts/test-all.js, after e2e) and `npm run reliability`: one real n8n in
		// queue mode for ~10 minutes, run alone so its timings are its own (see RELIABILITY.md).
		{ ...base, displayName: 'reliability', testMatch: ['<rootDir>/test/e2e/reliability.test.ts'] },
	],
};
