/**
 * `npm run sandbox`: starts the whole sandbox and prints what it serves.
 * Ports: SANDBOX_ADMIN_PORT, SANDBOX_BIGCOMMERCE_PORT, SANDBOX_D365_PORT, SANDBOX_ENTRA_PORT (0 = any free port).
 * SANDBOX_MANIFEST=<file> writes the manifest as JSON.
 */
import { startSandbox } from './index';

const port = (name: string): number | undefined =>
	process.env[name] ? Number(process.env[name]) : undefined;

async function main(): Promise<void> {
	const sandbox = await startSandbox({
		adminPort: port('SANDBOX_ADMIN_PORT'),
		bigcommerce: { port: port('SANDBOX_BIGCOMMERCE_PORT') },
		d365: { port: port('SANDBOX_D365_PORT'), entraPort: port('SANDBOX_ENTRA_PORT') },
		manifestFile: process.env.SANDBOX_MANIFEST,
	});
	const m = sandbox.manifest;
	console.log('Sandbox running');
	console.log(
		`  BigCommerce API  ${m.bigcommerce.baseUrl}  (store hash ${m.bigcommerce.storeHash})`,
	);
	console.log(`  F&O environment  ${m.d365.environmentUrl}  (legal entity ${m.d365.dataAreaId})`);
	console.log(`  Entra token URL  ${m.d365.tokenUrl}`);
	console.log(`  Admin API        ${m.admin.baseUrl}`);
	console.log(JSON.stringify(m));
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
