// The hub serves HTTPS with a private CA of its own: made on first start (selfsigned, node's
// X509Certificate; no hand-written ASN.1) and kept beside the database, or an operator's own
// certificate and key. A register trusts exactly that CA: the enrolment code carries its
// SHA-256 fingerprint, and the register pins the CA it fetched once the fingerprint matches.
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface HubTls {
  key: string;
  cert: string;
  /** The certificate a register pins: the hub's CA, or the operator's certificate itself. */
  caCert: string;
  /** SHA-256 fingerprint of caCert, as hex pairs separated by colons (what X509Certificate prints). */
  caFingerprint: string;
}

const YEAR_MS = 365 * 86_400_000;

export const fingerprintOf = (pem: string): string => new X509Certificate(pem).fingerprint256;

/** The operator's certificate and key: used as they are, the certificate pinned itself. */
export function operatorTls(certFile: string, keyFile: string): HubTls {
  const cert = fs.readFileSync(certFile, 'utf8');
  return { key: fs.readFileSync(keyFile, 'utf8'), cert, caCert: cert, caFingerprint: fingerprintOf(cert) };
}

/**
 * The hub's own CA and a server certificate for `hosts` (names or IP addresses; loopback always),
 * created in `dir` on first start and reused after; a server certificate that does not name every
 * host, or is within 30 days of expiring, is issued again from the same CA.
 */
export async function hubTls(dir: string, hosts: readonly string[], now = new Date()): Promise<HubTls> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string) => path.join(dir, name);
  if (!fs.existsSync(file('ca.crt')) || !fs.existsSync(file('ca.key'))) {
    const ca = await generate([{ name: 'commonName', value: 'Endcap store hub CA' }], {
      keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate: new Date(now.getTime() - 3_600_000), notAfterDate: new Date(now.getTime() + 10 * YEAR_MS),
      extensions: [{ name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }],
    });
    fs.writeFileSync(file('ca.key'), ca.private, { mode: 0o600 });
    fs.writeFileSync(file('ca.crt'), ca.cert);
  }
  const caCert = fs.readFileSync(file('ca.crt'), 'utf8');
  const caKey = fs.readFileSync(file('ca.key'), 'utf8');
  const names = [...new Set(['localhost', '127.0.0.1', '::1', ...hosts.filter((h) => h && h !== '0.0.0.0' && h !== '::')])];
  if (!serverCertFits(file('server.crt'), names, now)) {
    const server = await generate([{ name: 'commonName', value: names.find((n) => !net.isIP(n)) ?? 'localhost' }], {
      keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate: new Date(now.getTime() - 3_600_000), notAfterDate: new Date(now.getTime() + 2 * YEAR_MS),
      ca: { key: caKey, cert: caCert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: names.map((n) => (net.isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) },
      ],
    });
    fs.writeFileSync(file('server.key'), server.private, { mode: 0o600 });
    fs.writeFileSync(file('server.crt'), server.cert);
  }
  return { key: fs.readFileSync(file('server.key'), 'utf8'), cert: fs.readFileSync(file('server.crt'), 'utf8'), caCert, caFingerprint: fingerprintOf(caCert) };
}

function serverCertFits(certFile: string, names: readonly string[], now: Date): boolean {
  if (!fs.existsSync(certFile)) return false;
  const cert = new X509Certificate(fs.readFileSync(certFile, 'utf8'));
  if (Date.parse(cert.validTo) - now.getTime() < 30 * 86_400_000) return false;
  return names.every((n) => (net.isIP(n) ? cert.checkIP(n) : cert.checkHost(n)) !== undefined);
}
