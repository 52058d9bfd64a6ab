import { backoffDelayMs, boundedServerDelayMs } from '../../../nodes/common/backoff';
import { redactSecrets } from '../../../nodes/common/redact';
import { infologText, retryAfterMs } from '../../../nodes/MicrosoftDynamicsFo/transport';

describe('backoff', () => {
	const policy = { baseDelayMs: 100, maxDelayMs: 1000 };

	it('doubles per attempt within [delay/2, delay] and is capped', () => {
		expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
		expect(backoffDelayMs(1, policy, () => 1)).toBe(100);
		expect(backoffDelayMs(3, policy, () => 1)).toBe(400);
		expect(backoffDelayMs(10, policy, () => 1)).toBe(1000);
		expect(backoffDelayMs(10, policy, () => 0)).toBe(500);
	});

	it('bounds server-requested waits', () => {
		expect(boundedServerDelayMs(5000, policy)).toBe(1000);
		expect(boundedServerDelayMs(0, policy)).toBe(50);
		expect(boundedServerDelayMs(Number.NaN, policy)).toBe(100);
	});
});

describe('F&O answers', () => {
	it('reads Retry-After as seconds or an HTTP date', () => {
		expect(retryAfterMs('60')).toBe(60000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30000);
		expect(retryAfterMs(undefined)).toBeUndefined();
	});

	it('pulls the Infolog text out of a write failure', () => {
		expect(
			infologText(
				"Write failed for table row of type 'CustCustomerV3Entity'. Infolog: Warning: The value 'Local' in field 'Customer group' is not found in the related table 'Customer groups'.; Warning: validateField failed on field 'CustCustomerV3Entity.CustomerGroupId'..",
			),
		).toBe(
			"Warning: The value 'Local' in field 'Customer group' is not found in the related table 'Customer groups'.; Warning: validateField failed on field 'CustCustomerV3Entity.CustomerGroupId'.",
		);
	});
});

describe('redaction', () => {
	it('removes known secrets, bearer tokens, JWTs and secret form fields', () => {
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl';
		const text = `token s3cr3t-value-123 Bearer abc.def.ghi ${jwt} client_secret=xyz&x=1`;
		const out = redactSecrets(text, ['s3cr3t-value-123']);
		expect(out).not.toContain('s3cr3t-value-123');
		expect(out).not.toContain('abc.def.ghi');
		expect(out).not.toContain(jwt);
		expect(out).not.toContain('xyz');
		expect(out).toContain('x=1');
	});
});
