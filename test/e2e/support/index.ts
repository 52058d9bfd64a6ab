/** The real-n8n host harness for the e2e suites. See test/e2e/README.md. */
export {
	cacheRoot,
	HOSTS,
	installHost,
	installRuntime,
	type HostName,
	type InstalledHost,
	type InstalledRuntime,
} from './hosts';
export {
	installTarball,
	missingBuildOutputs,
	packTarball,
	readPackageJson,
	type PackageJson,
} from './pack';
export {
	freePorts,
	startN8n,
	webhookReady,
	type HttpResult,
	type N8nInstance,
	type QueueOptions,
	type StartOptions,
} from './n8n';
export { progress } from './log';
