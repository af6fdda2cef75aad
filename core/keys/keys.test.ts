import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileKeyStore, KEY_FILE, KeyFileError } from './fileKeyStore.js';
import { deriveKeys } from './keyStore.js';
import { seal, SealError, unseal } from './seal.js';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-keys-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('file key store (web host)', () => {
  it('creates one random key, owner-only, and returns the same key on every later open', () => {
    const dir = tmp();
    const key = fileKeyStore(dir).masterKey();
    expect(key).toHaveLength(32);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(fileKeyStore(dir).masterKey().equals(key)).toBe(true);
    expect(fileKeyStore(tmp()).masterKey().equals(key)).toBe(false); // per device
  });

  it('tightens a key file copied with looser rights and refuses one that is not a key', () => {
    const dir = tmp();
    const file = path.join(dir, KEY_FILE);
    fs.writeFileSync(file, 'cd'.repeat(32), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(fileKeyStore(dir).masterKey().toString('hex')).toBe('cd'.repeat(32));
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.writeFileSync(file, 'not a key');
    expect(() => fileKeyStore(dir).masterKey()).toThrow(KeyFileError);
  });
});

describe('derived keys and sealing', () => {
  it('derives distinct keys per job and refuses a master key of the wrong size', () => {
    const k = deriveKeys(Buffer.alloc(32, 7));
    expect(new Set([k.replica.toString('hex'), k.pinPepper.toString('hex'), k.config.toString('hex')]).size).toBe(3);
    expect(() => deriveKeys(Buffer.alloc(16))).toThrow(/32 bytes/);
  });

  it('seals so that only the same key opens, and a tampered value is refused', () => {
    const key = Buffer.alloc(32, 1);
    const sealed = seal(key, 'device-token-123456');
    expect(sealed).not.toContain('device-token');
    expect(unseal(key, sealed)).toBe('device-token-123456');
    expect(() => unseal(Buffer.alloc(32, 2), sealed)).toThrow(SealError);
    const flipped = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => unseal(key, flipped)).toThrow(SealError);
  });
});
