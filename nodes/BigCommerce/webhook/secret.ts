/**
 * The shared-secret header the BigCommerce Trigger sets on the hooks it registers.
 *
 * BigCommerce sends every header given at hook creation (`POST /v3/hooks` `headers`) with each
 * delivery. The value is derived from the API account's client secret and the workflow and node
 * ids, so it can be recomputed on every request and no secret is ever kept in static data.
 */
import { createHmac } from 'node:crypto';

/**
 * Header name carrying the derived secret. It also marks a hook as created by this pack, so a
 * watchdog listing `GET /v3/hooks` can recognise ours among the API account's other hooks.
 */
export const HOOK_MARKER_HEADER = 'x-n8n-bigcommerce-d365-secret';

/** Default purpose: the value of {@link HOOK_MARKER_HEADER}. */
export const HOOK_HEADER_PURPOSE = 'hook-secret-header';

const DERIVATION_LABEL = 'n8n-nodes-bigcommerce-d365/derive/v1';

/**
 * HMAC-SHA256(client secret, label ‖ purpose ‖ workflow id ‖ node id) as unpadded base64url
 * (43 characters). The inputs are JSON-encoded as one array, so no two different tuples can
 * produce the same message. A different `purpose` gives an independent value.
 */
export function deriveHookSecret(
	clientSecret: string,
	workflowId: string,
	nodeId: string,
	purpose: string = HOOK_HEADER_PURPOSE,
): string {
	if (!clientSecret) {
		throw new Error('The BigCommerce client secret is required to derive the hook secret');
	}
	if (!workflowId || !nodeId) {
		throw new Error('The workflow id and node id are required to derive the hook secret');
	}
	const message = JSON.stringify([DERIVATION_LABEL, purpose, workflowId, nodeId]);
	return createHmac('sha256', Buffer.from(clientSecret, 'utf8'))
		.update(message, 'utf8')
		.digest('base64url');
}

/** Whether a hook's configured headers (as returned by `GET /v3/hooks`) carry our marker header. */
export function hasHookMarkerHeader(
	hookHeaders: Record<string, unknown> | null | undefined,
): boolean {
	if (!hookHeaders) return false;
	return Object.keys(hookHeaders).some((name) => name.toLowerCase() === HOOK_MARKER_HEADER);
}
