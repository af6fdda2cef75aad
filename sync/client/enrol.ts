// A new register joins its store's hub with the code `npm run hub -- device enrol --store S1`
// printed: it fetches the hub's CA, accepts it only if its SHA-256 fingerprint is the one in the
// code (so a machine in the middle cannot slip in its own), pins it, and trades the code's
// single-use secret for its device token over that pinned TLS link. The result is the device's
// hub config (sync.json), CA included.
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { caResponseSchema, decodeEnrolmentCode, enrolResponseSchema, isLoopbackUrl, PROTOCOL_VERSION } from '../protocol/index.js';
import { HubConfigError, parseHubConfig, SYNC_CONFIG_FILE, type HubConfig } from './hubConfig.js';
import { pinnedFetch } from './pinnedFetch.js';
import { writeHubConfigFile } from './hubToken.js';

/** The CA certificate the hub offers, read without trusting it yet: the caller checks its fingerprint. */
function fetchOfferedCa(url: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get(new URL('/v1/ca', url), { rejectUnauthorized: false, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c.length + text.length > 64 * 1024 ? '' : c));
      res.on('end', () => {
        const parsed = caResponseSchema.safeParse((() => { try { return JSON.parse(text) as unknown; } catch { return undefined; } })());
        if (!parsed.success) reject(new HubConfigError(`The hub at ${url} did not offer its CA certificate.`));
        else resolve(parsed.data.caCert);
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', (err) => reject(new HubConfigError(`Cannot reach the hub at ${url} (${err.message}).`)));
  });
}

export async function enrolWithCode(text: string, options: { register?: string; timeoutMs?: number } = {}): Promise<HubConfig> {
  const code = decodeEnrolmentCode(text);
  if (!code) throw new HubConfigError('That is not an enrolment code (it starts with ECE1-); ask for a new one with: npm run hub -- device enrol --store STORE');
  const timeoutMs = options.timeoutMs ?? 15_000;
  let doFetch: typeof fetch = fetch;
  let ca: string | undefined;
  if (code.url.startsWith('https:')) {
    ca = await fetchOfferedCa(code.url, timeoutMs);
    const offered = new X509Certificate(ca).fingerprint256;
    if (offered !== code.fingerprint) {
      throw new HubConfigError(`The hub at ${code.url} presented a certificate authority whose fingerprint (${offered}) is not the one in the code: not enrolling. Someone may be intercepting the store network.`);
    }
    doFetch = pinnedFetch(ca);
  } else if (!isLoopbackUrl(code.url)) {
    throw new HubConfigError('A hub on another machine is reached over https:// only.');
  }
  const response = await doFetch(new URL('/v1/enrol', code.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: PROTOCOL_VERSION, secret: code.secret }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((err: unknown) => {
    throw new HubConfigError(`Cannot reach the hub at ${code.url} over the pinned link (${(err as { cause?: Error }).cause?.message ?? String(err)}).`);
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | undefined)?.error?.message ?? response.statusText;
    throw new HubConfigError(`The hub refused the enrolment code: ${message}`);
  }
  const answer = enrolResponseSchema.parse(body);
  return parseHubConfig(
    {
      url: code.url, token: answer.token, store: answer.storeId, deviceId: answer.deviceId.replace(/[^A-Za-z0-9._-]/g, '_'), tokenExpiresAt: answer.expiresAt,
      ...(ca ? { ca } : {}), ...(options.register ? { register: options.register } : {}),
    },
    'the enrolment answer',
  );
}

/** Writes the device's hub config where resolveHubConfig reads it (sync.json in the data folder), readable by this user only. */
export function writeHubConfig(dataDir: string, config: HubConfig, configKey?: Buffer): string {
  const file = path.join(dataDir, SYNC_CONFIG_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  writeHubConfigFile(file, config, configKey);
  return file;
}
