// Enrolling a register: the hub prints a short-lived, single-use code that carries its address,
// the fingerprint of the CA the register must pin, and a secret; the register fetches the CA,
// checks the fingerprint, and trades the secret for its device token over the pinned TLS link.
import { z } from 'zod';
import { PROTOCOL_VERSION } from './messages.js';

const PREFIX = 'ECE1-';

export interface EnrolmentCode {
  /** The hub's base URL (https://…, or http:// for a hub on this machine's loopback only). */
  url: string;
  /** SHA-256 of the CA certificate to pin, as X509Certificate prints it (AA:BB:…); empty for plain loopback. */
  fingerprint: string;
  /** The single-use secret the hub trades for a device token. */
  secret: string;
}

const codeSchema = z.tuple([z.url({ protocol: /^https?$/ }), z.string().regex(/^([0-9A-F]{2}(:[0-9A-F]{2}){31})?$/, 'a SHA-256 fingerprint'), z.string().min(16).max(128)]);

export function encodeEnrolmentCode(c: EnrolmentCode): string {
  return `${PREFIX}${Buffer.from(JSON.stringify([c.url, c.fingerprint, c.secret])).toString('base64url')}`;
}

/** The code's parts, or null when the text is not an enrolment code. */
export function decodeEnrolmentCode(text: string): EnrolmentCode | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX)) return null;
  try {
    const parsed = codeSchema.safeParse(JSON.parse(Buffer.from(trimmed.slice(PREFIX.length), 'base64url').toString('utf8')));
    return parsed.success ? { url: parsed.data[0], fingerprint: parsed.data[1], secret: parsed.data[2] } : null;
  } catch {
    return null;
  }
}

/** Plain http is allowed only to a hub on this machine: nothing then crosses the store's network. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** POST /v1/enrol (no token: the code is the credential). */
export const enrolRequestSchema = z.object({ protocol: z.literal(PROTOCOL_VERSION), secret: z.string().min(16).max(128) });
export const enrolResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  deviceId: z.string().min(1),
  storeId: z.string().min(1),
  token: z.string().min(16),
  expiresAt: z.string().nullable(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** GET /v1/ca: the certificate a register pins once its fingerprint matches the code's. */
export const caResponseSchema = z.object({ protocol: z.literal(PROTOCOL_VERSION), caCert: z.string().min(1) });

/** POST /v1/device/token: a device trades its token, before it expires, for a new one. */
export const rotateResponseSchema = z.object({ protocol: z.literal(PROTOCOL_VERSION), token: z.string().min(16), expiresAt: z.string().nullable() });
export type RotateResponse = z.infer<typeof rotateResponseSchema>;
