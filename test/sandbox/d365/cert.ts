/**
 * A self-signed X.509 certificate made with node:crypto alone (node can read certificates but not
 * write them), so the sandbox needs neither `openssl` nor committed key material: a fresh RSA key
 * pair and certificate per sandbox start. The DER below is the minimal RFC 5280 v3 certificate
 * (no extensions), signed sha256WithRSAEncryption; `new X509Certificate()` parses it, and MSAL
 * only needs the private key plus the SHA-256 thumbprint of this DER.
 */
import {
	createHash,
	generateKeyPairSync,
	randomBytes,
	sign,
	X509Certificate,
	type KeyObject,
} from 'node:crypto';

export interface SandboxCertificate {
	certificatePem: string;
	/** PKCS#8 PEM, the form MSAL's `clientCertificate.privateKey` takes. */
	privateKeyPem: string;
	/** Plain lower-case hex SHA-256 of the certificate DER (MSAL's `thumbprintSha256`). */
	thumbprintSha256: string;
	/** Plain hex SHA-1 (MSAL's deprecated `thumbprint`). */
	thumbprintSha1: string;
	x509: X509Certificate;
	publicKey: KeyObject;
}

function derLength(n: number): Buffer {
	if (n < 0x80) return Buffer.from([n]);
	const bytes: number[] = [];
	for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
	const body = Buffer.concat(content);
	return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const seq = (...content: Buffer[]) => tlv(0x30, ...content);
const set = (...content: Buffer[]) => tlv(0x31, ...content);
const integer = (value: Buffer) =>
	tlv(0x02, value[0] & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);

function oid(dotted: string): Buffer {
	const [a, b, ...rest] = dotted.split('.').map(Number);
	const bytes = [a * 40 + b];
	for (const n of rest) {
		const chunk = [n & 0x7f];
		for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128))
			chunk.unshift((v & 0x7f) | 0x80);
		bytes.push(...chunk);
	}
	return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
	const iso = date.toISOString(); // 2026-11-27T10:00:00.000Z → 261127100000Z
	return tlv(
		0x17,
		Buffer.from(
			`${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`,
		),
	);
}

const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

export function createSelfSignedCertificate(
	commonName = 'n8n-nodes-bigcommerce-d365 sandbox',
): SandboxCertificate {
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const name = seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
	const now = Date.now();
	const tbs = seq(
		tlv(0xa0, integer(Buffer.from([2]))), // v3
		integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
		SHA256_WITH_RSA,
		name,
		seq(utcTime(new Date(now - 86400e3)), utcTime(new Date(now + 5 * 365 * 86400e3))),
		name,
		publicKey.export({ type: 'spki', format: 'der' }),
	);
	const signature = sign('sha256', tbs, privateKey);
	const der = seq(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
	const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
	const certificatePem = `-----BEGIN CERTIFICATE-----\n${b64}-----END CERTIFICATE-----\n`;
	const x509 = new X509Certificate(certificatePem);
	return {
		certificatePem,
		privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		thumbprintSha256: createHash('sha256').update(der).digest('hex'),
		thumbprintSha1: createHash('sha1').update(der).digest('hex'),
		x509,
		publicKey: x509.publicKey,
	};
}
