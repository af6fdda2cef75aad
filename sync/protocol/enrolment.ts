// Enrolling a register. The hub prints a short, single-use, short-lived code that a person types
// on the register's set-up screen:
//
//     7KQ2-9XRT-M4PA-ZC8D-1H6W-QF3N-YB5E@192.168.1.20
//
// 26 Crockford base32 characters of secret (130 random bits), 2 check characters (a typing slip
// is caught before anything is sent), then the hub's address (port 4870 unless given). The code
// carries no CA fingerprint: the secret authenticates both ways instead.
//  1. Hello (TLS not yet trusted): the register sends a one-way lookup of the secret; the hub
//     answers with its CA certificate, its store, and a proof = HMAC(key derived from the secret,
//     SHA-256 fingerprint of that CA + store). Only the hub that made the code can compute it, and
//     it names the CA: a machine in the middle cannot vouch for a CA of its own, since it never
//     sees the secret (the lookup is a hash of 130 random bits, not reversible).
//  2. The register checks the proof over the full fingerprint of the CA it received, pins that CA,
//     and only then sends the secret itself, over a TLS link that must chain to the pinned CA.
// A truncated fingerprint in the code would protect nothing by itself (a CA matching 40 bits can be
// ground out offline); the 130-bit secret is what makes a forged CA fail.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { PROTOCOL_VERSION } from './messages.js';

/** Crockford's base32: no I, L, O or U, so what is read aloud or typed is unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET_CHARS = 26;
const CHECK_CHARS = 2;
const GROUP = 4;
/** The port a hub listens on unless told otherwise (npm run hub). */
export const DEFAULT_HUB_PORT = 4870;

/** A new enrolment secret: 26 base32 characters, 130 random bits. */
export function newEnrolmentSecret(): string {
  const bytes = randomBytes(SECRET_CHARS);
  return [...bytes].map((b) => ALPHABET[b & 31]).join('');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function checkOf(secret: string): string {
  const n = parseInt(sha256(`endcap-enrol-check\n${secret}`).slice(0, 4), 16) >> 6; // 10 bits
  return ALPHABET[n >> 5]! + ALPHABET[n & 31]!;
}

/** The hub's address as a register reaches it: https://host[:port], or http:// to a hub on this machine. */
export function encodeEnrolmentCode(c: { secret: string; url: string }): string {
  const chars = c.secret + checkOf(c.secret);
  const groups = chars.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
  const url = new URL(c.url);
  // URL leaves out a scheme's own port (80, 443); the code leaves out the hub's (4870).
  const port = url.port || (url.protocol === 'http:' ? '80' : '443');
  const address = `${url.hostname}${Number(port) === DEFAULT_HUB_PORT ? '' : `:${port}`}`;
  return `${groups}@${url.protocol === 'http:' ? 'http://' : ''}${address}`;
}

export type DecodedEnrolmentCode =
  | { ok: true; url: string; secret: string }
  | { ok: false; reason: 'not_a_code' | 'mistyped'; message: string };

/**
 * Reads a typed or pasted code, forgiving spaces, dashes, case and the letters people confuse
 * with digits (I, L → 1; O → 0).
 */
export function decodeEnrolmentCode(text: string): DecodedEnrolmentCode {
  const notACode = (why: string) => ({ ok: false as const, reason: 'not_a_code' as const, message: `That is not an enrolment code: ${why}` });
  const at = text.lastIndexOf('@');
  if (at < 0) return notACode('it ends with @ and the hub’s address, as in 7KQ2-…-YB5E@192.168.1.20.');
  const chars = text
    .slice(0, at)
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (chars.length !== SECRET_CHARS + CHECK_CHARS) {
    return notACode(`the part before @ has ${SECRET_CHARS + CHECK_CHARS} letters and digits (7 groups of 4); this one has ${chars.length}.`);
  }
  const bad = [...chars].find((ch) => !ALPHABET.includes(ch));
  if (bad) return notACode(`“${bad}” is not used in codes.`);
  const secret = chars.slice(0, SECRET_CHARS);
  if (checkOf(secret) !== chars.slice(SECRET_CHARS)) {
    return { ok: false, reason: 'mistyped', message: 'This code has a typing mistake: check each group against the printed code.' };
  }
  const url = addressUrl(text.slice(at + 1).trim());
  if (!url) return notACode('the part after @ is not a hub address (a name or IP address, and a port if not 4870).');
  return { ok: true, url, secret };
}

function addressUrl(address: string): string | null {
  const plain = /^http:\/\//i.test(address);
  const rest = address.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  if (!rest || /[\s/?#@]/.test(rest)) return null;
  try {
    const url = new URL(`${plain ? 'http' : 'https'}://${rest}`);
    if (!/:\d+$/.test(rest)) url.port = String(DEFAULT_HUB_PORT);
    if (plain && !isLoopbackUrl(url.href)) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Plain http is allowed only to a hub on this machine: nothing then crosses the store's network. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** What the hub keeps of a secret (never the secret itself); also the key of its proof. */
export const enrolmentSecretHash = (secret: string): string => sha256(secret);
/** How a register names its code to the hub before it trusts the link: one-way, and not the proof key. */
export const enrolmentLookup = (secret: string): string => sha256(`endcap-enrol-lookup\n${secret}`);
/** The hub's word that it made the code and that `caFingerprint` (empty for a plain loopback hub) is its CA. */
export function enrolmentProof(secretHash: string, caFingerprint: string, storeId: string): string {
  return createHmac('sha256', secretHash).update(`endcap-enrol-proof\n${caFingerprint}\n${storeId}`).digest('hex');
}

/** POST /v1/enrol/hello (no token; TLS not trusted yet). */
export const helloRequestSchema = z.object({ protocol: z.literal(PROTOCOL_VERSION), lookup: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
export const helloResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  storeId: z.string().min(1).max(64),
  /** PEM of the CA a register pins; null for a plain loopback hub. */
  caCert: z.string().min(1).max(20_000).nullable(),
  proof: z.string().regex(/^[0-9a-f]{64}$/),
});
export type HelloResponse = z.infer<typeof helloResponseSchema>;

/** POST /v1/enrol (no token: the secret is the credential, sent only over the pinned link). */
export const enrolRequestSchema = z.object({ protocol: z.literal(PROTOCOL_VERSION), secret: z.string().min(16).max(128) });
export const enrolResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  deviceId: z.string().min(1),
  storeId: z.string().min(1),
  token: z.string().min(16),
  expiresAt: z.string().nullable(),
  /** The register's name in its store, given by the hub (absent from an older hub's answer). */
  registerId: z.string().min(1).max(64).optional(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** POST /v1/device/token: a device trades its token, before it expires, for a new one. */
export const rotateResponseSchema = z.object({ protocol: z.literal(PROTOCOL_VERSION), token: z.string().min(16), expiresAt: z.string().nullable() });
export type RotateResponse = z.infer<typeof rotateResponseSchema>;
