// Small secrets in config files (the hub token in sync.json), sealed with AES-256-GCM under a
// device key: readable only where the device's key store is.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

export function isSealed(text: string): boolean {
  return text.startsWith(PREFIX);
}

export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unseal(key: Buffer, sealed: string): string {
  if (!isSealed(sealed)) throw new SealError('Not a sealed value.');
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  if (raw.length < 29) throw new SealError('A sealed value is too short.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('A sealed value could not be opened with this device\'s key (copied from another device?).');
  }
}
