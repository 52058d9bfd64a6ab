import { createHmac } from 'node:crypto';

import {
	deriveHookSecret,
	hasHookMarkerHeader,
	HOOK_HEADER_PURPOSE,
	HOOK_MARKER_HEADER,
} from '../../../../nodes/BigCommerce/webhook/secret';
import { CLIENT_SECRET, NODE_ID, WORKFLOW_ID } from './helpers';

describe('deriveHookSecret', () => {
	it('is HMAC-SHA256 of the JSON-encoded label, purpose and ids, as unpadded base64url', () => {
		const value = deriveHookSecret(CLIENT_SECRET, WORKFLOW_ID, NODE_ID);
		const label = 'n8n-nodes-bigcommerce-d365/derive/v1';
		const message = JSON.stringify([label, HOOK_HEADER_PURPOSE, WORKFLOW_ID, NODE_ID]);
		expect(value).toBe(createHmac('sha256', CLIENT_SECRET).update(message).digest('base64url'));
		expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(value).not.toContain(CLIENT_SECRET);
	});

	it('is stable, and changes with the secret, the workflow, the node and the purpose', () => {
		const base = deriveHookSecret(CLIENT_SECRET, WORKFLOW_ID, NODE_ID);
		expect(deriveHookSecret(CLIENT_SECRET, WORKFLOW_ID, NODE_ID)).toBe(base);
		const others = [
			deriveHookSecret(`${CLIENT_SECRET}2`, WORKFLOW_ID, NODE_ID),
			deriveHookSecret(CLIENT_SECRET, `${WORKFLOW_ID}2`, NODE_ID),
			deriveHookSecret(CLIENT_SECRET, WORKFLOW_ID, `${NODE_ID}2`),
			deriveHookSecret(CLIENT_SECRET, WORKFLOW_ID, NODE_ID, 'watchdog'),
		];
		expect(new Set([base, ...others]).size).toBe(5);
	});

	it('keeps the fields apart: moving a character between ids changes the value', () => {
		expect(deriveHookSecret(CLIENT_SECRET, 'ab', 'c')).not.toBe(
			deriveHookSecret(CLIENT_SECRET, 'a', 'bc'),
		);
	});

	it('refuses to derive from an empty secret or ids', () => {
		expect(() => deriveHookSecret('', WORKFLOW_ID, NODE_ID)).toThrow(/client secret is required/);
		expect(() => deriveHookSecret(CLIENT_SECRET, '', NODE_ID)).toThrow(/required/);
		expect(() => deriveHookSecret(CLIENT_SECRET, WORKFLOW_ID, '')).toThrow(/required/);
	});
});

describe('the marker header', () => {
	it('is a lowercase header name and recognises our hooks whatever the case', () => {
		expect(HOOK_MARKER_HEADER).toMatch(/^[a-z0-9-]+$/);
		expect(hasHookMarkerHeader({ 'X-N8N-BigCommerce-D365-Secret': 'v' })).toBe(true);
		expect(hasHookMarkerHeader({ 'X-Other': 'v' })).toBe(false);
		expect(hasHookMarkerHeader(null)).toBe(false);
	});
});
