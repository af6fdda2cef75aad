import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeystoreUnavailableError, SEALED_KEY_FILE, safeStorageKeyStore, type SafeStorageLike } from './safeStorageKeyStore.js';

/** A keystore that "encrypts" by XOR with a secret the test keeps: the file never holds the key. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  const mask = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => mask(Buffer.from(s, 'utf8')),
    decryptString: (b) => mask(b).toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-safe-'));
  dirs.push(d);
  return d;
}

describe('safeStorage key store (desktop app)', () => {
  it('seals a new random key with the OS keystore; the key is never on disk in clear', () => {
    const dir = tmp();
    const key = safeStorageKeyStore(dir, fakeSafeStorage(), 'linux').masterKey();
    const onDisk = fs.readFileSync(path.join(dir, SEALED_KEY_FILE));
    expect(onDisk.includes(key)).toBe(false);
    expect(onDisk.includes(key.toString('hex'))).toBe(false);
    expect(safeStorageKeyStore(dir, fakeSafeStorage(), 'linux').masterKey().equals(key)).toBe(true);
  });

  it('refuses to invent a key when there is no real keystore', () => {
    expect(() => safeStorageKeyStore(tmp(), fakeSafeStorage(false)).masterKey()).toThrow(KeystoreUnavailableError);
    expect(() => safeStorageKeyStore(tmp(), fakeSafeStorage(true, 'basic_text'), 'linux').masterKey()).toThrow(/keyring/);
  });
});
