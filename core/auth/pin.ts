import { createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// PINs are short, so the hash must be slow and the stored parameters must never be trusted:
// scrypt at a fixed minimum cost (a stored hash naming less is refused, not verified), a
// per-PIN salt, and a per-device pepper from the key store mixed in first, so a copied replica
// without the key store cannot be brute-forced offline.
export const SCRYPT_N = 16384;
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
const KEY_LENGTH = 32;
const MIN_KEY_LENGTH = 32;
const MIN_SALT_BYTES = 16;

/** Format: `scrypt$N$salt$key` (from the hub, or before peppers) or `scrypt-p1$N$r$p$salt$key` (peppered). */
const PEPPERED = 'scrypt-p1';

export class WeakPinHashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeakPinHashError';
  }
}

/** Hashes a PIN; with a pepper (a device key) the hash can only be checked where that key is. */
export function hashPin(pin: string, pepper?: Buffer): string {
  const salt = randomBytes(16);
  if (!pepper) {
    const key = scryptSync(pin, salt, KEY_LENGTH, { N: SCRYPT_N, r: SCRYPT_R, p: SCRYPT_P });
    return `scrypt$${SCRYPT_N}$${salt.toString('base64')}$${key.toString('base64')}`;
  }
  const key = scryptSync(peppered(pin, pepper), salt, KEY_LENGTH, { N: SCRYPT_N, r: SCRYPT_R, p: SCRYPT_P });
  return `${PEPPERED}$${SCRYPT_N}$${SCRYPT_R}$${SCRYPT_P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export interface PinCheck {
  match: boolean;
  /** The PIN matched a hash without this device's pepper: store a peppered one now. */
  rehash: boolean;
}

/**
 * Checks a PIN against a stored hash. A hash weaker than the fixed minimum (lower N, r or p,
 * short salt or key) throws WeakPinHashError: it is never used to let anyone in.
 */
export function checkPin(pin: string, stored: string, pepper?: Buffer): PinCheck {
  const parts = stored.split('$');
  if (parts[0] === PEPPERED && parts.length === 6) {
    const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
    const params = strongParams(Number(n), Number(r), Number(p), salt, key);
    if (!pepper) throw new WeakPinHashError('This PIN hash needs the device key, which this host does not have.');
    return { match: compare(peppered(pin, pepper), params), rehash: false };
  }
  if (parts[0] === 'scrypt' && parts.length === 4) {
    const [, n, salt, key] = parts as [string, string, string, string];
    const params = strongParams(Number(n), SCRYPT_R, SCRYPT_P, salt, key);
    const match = compare(pin, params);
    return { match, rehash: match && pepper !== undefined };
  }
  throw new WeakPinHashError('This PIN hash is in an unknown format.');
}

/** True when the PIN matches. Kept for callers that only need a yes or no. */
export function verifyPin(pin: string, stored: string, pepper?: Buffer): boolean {
  try {
    return checkPin(pin, stored, pepper).match;
  } catch {
    return false;
  }
}

interface Params {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function strongParams(N: number, r: number, p: number, salt64: string, key64: string): Params {
  const salt = Buffer.from(salt64, 'base64');
  const key = Buffer.from(key64, 'base64');
  if (!Number.isInteger(N) || N < SCRYPT_N || N > 2 ** 20 || (N & (N - 1)) !== 0) throw new WeakPinHashError(`scrypt N=${N} is below this app's minimum of ${SCRYPT_N}.`);
  if (!Number.isInteger(r) || r < SCRYPT_R || r > 32) throw new WeakPinHashError(`scrypt r=${r} is below this app's minimum of ${SCRYPT_R}.`);
  if (!Number.isInteger(p) || p < SCRYPT_P || p > 4) throw new WeakPinHashError(`scrypt p=${p} is out of range.`);
  if (salt.length < MIN_SALT_BYTES || key.length < MIN_KEY_LENGTH) throw new WeakPinHashError('The PIN hash has a short salt or key.');
  return { N, r, p, salt, key };
}

function compare(secret: string | Buffer, params: Params): boolean {
  const actual = scryptSync(secret, params.salt, params.key.length, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 });
  return timingSafeEqual(actual, params.key);
}

function peppered(pin: string, pepper: Buffer): Buffer {
  return createHmac('sha256', pepper).update(pin, 'utf8').digest();
}

// ---------------------------------------------------------------------------------------
// A PIN change travels to the store's other registers through the hub, which accepts it only
// with proof of the old PIN: an HMAC of the change keyed by the old PIN's scrypt key under the
// salt of the hash the hub holds (the hub checks it with that hash's key; the PIN never travels).

/** 'scrypt$N$salt' of an unpeppered hash (the form the hub holds), or null for any other form. */
export function sharedHashParams(stored: string): string | null {
  const parts = stored.split('$');
  return parts[0] === 'scrypt' && parts.length === 4 ? `scrypt$${parts[1]}$${parts[2]}` : null;
}

/** What the proof signs (sync/hub/apply/staff.ts builds the same text). */
export function pinChangeMessage(staffId: string, storeId: string, newPinHash: string): string {
  return `endcap-pin-change-v1\n${staffId}\n${storeId}\n${newPinHash}`;
}

/** Proof that whoever sends `message` knew `oldPin`, checkable by the holder of the hub's hash (`hubParams` from sharedHashParams). */
export function pinChangeProof(oldPin: string, hubParams: string, message: string): string {
  const [, n, salt] = hubParams.split('$') as [string, string, string];
  const params = strongParams(Number(n), SCRYPT_R, SCRYPT_P, salt, Buffer.alloc(KEY_LENGTH).toString('base64'));
  const key = scryptSync(oldPin, params.salt, KEY_LENGTH, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 });
  return createHmac('sha256', key).update(message, 'utf8').digest('base64');
}

// ---------------------------------------------------------------------------------------
// PIN policy: shared by login, "change my PIN" and a manager's "reset PIN".

export const DEFAULT_PIN_LENGTH = 6;
export const MIN_PIN_LENGTH = 4;
export const MAX_PIN_LENGTH = 8;

export type PinProblem = 'not_digits' | 'too_short' | 'too_long' | 'too_simple';

/** Why a new PIN is refused under the chain's length, or null when it is fine. */
export function newPinProblem(pin: string, length: number): PinProblem | null {
  if (!/^\d+$/.test(pin)) return 'not_digits';
  if (pin.length < length) return 'too_short';
  if (pin.length > MAX_PIN_LENGTH) return 'too_long';
  // All one digit, or a straight run up or down: the first guesses anyone makes.
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - digits[i]!));
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0]!)) return 'too_simple';
  return null;
}

export function describePinProblem(problem: PinProblem, length: number): string {
  switch (problem) {
    case 'not_digits':
      return 'A PIN is digits only.';
    case 'too_short':
      return `A new PIN has at least ${length} digits.`;
    case 'too_long':
      return `A PIN has at most ${MAX_PIN_LENGTH} digits.`;
    case 'too_simple':
      return 'Choose a PIN that is not one repeated digit or a straight run like 123456.';
  }
}
