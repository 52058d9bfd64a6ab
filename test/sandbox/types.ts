/** The contract between the sandbox's services and the process that joins them (index.ts). */
import type { FaultInjector } from './common/faults';
import type { RequestLog } from './common/requestLog';

export interface AdminResult {
	status: number;
	body?: unknown;
}

/**
 * Admin calls below `/<service>/` on the admin server. `path` is split on `/` without the service
 * segment (`POST /bigcommerce/orders` → method POST, path ['orders']). Return undefined for 404.
 */
export type AdminHandler = (
	method: string,
	path: string[],
	body: unknown,
	query: URLSearchParams,
) => Promise<AdminResult | undefined>;

export interface ServiceContext {
	host: string;
	log: RequestLog;
	faults: FaultInjector;
}

export interface SandboxService {
	name: string;
	/** Fields this service contributes to the manifest, under its own name. */
	manifest: Record<string, unknown>;
	admin: AdminHandler;
	/** Back to the seed data and default switches. */
	reset(): Promise<void>;
	close(): Promise<void>;
}
