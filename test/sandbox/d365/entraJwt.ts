/**
 * The compact-JWT handling the Entra ID sandbox (./entra.ts) needs, with node:crypto alone so the
 * sandbox carries no JWT library: signing and checking its own RS256 access tokens with a key made
 * at start (published in its JWKS), and decoding the segments of the client assertions MSAL sends
 * (./entraAssertion.ts). Written once, because a slip here would show as a 401 on every call.
 */
import { generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT header or payload segment as an object; throws on bad base64url or JSON. */
export function decodeJwtSegment(segment: string): Record<string, unknown> {
	return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The sandbox tenant's token-signing key: what Entra signs access tokens with and F&O checks. */
export class AccessTokenSigner {
	readonly kid = randomUUID();
	private readonly privateKey: KeyObject;
	private readonly publicKey: KeyObject;

	constructor() {
		const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
		this.privateKey = pair.privateKey;
		this.publicKey = pair.publicKey;
	}

	/** An RS256 JWT of these claims, its header naming this key's `kid`. */
	sign(claims: Record<string, unknown>): string {
		const head = b64url({ typ: 'JWT', alg: 'RS256', kid: this.kid });
		const body = b64url(claims);
		const sig = sign('sha256', Buffer.from(`${head}.${body}`), this.privateKey).toString(
			'base64url',
		);
		return `${head}.${body}.${sig}`;
	}

	/** The token's claims when this key signed it; otherwise why not. Claims are not checked here. */
	verifiedClaims(token: string): { claims: Record<string, unknown> } | { reason: string } {
		const parts = token.split('.');
		if (parts.length !== 3) return { reason: 'malformed token' };
		try {
			const ok = verify(
				'sha256',
				Buffer.from(`${parts[0]}.${parts[1]}`),
				this.publicKey,
				Buffer.from(parts[2], 'base64url'),
			);
			if (!ok) return { reason: 'bad signature' };
			return { claims: decodeJwtSegment(parts[1]) };
		} catch {
			return { reason: 'malformed token' };
		}
	}

	/** The public key's RSA modulus and exponent, as a JWKS entry carries them. */
	publicJwk(): { n?: string; e?: string } {
		const jwk = this.publicKey.export({ format: 'jwk' });
		return { n: jwk.n, e: jwk.e };
	}
}
