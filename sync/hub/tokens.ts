import { createHash, randomBytes } from 'node:crypto';

/** A new device token: 32 random bytes, so a plain SHA-256 at rest cannot be brute-forced. */
export function newDeviceToken(): string {
  return `ecd_${randomBytes(32).toString('base64url')}`;
}

/** A new admin token (CSV uploads); its own prefix, so a person can tell the two kinds apart. */
export function newAdminToken(): string {
  return `eca_${randomBytes(32).toString('base64url')}`;
}

/** What the hub stores instead of the token itself. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
