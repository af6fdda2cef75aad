// A new register joins its store's hub with the code `npm run hub -- device enrol --store S1`
// printed (protocol/enrolment.ts): it says hello over a TLS link it does not trust yet, takes the
// CA certificate the hub offers only if the hub proves, with the code's secret, that this is its
// CA (so a machine in the middle cannot slip in its own), pins it, and trades the single-use
// secret for its device token over that pinned link. The result is the device's hub config
// (sync.json), CA included. Every refusal carries a reason the set-up screen says in plain words.
import { timingSafeEqual, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { EnrolRefusal } from '../../core/contract/areas/setup.js';
import {
  decodeEnrolmentCode,
  enrolmentLookup,
  enrolmentProof,
  enrolmentSecretHash,
  enrolResponseSchema,
  helloResponseSchema,
  PROTOCOL_VERSION,
  type HelloResponse,
} from '../protocol/index.js';
import { HubConfigError, parseHubConfig, SYNC_CONFIG_FILE, type HubConfig } from './hubConfig.js';
import { pinnedFetch } from './pinnedFetch.js';
import { writeHubConfigFile } from './hubToken.js';

export class EnrolError extends HubConfigError {
  constructor(
    readonly reason: EnrolRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'EnrolError';
  }
}

const ASK_AGAIN = 'Ask IT for a new one (npm run hub -- device enrol --store STORE).';

/** What the hub's refusal codes mean for a code (hub/server.ts ENROL_REFUSALS). */
function refusalOf(code: string | undefined, url: string, message: string): EnrolError {
  switch (code) {
    case 'token_expired':
      return new EnrolError('expired', `This code has expired (codes last 15 minutes). ${ASK_AGAIN}`);
    case 'token_revoked':
      return new EnrolError('used', `This code was already used: each code sets up one register. ${ASK_AGAIN}`);
    case 'unauthorized':
      return new EnrolError('wrong_hub', `The hub at ${url} does not know this code: it was made by another hub. Check the address after @, or ask IT for a code from this store's hub.`);
    default:
      return new EnrolError('refused', `The hub at ${url} refused the code: ${message}`);
  }
}

/** TLS errors: the link is not to the hub whose CA was pinned. */
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|altnames/i;

function unreachable(url: string, err: unknown): EnrolError {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause ?? (err as { code?: string; message?: string });
  const what = cause.code ?? cause.message ?? String(err);
  if (CERTIFICATE_ERROR.test(`${cause.code ?? ''} ${cause.message ?? ''}`)) {
    return new EnrolError('fingerprint_mismatch', `The hub at ${url} answered with a certificate that is not the one it vouched for (${what}): not connecting. Someone may be intercepting the store network; tell IT.`);
  }
  return new EnrolError('unreachable', `Cannot reach the hub at ${url} (${what}). Check that this register is on the store network and the address after @ is right.`);
}

/** The hub's hello, read without trusting the link yet: the caller checks its proof. */
function hello(url: string, lookup: string, timeoutMs: number): Promise<HelloResponse> {
  const body = JSON.stringify({ protocol: PROTOCOL_VERSION, lookup });
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      new URL('/v1/enrol/hello', url),
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs, ...(client === https ? { rejectUnauthorized: false } : {}) },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text = text.length + c.length > 64 * 1024 ? text : text + c));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          if (res.statusCode !== 200) {
            const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
            return reject(refusalOf(error?.code, url, error?.message ?? `HTTP ${res.statusCode}`));
          }
          const parsed = helloResponseSchema.safeParse(json);
          if (!parsed.success) reject(new EnrolError('refused', `The server at ${url} is not an Endcap store hub (or a much older one).`));
          else resolve(parsed.data);
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', (err) => reject(unreachable(url, err)));
    req.end(body);
  });
}

export async function enrolWithCode(text: string, options: { register?: string; timeoutMs?: number } = {}): Promise<HubConfig> {
  const code = decodeEnrolmentCode(text);
  if (!code.ok) throw new EnrolError(code.reason, code.message);
  const { url, secret } = code;
  const timeoutMs = options.timeoutMs ?? 15_000;

  const offered = await hello(url, enrolmentLookup(secret), timeoutMs);
  if (url.startsWith('https:') && !offered.caCert) throw new EnrolError('fingerprint_mismatch', `The hub at ${url} offered no certificate to pin: not connecting.`);
  let fingerprint = '';
  try {
    fingerprint = offered.caCert ? new X509Certificate(offered.caCert).fingerprint256 : '';
  } catch {
    throw new EnrolError('fingerprint_mismatch', `The hub at ${url} offered something that is not a certificate: not connecting.`);
  }
  const expected = Buffer.from(enrolmentProof(enrolmentSecretHash(secret), fingerprint, offered.storeId), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(offered.proof, 'hex'))) {
    throw new EnrolError(
      'fingerprint_mismatch',
      `The hub at ${url} presented a certificate authority (fingerprint ${fingerprint.slice(0, 23)}…) that this code does not vouch for: not connecting. Someone may be intercepting the store network; tell IT.`,
    );
  }

  // Only now, over a link that must chain to the CA just checked, does the secret leave the register.
  const doFetch = offered.caCert ? pinnedFetch(offered.caCert) : fetch;
  const response = await doFetch(new URL('/v1/enrol', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: PROTOCOL_VERSION, secret }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((err: unknown) => {
    throw unreachable(url, err);
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw refusalOf(error?.code, url, error?.message ?? response.statusText);
  }
  const answer = enrolResponseSchema.parse(body);
  if (answer.storeId !== offered.storeId) throw new EnrolError('refused', `The hub at ${url} named two different stores for one code: not connecting.`);
  return parseHubConfig(
    {
      url, token: answer.token, store: answer.storeId, deviceId: answer.deviceId.replace(/[^A-Za-z0-9._-]/g, '_'), tokenExpiresAt: answer.expiresAt,
      ...(offered.caCert ? { ca: offered.caCert } : {}),
      // The hub names the register (R1, R2, … in its store); a name typed here serves only an older hub.
      ...(answer.registerId ? { register: answer.registerId } : options.register ? { register: options.register } : {}),
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
